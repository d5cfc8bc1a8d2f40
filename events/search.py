"""Published events and public groups in the site search (``imc_portal.search_index``)."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events.models import Event, Group
from imc_portal.search_index import Document, SearchIndex, descending


def _event(event):
    return Document(
        title=event.title,
        url=event.get_absolute_url(),
        text=(event.title, event.description),
        summary=event.description,
        date=timezone.localtime(event.start).date(),
        sort_key=(descending(event.start),),
    )


def _group(group):
    return Document(
        title=group.name,
        url=group.get_absolute_url(),
        text=(group.name, group.focus, group.description),
        summary=group.focus,
        sort_key=(group.name,),
    )


def indexes():
    return [
        SearchIndex(
            key="events.event",
            title=_("Events"),
            rows=lambda: Event.objects.published(),
            document=_event,
        ),
        SearchIndex(
            key="events.group",
            title=_("Associations and groups"),
            rows=lambda: Group.objects.published(),
            document=_group,
        ),
    ]
