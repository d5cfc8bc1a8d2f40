from decimal import Decimal

import factory

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
from tests.factories import InstitutionFactory, SubjectFactory, TeacherFactory


class ContestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contest
        django_get_or_create = ["name"]

    name = "Учитель року"


class ContestEditionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContestEdition
        django_get_or_create = ["contest", "year"]

    contest = factory.SubFactory(ContestFactory)
    year = 2016


class NominationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Nomination
        django_get_or_create = ["edition", "name"]

    edition = factory.SubFactory(ContestEditionFactory)
    name = "Математика"


class ContestEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContestEntry

    nomination = factory.SubFactory(NominationFactory)
    teacher = factory.SubFactory(TeacherFactory)
    institution = factory.SelfAttribute("teacher.institution")


class ContestResultFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContestResult

    entry = factory.SubFactory(ContestEntryFactory)
    stage = 1
    outcome = ContestOutcome.PARTICIPANT


class StudentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Student

    surname = factory.Sequence(lambda n: f"Учень{n}")
    first_name = "Марко"
    institution = factory.SubFactory(InstitutionFactory)


class OlympiadFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Olympiad
        django_get_or_create = ["subject", "year", "kind"]

    subject = factory.SubFactory(SubjectFactory, name="Математика")
    year = 2019
    kind = Olympiad.Kind.OLYMPIAD


class OlympiadResultFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OlympiadResult

    olympiad = factory.SubFactory(OlympiadFactory)
    student = factory.SubFactory(StudentFactory)
    stage = 2
    grade = 10
    institution = factory.SelfAttribute("student.institution")
    mentor = factory.SubFactory(TeacherFactory)
    result = Diploma.FIRST
    score = Decimal("50")


class ManSectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ManSection
        django_get_or_create = ["name"]

    name = "Математика"


class ManWorkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ManWork
        skip_postgeneration_save = True

    year = 2009
    title = factory.Sequence(lambda n: f"Дослідження {n}")
    section = factory.SubFactory(ManSectionFactory)
    grade = 10
    institution = factory.SubFactory(InstitutionFactory)
    supervisor = factory.SubFactory(TeacherFactory)

    @factory.post_generation
    def students(self, create, extracted, **kwargs):
        if create:
            self.students.set(extracted or [StudentFactory(institution=self.institution)])


class ManResultFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ManResult

    work = factory.SubFactory(ManWorkFactory)
    stage = 1
    outcome = ManOutcome.FIRST


class ProjectFestivalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProjectFestival
        django_get_or_create = ["year"]

    year = 2010
    title = "Фестиваль учнівських проектів"


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project
        skip_postgeneration_save = True

    festival = factory.SubFactory(ProjectFestivalFactory)
    title = factory.Sequence(lambda n: f"Проект {n}")
    institution = factory.SubFactory(InstitutionFactory)
    outcome = Project.Outcome.WINNER
    place = 1

    @factory.post_generation
    def team(self, create, extracted, **kwargs):
        if create:
            self.team.set(extracted or [StudentFactory(institution=self.institution)])
