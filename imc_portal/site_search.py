"""The site search. Each app answers from its ``search.py``:

    def sections(query: str) -> list[SearchSection]

and builds its querysets with ``text_filter`` so that every kind of record is matched the
same way (apostrophe variants, one query per section, a bounded number of hits).
"""

from dataclasses import dataclass, field
from functools import reduce
from operator import and_, or_

from django.db.models import Q

from imc_portal.plugins import app_modules
from imc_portal.text import APOSTROPHES

MAX_QUERY_LENGTH = 200
MAX_TERMS = 8
HITS_PER_SECTION = 20


@dataclass
class SearchHit:
    title: str
    url: str
    summary: str = ""
    date: object = None


@dataclass
class SearchSection:
    title: str
    hits: list[SearchHit] = field(default_factory=list)
    more_url: str = ""


def search_terms(query):
    """Words of two letters or more; a one-letter query finds nothing rather than everything."""
    return [term for term in query.split() if len(term) >= 2][:MAX_TERMS]


def _variants(term):
    """The word with each apostrophe form ("об'єднання", "об’єднання", "обʼєднання") and in
    lower, Capitalised and UPPER case: SQLite's LIKE folds the case of Latin letters only."""
    plain = term.lower()
    for mark in APOSTROPHES:
        plain = plain.replace(mark, "'")
    marks = APOSTROPHES if "'" in plain else "'"
    spelled = {plain.replace("'", mark) for mark in marks}
    return sorted({form for word in spelled for form in (word, word.capitalize(), word.upper())})


def text_filter(queryset, fields, query):
    """Rows where every term occurs in one of ``fields`` (case-insensitive)."""
    terms = search_terms(query)
    if not terms:
        return queryset.none()
    conditions = [
        reduce(or_, (Q(**{f"{name}__icontains": v}) for name in fields for v in _variants(term)))
        for term in terms
    ]
    return queryset.filter(reduce(and_, conditions))


def search_sections(query):
    sections = []
    for module in app_modules("search"):
        sections.extend(section for section in module.sections(query) if section.hits)
    return sections
