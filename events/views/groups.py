"""Associations and standing groups: the list and each group's passport."""

from django.db.models import Count, F, Prefetch
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from events.models import Event, Group, Material

PAST_MEETINGS_SHOWN = 20


def group_list(request):
    groups = (
        Group.objects.published()
        .select_related("subject", "head", "curator")
        .annotate(member_count=Count("members", distinct=True))
        .order_by("kind", F("subject__order").asc(nulls_last=True), "order", "name")
    )
    sections = {}
    for group in groups:
        sections.setdefault(group.kind, {"label": group.get_kind_display(), "groups": []})
        sections[group.kind]["groups"].append(group)
    return render(request, "events/group_list.html", {"sections": list(sections.values())})


def can_see_members(user):
    return user.is_authenticated and user.is_staff and user.has_perm("events.view_group")


def group_detail(request, slug):
    group = get_object_or_404(
        Group.objects.published()
        .select_related("subject", "head__institution", "curator")
        .annotate(member_count=Count("members", distinct=True)),
        slug=slug,
    )
    now = timezone.now()
    meetings = (
        Event.objects.visible_to(request.user)
        .filter(group=group)
        .select_related("venue", "group")
        .prefetch_related("subjects")
    )
    upcoming = list(meetings.upcoming(now))
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
