"""Associations and standing groups: the list and each group's passport."""

from django.db.models import Count, F, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404, render

from events.models import Event, Group, Material
from imc_portal.page_cache import public_page
from imc_portal.pagination import paginate

PAST_MEETINGS_SHOWN = 20
# A big city has hundreds of groups: a page of them, in the same order, sections and all.
GROUPS_PER_PAGE = 60


def member_count():
    """Members of each group by a correlated count over the membership index: only the
    page's rows are counted, where a join and GROUP BY would count every group's members."""
    members = (
        Group.members.through.objects.filter(group=OuterRef("pk"))
        .order_by()
        .values("group")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(members), 0)


@public_page(query=["page"])
def group_list(request):
    groups = (
        Group.objects.published()
        .select_related("subject", "head")
        .annotate(member_count=member_count())
        .order_by("kind", F("subject__order").asc(nulls_last=True), "order", "name")
    )
    page = paginate(request, groups, GROUPS_PER_PAGE)
    return render(request, "events/group_list.html", {"page_obj": page})


def can_see_members(user):
    return user.is_authenticated and user.is_staff and user.has_perm("events.view_group")


@public_page(changes_with_time=True)
def group_detail(request, slug):
    group = get_object_or_404(
        Group.objects.published()
        .select_related("subject", "head__institution", "curator")
        .annotate(member_count=member_count()),
        slug=slug,
    )
    meetings = Event.objects.visible_to(request.user).filter(group=group)
    past = meetings.past().prefetch_related(
        Prefetch("materials", queryset=Material.objects.all(), to_attr="material_list")
    )
    context = {
        "group": group,
        "upcoming": meetings.upcoming().for_list(),
        "past": past[:PAST_MEETINGS_SHOWN],
        "past_total": meetings.past().count(),
        "members": None,
    }
    if can_see_members(request.user):
        context["members"] = group.members.select_related("institution").order_by("surname")
    return render(request, "events/group_detail.html", context)
