"""Site search: published events and public groups."""

from django.utils import timezone
from django.utils.translation import gettext as _

from events.models import Event, Group
from imc_portal.site_search import HITS_PER_SECTION, SearchHit, SearchSection, text_filter


def sections(query):
    events = text_filter(
        Event.objects.published().select_related("venue"), ["title", "description"], query
    ).order_by("-start")[:HITS_PER_SECTION]
    groups = text_filter(
        Group.objects.published(), ["name", "focus", "description"], query
    ).order_by("name")[:HITS_PER_SECTION]
    return [
        SearchSection(
            title=_("Events"),
            hits=[
                SearchHit(
                    title=event.title,
                    url=event.get_absolute_url(),
                    summary=event.description,
                    date=timezone.localtime(event.start),
                )
                for event in events
            ],
        ),
        SearchSection(
            title=_("Associations and groups"),
            hits=[
                SearchHit(title=group.name, url=group.get_absolute_url(), summary=group.focus)
                for group in groups
            ],
        ),
    ]
