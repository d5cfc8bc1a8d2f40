"""What every result resource shares beyond imc_portal/imports.py: roman stages."""

from django.utils.translation import gettext_lazy as _

from contests.models import Student
from imc_portal.imports import RowResource, person_parts, text

ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}


def stage_mapping(stage_class):
    mapping = {}
    for stage in stage_class:
        roman = next(r for r, n in ROMAN.items() if n == stage.value)
        mapping.update(
            {
                str(stage.value): stage.value,
                roman.lower(): stage.value,
                str(stage.label).lower(): stage.value,
            }
        )
    return mapping


class ResultResource(RowResource):
    duplicate_message = _("Duplicate participant: the same as row %(row)s.")

    class Meta:
        abstract = True


def students_of(value):
    """The students of a cell as (surname, first name, patronymic), or None when a name is
    not "Surname First name [Patronymic]"; only names, nothing outside the public
    allow-list."""
    names = [person_parts(part) for part in text(value).split(";") if part.strip()]
    return None if not names or None in names else names


def students_differ(relation, names):
    wanted = {tuple(part.lower() for part in name[:2]) for name in names}
    have = {(s.surname.lower(), s.first_name.lower()) for s in relation.all()}
    return wanted != have


def save_students(relation, names, institution):
    """The students by name at ``institution``, added when new (as every student import
    does: a student is known only from these lists)."""
    students = [
        Student.objects.get_or_create(
            surname=surname, first_name=first, patronymic=middle, institution=institution
        )[0]
        for surname, first, middle in names
    ]
    if {s.pk for s in students} != set(relation.values_list("pk", flat=True)):
        relation.set(students)
