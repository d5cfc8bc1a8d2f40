"""Associations and standing groups: the list and each group's passport."""

import hashlib

from django.db.models import Count, F, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string

from events.fragments import attach_item_html
from events.models import Event, Group, Material
from events.models.event import sees_drafts
from events.views.common import list_time, page_number, slice_page
from imc_portal.fragments import attach_html, cached_html

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


def full_groups(groups):
    """The groups again with their area, head and members counted: for the entries not in
    the cache (the list reads only what it orders and sections by)."""
    found = Group.objects.select_related("subject", "head").in_bulk([g.pk for g in groups])
    counts = dict(
        Group.members.through.objects.filter(group__in=groups)
        .values_list("group")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for group in found.values():
        group.member_count = counts.get(group.pk, 0)
    return [found[group.pk] for group in groups]


def group_list(request):
    """The groups a page at a time, by kind; each page kept rendered until a record
    changes (the groups' own queries run only then)."""
    number = page_number(request)

    def render_page():
        groups = (
            Group.objects.published()
            .only("pk", "kind")
            .order_by("kind", F("subject__order").asc(nulls_last=True), "order", "name")
        )
        page = slice_page(groups, number, GROUPS_PER_PAGE)
        # Each entry is rendered once per content version.
        attach_html(
            page.object_list, "events/includes/group_item.html", "events:group-item",
            as_name="group", attr="item_html", load=full_groups,
        )  # fmt: skip
        sections = {}
        for group in page.object_list:
            sections.setdefault(group.kind, {"label": group.get_kind_display(), "groups": []})
            sections[group.kind]["groups"].append(group)
        context = {"sections": list(sections.values()), "page_obj": page}
        return render_to_string("events/includes/group_page.html", context)

    page_html = cached_html(f"events:group-page:{number}", render_page)
    return render(request, "events/group_list.html", {"page_html": page_html})


def can_see_members(user):
    return user.is_authenticated and user.is_staff and user.has_perm("events.view_group")


# What the page needs of the group on every visit; its passport (area, head, curator,
# members counted, description) is rendered once per content version.
SHOWN_FIELDS = ("pk", "name", "slug", "focus")


def group_detail(request, slug):
    group = get_object_or_404(Group.objects.published().only(*SHOWN_FIELDS), slug=slug)

    def render_passport():
        whole = (
            Group.objects.select_related("subject", "head__institution", "curator")
            .annotate(member_count=member_count())
            .get(pk=group.pk)
        )
        return render_to_string("events/includes/group_passport.html", {"group": whole})

    passport_html = cached_html(f"events:group-passport:{group.pk}", render_passport)
    now = list_time()
    drafts = int(sees_drafts(request.user))
    meetings = Event.objects.visible_to(request.user).filter(group=group)

    def render_meetings():
        # Upcoming entries come from the fragment cache (areas fetched only for those
        # missing).
        upcoming = attach_item_html(list(meetings.upcoming(now).for_list()), 3)

        def render_past():
            past = list(
                meetings.past(now).prefetch_related(
                    Prefetch("materials", queryset=Material.objects.all(), to_attr="material_list")
                )[:PAST_MEETINGS_SHOWN]
            )
            context = {"group": group, "past": past, "past_total": meetings.past(now).count()}
            return render_to_string("events/includes/group_past.html", context)

        # Past meetings are all the group's meetings but the upcoming ones: the same upcoming
        # list (and the same content version) means the same past list.
        shown = ",".join(str(event.pk) for event in upcoming)
        digest = hashlib.sha1(shown.encode(), usedforsecurity=False).hexdigest()
        past_html = cached_html(f"events:group-past:{group.pk}:{drafts}:{digest}", render_past)
        return render_to_string(
            "events/includes/group_meetings.html", {"upcoming": upcoming, "past_html": past_html}
        )

    # Kept for the minute (see list_time) until a record changes.
    meetings_html = cached_html(
        f"events:group-meetings:{group.pk}:{drafts}:{now.isoformat()}", render_meetings
    )
    members = None
    if can_see_members(request.user):
        members = list(group.members.select_related("institution").order_by("surname"))
    return render(
        request,
        "events/group_detail.html",
        {
            "group": group,
            "passport_html": passport_html,
            "meetings_html": meetings_html,
            "members": members,
        },
    )
