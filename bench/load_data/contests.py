"""Benchmark data for contests: ten years of a large city's olympiads (about 40,000 result
rows), МАН (3,000 works with their results), professional contest editions with
nominations and entries, and project festivals. Runs after the core's load data, on its
generated schools and teachers; students live only in those generated schools, so their
presence is the "already done" guard."""

from decimal import Decimal

from contests.demo import MAN_OBJECTS, MAN_SECTIONS, MAN_THEMES, OTHER_CONTESTS, TEACHER_OF_YEAR
from contests.models import (
    Contest,
    ContestEdition,
    ContestEntry,
    ContestOutcome,
    ContestResult,
    Diploma,
    ManOutcome,
    ManResult,
    ManSection,
    ManWork,
    Nomination,
    Olympiad,
    OlympiadResult,
    Project,
    ProjectFestival,
    Student,
)
from imc_portal.demo import FEMALE_NAMES, MALE_NAMES, PATRONYMIC_ROOTS, SURNAMES, patronymic
from imc_portal.models import Institution, Subject, Teacher

STUDENTS = 14000
# Per olympiad and year: stage II (city) rows, the city team at stage III, at stage IV.
STAGE_SIZES = {2: 190, 3: 25, 4: 4}
# Share of diplomas I–III at each stage, split 1 : 2 : 3 between the degrees.
WIN_SHARE = {2: 0.25, 3: 0.5, 4: 0.5}
TOURNAMENT_SUBJECTS = 3
MAN_WORKS_PER_YEAR = 300
CONTESTS = [TEACHER_OF_YEAR, *OTHER_CONTESTS]
NOMINATIONS = [
    "Українська мова і література", "Математика", "Історія", "Англійська мова", "Фізика",
    "Хімія", "Біологія", "Інформатика", "Географія", "Початкова освіта", "Мистецтво",
    "Фізична культура",
]  # fmt: skip
PROJECTS_PER_FESTIVAL = 40
PROJECT_WORDS = [
    "Зелене подвір'я", "Шкільне радіо", "Чиста річка", "Метеостанція", "Цифровий гід",
    "Майстерня ремесел", "Еко-патруль", "Кіноклуб", "Сад пам'яті", "Мобільна бібліотека",
]  # fmt: skip
BATCH = 2000


def generate(rng, years, stdout):
    if Student.objects.filter(institution__slug__startswith="load-").exists():
        stdout.write("Contests load data already present.")
        return
    schools = list(
        Institution.objects.filter(slug__startswith="load-", kind=Institution.Kind.SCHOOL).order_by(
            "slug"
        )
    )
    teachers = {}
    for pk, institution_id in (
        Teacher.objects.filter(institution__in=schools)
        .order_by("slug")
        .values_list("pk", "institution_id")
    ):
        teachers.setdefault(institution_id, []).append(pk)
    students = make_students(rng, schools)
    olympiad_rows = make_olympiads(rng, years, students, teachers)
    works = make_man(rng, years, students, teachers)
    entries = make_contests(rng, years, schools, teachers)
    projects = make_projects(rng, years, students, teachers)
    stdout.write(
        f"Contests: {len(students)} students, {olympiad_rows} olympiad results, "
        f"{works} МАН works, {entries} contest entries, {projects} festival projects."
    )


def make_students(rng, schools):
    seen = set()
    students = []
    while len(students) < STUDENTS:
        female = rng.random() < 0.5
        key = (
            rng.choice(SURNAMES),
            rng.choice(FEMALE_NAMES if female else MALE_NAMES),
            patronymic(rng.choice(PATRONYMIC_ROOTS), female),
            rng.choice(schools),
        )
        if (key[0], key[1], key[2], key[3].pk) in seen:
            continue
        seen.add((key[0], key[1], key[2], key[3].pk))
        students.append(
            Student(surname=key[0], first_name=key[1], patronymic=key[2], institution=key[3])
        )
    return Student.objects.bulk_create(students, batch_size=BATCH)


def mentor_of(rng, teachers, institution_id):
    pool = teachers.get(institution_id)
    return rng.choice(pool) if pool and rng.random() < 0.9 else None


def diploma(rng, stage, rank, size):
    """Diplomas go to the best ranks: the first WIN_SHARE of the stage, 1 : 2 : 3."""
    winners = int(size * WIN_SHARE[stage])
    if rank >= winners:
        return Diploma.PARTICIPANT
    if rank < winners / 6:
        return Diploma.FIRST
    return Diploma.SECOND if rank < winners / 2 else Diploma.THIRD


