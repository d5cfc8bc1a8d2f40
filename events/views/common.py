"""Querysets shared by the event pages."""

from django.db.models import Prefetch

from events.models import Event, Material, Speaker

PAGE_SIZE = 20


def detail_queryset(request, teacher=None):
    """An event with everything its page shows; with ``teacher``'s own registration when a
    linked teacher is signed in."""
    events = (
        Event.objects.visible_to(request.user)
        .select_related("venue", "group")
        .with_representatives()
        .with_attendee_count()
        .with_places_taken()
        .prefetch_related(
            "subjects",
            "audience_roles",
            "partners",
            "organisers",
            Prefetch("speakers", queryset=Speaker.objects.all(), to_attr="speaker_list"),
            Prefetch("materials", queryset=Material.objects.all(), to_attr="material_list"),
        )
    )
    if teacher is not None:
        events = events.with_own_registration(teacher)
    return events
