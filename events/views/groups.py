"""Associations and standing groups: the list and each group's passport."""

from django.db.models import Count, F, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from events.fragments import attach_item_html
from events.models import Event, Group, Material
from events.views.common import slice_page

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


def group_list(request):
    groups = (
        Group.objects.published()
        .select_related("subject", "head")
        .annotate(member_count=member_count())
        .order_by("kind", F("subject__order").asc(nulls_last=True), "order", "name")
    )
    page = slice_page(request, groups, GROUPS_PER_PAGE)
    sections = {}
    for group in page.object_list:
        sections.setdefault(group.kind, {"label": group.get_kind_display(), "groups": []})
        sections[group.kind]["groups"].append(group)
    return render(
        request,
        "events/group_list.html",
        {"sections": list(sections.values()), "page_obj": page},
    )


def can_see_members(user):
    return user.is_authenticated and user.is_staff and user.has_perm("events.view_group")


def group_detail(request, slug):
    group = get_object_or_404(
        Group.objects.published()
        .select_related("subject", "head__institution", "curator")
        .annotate(member_count=member_count()),
        slug=slug,
    )
    now = timezone.now()
    meetings = Event.objects.visible_to(request.user).filter(group=group)
    # Upcoming entries come from the fragment cache (areas fetched only for those missing).
    upcoming = attach_item_html(list(meetings.upcoming(now).select_related("venue", "group")), 3)
    past = list(
        meetings.past(now).prefetch_related(
            Prefetch("materials", queryset=Material.objects.all(), to_attr="material_list")
        )[:PAST_MEETINGS_SHOWN]
    )
    past_total = meetings.past(now).count()
    members = None
    if can_see_members(request.user):
        members = list(group.members.select_related("institution").order_by("surname"))
    return render(
        request,
        "events/group_detail.html",
        {
            "group": group,
            "upcoming": upcoming,
            "past": past,
            "past_total": past_total,
            "members": members,
        },
    )