def make_olympiads(rng, years, students, teachers):
    subjects = list(Subject.objects.order_by("slug"))
    existing = set(Olympiad.objects.values_list("subject_id", "year", "kind"))
    olympiads = []
    for year in years:
        for n, subject in enumerate(subjects):
            kinds = [Olympiad.Kind.OLYMPIAD]
            if n < TOURNAMENT_SUBJECTS:
                kinds.append(Olympiad.Kind.TOURNAMENT)
            olympiads += [
                Olympiad(subject=subject, year=year, kind=kind)
                for kind in kinds
                if (subject.pk, year, kind) not in existing
            ]
    olympiads = Olympiad.objects.bulk_create(olympiads, batch_size=BATCH)
    results = []
    for olympiad in olympiads:
        size = STAGE_SIZES[2] if olympiad.kind == Olympiad.Kind.OLYMPIAD else STAGE_SIZES[2] // 4
        field = rng.sample(students, size)
        for stage, stage_size in STAGE_SIZES.items():
            # The best of a stage go on to the next one, so a team's path stays one history.
            field = field[: min(stage_size, len(field))] if stage > 2 else field
            for rank, student in enumerate(field):
                results.append(
                    OlympiadResult(
                        olympiad=olympiad,
                        student=student,
                        stage=stage,
                        grade=7 + (student.pk + olympiad.year) % 5,
                        institution_id=student.institution_id,
                        mentor_id=mentor_of(rng, teachers, student.institution_id),
                        result=diploma(rng, stage, rank, len(field)),
                        score=Decimal(max(5, 100 - rank * 90 // len(field) - rng.randint(0, 4))),
                    )
                )
    OlympiadResult.objects.bulk_create(results, batch_size=BATCH)
    return len(results)


def make_man(rng, years, students, teachers):
    sections = []
    for order, name in enumerate(MAN_SECTIONS):
        section, _created = ManSection.objects.get_or_create(name=name, defaults={"order": order})
        sections.append(section)
    taken = set(ManWork.objects.filter(year__in=years).values_list("year", "title"))
    works = []
    authors = []
    for year in years:
        for n in range(MAN_WORKS_PER_YEAR):
            title = f"{rng.choice(MAN_THEMES)} {rng.choice(MAN_OBJECTS)}: дослідження № {n + 1}"
            if (year, title) in taken:
                continue
            team = rng.sample(students, 1 if rng.random() < 0.8 else 2)
            works.append(
                ManWork(
                    year=year,
                    title=title,
                    section=sections[n % len(sections)],
                    grade=rng.randint(9, 11),
                    institution_id=team[0].institution_id,
                    supervisor_id=mentor_of(rng, teachers, team[0].institution_id),
                )
            )
            authors.append(team)
    works = ManWork.objects.bulk_create(works, batch_size=BATCH)
    Through = ManWork.students.through
    Through.objects.bulk_create(
        (
            Through(manwork_id=work.pk, student_id=student.pk)
            for work, team in zip(works, authors, strict=True)
            for student in team
        ),
        batch_size=BATCH,
    )
    results = []
    outcomes = [ManOutcome.FIRST, ManOutcome.SECOND, ManOutcome.THIRD, ManOutcome.PARTICIPANT]
    for work in works:
        for stage in (1, 2, 3):
            outcome = rng.choices(outcomes, weights=[1, 2, 3, 6])[0]
            results.append(
                ManResult(
                    work=work,
                    stage=stage,
                    outcome=outcome,
                    score=Decimal(rng.randint(30, 100)),
                )
            )
            if outcome == ManOutcome.PARTICIPANT or rng.random() < 0.4:
                break
    ManResult.objects.bulk_create(results, batch_size=BATCH)
    return len(works)


def make_contests(rng, years, schools, teachers):
    contests = []
    for order, name in enumerate(CONTESTS):
        contest, _created = Contest.objects.get_or_create(name=name, defaults={"order": order})
        contests.append(contest)
    taken = set(ContestEdition.objects.values_list("contest_id", "year"))
    editions = ContestEdition.objects.bulk_create(
        ContestEdition(contest=contest, year=year)
        for year in years
        for contest in contests
        if (contest.pk, year) not in taken
    )
    nominations = Nomination.objects.bulk_create(
        Nomination(edition=edition, name=name, order=order)
        for edition in editions
        for order, name in enumerate(
            rng.sample(NOMINATIONS, 8 if edition.contest.name == TEACHER_OF_YEAR else 4)
        )
    )
    pool = [(pk, institution_id) for institution_id, pks in teachers.items() for pk in pks]
    entries = []
    for nomination in nominations:
        for teacher_id, institution_id in rng.sample(pool, rng.randint(8, 20)):
            entries.append(
                ContestEntry(
                    nomination=nomination, teacher_id=teacher_id, institution_id=institution_id
                )
            )
    entries = ContestEntry.objects.bulk_create(entries, batch_size=BATCH)
    results = []
    for entry in entries:
        for stage in (1, 2, 3):
            outcome = rng.choices(list(ContestOutcome), weights=[1, 2, 5])[0]
            place = {ContestOutcome.WINNER: 1, ContestOutcome.LAUREATE: rng.randint(2, 3)}
            results.append(
                ContestResult(
                    entry=entry,
                    stage=stage,
                    outcome=outcome,
                    place=place.get(outcome),
                    score=Decimal(rng.randint(40, 100)),
                )
            )
            if outcome != ContestOutcome.WINNER:
                break
    ContestResult.objects.bulk_create(results, batch_size=BATCH)
    return len(entries)


def make_projects(rng, years, students, teachers):
    taken = set(ProjectFestival.objects.values_list("year", flat=True))
    festivals = ProjectFestival.objects.bulk_create(
        ProjectFestival(year=year, title="Фестиваль учнівських проектів")
        for year in years
        if year not in taken
    )
    projects = []
    teams = []
    for festival in festivals:
        for n in range(PROJECTS_PER_FESTIVAL):
            team = rng.sample(students, rng.randint(2, 4))
            outcome = rng.choices(list(Project.Outcome), weights=[1, 3, 8])[0]
            projects.append(
                Project(
                    festival=festival,
                    title=f"{rng.choice(PROJECT_WORDS)} № {n + 1}",
                    institution_id=team[0].institution_id,
                    team_name=f"Команда {n + 1}",
                    supervisor_id=mentor_of(rng, teachers, team[0].institution_id),
                    outcome=outcome,
                    place=rng.randint(1, 3) if outcome != Project.Outcome.PARTICIPANT else None,
                    city_funded=outcome == Project.Outcome.WINNER,
                )
            )
            teams.append(team)
    projects = Project.objects.bulk_create(projects, batch_size=BATCH)
    Through = Project.team.through
    Through.objects.bulk_create(
        (
            Through(project_id=project.pk, student_id=student.pk)
            for project, team in zip(projects, teams, strict=True)
            for student in team
        ),
        batch_size=BATCH,
    )
    return len(projects)
