"""The site search: one query over the search index (``imc_portal.search_index``, filled
from the apps' ``search.py``) for the first hits of every section.

A word matches a record when one of the record's words starts with the word's stem
(``word_stem``: "семінарів" finds "семінар" and "семінари"), whatever the case and the
apostrophe, the same on SQLite and PostgreSQL. Every word of the query must match.

``text_filter`` matches on the columns of any queryset (the events list's text filter uses
it): also inside words, and on PostgreSQL by trigram word similarity, which forgives a typo
but reads too many rows for the whole index.
"""

import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import reduce
from operator import and_, or_

from django.conf import settings
from django.contrib.postgres.lookups import TrigramWordSimilar
from django.db import connections, router
from django.db.models import F, Q, Window
from django.db.models.expressions import RawSQL
from django.db.models.functions import Collate, RowNumber
from django.urls import translate_url
from django.utils import timezone, translation
from django.utils.translation import get_language

from imc_portal.models import SearchEntry
from imc_portal.search_index import FTS_TABLE, search_indexes
from imc_portal.text import APOSTROPHES, normalize_apostrophes, searchable_text

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


def search_words(query):
    """The words of ``query`` as the index spells them (``searchable_text``), two letters
    or longer; a one-letter query finds nothing rather than everything."""
    words = searchable_text(query.replace("\x00", "")).split()
    return [word[:MAX_TERM_LENGTH] for word in words if len(word) >= 2][:MAX_TERMS]


def _index_condition(stems, vendor):
    """Entries with a word starting with each stem. Stems hold only letters, digits and
    apostrophes (``searchable_text`` makes every other character a space): no LIKE
    wildcards, nothing that FTS5 reads as query syntax inside double quotes."""
    if vendor == "sqlite":
        # Every stem as the prefix of a word, answered by the FTS5 table's index.
        match = " AND ".join(f'"{stem}"*' for stem in stems)
        sql = f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s"
        return Q(pk__in=RawSQL(sql, [match]))
    # PostgreSQL: LIKE, answered by the trigram index. Trigram word similarity (text %>
    # word: it forgives a typo) is left out: on the ten-year data it matched "методичний"
    # and more for "методист", a quarter of the index, and took 400 ms to check them.
    return Q(*(Q(text__contains=f" {stem}") for stem in stems))


def localised(url):
    """An address as the index keeps it (in the site's language) in the page's language."""
    language = get_language()
    if language == settings.LANGUAGE_CODE:
        return url
    with translation.override(settings.LANGUAGE_CODE):  # the language it is written in
        return translate_url(url, language)


def search_sections(query):
    """The sections with hits, in the apps' order, each with its first HITS_PER_SECTION
    hits: two SQL queries (one when nothing matches)."""
    stems = [word_stem(word) for word in search_words(query)]
    if not stems:
        return []
    today = timezone.localdate()
    vendor = connections[router.db_for_read(SearchEntry)].vendor
    # Sort keys compare byte by byte (search_index.sort_key): SQLite's default, "C" on
    # PostgreSQL, whatever the database's collation (and much faster than a locale's).
    by_bytes = Collate(F("sort_key"), "C") if vendor == "postgresql" else F("sort_key")
    # Two queries: the first ranks every match reading narrow columns only, the second
    # reads the winners by primary key. (As one query, with the first as a subquery,
    # PostgreSQL expects thousands of winners and reads the whole table to join them.)
    first_hits = list(
        SearchEntry.objects.filter(_index_condition(stems, vendor))
        .filter(Q(visible_from__isnull=True) | Q(visible_from__lte=today))
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=F("section"),
                order_by=[by_bytes.asc(), F("object_id").asc()],
            )
        )
        .filter(rank__lte=HITS_PER_SECTION)
        .values_list("pk", flat=True)
    )
    if not first_hits:
        return []
    rows = (
        SearchEntry.objects.filter(pk__in=first_hits)
        .order_by("section", by_bytes, "object_id")
        .values_list("section", "title", "url", "summary", "date")
    )
    hits = defaultdict(list)
    for section, title, url, summary, date in rows:
        hits[section].append(SearchHit(title, localised(url), summary, date))
    return [
        SearchSection(str(index.title), hits[index.key], str(index.more_url))
        for index in search_indexes()
        if hits[index.key]
    ]
