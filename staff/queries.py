"""Figures about the centre's staff, for the "About" page and the director's summary."""

import datetime as dt

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
# each (imc_portal.figures), in one query. Staff figures are the staff employed on the
# period's last day, so they are conditional aggregates, one per period, of one query.


def _on_last_day(period, prefix=""):
    """Staff members employed on the period's last day, as ``StaffMemberQuerySet.current``
    (``prefix`` reaches them from another table)."""
    day = period.end
    return (
        Q(**{f"{prefix}employed_from__isnull": True}) | Q(**{f"{prefix}employed_from__lte": day})
    ) & (
        Q(**{f"{prefix}employed_until__isnull": True}) | Q(**{f"{prefix}employed_until__gte": day})
    )


def _per_last_day(queryset, periods, aggregate):
    """``aggregate(condition)`` of ``queryset`` for the last day of each period: a list."""
    found = queryset.aggregate(
        **{f"p{n}": aggregate(_on_last_day(period)) for n, period in enumerate(periods)}
    )
    return [found[f"p{n}"] or 0 for n in range(len(periods))]


def _per_last_day_by(queryset, field, periods, aggregate):
    """``_per_last_day`` for each value of ``field``: {value: [values]}, one query."""
    rows = (
        queryset.values(field)
        .annotate(**{f"p{n}": aggregate(_on_last_day(p)) for n, p in enumerate(periods)})
        .order_by()
    )
    return {row[field]: [row[f"p{n}"] or 0 for n in range(len(periods))] for row in rows}


def departments(periods):
    """Departments with staff on the last day of each period ("два відділи")."""
    return _per_last_day(
        StaffMember.objects.filter(department__isnull=False),
        periods,
        lambda on_day: Count("department", filter=on_day, distinct=True),
    )


def methodists(periods):
    """Methodists employed on the last day of each period ("14 методистів")."""
    return _per_last_day(
        StaffMember.objects.filter(role=StaffMember.Role.METHODIST),
        periods,
        lambda on_day: Count("pk", filter=on_day),
    )


def methodist_posts(periods):
    """The posts the methodists hold on the last day of each period ("13,75 ставки")."""
    return _per_last_day(
        StaffMember.objects.filter(role=StaffMember.Role.METHODIST),
        periods,
        lambda on_day: Sum("rate", filter=on_day),
    )


def _by_role(periods, aggregate):
    counts = _per_last_day_by(StaffMember.objects.all(), "role", periods, aggregate)
    return [
        (role, label, counts[role])
        for role, label in StaffMember.Role.choices
        if any(counts.get(role, []))
    ]


def people_by_role(periods):
    """[(role, label, [people per period])] on each period's last day, roles with people."""
    return _by_role(periods, lambda on_day: Count("pk", filter=on_day))


def posts_by_role(periods):
    """[(role, label, [posts per period])]: ``people_by_role``'s rates summed."""
    return _by_role(periods, lambda on_day: Sum("rate", filter=on_day))


def award_holders_by_kind(periods):
    """[(kind pk, "name (level)", [holders per period])]: staff employed on each period's
    last day who hold the award by then ("8 – нагороджені знаком «Відмінник освіти
    України»"), the kinds with holders in one of the periods, in kind order."""

    # Counted on the awards (one member each), so no join repeats a member.
    def holders(period):
        return _on_last_day(period, "member__") & Q(year__lte=period.end.year)

    rows = (
        Award.objects.values("kind", "kind__name", "kind__level", "kind__order")
        .annotate(
            **{
                f"p{n}": Count("member", filter=holders(period), distinct=True)
                for n, period in enumerate(periods)
            }
        )
        .order_by("kind__order", "kind__name")
    )
    found = []
    for row in rows:
        values = [row[f"p{n}"] for n in range(len(periods))]
        if any(values):
            kind = AwardKind(name=row["kind__name"], level=row["kind__level"])
            found.append((str(row["kind"]), award_kind_label(kind), values))
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
