"""The site search's index: one ``SearchEntry`` row per public record, so that a search
reads one indexed table instead of every searchable column of every table.

Each app declares what it indexes in its ``search.py`` and registers it in its
``AppConfig.ready()`` (``registry.search_indexes``):

    def indexes() -> list[SearchIndex]

A ``SearchIndex`` names the records (``rows``: published, or published from a date that has
not come yet, with the joins ``document`` needs), turns one record into a ``Document`` and
lists the related models whose changes alter its documents (``follows``: model → lookup
path from the indexed record to it). Saving, deleting or relinking a record or a followed
one refreshes the affected entries (``connect_signals``); bulk writes send no signals, so
whatever writes in bulk ends with ``rebuild()`` (``manage.py rebuild_search_index``) or
calls ``refresh_for()`` itself.
"""

import datetime as dt
from collections import defaultdict
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import cache

from django.conf import settings
from django.db import connections, router, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.utils import translation
from django.utils.text import Truncator

from imc_portal import registry
from imc_portal.models import SearchEntry
from imc_portal.text import normalize_apostrophes, searchable_text

SUMMARY_WORDS = 30  # what the results page shows of a summary, cut once when indexed
_KEY_WIDTH = 12
_KEY_SEPARATOR = "\x1f"  # sorts before any printable character
_BATCH = 500
UPDATED_FIELDS = ["title", "summary", "url", "date", "visible_from", "sort_key", "text"]


@dataclass(frozen=True)
class Document:
    """What the search shows of a record (title, url, summary, date) and finds it by
    (``text``: the searched fields' values). ``sort_key`` orders hits within a section
    (see ``descending``); ``visible_from`` hides a record until its date."""

    title: str
    url: str
    text: tuple
    summary: str = ""
    date: dt.date | None = None
    visible_from: dt.date | None = None
    sort_key: tuple = ()


@dataclass(frozen=True)
class SearchIndex:
    key: str
    title: str
    rows: object  # () -> QuerySet
    document: object  # (record) -> Document
    follows: dict = field(default_factory=dict)
    more_url: str = ""

    @property
    def model(self):
        return self.rows().model


def descending(value):
    """A number, date or moment for ``Document.sort_key`` that sorts in reverse."""
    if isinstance(value, dt.datetime):
        value = int(value.timestamp())
    elif isinstance(value, dt.date):
        value = value.toordinal()
    return 10**_KEY_WIDTH - 1 - (value or 0)


# Ukrainian letters in alphabetical order (in Unicode є, і and ї come before а, ґ after я),
# written as private-use characters in that order for sort keys.
_ALPHABET = "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя"
_ALPHABETICAL = str.maketrans({letter: chr(0xE000 + n) for n, letter in enumerate(_ALPHABET)})


def sort_key(parts):
    """A string whose byte order (the "C" collation the search sorts with, on every
    database) is the order of the tuple ``parts``: numbers zero-padded, dates in ISO, text
    case-insensitively in Ukrainian alphabetical order."""
    out = []
    for part in parts:
        if isinstance(part, int):
            out.append(f"{part:0{_KEY_WIDTH}d}")
        elif isinstance(part, dt.date):
            out.append(part.isoformat())
        else:
            out.append(normalize_apostrophes(str(part or "").lower()).translate(_ALPHABETICAL))
    return _KEY_SEPARATOR.join(out)


@cache
def search_indexes():
    """Every app's indexes, in app order: the order of the sections on the results page."""
    return [index for indexes in registry.search_indexes for index in indexes()]


@cache
def _indexes_by_model():
    found = defaultdict(list)
    for index in search_indexes():
        found[index.model].append(index)
    return dict(found)


@cache
def _followers_by_model():
    found = defaultdict(list)
    for index in search_indexes():
        for model, path in index.follows.items():
            found[model].append((index, path))
    return dict(found)


