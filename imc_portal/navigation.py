"""The main menu. An entry appears once the app that serves it is installed."""

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

MENU = [
    ("events:upcoming", _("Events")),
    ("events:group_list", _("Associations")),
    ("contests:index", _("Contests and olympiads")),
    ("publications:index", _("Publications")),
    ("institution_list", _("Institutions")),
    ("staff:about", _("About the centre")),
]


def menu_items(current_path):
    items = []
    for url_name, label in MENU:
        try:
            url = reverse(url_name)
        except NoReverseMatch:
            continue
        items.append({"url": url, "label": label, "active": current_path.startswith(url)})
    return items
