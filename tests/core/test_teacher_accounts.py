"""Teachers' accounts (issue 17): sign-up with an e-mail confirmed by a link, the link to the
teacher's record (automatic only when the record has the confirmed address, else a
methodist confirms it), /me/ (edit, JSON, delete), login limits, password reset, and the
separation from staff accounts."""

import datetime as dt
import json
import re

import pytest
from axes.models import AccessAttempt
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import User
from django.core import mail
from django.utils import timezone

from events.models import Attendance, Registration
from imc_portal.models import Teacher, TeacherAccount
from tests.events.factories import AttendanceFactory, EventFactory, RegistrationFactory
from tests.factories import (
    CentreFactory,
    InstitutionFactory,
    SubjectFactory,
    TeacherAccountFactory,
    TeacherFactory,
)
from tests.publications.factories import ExternalPublicationFactory

pytestmark = pytest.mark.django_db

PASSWORD = "Квітневий ранок 2026"
ADDRESS = "192.0.2.20"


@pytest.fixture(autouse=True)
def centre(db):
    return CentreFactory()


@pytest.fixture
def school(db):
    return InstitutionFactory(name="Ліцей № 5", short_name="Ліцей № 5")


def sign_up(client, school, email="olena@example.org", subjects=(), prefix="", **fields):
    data = {
        "email": email,
        "password1": PASSWORD,
        "password2": PASSWORD,
        "surname": "Коваленко",
        "first_name": "Олена",
        "patronymic": "Петрівна",
        "institution": school.pk,
        "subjects": [subject.pk for subject in subjects],
    } | fields
    return client.post(f"{prefix}/accounts/sign-up/", data)


def link_in(message):
    return re.search(r"http://testserver(/\S+)", message.body)[1]


def confirm(client, message):
    url = link_in(message)
    assert client.get(url).status_code == 200  # the button: a scanner's GET confirms nothing
    return client.post(url)


def teacher_client(client, account):
    client.force_login(account.user)
    return client


def linked_account(**teacher_fields):
    teacher = TeacherFactory(**teacher_fields)
    return TeacherAccountFactory(
        status=TeacherAccount.Status.LINKED,
        teacher=teacher,
        surname=teacher.surname,
        user__username="linked@example.org",
    )


# Sign-up, confirmation and the link.


def test_sign_up_sends_a_ukrainian_confirmation_with_the_centres_name(client, school):
    response = sign_up(client, school)
    assert response.status_code == 200
    assert "Ми надіслали посилання на <strong>olena@example.org</strong>" in response.text
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["olena@example.org"]
    assert message.subject == "Підтвердьте адресу електронної пошти: ІМЦ м. Тестове"
    assert message.body.startswith("Доброго дня, Олена!")
    assert "на порталі «Інформаційно-методичний центр управління освіти Тестової" in message.body
    assert link_in(message).startswith("/accounts/confirm/")
    user = User.objects.get(username="olena@example.org")
    assert not user.is_active and not user.is_staff
    assert user.teacher_account.status == TeacherAccount.Status.UNCONFIRMED
    # Not confirmed yet: no login.
    response = client.post(
        "/accounts/login/", {"username": "olena@example.org", "password": PASSWORD}
    )
    assert response.status_code == 400
    assert "спершу перейдіть за посиланням з листа" in response.text


def test_confirmed_address_on_a_record_links_it_at_once(client, school):
    history = SubjectFactory(name="Історія")
    record = TeacherFactory(surname="Коваленко", email="Olena@Example.org")
    sign_up(client, school, subjects=[history])
    response = confirm(client, mail.outbox[0])
    assert response.status_code == 302
    assert response["Location"] == "/me/"
    account = TeacherAccount.objects.get()
    assert account.status == TeacherAccount.Status.LINKED
    assert account.teacher == record
    assert account.email_confirmed is not None
    assert Teacher.objects.count() == 1  # no second record
    page = client.get("/me/")
    assert page.status_code == 200
    assert "Вашу адресу підтверджено, ви увійшли." in page.text
    assert f'<a href="{record.get_absolute_url()}">Ваша публічна сторінка</a>' in page.text
    # The link works once.
    assert client.post(link_in(mail.outbox[0])).status_code == 400