def _entry(index, record):
    document = index.document(record)
    return SearchEntry(
        section=index.key,
        object_id=record.pk,
        title=document.title,
        summary=Truncator(document.summary or "").words(SUMMARY_WORDS),
        url=str(document.url),
        date=document.date,
        visible_from=document.visible_from,
        sort_key=sort_key(document.sort_key),
        text=searchable_text(*document.text),
    )


def _chunks(items, size=_BATCH):
    items = list(items)
    for start in range(0, len(items), size):
        yield items[start : start + size]


def refresh_records(index, pks):
    """Write the entries of ``index`` for the records ``pks``: current ones for public
    records, none for the others (hidden or deleted)."""
    for chunk in _chunks(set(pks)):
        # Titles hold translated words ("Olympiad: …"): written in the site's language.
        with translation.override(settings.LANGUAGE_CODE):
            entries = [_entry(index, record) for record in index.rows().filter(pk__in=chunk)]
        gone = set(chunk) - {entry.object_id for entry in entries}
        if gone:
            SearchEntry.objects.filter(section=index.key, object_id__in=gone).delete()
        if entries:
            SearchEntry.objects.bulk_create(
                entries,
                update_conflicts=True,
                unique_fields=["section", "object_id"],
                update_fields=UPDATED_FIELDS,
            )


def _followers_of(model, pks):
    """(index, pks of its records) for the indexed records that show something of the
    ``model`` records ``pks``."""
    return [
        (
            index,
            index.model._default_manager.filter(**{f"{path}__in": pks}).values_list(
                "pk", flat=True
            ),
        )
        for index, path in _followers_by_model().get(model, [])
    ]


def refresh_for(model, pks):
    """Refresh the entries that show something of the ``model`` records ``pks``: theirs
    and their followers' (also for bulk updates, which send no signals)."""
    pks = list(pks)
    for index in _indexes_by_model().get(model, []):
        refresh_records(index, pks)
    for index, followers in _followers_of(model, pks):
        refresh_records(index, list(followers))


_deferred = ContextVar("search_index_deferred", default=False)


@contextmanager
def deferred():
    """Saves and deletes inside leave the index alone: for a bulk load that ends with
    ``rebuild()``."""
    token = _deferred.set(True)
    try:
        yield
    finally:
        _deferred.reset(token)


def _on_save(sender, instance, **kwargs):
    if _deferred.get():
        return
    refresh_for(sender, [instance.pk])


def _before_delete(sender, instance, **kwargs):
    if _deferred.get():
        return
    # Once the row is gone, the lookup from the indexed records to it finds nothing.
    followers = _followers_of(sender, [instance.pk])
    if followers:
        instance._search_followers = [(index, list(pks)) for index, pks in followers]


def _on_delete(sender, instance, **kwargs):
    if _deferred.get():
        return
    for index in _indexes_by_model().get(sender, []):
        SearchEntry.objects.filter(section=index.key, object_id=instance.pk).delete()
    for index, pks in getattr(instance, "_search_followers", []):
        refresh_records(index, pks)


def _on_relink(sender, instance, action, model, pk_set, **kwargs):
    """A many-to-many relation that an index follows changed, from either side."""
    if _deferred.get():
        return
    own = [i for i in _indexes_by_model().get(type(instance), []) if model in i.follows]
    other = [i for i in _indexes_by_model().get(model, []) if type(instance) in i.follows]
    if action == "pre_clear" and other:
        # After the clear, which records were linked is forgotten (pk_set is None).
        instance._search_unlinked = {
            index.key: list(
                model._default_manager.filter(
                    **{index.follows[type(instance)]: instance.pk}
                ).values_list("pk", flat=True)
            )
            for index in other
        }
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    for index in own:
        refresh_records(index, [instance.pk])
    unlinked = getattr(instance, "_search_unlinked", {})
    for index in other:
        refresh_records(index, pk_set or unlinked.get(index.key, []))


def connect_signals():
    pairs = [(post_save, _on_save), (pre_delete, _before_delete), (post_delete, _on_delete),
             (m2m_changed, _on_relink)]  # fmt: skip
    for signal, handler in pairs:
        signal.connect(handler, dispatch_uid=f"search_index{handler.__name__}")


