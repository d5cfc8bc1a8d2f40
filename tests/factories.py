"""Factories for the shared core and the staff app. Each other app keeps its factories in
tests/<app>/factories.py and imports these."""

from decimal import Decimal

import factory
from django.contrib.auth.models import User
from django.core.mail import EmailMessage
from django.utils import timezone
from mailer.models import RESULT_FAILURE, Message, MessageLog, email_to_db

from imc_portal.models import Centre, Institution, Subject, Teacher, TeacherAccount
from staff.models import Award, AwardKind, Department, Distinction, StaffMember


class CentreFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Centre
        django_get_or_create = ["id"]

    id = Centre.SINGLETON_ID
    name = "Інформаційно-методичний центр управління освіти Тестової міської ради"
    short_name = "ІМЦ м. Тестове"
    city = "Тестове"
    address = "вул. Шкільна, 1"
    phone = "+380 44 000 00 00"
    email = "imc@example.org"


class InstitutionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Institution

    kind = Institution.Kind.SCHOOL
    name = factory.Sequence(lambda n: f"Гімназія № {n + 1}")
    short_name = factory.Sequence(lambda n: f"Гімназія № {n + 1}")
    address = factory.Sequence(lambda n: f"вул. Соборна, {n + 1}")


class SubjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Subject
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Предмет {n}")


class TeacherFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Teacher

    surname = factory.Sequence(lambda n: f"Прізвище{n}")
    first_name = "Олена"
    patronymic = "Іванівна"
    institution = factory.SubFactory(InstitutionFactory)
    position = "учитель"


class TeacherUserFactory(factory.django.DjangoModelFactory):
    """A teacher's login: the e-mail address is the user name."""

    class Meta:
        model = User
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"teacher{n}@example.org")
    email = factory.LazyAttribute(lambda user: user.username)
    password = factory.django.Password("a teacher's Password 1")


class TeacherAccountFactory(factory.django.DjangoModelFactory):
    """A confirmed account whose link waits for a methodist (``status=LINKED`` with a
    ``teacher`` for a linked one)."""

    class Meta:
        model = TeacherAccount

    user = factory.SubFactory(TeacherUserFactory)
    surname = factory.Sequence(lambda n: f"Прізвище{n}")
    first_name = "Олена"
    patronymic = "Іванівна"
    institution = factory.SubFactory(InstitutionFactory)
    status = TeacherAccount.Status.PENDING
    email_confirmed = factory.LazyFunction(timezone.now)


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department

    name = factory.Sequence(lambda n: f"Відділ {n}")


class StaffMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StaffMember

    surname = factory.Sequence(lambda n: f"Методист{n}")
    first_name = "Ірина"
    patronymic = "Петрівна"
    role = StaffMember.Role.METHODIST
    position = "методист"
    department = factory.SubFactory(DepartmentFactory)
    rate = Decimal("1.00")


class AwardKindFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AwardKind
        django_get_or_create = ["name"]

    name = "Відмінник освіти України"
    level = AwardKind.Level.DEPARTMENTAL


class AwardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Award

    member = factory.SubFactory(StaffMemberFactory)
    kind = factory.SubFactory(AwardKindFactory)
    year = 2015


class DistinctionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Distinction

    title = factory.Sequence(lambda n: f"Золота медаль виставки {n}")
    year = 2018


def queued_email(n):
    return email_to_db(EmailMessage(f"Лист {n}", "Текст листа.", to=[f"teacher{n}@example.com"]))


class QueuedMessageFactory(factory.django.DjangoModelFactory):
    """An e-mail waiting in the queue (imc_portal/mail.py)."""

    class Meta:
        model = Message

    message_data = factory.Sequence(queued_email)


class MessageLogFactory(factory.django.DjangoModelFactory):
    """An attempt the mail server refused."""

    class Meta:
        model = MessageLog

    message_data = factory.Sequence(queued_email)
    when_added = factory.LazyFunction(timezone.now)
    priority = 2
    result = RESULT_FAILURE
    log_message = "Connection refused"
