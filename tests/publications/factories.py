import datetime as dt

import factory
from django.core.files.base import ContentFile

from publications.models import (
    Article,
    ExternalPublication,
    Issue,
    Manual,
    News,
    Periodical,
    PracticeEntry,
    PracticeMaterial,
)
from publications.models.common import Level
from publications.pdf import build_pdf
from tests.factories import InstitutionFactory, SubjectFactory, TeacherFactory


class PeriodicalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Periodical
        django_get_or_create = ["title"]

    title = factory.Sequence(lambda n: f"Вісник {n}")


class IssueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Issue

    periodical = factory.SubFactory(PeriodicalFactory)
    year = 2016
    number = factory.Sequence(lambda n: n + 1)
    date = factory.LazyAttribute(lambda o: dt.date(o.year, 3, 1))
    pdf = factory.LazyFunction(lambda: ContentFile(build_pdf(["Issue"]), name="issue.pdf"))


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article
        skip_postgeneration_save = True

    issue = factory.SubFactory(IssueFactory)
    title = factory.Sequence(lambda n: f"Стаття про методичне об’єднання {n}")
    first_page = 3
    last_page = 7

    @factory.post_generation
    def teachers(self, create, extracted, **kwargs):
        if create and extracted:
            self.teachers.set(extracted)

    @factory.post_generation
    def staff_authors(self, create, extracted, **kwargs):
        if create and extracted:
            self.staff_authors.set(extracted)


class ManualFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Manual
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Посібник з історії міста {n}")
    authoring_group = "Творча група вчителів історії"
    year = 2010
    subject = factory.SubFactory(SubjectFactory, name="Історія")

    @factory.post_generation
    def teachers(self, create, extracted, **kwargs):
        if create and extracted:
            self.teachers.set(extracted)

    @factory.post_generation
    def staff_authors(self, create, extracted, **kwargs):
        if create and extracted:
            self.staff_authors.set(extracted)


class ExternalPublicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExternalPublication

    author = factory.SubFactory(TeacherFactory)
    title = factory.Sequence(lambda n: f"Інтерактивні методи навчання {n}")
    venue = "Журнал «Початкова освіта»"
    publisher = "Шкільний світ"
    year = 2016
    level = Level.NATIONAL
    subject = factory.SubFactory(SubjectFactory, name="Початкова освіта")


class PracticeEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PracticeEntry

    author = factory.SubFactory(TeacherFactory)
    institution = factory.SubFactory(InstitutionFactory)
    topic = factory.Sequence(lambda n: f"Технологія критичного мислення {n}")
    subject = factory.SubFactory(SubjectFactory, name="Історія")
    level = Level.CITY
    city_decision_number = "2"
    city_decision_date = dt.date(2015, 3, 20)


class PracticeMaterialFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PracticeMaterial

    entry = factory.SubFactory(PracticeEntryFactory)
    title = "Опис досвіду"
    url = "https://example.org/material"


class NewsFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = News

    title = factory.Sequence(lambda n: f"Новина про семінар {n}")
    date = dt.date(2024, 5, 1)
    summary = "Коротко про подію."
    body = "Текст новини."
