"""Figures about the centre's staff, for the "About" page and the director's summary."""

from django.db.models import Count, Q, Sum

from staff.models import AwardKind, StaffMember


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
