"""Institutions in the site search (``imc_portal.search_index``): by their full and short
names and address. Teachers are not searched by name (see publications/search.py)."""

from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from imc_portal.models import Institution
from imc_portal.search_index import Document, SearchIndex


def _institution(institution):
    return Document(
        title=institution.name,
        url=institution.get_absolute_url(),
        text=(institution.name, institution.short_name, institution.address),
        summary=institution.get_kind_display(),
        sort_key=(institution.short_name or institution.name,),
    )


def indexes():
    return [
        SearchIndex(
            key="imc_portal.institution",
            title=_("Institutions"),
            rows=lambda: Institution.objects.all(),
            document=_institution,
            more_url=reverse_lazy("institution_list"),
        )
    ]