def test_without_a_matching_record_a_new_one_is_made_from_the_sign_up(client, school):
    history = SubjectFactory(name="Історія")
    TeacherFactory(surname="Шевченко", email="other@example.org")
    sign_up(client, school, subjects=[history])
    confirm(client, mail.outbox[0])
    account = TeacherAccount.objects.get()
    assert account.status == TeacherAccount.Status.LINKED
    teacher = account.teacher
    assert (teacher.full_name, teacher.institution, teacher.email) == (
        "Коваленко Олена Петрівна",
        school,
        "olena@example.org",
    )
    assert list(teacher.subjects.all()) == [history]


def test_a_record_with_the_same_name_makes_the_link_wait_for_a_methodist(client, school, methodist):
    existing = TeacherFactory(surname="Коваленко", first_name="Олена", email="")
    sign_up(client, school)
    confirm(client, mail.outbox[0])
    account = TeacherAccount.objects.get()
    assert (account.status, account.teacher) == (TeacherAccount.Status.PENDING, None)
    assert Teacher.objects.count() == 1
    page = client.get("/me/")
    assert "методист перевірить, що він ваш" in page.text
    assert existing.get_absolute_url() not in page.text
    assert "Мої дані" not in page.text  # nothing to edit before the link
    assert client.post("/me/", {"surname": "Захоплено"}).status_code == 405
    existing.refresh_from_db()
    assert existing.surname == "Коваленко"

    # The methodist's list of pending links, the record with the same name beside each.
    client.force_login(methodist)
    listing = client.get("/admin/imc_portal/teacheraccount/?status=pending")
    assert list(listing.context["cl"].result_list) == [account]
    assert f'/admin/imc_portal/teacher/{existing.pk}/change/">Коваленко Олена' in listing.text
    # The methodist joins it to the existing record, then confirms.
    change = client.get(f"/admin/imc_portal/teacheraccount/{account.pk}/change/")
    assert change.status_code == 200
    response = client.post(
        f"/admin/imc_portal/teacheraccount/{account.pk}/change/", {"teacher": existing.pk}
    )
    assert response.status_code == 302
    response = client.post(
        "/admin/imc_portal/teacheraccount/",
        {"action": "confirm_links", "_selected_action": [account.pk], "index": 0},
    )
    assert response.status_code == 302
    account.refresh_from_db()
    assert (account.status, account.teacher) == (TeacherAccount.Status.LINKED, existing)
    existing.refresh_from_db()
    assert existing.email == "olena@example.org"  # it had none
    log = LogEntry.objects.filter(object_id=str(account.pk), action_flag=CHANGE).latest("pk")
    assert log.user == methodist
    assert account.history.latest().history_user == methodist
    assert "Підтверджено 1 зв’язок." in client.get("/admin/imc_portal/teacheraccount/").text


def test_confirming_a_pending_link_without_a_record_makes_one(methodist_client, school):
    account = TeacherAccountFactory(surname="Бойко", first_name="Ірина", institution=school)
    methodist_client.post(
        "/admin/imc_portal/teacheraccount/",
        {"action": "confirm_links", "_selected_action": [account.pk], "index": 0},
    )
    account.refresh_from_db()
    assert account.is_linked
    assert (account.teacher.surname, account.teacher.institution) == ("Бойко", school)
    assert account.teacher.email == account.user.email


def test_a_record_linked_to_another_account_is_not_taken_over(client, school):
    other = linked_account(surname="Коваленко", email="olena@example.org")
    sign_up(client, school)
    confirm(client, mail.outbox[0])
    account = TeacherAccount.objects.get(user__username="olena@example.org")
    assert (account.status, account.teacher) == (TeacherAccount.Status.PENDING, None)
    other.refresh_from_db()
    assert other.teacher.account == other


def test_an_old_link_does_not_reopen_a_deactivated_account(client, school):
    sign_up(client, school)
    confirm(client, mail.outbox[0])
    client.logout()
    user = User.objects.get()
    user.is_active = False  # a superuser closed the account
    user.save()
    assert client.post(link_in(mail.outbox[0])).status_code == 400
    user.refresh_from_db()
    assert not user.is_active


def test_a_wrong_confirmation_link_is_refused(client):
    response = client.get("/accounts/confirm/MQ/not-a-token/")
    assert response.status_code == 400
    assert "Посилання неправильне, застаріле або вже використане." in response.text
    assert client.get("/accounts/confirm/%00/x/").status_code == 400


# Bad input.


