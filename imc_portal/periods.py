"""Reporting periods. Reports are asked for by calendar year ("за 2009 рік"), by academic
year ("2019/2020 н.р.", 1 September – 31 August) or for any range of dates."""

import datetime as dt
import re
from dataclasses import dataclass

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.http import Http404
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

ACADEMIC_YEAR_START_MONTH = 9
# Every year a record may hold or an address may name.
FIRST_YEAR, LAST_YEAR = 1950, 2100


def year_validators():
    return [MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)]


def year_in_range(field, name):
    return models.CheckConstraint(
        condition=Q(**{f"{field}__gte": FIRST_YEAR}) & Q(**{f"{field}__lte": LAST_YEAR}),
        name=name,
        violation_error_message=gettext_lazy("The year must be between 1950 and 2100."),
    )


def year_or_404(year):
    """The calendar year an address names; a year no record can have is not found."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise Http404(_("There are no records of that year."))
    return Period.calendar_year(year)


CALENDAR, ACADEMIC, RANGE = "calendar", "academic", "range"


@dataclass(frozen=True)
class Period:
    """Dates from ``start`` to ``end``, both included: a calendar year, an academic year or
    any other range (``kind``)."""

    start: dt.date
    end: dt.date
    label: str = ""
    kind: str = RANGE

    def __post_init__(self):
        if self.end < self.start:
            raise ValueError("A period cannot end before it starts.")

    @classmethod
    def calendar_year(cls, year):
        return cls(dt.date(year, 1, 1), dt.date(year, 12, 31), str(year), CALENDAR)

    @classmethod
    def academic_year(cls, first_year):
        """The academic year that starts on 1 September of ``first_year``."""
        return cls(
            dt.date(first_year, ACADEMIC_YEAR_START_MONTH, 1),
            dt.date(first_year + 1, ACADEMIC_YEAR_START_MONTH - 1, 31),
            f"{first_year}/{first_year + 1}",
            ACADEMIC,
        )

    @classmethod
    def between(cls, start, end):
        """Any range of days, ``start`` and ``end`` included."""
        return cls(start, end)

    @classmethod
    def years(cls, first, last):
        """Calendar years ``first`` to ``last``, both included ("з 2014 до 2018 року")."""
        return cls(dt.date(first, 1, 1), dt.date(last, 12, 31), f"{first}–{last}")

    @classmethod
    def parse(cls, text):
        """ "2009" → calendar year, "2019/2020" or "2019-2020" → academic year; else None."""
        text = (text or "").strip()
        # Year 0 has no dates (datetime starts at year 1): it is no period.
        if match := re.fullmatch(r"(\d{4})", text):
            year = int(match[1])
            return cls.calendar_year(year) if year >= dt.MINYEAR else None
        match = re.fullmatch(r"(\d{4})\s*[/–-]\s*(\d{4})", text)
        if match and int(match[2]) == int(match[1]) + 1 and int(match[1]) >= dt.MINYEAR:
            return cls.academic_year(int(match[1]))
        return None

    @property
    def slug(self):
        """The period in an address: "2009", "2019-2020", "2019-01-01--2019-06-30"."""
        if self.kind == CALENDAR:
            return str(self.start.year)
        if self.kind == ACADEMIC:
            return f"{self.start.year}-{self.end.year}"
        return f"{self.start.isoformat()}--{self.end.isoformat()}"

    @classmethod
    def from_slug(cls, text):
        """The period of ``slug``, or None for anything else (a year out of range too)."""
        match = re.fullmatch(r"(\d{4}-\d{2}-\d{2})--(\d{4}-\d{2}-\d{2})", text or "")
        if match:
            try:
                start, end = (dt.date.fromisoformat(part) for part in match.groups())
            except ValueError:
                return None
            if start > end or start.year < FIRST_YEAR or end.year > LAST_YEAR:
                return None
            return cls.between(start, end)
        period = cls.parse(text)
        if period is None or not FIRST_YEAR <= period.start.year <= LAST_YEAR - 1:
            return None
        return period

    def previous(self):
        """The period of the same kind just before: the year before, or a range as long
        that ends the day before this one starts."""
        if self.kind == CALENDAR:
            return Period.calendar_year(self.start.year - 1)
        if self.kind == ACADEMIC:
            return Period.academic_year(self.start.year - 1)
        end = self.start - dt.timedelta(days=1)
        return Period(end - (self.end - self.start), end)

    def series(self, count):
        """The ``count`` periods of this kind that end with this one, oldest first."""
        periods = [self]
        while len(periods) < count:
            periods.insert(0, periods[0].previous())
        return periods

    def __contains__(self, day):
        if isinstance(day, dt.datetime):
            day = timezone.localtime(day).date() if timezone.is_aware(day) else day.date()
        return self.start <= day <= self.end

    @property
    def years_covered(self):
        return range(self.start.year, self.end.year + 1)

    def datetime_range(self):
        """Aware datetimes [start, end) in the current time zone, for DateTimeField lookups."""
        tz = timezone.get_current_timezone()
        start = dt.datetime.combine(self.start, dt.time.min, tzinfo=tz)
        end = dt.datetime.combine(self.end + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
        return start, end

    @property
    def in_words(self):
        """When, as a report's sentence starts: "Протягом 2009 року", "Протягом 2019/2020
        навчального року", "З 1 жовтня 2009 року по 31 грудня 2009 року"."""
        if self.kind == CALENDAR:
            return _("In %(year)s") % {"year": self.label}
        if self.kind == ACADEMIC:
            return _("In the academic year %(years)s") % {"years": self.label}
        dates = {"start": date_format(self.start, "j E Y"), "end": date_format(self.end, "j E Y")}
        return _("From %(start)s to %(end)s") % dates

    def __str__(self):
        if self.label:
            return self.label
        dates = {"start": date_format(self.start, "j E Y"), "end": date_format(self.end, "j E Y")}
        return _("%(start)s – %(end)s") % dates


def academic_year_of(day):
    """The first calendar year of the academic year that ``day`` falls into."""
    return day.year if day.month >= ACADEMIC_YEAR_START_MONTH else day.year - 1


def current_academic_year(today=None):
    return Period.academic_year(academic_year_of(today or timezone.localdate()))
