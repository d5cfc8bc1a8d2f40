"""Demo data after seeds 000 (Novohrad-Volynskyi 2009–2010: МАН, project festival) and 001
(Sumy 2014–2019: «Учитель року», olympiads). Figures the seeds quote come out of these rows:
8 teachers won stage II of «Учитель року» in 2014–2018 and went on to stage III; the 2019
city team won over 90 % at stage III and over 50 % at stage IV; 37 МАН works in 2009 is the
all-time record; the project festival ran three years in a row. Every name is invented."""

import random
from decimal import Decimal

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
from imc_portal.demo import invented_people
from imc_portal.models import Institution, Subject, Teacher

TEACHER_OF_YEAR = "Учитель року"
NOMINATIONS = {
    2014: ["Українська мова і література", "Математика", "Фізична культура"],
    2015: ["Історія", "Англійська мова", "Хімія"],
    2016: ["Початкова освіта", "Інформатика", "Географія"],
    2017: ["Фізика", "Мистецтво", "Правознавство"],
    2018: ["Біологія", "Зарубіжна література", "Німецька мова"],
    2019: ["Українська мова і література", "Математика", "Трудове навчання"],
}
# How many nominations of each year sent a stage II winner on to stage III: 8 in 2014–2018.
STAGE_II_WINNERS = {2014: 2, 2015: 1, 2016: 2, 2017: 2, 2018: 1, 2019: 1}
OTHER_CONTESTS = {"Класовод року": [2015, 2017, 2019], "Класний керівник року": [2016, 2018]}
ENTRIES_PER_NOMINATION = 5

OLYMPIAD_SUBJECTS = [
    "Математика", "Фізика", "Хімія", "Біологія", "Історія", "Українська мова та література",
    "Англійська мова", "Інформатика",
]  # fmt: skip
OLYMPIAD_YEARS = [2017, 2018, 2019, 2020]
STAGE_II_PER_OLYMPIAD = 10
TEAM_PER_OLYMPIAD = 3
# Year → (stage III winners of the 24-strong team, stage IV team size, stage IV winners).
TEAM_RESULTS = {2017: (17, 2, 1), 2018: (19, 2, 1), 2019: (22, 3, 2), 2020: (20, 0, 0)}
TOURNAMENT_SUBJECT = "Математика"

MAN_WORKS = {2005: 14, 2006: 19, 2007: 23, 2008: 28, 2009: 37, 2010: 30, 2011: 33, 2012: 26}
MAN_SECTIONS = [
    "Математика", "Фізика і астрономія", "Хімія та біологія", "Екологія та аграрні науки",
    "Історія та історичне краєзнавство", "Філологія та мистецтвознавство",
    "Комп'ютерні науки", "Економіка та правознавство",
]  # fmt: skip
MAN_THEMES = [
    "Екологічний стан", "Історія виникнення", "Математична модель", "Мікрофлора",
    "Фольклорні традиції", "Енергозбереження", "Топоніміка", "Економічний розвиток",
]  # fmt: skip
MAN_OBJECTS = [
    "річки Псел", "міського парку", "старого млина", "шкільного саду", "мікрорайону Хіммістечко",
    "Сумської фортеці",
]  # fmt: skip

FESTIVALS = {2008: 6, 2009: 8, 2010: 10}
PROJECT_TITLES = [
    "Зелене подвір'я школи", "Шкільний музей просто неба", "Чиста річка", "Велодоріжка до ліцею",
    "Мобільна бібліотека", "Історія моєї вулиці", "Сонячна батарея для теплиці",
    "Європейський клуб у кожній школі", "Цифровий гід містом", "Майстерня ремесел",
    "Театр ляльок для малечі", "Метеостанція на даху", "Сад пам'яті", "Кіноклуб",
    "Город на підвіконні", "Безпечна дорога до школи", "Шкільне радіо", "Еко-патруль",
]  # fmt: skip


class StudentPool:
    """Invented students, handed out in a fixed order so that every run gets the same rows."""

    def __init__(self, rng, schools, size):
        self.people = invented_people(rng, size)
        rng.shuffle(self.people)
        self.schools = schools
        self.rng = rng
        self.index = 0

    def next(self):
        surname, first, middle, _female = self.people[self.index]
        school = self.schools[self.index % len(self.schools)]
        self.index += 1
        student, _created = Student.objects.get_or_create(
            surname=surname,
            first_name=first,
            patronymic=middle if self.index % 3 else "",
            institution=school,
        )
        return student


