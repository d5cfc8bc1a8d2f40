"""Benchmark data for the shared core: 150 institutions, 8,000 teachers, and the account of
one of them that the benchmark signs in as (``BENCH_TEACHER``)."""

from django.contrib.auth.models import User
from django.utils import timezone

from imc_portal.demo import (
    FEMALE_NAMES,
    MALE_NAMES,
    PATRONYMIC_ROOTS,
    STREETS,
    SURNAMES,
    patronymic,
)
from imc_portal.models import Institution, Subject, Teacher, TeacherAccount

INSTITUTIONS = 150
TEACHERS = 8000
MARKER = "Ліцей № 1001"  # the first generated institution: its presence means "done"
# The user of a linked teacher's account, for the pages a teacher sees signed in.
BENCH_TEACHER = "bench-teacher"


def generate(rng, years, stdout):
    if Institution.objects.filter(name=MARKER).exists():
        stdout.write("Core load data already present.")
        return
    kinds = (
        [Institution.Kind.SCHOOL] * 6
        + [Institution.Kind.PRESCHOOL] * 3
        + [Institution.Kind.OUT_OF_SCHOOL]
    )
    institutions = Institution.objects.bulk_create(
        Institution(
            kind=kinds[n % len(kinds)],
            name=f"{'Ліцей' if n % len(kinds) < 6 else 'Заклад освіти'} № {1001 + n}",
            short_name=f"№ {1001 + n}",
            slug=f"load-{1001 + n}",
            address=f"{rng.choice(STREETS)}, {rng.randint(1, 200)}",
        )
        for n in range(INSTITUTIONS)
    )
    subjects = list(Subject.objects.all())
    teachers = []
    for n in range(TEACHERS):
        female = rng.random() < 0.82
        teachers.append(
            Teacher(
                surname=rng.choice(SURNAMES),
                first_name=rng.choice(FEMALE_NAMES if female else MALE_NAMES),
                patronymic=patronymic(rng.choice(PATRONYMIC_ROOTS), female),
                slug=f"load-teacher-{n + 1}",
                institution=rng.choice(institutions),
                position="учитель",
                category=rng.choice(Teacher.Category.values),
            )
        )
    Teacher.objects.bulk_create(teachers, batch_size=1000)
    Through = Teacher.subjects.through
    Through.objects.bulk_create(
        (Through(teacher_id=t.pk, subject_id=rng.choice(subjects).pk) for t in teachers),
        batch_size=2000,
    )
    bench_teacher_account(teachers[0])
    stdout.write(
        f"Core: {len(institutions)} institutions, {len(teachers)} teachers, "
        f"the account {BENCH_TEACHER!r} linked to {teachers[0]}."
    )


def bench_teacher_account(teacher):
    user = User.objects.create_user(BENCH_TEACHER, email="bench-teacher@example.org")
    return TeacherAccount.objects.create(
        user=user,
        teacher=teacher,
        surname=teacher.surname,
        first_name=teacher.first_name,
        patronymic=teacher.patronymic,
        institution_id=teacher.institution_id,
        status=TeacherAccount.Status.LINKED,
        email_confirmed=timezone.now(),
    )
