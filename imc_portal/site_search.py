"""The site search. Each app answers from its ``search.py``:

    def sections(query: str) -> list[SearchSection]

and builds its querysets with ``text_filter`` so that every kind of record is matched the
same way (apostrophe variants, one query per section, a bounded number of hits).
"""

import re
from dataclasses import dataclass, field
from functools import reduce
from operator import and_, or_

from django.contrib.postgres.lookups import TrigramWordSimilar
from django.db import connections
from django.db.models import F, Q

from imc_portal.plugins import app_modules
from imc_portal.text import APOSTROPHES, normalize_apostrophes

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


# Case and number endings of Ukrainian nouns and adjectives, longest first. Stripping them
# leaves a stem that the other forms of the word start with: "семінарів" → "семінар".
_ENDINGS_TEXT = """а я о е є у ю і ї и ь ам ям ах ях ою ею єю ом ем ів їв ей ий ій ої ого ому ими
    их іх им ім ами ями ові еві єві ова ева"""
_ENDINGS = sorted(set(_ENDINGS_TEXT.split()), key=len, reverse=True)
# Nouns in -ння/-ття lose a consonant in the genitive plural: "об'єднання" → "об'єднань".
_DOUBLED_ENDINGS = ("ннями", "ннях", "нням", "нню", "ння", "нні", "нь")
MIN_STEM = 3
MAX_TERM_LENGTH = 64
TRIGRAM_MIN_TERM = 4
TRIGRAM_THRESHOLD = 0.6  # pg_trgm.word_similarity_threshold's default, used by its %> operator
_APOSTROPHE_CLASS = "[" + re.escape(APOSTROPHES) + "]"


def word_stem(term):
    """A crude Ukrainian stem: enough for a search to find a word in its other forms."""
    word = normalize_apostrophes(term.lower())
    if not re.search("[а-яіїєґ]", word):
        return word
    for ending in _DOUBLED_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= MIN_STEM:
            return word[: -len(ending)] + "н"
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= MIN_STEM:
            return word[: -len(ending)]
    return word


def _stem_pattern(stem, vendor):
    """A case-insensitive regular expression for words that start with ``stem``, written
    for the database: PostgreSQL marks a word start with \\m, SQLite runs Python's re."""
    body = _APOSTROPHE_CLASS.join(re.escape(part) for part in stem.split("'"))
    return ("\\m" if vendor == "postgresql" else "\\b") + body


def _term_condition(term, fields, vendor):
    stem = word_stem(term)
    pattern = _stem_pattern(stem, vendor)
    variants = _variants(term)
    if vendor == "postgresql":
        # PostgreSQL folds the case itself (UPPER … LIKE): one condition per apostrophe form.
        variants = sorted({variant.lower() for variant in variants})
    conditions = []
    for name in fields:
        conditions.extend(Q(**{f"{name}__icontains": v}) for v in variants)
        conditions.append(Q(**{f"{name}__iregex": pattern}))
        if vendor == "postgresql" and len(term) >= TRIGRAM_MIN_TERM:
            # Word similarity forgives a wrong ending or a typo: "семінари" ~ "семінар". The
            # operator form (word_similarity > pg_trgm.word_similarity_threshold, 0.6 by
            # default) can use a GIN trigram index; the function form always reads every row.
            conditions.append(Q(TrigramWordSimilar(F(name), term)))
    return reduce(or_, conditions)


def text_filter(queryset, fields, query):
    """Rows where every term of ``query`` occurs in one of ``fields``, in any apostrophe
    form, case-insensitively, in its other Ukrainian forms (same stem); on PostgreSQL also
    by trigram word similarity (pg_trgm, created by a publications migration)."""
    terms = [term[:MAX_TERM_LENGTH] for term in search_terms(query.replace("\x00", ""))]
    if not terms:
        return queryset.none()
    vendor = connections[queryset.db].vendor
    return queryset.filter(reduce(and_, (_term_condition(t, fields, vendor) for t in terms)))


def search_sections(query):
    sections = []
    for module in app_modules("search"):
        sections.extend(section for section in module.sections(query) if section.hits)
    return sections