def mentors_by_school(teachers):
    found = {}
    for teacher in teachers:
        found.setdefault(teacher.institution_id, []).append(teacher)
    return found


def load_contests(rng, teachers):
    pool = iter(teachers)
    order = {TEACHER_OF_YEAR: 10, "Класовод року": 20, "Класний керівник року": 30}
    editions = [(TEACHER_OF_YEAR, year, names) for year, names in NOMINATIONS.items()]
    for name, years in OTHER_CONTESTS.items():
        editions += [(name, year, ["Основна номінація"]) for year in years]
    for contest_name, year, nominations in editions:
        contest, _created = Contest.objects.get_or_create(
            name=contest_name, defaults={"order": order[contest_name]}
        )
        edition, _created = ContestEdition.objects.get_or_create(contest=contest, year=year)
        winners_left = STAGE_II_WINNERS[year] if contest_name == TEACHER_OF_YEAR else 0
        for position, nomination_name in enumerate(nominations):
            nomination, _created = Nomination.objects.get_or_create(
                edition=edition, name=nomination_name, defaults={"order": position}
            )
            for rank in range(ENTRIES_PER_NOMINATION):
                teacher = next(pool)
                entry, _created = ContestEntry.objects.get_or_create(
                    nomination=nomination,
                    teacher=teacher,
                    defaults={"institution": teacher.institution},
                )
                score = Decimal(95 - rank * 6 - rng.randint(0, 4))
                if rank == 0:
                    stage_one = (ContestOutcome.WINNER, 1)
                elif rank < 3:
                    stage_one = (ContestOutcome.LAUREATE, rank + 1)
                else:
                    stage_one = (ContestOutcome.PARTICIPANT, None)
                results = [(1, *stage_one, score)]
                if rank == 0:
                    if winners_left:
                        winners_left -= 1
                        results.append((2, ContestOutcome.WINNER, 1, score - 3))
                        laureate = position == 0 and year % 2 == 0
                        results.append(
                            (
                                3,
                                ContestOutcome.LAUREATE if laureate else ContestOutcome.PARTICIPANT,
                                3 if laureate else None,
                                score - 10,
                            )
                        )
                    else:
                        results.append((2, ContestOutcome.LAUREATE, 2 + position, score - 8))
                for stage, outcome, place, points in results:
                    ContestResult.objects.get_or_create(
                        entry=entry,
                        stage=stage,
                        defaults={"outcome": outcome, "place": place, "score": points},
                    )


def diploma_for(rank):
    return [Diploma.FIRST, Diploma.SECOND, Diploma.SECOND, Diploma.THIRD, Diploma.THIRD][rank % 5]


def load_olympiads(rng, students, mentors, teachers):
    subjects = {s.name: s for s in Subject.objects.filter(name__in=OLYMPIAD_SUBJECTS)}
    for year in OLYMPIAD_YEARS:
        stage_three_winners, stage_four_size, stage_four_winners = TEAM_RESULTS[year]
        team = []
        for subject_name in OLYMPIAD_SUBJECTS:
            olympiad, _created = Olympiad.objects.get_or_create(
                subject=subjects[subject_name], year=year, kind=Olympiad.Kind.OLYMPIAD
            )
            for rank in range(STAGE_II_PER_OLYMPIAD):
                student = students.next()
                grade = 8 + (rank + year) % 4
                mentor = rng.choice(mentors.get(student.institution_id) or teachers)
                result = diploma_for(rank) if rank < 6 else Diploma.PARTICIPANT
                defaults = {
                    "grade": grade,
                    "institution": student.institution,
                    "mentor": mentor,
                    "score": Decimal(90 - rank * 5),
                }
                OlympiadResult.objects.get_or_create(
                    olympiad=olympiad,
                    student=student,
                    stage=2,
                    defaults={**defaults, "result": result},
                )
                if rank < TEAM_PER_OLYMPIAD:
                    team.append((olympiad, student, defaults))
        for position, (olympiad, student, defaults) in enumerate(team):
            won = position < stage_three_winners
            OlympiadResult.objects.get_or_create(
                olympiad=olympiad,
                student=student,
                stage=3,
                defaults={
                    **defaults,
                    "result": diploma_for(position + 1) if won else Diploma.PARTICIPANT,
                    "score": defaults["score"] - 12,
                },
            )
            if position < stage_four_size:
                won = position < stage_four_winners
                OlympiadResult.objects.get_or_create(
                    olympiad=olympiad,
                    student=student,
                    stage=4,
                    defaults={
                        **defaults,
                        "result": Diploma.THIRD if won else Diploma.PARTICIPANT,
                        "score": defaults["score"] - 25,
                    },
                )
        # A tournament: city stage only, so the olympiads' team shares stay as the seed says.
        tournament, _created = Olympiad.objects.get_or_create(
            subject=subjects[TOURNAMENT_SUBJECT], year=year, kind=Olympiad.Kind.TOURNAMENT
        )
        for rank in range(4):
            student = students.next()
            OlympiadResult.objects.get_or_create(
                olympiad=tournament,
                student=student,
                stage=2,
                defaults={
                    "grade": 9 + rank % 3,
                    "institution": student.institution,
                    "mentor": rng.choice(mentors.get(student.institution_id) or teachers),
                    "result": diploma_for(rank),
                    "score": Decimal(40 - rank * 3),
                },
            )