def test_a_taken_address_is_a_form_error(client, school):
    linked_account()
    response = sign_up(client, school, email="LINKED@example.org")
    assert response.status_code == 400
    assert "Обліковий запис із цією адресою електронної пошти вже є." in response.text
    assert mail.outbox == []


def test_signing_up_again_before_confirming_replaces_the_first_sign_up(client, school):
    sign_up(client, school)
    sign_up(client, school, first_name="Оля")
    assert len(mail.outbox) == 2
    account = TeacherAccount.objects.get()
    assert account.first_name == "Оля"
    assert client.post(link_in(mail.outbox[0])).status_code == 400  # the first link is void
    assert confirm(client, mail.outbox[1]).status_code == 302


@pytest.mark.parametrize(
    ("fields", "errors"),
    [
        ({"surname": "Ко\x00валенко"}, {"surname": ["Символи Null не дозволені."]}),
        ({"email": "not an address"}, {"email": ["Введіть коректну email адресу."]}),
        ({"password2": "інший пароль 2026"}, {"password2": ["Паролі не збігаються"]}),
        (
            {"password1": "12345678", "password2": "12345678"},
            {
                "password2": [
                    "Пароль занадто поширений.",
                    "Цей пароль повністю складається із цифр.",
                ]
            },
        ),
        (
            {"institution": "999999"},
            {"institution": ["Зробить коректний вибір. Такого варіанту нема серед доступних."]},
        ),
    ],
)
def test_bad_sign_up_input_is_a_form_error(client, school, fields, errors):
    response = sign_up(client, school, **fields)
    assert response.status_code == 400
    assert response.context["form"].errors == errors
    for messages in errors.values():
        for message in messages:
            assert message in response.text
    assert not User.objects.exists()
    assert mail.outbox == []


# Login, staff apart, login limits.


