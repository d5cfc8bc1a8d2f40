"""The staff's section of the director's summary (imc_portal.summary): the centre's structure
and people on the period's last day, their awards, and the awards received in the period."""

from decimal import Decimal

from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from imc_portal.summary import Breakdown, Figure, Section
from staff import queries
from staff.models import ROLE_COUNT_LABELS, StaffMember

Role = StaffMember.Role
# The roles of the report's second sentence (who supports the institutions) and its third
# (who keeps the centre running); the leadership is named by the departments' sentence.
SUPPORT_ROLES = (Role.METHODIST, Role.PSYCHOLOGIST, Role.LIBRARIAN)
SERVICE_ROLES = (Role.TECHNICIAN, Role.TECHNICAL_WORKER, Role.OTHER)


def departments_records(period):
    return [(_("Departments with staff"), queries.departments_records(period))]


def methodists_records(period):
    return [(_("Methodists"), queries.employed_at_end(period).filter(role=Role.METHODIST))]


def role_records(period, role):
    return [(_("Staff members"), queries.employed_at_end(period).filter(role=role))]


def award_holders_records(period, kind):
    return [(_("Staff members who hold the award"), queries.award_holders_records(period, kind))]


def awards_records(period):
    return [(_("Awards"), queries.awards_records(period))]


def posts_text(posts):
    """ "13,75 ставки", "14 ставок": a whole number of posts takes its plural form, a
    fraction the genitive singular (one form for any fraction)."""
    posts = Decimal(posts)
    if posts == posts.to_integral_value():
        count = int(posts)
        return ngettext("%(count)s post", "%(count)s posts", count) % {"count": count}
    return _("%(posts)s posts (a fraction)") % {"posts": number_format(posts.normalize())}


def _joined(parts):
    if len(parts) < 2:
        return "".join(parts)
    return _("%(first)s and %(last)s") % {"first": ", ".join(parts[:-1]), "last": parts[-1]}


def sentences(values):
    """The report's text, as seed 001 writes it: "Структура центру включає два відділи …
    14 методистів (13,75 ставки), 1 практичний психолог, 1 бібліотекар …"."""
    people = {value.key.split(":")[1]: value.current for value in values["roles"]}
    posts = {value.key.split(":")[1]: value.current for value in values["posts"]}
    on_day = date_format(values.period.end, "j E Y")
    departments = values["departments"].current
    paragraphs = [
        ngettext(
            "As of %(date)s, the centre has %(count)s department led by a head.",
            "As of %(date)s, the centre has %(count)s departments led by heads.",
            departments,
        )
        % {"date": on_day, "count": departments}
    ]
    support = []
    for role in SUPPORT_ROLES:
        if people.get(role):
            text = ROLE_COUNT_LABELS[role] % {"count": people[role]}
            if role == Role.METHODIST:
                text += f" ({posts_text(posts[role])})"
            support.append(text)
    if support:
        paragraphs.append(
            _("Methodical support of the institutions is provided by %(people)s.")
            % {"people": _joined(support)}
        )
    service = [
        str(ROLE_COUNT_LABELS[role] % {"count": people[role]})
        for role in SERVICE_ROLES
        if people.get(role)
    ]
    if service:
        paragraphs.append(_("%(people)s keep the centre running.") % {"people": _joined(service)})
    holders = [value for value in values["award_holders"] if value.current]
    if holders:
        first, *others = holders
        text = ngettext(
            "%(count)s staff member holds the award %(award)s",
            "%(count)s staff members hold the award %(award)s",
            first.current,
        ) % {"count": first.current, "award": first.label}
        for value in others:
            text += _(", %(count)s — %(award)s") % {"count": value.current, "award": value.label}
        paragraphs.append(text + ".")
    received = values["awards_received"].current
    paragraphs.append(
        ngettext(
            "%(when)s, the staff received %(count)s award.",
            "%(when)s, the staff received %(count)s awards.",
            received,
        )
        % {"when": values.period.in_words, "count": received}
    )
    return paragraphs


def section():
    return Section(
        key="staff",
        title=gettext_lazy("Centre staff"),
        items=[
            Figure(
                "departments", gettext_lazy("departments (on the last day)"),
                queries.departments, departments_records,
            ),
            Figure(
                "methodists", gettext_lazy("methodists (on the last day)"), queries.methodists,
                methodists_records, headline=True,
            ),
            Figure(
                "methodist_posts", gettext_lazy("methodists' posts (on the last day)"),
                queries.methodist_posts, methodists_records,
            ),
            Breakdown(
                "roles", gettext_lazy("staff by role (on the last day)"),
                queries.people_by_role, role_records,
            ),
            Breakdown(
                "posts", gettext_lazy("posts by role (on the last day)"),
                queries.posts_by_role, role_records,
            ),
            Breakdown(
                "award_holders", gettext_lazy("staff holding an award, by award"),
                queries.award_holders_by_kind, award_holders_records,
            ),
            Figure(
                "awards_received", gettext_lazy("awards received in the period"),
                queries.awards_received, awards_records, headline=True,
            ),
        ],
        sentences=sentences,
    )  # fmt: skip