def load_man(rng, students, mentors, teachers):
    sections = []
    for order, name in enumerate(MAN_SECTIONS):
        section, _created = ManSection.objects.get_or_create(
            name=name, defaults={"order": order * 10}
        )
        sections.append(section)
    titles = [f"{theme} {thing}" for theme in MAN_THEMES for thing in MAN_OBJECTS]
    for year, count in MAN_WORKS.items():
        year_titles = titles[:]
        random.Random(year).shuffle(year_titles)
        for index in range(count):
            student = students.next()
            work, created = ManWork.objects.get_or_create(
                year=year,
                title=year_titles[index],
                defaults={
                    "section": sections[index % len(sections)],
                    "grade": 9 + index % 3,
                    "institution": student.institution,
                    "supervisor": rng.choice(mentors.get(student.institution_id) or teachers),
                },
            )
            if created:
                work.students.add(student)
            outcome = [ManOutcome.FIRST, ManOutcome.SECOND, ManOutcome.THIRD][index % 3]
            stages = [(1, outcome if index < 12 else ManOutcome.PARTICIPANT)]
            if index < 4:
                stages.append((2, ManOutcome.SECOND if index < 2 else ManOutcome.PARTICIPANT))
            if index == 0:
                stages.append((3, ManOutcome.PARTICIPANT))
            for stage, result in stages:
                ManResult.objects.get_or_create(
                    work=work,
                    stage=stage,
                    defaults={"outcome": result, "score": Decimal(80 - index - stage * 5)},
                )


def load_projects(rng, students, mentors, teachers, schools):
    for year, count in FESTIVALS.items():
        festival, _created = ProjectFestival.objects.get_or_create(
            year=year,
            defaults={
                "title": "Фестиваль учнівських проектів",
                "partner": "Міжнародний університет (вигадана назва)",
            },
        )
        for index in range(count):
            school = schools[(index * 3 + year) % len(schools)]
            if index == 0:
                outcome, place = Project.Outcome.WINNER, 1
            elif index < 3:
                outcome, place = Project.Outcome.PRIZE, index + 1
            else:
                outcome, place = Project.Outcome.PARTICIPANT, None
            project, created = Project.objects.get_or_create(
                festival=festival,
                title=PROJECT_TITLES[(index + year) % len(PROJECT_TITLES)],
                defaults={
                    "institution": school,
                    "team_name": f"Команда «{PROJECT_TITLES[index].split()[0]}»",
                    "supervisor": rng.choice(mentors.get(school.pk) or teachers),
                    "outcome": outcome,
                    "place": place,
                    "city_funded": index < 2 + (year - 2008),
                },
            )
            if created:
                project.team.add(*(students.next() for _member in range(3)))


def load(stdout):
    rng = random.Random(2019)
    schools = list(Institution.objects.filter(kind=Institution.Kind.SCHOOL).order_by("slug"))
    school_teachers = list(
        Teacher.objects.filter(institution__kind=Institution.Kind.SCHOOL)
        .select_related("institution")
        .order_by("slug")
    )
    contest_teachers = school_teachers[:]
    rng.shuffle(contest_teachers)
    mentors = mentors_by_school(school_teachers)
    load_contests(rng, contest_teachers)
    students = StudentPool(random.Random(2010), schools, 900)
    load_olympiads(rng, students, mentors, school_teachers)
    load_man(rng, students, mentors, school_teachers)
    load_projects(rng, students, mentors, school_teachers, schools)
    stdout.write(
        f"Contests: {ContestEntry.objects.count()} participants; olympiads: "
        f"{OlympiadResult.objects.count()} results; МАН: {ManWork.objects.count()} works; "
        f"projects: {Project.objects.count()}; students: {Student.objects.count()}."
    )
