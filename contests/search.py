"""Site search: contest editions, olympiad years and МАН years. Students are never
searched: their names are not a way into the portal."""

from django.utils.translation import gettext as _

from contests.models import ContestEdition, ManWork, Olympiad
from imc_portal.site_search import HITS_PER_SECTION, SearchHit, SearchSection, text_filter


def sections(query):
    editions = text_filter(
        ContestEdition.objects.published().select_related("contest"),
        ["contest__name", "nominations__name"],
        query,
    ).distinct()[:HITS_PER_SECTION]
    olympiads = text_filter(
        Olympiad.objects.published().select_related("subject"), ["subject__name"], query
    )[:HITS_PER_SECTION]
    works = text_filter(
        ManWork.objects.published().select_related("section"), ["title", "section__name"], query
    )[:HITS_PER_SECTION]
    return [
        SearchSection(
            _("Professional contests"),
            [SearchHit(f"«{e.contest.name}» {e.year}", e.get_absolute_url()) for e in editions],
        ),
        SearchSection(
            _("Olympiads"),
            [SearchHit(str(o), o.get_absolute_url()) for o in olympiads],
        ),
        SearchSection(
            _("Small Academy of Sciences"),
            [
                SearchHit(f"{w.title} ({w.year})", w.get_absolute_url(), w.section.name)
                for w in works
            ],
        ),
    ]
