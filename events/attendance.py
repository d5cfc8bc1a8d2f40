"""Writing an event's register: ticking who came, adding walk-ins, importing a sign-in
list. Each write takes a fixed number of queries however long the register is (the rows
are read once, then updated and created in bulk, with their history)."""

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from events.models import Attendance
from imc_portal.models import Teacher

# The columns of a sign-in list; the first two are required.
SIGN_IN_COLUMNS = ["Прізвище", "Ім'я", "По батькові", "Заклад"]
SIGN_IN_REQUIRED = ["Прізвище", "Ім'я"]


def _update(rows, user):
    now = timezone.now()
    for row in rows:
        row.updated = now
    if rows:
        bulk_update_with_history(rows, Attendance, ["attended", "updated"], default_user=user)


@transaction.atomic
def save_ticks(event, ticked_pks, user):
    """Tick the rows of ``event``'s register in ``ticked_pks`` and untick the others;
    returns (ticked, unticked) counts of the rows that changed."""
    ticked_pks = set(ticked_pks)
    changed = []
    for row in event.attendances.select_for_update().order_by("pk"):
        attended = row.pk in ticked_pks
        if row.attended != attended:
            row.attended = attended
            changed.append(row)
    _update(changed, user)
    ticked = sum(row.attended for row in changed)
    return ticked, len(changed) - ticked


@transaction.atomic
def add_attendees(event, teachers, source, user):
    """Put ``teachers`` on ``event``'s register as having come: the ones already on it are
    ticked, the others added. Returns (added, ticked) counts."""
    teachers = {teacher.pk: teacher for teacher in teachers}
    existing = list(
        event.attendances.select_for_update().filter(teacher__in=list(teachers)).order_by("pk")
    )
    to_tick = [row for row in existing if not row.attended]
    for row in to_tick:
        row.attended = True
    _update(to_tick, user)
    on_register = {row.teacher_id for row in existing}
    new = [
        Attendance(event=event, teacher_id=pk, attended=True, source=source)
        for pk in teachers
        if pk not in on_register
    ]
    if new:
        bulk_create_with_history(new, Attendance, default_user=user)
    return len(new), len(to_tick)


def _key(*parts):
    return tuple(" ".join(str(part or "").split()).casefold() for part in parts)


def _text(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def resolve_sign_in(rows):
    """The rows of a sign-in list (header first) as [{number, name, institution, teacher,
    error, duplicate_of}]: each row's teacher found by surname, first name and, when given,
    patronymic and institution, in two queries whatever the number of rows."""
    header = [_text(cell) for cell in rows[0]]
    lines = []
    for number, row in enumerate(rows[1:], start=2):
        cells = dict(zip(header, row, strict=False))
        values = [_text(cells.get(column)) for column in SIGN_IN_COLUMNS]
        if not any(values):
            continue
        lines.append({"number": number, "values": values})
    # Compared without case in Python: SQLite folds the case of Latin letters only, so the
    # query asks for the spellings a list uses (as written, "Коваленко", "КОВАЛЕНКО"…).
    surnames = {
        variant
        for line in lines
        if (surname := line["values"][0])
        for variant in (surname, surname.lower(), surname.upper(), surname.title())
    }
    by_name = {}
    for teacher in Teacher.objects.filter(surname__in=surnames).select_related("institution"):
        by_name.setdefault(_key(teacher.surname, teacher.first_name), []).append(teacher)
    seen = {}
    resolved = []
    for line in lines:
        surname, first_name, patronymic, institution = line["values"]
        entry = {
            "number": line["number"],
            "name": " ".join(part for part in (surname, first_name, patronymic) if part),
            "institution": institution,
            "teacher": None,
            "error": "",
            "duplicate_of": None,
        }
        resolved.append(entry)
        if not surname or not first_name:
            entry["error"] = _("The surname and the first name are required.")
            continue
        candidates = by_name.get(_key(surname, first_name), [])
        if patronymic:
            candidates = [t for t in candidates if _key(t.patronymic) == _key(patronymic)]
        if institution and len(candidates) > 1:
            candidates = [
                t
                for t in candidates
                if t.institution
                and _key(institution) in (_key(t.institution.name), _key(t.institution.short_name))
            ]
        if not candidates:
            entry["error"] = _(
                "Unknown teacher: “%(name)s”. Add them on the register first, then import again."
            ) % {"name": entry["name"]}
        elif len(candidates) > 1:
            entry["error"] = _(
                "Several teachers are called “%(name)s”: give the patronymic or the institution."
            ) % {"name": entry["name"]}
        else:
            teacher = candidates[0]
            entry["teacher"] = teacher
            if teacher.pk in seen:
                entry["duplicate_of"] = seen[teacher.pk]
            else:
                seen[teacher.pk] = entry["number"]
    return resolved


def teachers_named(rows):
    """The teachers a resolved sign-in list names, each once."""
    found = {}
    for row in rows:
        if row["teacher"] is not None:
            found.setdefault(row["teacher"].pk, row["teacher"])
    return list(found.values())


def same_name(surname, first_name, patronymic, institution):
    """Teachers already recorded under this name (and institution, when given)."""
    found = Teacher.objects.filter(surname__iexact=surname, first_name__iexact=first_name)
    if patronymic:
        found = found.filter(Q(patronymic__iexact=patronymic) | Q(patronymic=""))
    if institution:
        found = found.filter(Q(institution=institution) | Q(institution__isnull=True))
    return found
