"""The director's summary: every app's figures for a period, compared with the period
before and with the best of all time, each with the records behind it.

An app declares its section in its ``summary.py`` (a ``Section`` of ``Figure`` and
``Breakdown`` items, whose values come from the app's ``queries.py``) and registers it in
its ``AppConfig.ready()`` (``registry.summary_sections``). A figure's function takes a list
of periods and returns a value for each (``imc_portal.figures.per_period``), so the summary
reads a figure for every period it shows in one query.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone

from imc_portal import registry
from imc_portal.periods import ACADEMIC, CALENDAR, Period, academic_year_of

# The periods of a calendar or academic year's summary: this one, the one before and those
# before it back to the centre's founding (the record "of all time"), at least this many.
MIN_SERIES = 10
CHART_PERIODS = 10


@dataclass(frozen=True)
class Figure:
    """One number of a section. ``values(periods)`` gives it for each period (one query);
    ``records(period)`` the records behind it, as [(label, queryset)] whose rows together
    make the number; ``share``: a percentage, compared in points; ``record``: the best
    period of all time is shown ("37 робіт — найбільша кількість за всі часи");
    ``headline``: drawn over the last ten periods."""

    key: str
    label: str
    values: object
    records: object = None
    share: bool = False
    record: bool = False
    headline: bool = False


@dataclass(frozen=True)
class Breakdown:
    """Numbers of a section by a category (events by kind): ``rows(periods)`` gives
    [(row key, row label, [value per period])] in one query; ``records(period, row key)``
    the records behind one row."""

    key: str
    label: str
    rows: object
    records: object = None


@dataclass(frozen=True)
class Section:
    """An app's part of the summary. ``sentences(section_values)`` writes the report's
    text from the figures (a list of paragraphs)."""

    key: str
    title: str
    items: list
    sentences: object = None


@dataclass
class Value:
    """A figure's values over the periods of a summary, the chosen period last."""

    key: str
    label: str
    periods: list
    values: list
    share: bool = False
    show_record: bool = False
    headline: bool = False
    has_records: bool = False
    is_breakdown = False

    @property
    def current(self):
        return self.values[-1]

    @property
    def previous(self):
        return self.values[-2] if len(self.values) > 1 else None

    @property
    def change(self):
        if self.previous is None or self.current is None:
            return None
        return self.current - self.previous

    @property
    def change_percent(self):
        """The change as a share of the previous value (none for shares or from zero)."""
        if self.share or not self.previous or self.change is None:
            return None
        return (Decimal(100) * self.change / self.previous).quantize(Decimal("1"))

    @property
    def best(self):
        """(period, value) of the best period of the series, the earliest of a tie."""
        known = [(v, -n) for n, v in enumerate(self.values) if v is not None]
        if not self.show_record or not known:
            return None
        value, minus_n = max(known)
        return self.periods[-minus_n], value

    @property
    def is_record(self):
        best = self.best
        return best is not None and best[0] == self.periods[-1] and self.current

    @property
    def chart(self):
        """(period, value) of the last CHART_PERIODS periods, for the small multiples."""
        return list(zip(self.periods, self.values, strict=True))[-CHART_PERIODS:]


class Rows(list):
    """A breakdown's values: a ``Value`` per row, and the breakdown's own key and label
    (kept when the period has no rows)."""

    is_breakdown = True

    def __init__(self, key, label, values):
        super().__init__(values)
        self.key = key
        self.label = label


@dataclass
class SectionValues:
    section: Section
    period: Period
    items: list = field(default_factory=list)

    def __getitem__(self, key):
        """A figure's ``Value``, or a breakdown's [Value per row], by key."""
        for item in self.items:
            if item.key == key:
                return item
        raise KeyError(key)

    @property
    def key(self):
        return self.section.key

    @property
    def title(self):
        return self.section.title

    @property
    def sentences(self):
        return self.section.sentences(self) if self.section.sentences else []


def summary_periods(period, centre):
    """The periods a summary reads: for a calendar or academic year the years back to the
    centre's founding (or MIN_SERIES), oldest first; for any other range the range before
    it and the range."""
    if period.kind not in (CALENDAR, ACADEMIC):
        return period.series(2)
    first = centre.founded_year if centre.founded_year else period.start.year
    return period.series(max(MIN_SERIES, period.start.year - first + 1))


def summarise(period, centre, sections=None):
    """[SectionValues] of every registered section (or of ``sections``) for ``period``."""
    periods = summary_periods(period, centre)
    found = []
    for section in sections or [make() for make in registry.summary_sections]:
        values = SectionValues(section, period)
        for item in section.items:
            values.items.append(_values(item, periods))
        found.append(values)
    return found


def _values(item, periods):
    ranked = periods[-1].kind in (CALENDAR, ACADEMIC)
    if isinstance(item, Figure):
        return Value(
            item.key, item.label, periods, item.values(periods), share=item.share,
            show_record=item.record and ranked, headline=item.headline and ranked,
            has_records=item.records is not None,
        )  # fmt: skip
    has_records = item.records is not None
    return Rows(
        item.key,
        item.label,
        [
            Value(f"{item.key}:{row_key}", label, periods, values, has_records=has_records)
            for row_key, label, values in item.rows(periods)
        ],
    )


def find_item(sections, section_key, item_key):
    """The Figure or Breakdown ``item_key`` ("kinds" or "kinds:seminar") of a section."""
    for make in sections:
        section = make()
        if section.key != section_key:
            continue
        name = item_key.split(":")[0]
        for item in section.items:
            if item.key == name:
                return section, item
    return None, None


def default_period(today=None):
    """The last completed academic year."""
    today = today or timezone.localdate()
    return Period.academic_year(academic_year_of(today) - 1)
