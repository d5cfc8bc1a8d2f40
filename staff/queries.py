"""Figures about the centre's staff, for the "About" page and the director's summary."""

import datetime as dt
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Q, Sum

from imc_portal.figures import in_years, per_period
from staff.models import Award, AwardKind, Department, StaffMember


def staff_by_role(on=None):
    """Rows {role, people, posts} for the staff employed on the given day, in role order."""
    rows = (
        StaffMember.objects.current(on)
        .values("role")
        .annotate(people=Count("id"), posts=Sum("rate"))
        .order_by()
    )
    return _in_role_order(rows)


def by_role(members):
    """``staff_by_role`` of staff members already read (those employed on the day)."""
    rows = {}
    for member in members:
        row = rows.setdefault(member.role, {"role": member.role, "people": 0, "posts": 0})
        row["people"] += 1
        row["posts"] += member.rate
    return _in_role_order(rows.values())


def _in_role_order(rows):
    order = list(StaffMember.Role.values)
    return sorted(rows, key=lambda row: order.index(row["role"]))


def award_counts(on=None):
    """Award kinds, each with ``holders``: current staff members who hold it (zero omitted)."""
    current = StaffMember.objects.current(on).values("pk")
    return list(
        AwardKind.objects.annotate(
            holders=Count("awards__member", filter=Q(awards__member__in=current), distinct=True)
        )
        .filter(holders__gt=0)
        .order_by("order", "name")
    )


# The director's summary: each function takes a list of periods and returns a value for
# each, in one query. Staff figures are about the staff employed on each period's last day:
# a centre's staff over twenty years is a few hundred rows, read once and counted here
# (twenty periods of conditional aggregates cost Django more to build than the rows to read).


def _employed_on(row, day, prefix=""):
    start, end = row[f"{prefix}employed_from"], row[f"{prefix}employed_until"]
    return (start is None or start <= day) and (end is None or end >= day)


def _per_last_day(queryset, periods, value, *fields):
    """``value(rows)`` of the rows of ``queryset`` employed on each period's last day."""
    rows = list(queryset.values("employed_from", "employed_until", *fields))
    return [value([row for row in rows if _employed_on(row, period.end)]) for period in periods]


def _people(rows):
    return len(rows)


def _posts(rows):
    return sum((row["rate"] for row in rows), Decimal(0))


def departments(periods):
    """Departments with staff on the last day of each period ("два відділи")."""
    return _per_last_day(
        StaffMember.objects.filter(department__isnull=False),
        periods,
        lambda rows: len({row["department"] for row in rows}),
        "department",
    )


def methodists(periods):
    """Methodists employed on the last day of each period ("14 методистів")."""
    return _per_last_day(
        StaffMember.objects.filter(role=StaffMember.Role.METHODIST), periods, _people
    )


def methodist_posts(periods):
    """The posts the methodists hold on the last day of each period ("13,75 ставки")."""
    return _per_last_day(
        StaffMember.objects.filter(role=StaffMember.Role.METHODIST), periods, _posts, "rate"
    )


def _by_role(periods, value):
    rows = list(StaffMember.objects.values("role", "rate", "employed_from", "employed_until"))
    found = []
    for role, label in StaffMember.Role.choices:
        of_role = [row for row in rows if row["role"] == role]
        values = [
            value([row for row in of_role if _employed_on(row, period.end)]) for period in periods
        ]
        if any(values):
            found.append((role, label, values))
    return found


def people_by_role(periods):
    """[(role, label, [people per period])] on each period's last day, roles with people."""
    return _by_role(periods, _people)


def posts_by_role(periods):
    """[(role, label, [posts per period])]: ``people_by_role``'s rates summed."""
    return _by_role(periods, _posts)


def award_holders_by_kind(periods):
    """[(kind pk, "name (level)", [holders per period])]: staff employed on each period's
    last day who hold the award by then ("8 – нагороджені знаком «Відмінник освіти
    України»"), the kinds with holders in one of the periods, in kind order."""
    awards = list(
        Award.objects.select_related("kind")
        .order_by("kind__order", "kind__name", "kind")
        .values(
            "kind", "kind__name", "kind__level", "member", "year",
            "member__employed_from", "member__employed_until",
        )
    )  # fmt: skip
    found = []
    for kind in dict.fromkeys(award["kind"] for award in awards):
        of_kind = [award for award in awards if award["kind"] == kind]
        values = [
            len(
                {
                    award["member"]
                    for award in of_kind
                    if award["year"] <= period.end.year
                    and _employed_on(award, period.end, "member__")
                }
            )
            for period in periods
        ]
        if any(values):
            first = of_kind[0]
            label = award_kind_label(
                AwardKind(name=first["kind__name"], level=first["kind__level"])
            )
            found.append((str(kind), label, values))
    return found


def award_kind_label(kind):
    return f"«{kind.name}» ({kind.get_level_display()})"


def summary_years(period):
    """The years whose year-dated records (awards) a period counts: those whose 1 July falls
    in it. A calendar year counts itself, an academic year 2018/2019 the year 2019, a range
    of whole years those years; each year falls in one period of a series only."""
    return [year for year in period.years_covered if dt.date(year, 7, 1) in period]


def awards_received(periods):
    """Awards the staff received in each period (by the award's year)."""
    return per_period(Award.objects.all(), periods, in_years("year", summary_years))


# The records behind the summary's figures.


def employed_at_end(period):
    return (
        StaffMember.objects.current(period.end)
        .select_related("department")
        .order_by("role", "surname", "first_name", "pk")
    )


def departments_records(period):
    members = StaffMember.objects.current(period.end).filter(department=OuterRef("pk"))
    return Department.objects.filter(Exists(members)).order_by("order", "name")


def award_holders_records(period, kind):
    awards = Award.objects.filter(kind=kind, year__lte=period.end.year, member=OuterRef("pk"))
    return employed_at_end(period).filter(Exists(awards))


def awards_records(period):
    return (
        Award.objects.filter(year__in=summary_years(period))
        .select_related("kind", "member")
        .order_by("year", "kind__order", "member__surname", "pk")
    )