# SQLite: an FTS5 table over SearchEntry.text, kept by triggers. Its tokens are the words of
# the text as searchable_text spells them (letters and digits, apostrophes inside words, no
# folding of й or ї), so a prefix query '"stem"*' finds from the index the entries with a word
# starting with the stem. (A trigram FTS5 table answers LIKE '% stem%' from its index too, but
# then reads every candidate row again: 15-20 ms for a common word of the ten-year data,
# against under 1 ms.)
FTS_TABLE = "imc_portal_searchentry_fts"
_FTS_SQL = [
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5(text, "
    "content='imc_portal_searchentry', content_rowid='id', "
    "tokenize=\"unicode61 remove_diacritics 0 tokenchars ''''\")",
    f"""CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_insert AFTER INSERT ON imc_portal_searchentry
    BEGIN INSERT INTO {FTS_TABLE}(rowid, text) VALUES (new.id, new.text); END""",
    f"""CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_delete AFTER DELETE ON imc_portal_searchentry
    BEGIN INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, text) VALUES ('delete', old.id, old.text);
    END""",
    f"""CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_update AFTER UPDATE ON imc_portal_searchentry
    BEGIN INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, text) VALUES ('delete', old.id, old.text);
    INSERT INTO {FTS_TABLE}(rowid, text) VALUES (new.id, new.text); END""",
]
_FTS_DROP_SQL = [
    f"DROP TRIGGER IF EXISTS {FTS_TABLE}_{name}" for name in ("insert", "delete", "update")
] + [f"DROP TABLE IF EXISTS {FTS_TABLE}"]
# PostgreSQL: a trigram index serves LIKE '% stem%' and the word similarity operator.
PG_INDEX = "search_entry_text_trgm"
_PG_SQL = [
    f"CREATE INDEX IF NOT EXISTS {PG_INDEX} ON imc_portal_searchentry USING gin (text gin_trgm_ops)"
]
_PG_DROP_SQL = [f"DROP INDEX IF EXISTS {PG_INDEX}"]


def create_text_index(connection):
    """The text index of the vendor (a migration calls it; ``rebuild`` recreates the SQLite
    one, since rebuilding a table on SQLite, as some schema changes do, loses its triggers)."""
    statements = {"sqlite": _FTS_SQL, "postgresql": _PG_SQL}.get(connection.vendor, [])
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def drop_text_index(connection):
    statements = {"sqlite": _FTS_DROP_SQL, "postgresql": _PG_DROP_SQL}.get(connection.vendor, [])
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def rebuild(using=None):
    """Write the whole index again, in bulk; returns the number of entries."""
    using = using or router.db_for_write(SearchEntry)
    connection = connections[using]
    total = 0
    with transaction.atomic(using=using), translation.override(settings.LANGUAGE_CODE):
        if connection.vendor == "sqlite":
            # Filled in bulk without the triggers, then indexed at once: several times faster.
            drop_text_index(connection)
        with connection.cursor() as cursor:
            # Not QuerySet.delete(): with delete signals connected it loads every row first.
            cursor.execute(f"DELETE FROM {SearchEntry._meta.db_table}")
        for index in search_indexes():
            records = index.rows().using(using).iterator(chunk_size=2000)
            entries = SearchEntry.objects.using(using).bulk_create(
                (_entry(index, record) for record in records), batch_size=_BATCH
            )
            total += len(entries)
        with connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                create_text_index(connection)
                cursor.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')")
            else:
                # Fresh statistics, or the planner guesses the matches of a word badly.
                cursor.execute(f"ANALYZE {SearchEntry._meta.db_table}")
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        # The old rows are dead tuples that every search would read until autovacuum.
        with connection.cursor() as cursor:
            cursor.execute(f"VACUUM ANALYZE {SearchEntry._meta.db_table}")
    return total
