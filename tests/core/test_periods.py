import datetime as dt

import pytest

from imc_portal.periods import Period, academic_year_of, current_academic_year


def test_academic_year_runs_from_september_to_august():
    period = Period.academic_year(2019)
    assert (period.start, period.end) == (dt.date(2019, 9, 1), dt.date(2020, 8, 31))
    assert str(period) == "2019/2020"


def test_calendar_year_and_range_of_years():
    assert Period.calendar_year(2009).end == dt.date(2009, 12, 31)
    span = Period.years(2014, 2018)
    assert (span.start, span.end, str(span)) == (
        dt.date(2014, 1, 1),
        dt.date(2018, 12, 31),
        "2014–2018",
    )
    assert list(span.years_covered) == [2014, 2015, 2016, 2017, 2018]


@pytest.mark.parametrize(
    ("day", "first_year"),
    [(dt.date(2019, 8, 31), 2018), (dt.date(2019, 9, 1), 2019), (dt.date(2020, 1, 15), 2019)],
)
def test_academic_year_of_a_day(day, first_year):
    assert academic_year_of(day) == first_year
    assert day in Period.academic_year(first_year)
    assert current_academic_year(day) == Period.academic_year(first_year)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2009", Period.calendar_year(2009)),
        ("2019/2020", Period.academic_year(2019)),
        ("2019-2020", Period.academic_year(2019)),
        ("2019/2021", None),
        ("20x9", None),
        ("", None),
    ],
)
def test_parse_period(text, expected):
    assert Period.parse(text) == expected


def test_period_cannot_end_before_it_starts():
    with pytest.raises(ValueError):
        Period(dt.date(2020, 1, 2), dt.date(2020, 1, 1))


def test_datetime_range_is_in_kyiv_time(settings):
    start, end = Period.calendar_year(2021).datetime_range()
    assert start.isoformat() == "2021-01-01T00:00:00+02:00"
    assert end.isoformat() == "2022-01-01T00:00:00+02:00"
    summer = dt.datetime(2021, 7, 1, 12, tzinfo=start.tzinfo)
    assert summer.utcoffset() == dt.timedelta(hours=3)