def test_a_teacher_logs_in_with_the_address_in_any_case_and_out(client):
    account = linked_account()
    response = client.post(
        "/accounts/login/",
        {"username": " Linked@Example.ORG ", "password": "a teacher's Password 1"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/me/"
    assert client.get("/accounts/login/")["Location"] == "/me/"
    assert client.get("/me/").context["account"] == account
    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert client.get("/me/")["Location"] == "/accounts/login/?next=/me/"


def test_staff_cannot_log_in_on_the_teachers_login(client, methodist):
    methodist.set_password("staff Password 1")
    methodist.save()
    response = client.post(
        "/accounts/login/", {"username": "methodist", "password": "staff Password 1"}
    )
    assert response.status_code == 400
    assert "Це обліковий запис працівника центру" in response.text
    assert client.get("/admin/").status_code == 302  # not logged in


def test_a_teacher_never_sees_the_admin(client):
    account = linked_account()
    client.force_login(account.user)
    assert client.get("/admin/")["Location"].startswith("/admin/login/")
    assert client.get("/admin/imc_portal/teacher/").status_code == 302
    response = client.post(
        "/admin/login/",
        {"username": "linked@example.org", "password": "a teacher's Password 1"},
    )
    assert response.status_code == 200  # the form again: not a staff account
    assert client.get("/admin/").status_code == 302
    assert client.get("/me/").context["account"] == account  # still the teacher, not staff


def test_ten_wrong_passwords_lock_the_teachers_login(client):
    linked_account()

    def log_in(password):
        return client.post(
            "/accounts/login/",
            {"username": "linked@example.org", "password": password},
            REMOTE_ADDR=ADDRESS,
        )

    assert [log_in("wrong").status_code for _ in range(10)] == [400] * 9 + [429]
    response = log_in("a teacher's Password 1")
    assert response.status_code == 429
    assert response["Retry-After"] == "1800"
    assert "<h1>Забагато невдалих спроб входу</h1>" in response.text
    assert "10 разів введено неправильний пароль" in response.text
    assert '<a href="/accounts/password/reset/">Забули пароль?</a>' in response.text
    attempt = AccessAttempt.objects.get()
    assert (attempt.username, attempt.ip_address) == ("linked@example.org", ADDRESS)
    assert client.get("/me/").status_code == 302  # not logged in
    # Another address is not locked.
    response = client.post(
        "/accounts/login/",
        {"username": "linked@example.org", "password": "a teacher's Password 1"},
        REMOTE_ADDR="198.51.100.7",
    )
    assert response.status_code == 302


# Password reset.


def test_password_reset_by_email(client):
    linked_account()
    response = client.post("/accounts/password/reset/", {"email": "LINKED@example.org"})
    assert response["Location"] == "/accounts/password/reset/sent/"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == "Новий пароль: ІМЦ м. Тестове"
    assert "Хтось попросив новий пароль для вашого облікового запису педагога" in message.body
    form_page = client.get(link_in(message), follow=True)
    assert form_page.context["validlink"]
    new = "Нова осінь 2027 року"
    response = client.post(
        form_page.redirect_chain[-1][0], {"new_password1": new, "new_password2": new}
    )
    assert response["Location"] == "/accounts/password/reset/done/"
    response = client.post("/accounts/login/", {"username": "linked@example.org", "password": new})
    assert response.status_code == 302


def test_a_password_reset_ends_the_lockout(client):
    linked_account()

    def log_in(password):
        return client.post(
            "/accounts/login/",
            {"username": "linked@example.org", "password": password},
            REMOTE_ADDR=ADDRESS,
        )

    assert [log_in("wrong").status_code for _ in range(10)][-1] == 429
    assert log_in("a teacher's Password 1").status_code == 429
    client.post("/accounts/password/reset/", {"email": "linked@example.org"})
    form_page = client.get(link_in(mail.outbox[0]), follow=True)
    new = "Нова осінь 2027 року"
    response = client.post(
        form_page.redirect_chain[-1][0], {"new_password1": new, "new_password2": new}
    )
    assert response["Location"] == "/accounts/password/reset/done/"
    assert not AccessAttempt.objects.filter(username="linked@example.org").exists()
    response = log_in(new)
    assert response.status_code == 302
    assert client.get("/me/").status_code == 200


def test_password_reset_sends_nothing_to_staff(client, methodist):
    methodist.email = "methodist@example.org"
    methodist.save()
    response = client.post("/accounts/password/reset/", {"email": "methodist@example.org"})
    assert response.status_code == 302
    assert mail.outbox == []


# /me/.


def test_me_edits_the_linked_record_with_history(client):
    history = SubjectFactory(name="Історія")
    account = linked_account(surname="Коваленко")
    teacher_client(client, account)
    response = client.post(
        "/me/",
        {
            "surname": "Коваленко-Бойко",
            "first_name": "Олена",
            "patronymic": "",
            "institution": account.teacher.institution_id,
            "position": "учитель історії",
            "subjects": [history.pk],
        },
    )
    assert response.status_code == 302
    teacher = Teacher.objects.get(pk=account.teacher_id)
    assert (teacher.surname, teacher.position) == ("Коваленко-Бойко", "учитель історії")
    assert list(teacher.subjects.all()) == [history]
    assert teacher.history.latest().history_user == account.user
    assert "Ваші дані збережено." in client.get("/me/").text


def test_me_refuses_bad_input_with_form_errors(client):
    account = linked_account(surname="Коваленко")
    teacher_client(client, account)
    response = client.post("/me/", {"surname": "a\x00b", "first_name": "", "institution": "junk"})
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert set(errors) == {"surname", "first_name", "institution"}
    account.teacher.refresh_from_db()
    assert account.teacher.surname == "Коваленко"


def test_me_shows_the_records_public_results(client):
    account = linked_account()
    ExternalPublicationFactory(author=account.teacher, title="Інтерактивні методи")
    page = teacher_client(client, account).get("/me/")
    assert "Інтерактивні методи" in page.text
    assert "Мої дані" in page.text


def test_me_reads_a_fixed_number_of_queries(client, django_assert_num_queries):
    account = linked_account()
    teacher_client(client, account)
    ExternalPublicationFactory(author=account.teacher)
    account.teacher.subjects.add(SubjectFactory())
    with django_assert_num_queries(13):  # one of them for the registrations
        client.get("/me/")
    for _ in range(2):
        ExternalPublicationFactory(author=account.teacher)
        account.teacher.subjects.add(SubjectFactory())
    with django_assert_num_queries(13):
        client.get("/me/")


def test_my_data_as_json(client):
    history = SubjectFactory(name="Історія")
    account = linked_account(surname="Коваленко", email="linked@example.org", phone="123")
    account.teacher.subjects.add(history)
    response = teacher_client(client, account).get("/me/data.json")
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="my-data.json"'
    data = json.loads(response.content)
    assert list(data) == ["account", "sign_up", "teacher_record"]
    assert list(data["account"]) == ["email", "created", "email_confirmed", "last_login", "link"]
    assert (data["account"]["email"], data["account"]["link"]) == ("linked@example.org", "linked")
    assert list(data["sign_up"]) == [
        "surname", "first_name", "patronymic", "institution", "subjects",
    ]  # fmt: skip
    record = data["teacher_record"]
    assert list(record) == [
        "surname", "first_name", "patronymic", "institution", "subjects", "position",
        "category", "pedagogical_title", "email", "phone", "public_page",
    ]  # fmt: skip
    assert record["surname"] == "Коваленко"
    assert record["subjects"] == ["Історія"]
    assert record["phone"] == "123"
    assert record["public_page"] == f"http://testserver{account.teacher.get_absolute_url()}"
    assert "note" not in json.dumps(data)


def test_deleting_the_account_keeps_the_record_and_its_results(client):
    account = linked_account(email="linked@example.org")
    publication = ExternalPublicationFactory(author=account.teacher)
    teacher_client(client, account)
    response = client.post("/me/delete/", {"password": "wrong"})
    assert response.status_code == 400
    assert "Неправильний пароль." in response.text
    response = client.post("/me/delete/", {"password": "a teacher's Password 1"})
    assert response.status_code == 302
    assert not User.objects.filter(username="linked@example.org").exists()
    assert not TeacherAccount.objects.exists()
    teacher = Teacher.objects.get(pk=account.teacher_id)
    assert teacher.email == ""
    assert list(teacher.external_publications.all()) == [publication]
    assert client.get("/me/").status_code == 302  # logged out
    assert "Ваш обліковий запис видалено." in client.get("/").text


def test_confirming_a_sign_up_marks_the_record_it_makes(client, school):
    TeacherFactory(surname="Шевченко")  # the centre's own
    sign_up(client, school)
    confirm(client, mail.outbox[0])
    made = TeacherAccount.objects.get().teacher
    assert made.created_from_sign_up
    assert not Teacher.objects.get(surname="Шевченко").created_from_sign_up


def past_and_upcoming(account, waiting_email="waiting@example.org"):
    """The account's teacher: attended a past event, holds the last place of an upcoming
    one (another teacher waits for it) and waits for a place at a third."""
    teacher = account.teacher
    past = EventFactory(
        registration_enabled=True, capacity=5, start=timezone.now() - dt.timedelta(days=30)
    )
    RegistrationFactory(event=past, teacher=teacher)
    AttendanceFactory(event=past, teacher=teacher)
    full = EventFactory(registration_enabled=True, capacity=1, title="Повний семінар")
    held = RegistrationFactory(event=full, teacher=teacher)
    waiting = RegistrationFactory(
        event=full,
        teacher=TeacherFactory(email=waiting_email),
        status=Registration.Status.WAITING,
        position=1,
    )
    queue = RegistrationFactory(
        event__capacity=1, teacher=teacher, status=Registration.Status.WAITING, position=1
    )
    return past, held, waiting, queue


def delete_own_account(client, account, capture, password="a teacher's Password 1"):
    teacher_client(client, account)
    with capture(execute=True):
        response = client.post("/me/delete/", {"password": password})
    assert response.status_code == 302
    assert not TeacherAccount.objects.exists()


def test_deleting_an_account_gives_up_upcoming_places_and_keeps_the_past(
    client, django_capture_on_commit_callbacks
):
    account = linked_account(email="linked@example.org")
    past, held, waiting, queue = past_and_upcoming(account)
    delete_own_account(client, account, django_capture_on_commit_callbacks)
    statuses = [Registration.objects.get(pk=row.pk).status for row in (held, waiting, queue)]
    assert statuses == ["cancelled", "offered", "cancelled"]
    assert [message.to for message in mail.outbox] == [["waiting@example.org"]]
    assert "Повний семінар" in mail.outbox[0].body
    # The past stays: the registration and the attendance the figures count.
    teacher = Teacher.objects.get(pk=account.teacher_id)
    assert past.registrations.get().teacher == teacher
    assert Attendance.objects.get(teacher=teacher).event == past
    # A record the centre had keeps its name, without the account's address.
    assert not teacher.created_from_sign_up
    assert (teacher.surname, teacher.email) == (account.teacher.surname, "")


def test_deleting_an_account_makes_its_sign_up_record_anonymous(
    client, school, django_capture_on_commit_callbacks
):
    sign_up(client, school, subjects=[SubjectFactory(name="Історія")])
    confirm(client, mail.outbox[0])
    account = TeacherAccount.objects.select_related("teacher").get()
    teacher = account.teacher
    teacher.phone, teacher.position = "067 123 45 67", "учителька історії"
    teacher.save()
    assert teacher.slug.startswith("kovalenko")
    past, _held, waiting, _queue = past_and_upcoming(account)
    page = client.get("/me/delete/")
    assert "його буде знеособлено" in page.text
    mail.outbox.clear()
    delete_own_account(client, account, django_capture_on_commit_callbacks, PASSWORD)
    teacher.refresh_from_db()
    assert teacher.full_name == f"Видалений обліковий запис {teacher.pk}"
    assert (teacher.email, teacher.phone, teacher.position) == ("", "", "")
    assert list(teacher.subjects.all()) == []
    assert "kovalenko" not in teacher.slug  # the public page's address named her too
    assert teacher.institution == school  # the figures by institution still count it
    assert Attendance.objects.get(teacher=teacher).event == past
    assert past.registrations.get().teacher == teacher
    assert Registration.objects.get(pk=waiting.pk).status == Registration.Status.OFFERED
    assert [message.to for message in mail.outbox] == [["waiting@example.org"]]
    # Nothing kept names her: neither the record's history nor the account's.
    assert not teacher.history.filter(surname="Коваленко").exists()
    assert not TeacherAccount.history.filter(surname="Коваленко").exists()


def test_a_sign_up_record_with_results_keeps_its_name(client, school):
    sign_up(client, school)
    confirm(client, mail.outbox[0])
    account = TeacherAccount.objects.select_related("teacher").get()
    ExternalPublicationFactory(author=account.teacher)
    page = client.get("/me/delete/")
    assert "залишиться з результатами й публікаціями" in page.text
    assert "знеособлено" not in page.text
    response = client.post("/me/delete/", {"password": PASSWORD})
    assert response.status_code == 302
    teacher = Teacher.objects.get(pk=account.teacher_id)
    assert (teacher.full_name, teacher.email) == ("Коваленко Олена Петрівна", "")


def test_staff_have_no_teachers_page(methodist_client):
    assert methodist_client.get("/me/").status_code == 403
    assert methodist_client.get("/me/data.json").status_code == 403


# The layout.


def test_the_header_for_anonymous_visitors_teachers_and_staff(client, methodist):
    assert '<a class="nav-link" href="/accounts/login/">Увійти</a>' in client.get("/").text
    account = linked_account()
    account.user.first_name, account.user.last_name = "Олена", "Коваленко"
    account.user.save()
    html = teacher_client(client, account).get("/").text
    assert "Олена Коваленко" in html
    assert '<a class="nav-link" href="/me/">Мій кабінет</a>' in html
    assert 'action="/accounts/logout/"' in html and ">Вийти</button>" in html
    assert "Увійти" not in html
    client.force_login(methodist)
    html = client.get("/").text
    assert "Мій кабінет" not in html and "Увійти" not in html
    assert 'href="/admin/"' in html


def test_english_pages_and_messages_at_en(client, school):
    response = sign_up(client, school, prefix="/en")
    assert "We have sent a link to <strong>olena@example.org</strong>" in response.text
    assert mail.outbox[0].subject.startswith("Confirm your e-mail address: ")
    assert link_in(mail.outbox[0]).startswith("/en/accounts/confirm/")


# The page cache.


def test_a_teacher_never_gets_nor_leaves_a_kept_page(client, settings):
    account = linked_account()
    account.user.first_name = "Олена"
    account.user.save()
    settings.PAGE_CACHE_SECONDS = 600
    client.get("/about/")
    assert client.get("/about/")["X-Page-Cache"] == "hit"
    teacher_client(client, account)
    response = client.get("/about/")
    assert "X-Page-Cache" not in response
    assert '<a class="nav-link" href="/me/">Мій кабінет</a>' in response.text
    anonymous = type(client)()
    kept = anonymous.get("/about/")
    assert kept["X-Page-Cache"] == "hit"
    assert "Мій кабінет" not in kept.text and "Увійти" in kept.text
    assert "X-Page-Cache" not in client.get("/me/")
