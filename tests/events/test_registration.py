"""Registration for events: places, the waiting list and its offers, cancelling, the
methodists' actions, the teacher's page, and never more confirmed than places."""

import datetime as dt
import io
import threading

import pytest
from django.contrib.admin.models import LogEntry
from django.core import mail
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from events import registration as services
from events.models import Attendance, Event, Registration
from imc_portal.models import TeacherAccount
from tests.admin_records import admin_form_data
from tests.events.factories import (
    AudienceRoleFactory,
    EventFactory,
    GroupFactory,
    RegistrationFactory,
)
from tests.factories import SubjectFactory, TeacherAccountFactory, TeacherFactory

pytestmark = pytest.mark.django_db
Status = Registration.Status
BASE = "http://testserver"


def linked_client(teacher=None):
    teacher = teacher or TeacherFactory()
    account = TeacherAccountFactory(status=TeacherAccount.Status.LINKED, teacher=teacher)
    client = Client()
    client.force_login(account.user)
    return client, teacher, account


def open_event(**fields):
    fields.setdefault("registration_enabled", True)
    fields.setdefault("capacity", 2)
    return EventFactory(**fields)


def register_url(event):
    return reverse("events:register", kwargs={"slug": event.slug})


def cancel_url(registration):
    return reverse("events:registration_cancel", kwargs={"pk": registration.pk})


def accept_url(registration):
    return reverse("events:registration_accept", kwargs={"pk": registration.pk})


def page_text(client, event):
    response = client.get(event.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def test_registering_confirms_and_the_page_shows_one_place_fewer():
    event = open_event(capacity=2)
    client, teacher, account = linked_client()
    assert "2 місця залишилося" in page_text(Client(), event)
    response = client.post(register_url(event), follow=True)
    assert "Ви зареєстровані." in response.content.decode()
    registration = Registration.objects.get(event=event, teacher=teacher)
    assert registration.status == Status.CONFIRMED
    assert "1 місце залишилося" in page_text(Client(), event)
    attendance = Attendance.objects.get(event=event, teacher=teacher)
    assert (attendance.source, attendance.attended) == (Attendance.Source.REGISTERED, False)
    assert [message.to for message in mail.outbox] == [[account.user.email]]
    assert event.title in mail.outbox[0].subject


def test_a_full_event_puts_the_teacher_on_the_waiting_list_with_a_position():
    event = open_event(capacity=1)
    RegistrationFactory(event=event)
    client, teacher, _account = linked_client()
    response = client.post(register_url(event), follow=True)
    assert "ви №1 у списку очікування" in response.content.decode()
    second, other, _ = linked_client()
    second.post(register_url(event))
    rows = Registration.objects.filter(event=event, status=Status.WAITING).order_by("position")
    assert [(row.teacher, row.position) for row in rows] == [(teacher, 1), (other, 2)]
    assert "Ви №2 у списку очікування." in page_text(second, event)
    assert not Attendance.objects.filter(event=event, teacher=teacher).exists()


def test_cancelling_offers_the_place_to_the_first_waiting_by_email():
    event = open_event(capacity=1)
    client, teacher, _ = linked_client()
    client.post(register_url(event))
    waiting_client, first, first_account = linked_client()
    waiting_client.post(register_url(event))
    _c, second, _a = linked_client()
    _c.post(register_url(event))
    mine = Registration.objects.get(event=event, teacher=teacher)
    mail.outbox.clear()
    response = client.post(cancel_url(mine), follow=True)
    assert "Вашу реєстрацію скасовано." in response.content.decode()
    mine.refresh_from_db()
    assert mine.status == Status.CANCELLED
    assert not Attendance.objects.filter(event=event, teacher=teacher).exists()
    # Nothing left to cancel: the page offers registering again (on the waiting list).
    after = page_text(client, event)
    assert cancel_url(mine) not in after
    assert register_url(event) in after
    offer = Registration.objects.get(event=event, teacher=first)
    assert offer.status == Status.OFFERED
    assert offer.offer_expires_at - offer.offered_at == dt.timedelta(hours=24)
    assert Registration.objects.get(event=event, teacher=second).status == Status.WAITING
    # The one who cancelled is told, then the first on the list gets the offer.
    cancelled, offered = mail.outbox
    assert cancelled.to == [teacher.account.user.email]
    assert "скасовано" in cancelled.subject
    assert offered.to == [first_account.user.email]
    assert BASE + accept_url(offer) in offered.body
    # The link shows the offer; the button takes the place.
    assert "Взяти місце" in page_text(waiting_client, event)
    waiting_client.post(accept_url(offer))
    offer.refresh_from_db()
    assert offer.status == Status.CONFIRMED
    assert Attendance.objects.filter(event=event, teacher=first).exists()


def test_an_unconfirmed_offer_passes_to_the_next_on_the_list():
    event = open_event(capacity=1)
    offered = RegistrationFactory(
        event=event,
        status=Status.OFFERED,
        offered_at=timezone.now() - dt.timedelta(hours=25),
        offer_expires_at=timezone.now() - dt.timedelta(hours=1),
    )
    account = TeacherAccountFactory(status=TeacherAccount.Status.LINKED, teacher=TeacherFactory())
    following = RegistrationFactory(
        event=event, teacher=account.teacher, status=Status.WAITING, position=1
    )
    call_command("expire_offers", stdout=io.StringIO())
    offered.refresh_from_db()
    following.refresh_from_db()
    assert offered.status == Status.EXPIRED
    assert following.status == Status.OFFERED
    assert [message.to for message in mail.outbox] == [[account.user.email]]
    call_command("expire_offers", stdout=io.StringIO())
    assert len(mail.outbox) == 1  # nothing twice


def test_the_event_page_passes_an_overdue_offer_on_before_it_counts():
    """The page's own counts come from before the offer lapsed: it reads them again."""
    event = open_event(capacity=1)
    offered = RegistrationFactory(
        event=event,
        status=Status.OFFERED,
        offered_at=timezone.now() - dt.timedelta(hours=25),
        offer_expires_at=timezone.now() - dt.timedelta(hours=1),
    )
    client, teacher, _account = linked_client()
    RegistrationFactory(event=event, teacher=teacher, status=Status.WAITING, position=1)
    html = page_text(client, event)
    assert "Вам запропоновано місце до" in html
    assert "Місць немає: можна стати у список очікування." in html
    offered.refresh_from_db()
    assert offered.status == Status.EXPIRED
    assert Registration.objects.get(event=event, teacher=teacher).status == Status.OFFERED


def test_an_expired_offer_cannot_be_taken():
    event = open_event(capacity=1)
    client, teacher, _ = linked_client()
    offer = RegistrationFactory(
        event=event,
        teacher=teacher,
        status=Status.OFFERED,
        offered_at=timezone.now() - dt.timedelta(hours=30),
        offer_expires_at=timezone.now() - dt.timedelta(hours=6),
    )
    response = client.post(accept_url(offer))
    assert response.status_code == 303
    offer.refresh_from_db()  # expired by the refusal itself, not by the page that follows
    assert offer.status == Status.EXPIRED
    assert "Ця пропозиція вже не діє." in page_text(client, event)
    assert not Attendance.objects.filter(event=event, teacher=teacher).exists()


def test_a_higher_capacity_offers_the_places(methodist_client):
    event = open_event(capacity=1)
    RegistrationFactory(event=event)
    waiting = [
        RegistrationFactory(event=event, status=Status.WAITING, position=number)
        for number in (1, 2, 3)
    ]
    url = reverse("admin:events_event_change", args=[event.pk])
    data = admin_form_data(methodist_client.get(url))
    data["capacity"] = "3"
    response = methodist_client.post(url, data)
    assert response.status_code == 302
    statuses = [Registration.objects.get(pk=row.pk).status for row in waiting]
    assert statuses == [Status.OFFERED, Status.OFFERED, Status.WAITING]


def test_fewer_places_than_confirmed_keeps_them_all_and_warns(methodist_client):
    event = open_event(capacity=5)
    confirmed = [RegistrationFactory(event=event) for _ in range(4)]
    url = reverse("admin:events_event_change", args=[event.pk])
    data = admin_form_data(methodist_client.get(url))
    data["capacity"] = "1"
    response = methodist_client.post(url, data, follow=True)
    assert response.status_code == 200
    event.refresh_from_db()
    assert event.capacity == 1
    statuses = {Registration.objects.get(pk=row.pk).status for row in confirmed}
    assert statuses == {Status.CONFIRMED}
    warnings = [str(m) for m in response.context["messages"] if m.level_tag == "warning"]
    assert warnings == [
        "3 підтверджені реєстрації понад кількість місць (1): нікого не вилучено; за потреби "
        "скасуйте реєстрації вручну."
    ]
    # Enough places again: no warning.
    data["capacity"] = "4"
    response = methodist_client.post(url, data, follow=True)
    assert not [m for m in response.context["messages"] if m.level_tag == "warning"]


def test_one_registration_per_teacher_and_event():
    registration = RegistrationFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Registration.objects.create(
            event=registration.event, teacher=registration.teacher, status=Status.WAITING
        )


def test_registering_again_after_cancelling_reuses_the_row():
    event = open_event(capacity=5)
    client, teacher, _ = linked_client()
    client.post(register_url(event))
    registration = Registration.objects.get(event=event, teacher=teacher)
    client.post(cancel_url(registration))
    client.post(register_url(event))
    assert list(Registration.objects.filter(event=event).values_list("pk", "status")) == [
        (registration.pk, Status.CONFIRMED)
    ]


def test_an_unlinked_account_is_told_why():
    event = open_event()
    account = TeacherAccountFactory()  # pending
    client = Client()
    client.force_login(account.user)
    assert "ще не пов’язаний" in page_text(client, event)
    response = client.post(register_url(event), follow=True)
    assert "ще не пов’язаний" in response.content.decode()
    assert not Registration.objects.exists()


def test_anonymous_visitors_see_places_and_a_sign_in_link():
    event = open_event(capacity=3)
    RegistrationFactory(event=event)
    text = page_text(Client(), event)
    assert "2 місця залишилося" in text
    login = reverse("accounts:login") + "?next=" + event.get_absolute_url()
    assert f'href="{login}"' in text
    assert "Увійдіть, щоб зареєструватися" in text
    response = Client().post(register_url(event))
    assert response.status_code == 302
    assert not Registration.objects.filter(event=event, status=Status.WAITING).exists()


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"registration_enabled": False}, "Реєстрацію на цю подію не відкрито."),
        (
            {"registration_opens": timezone.now() + dt.timedelta(days=1)},
            "Реєстрація відкриється",
        ),
        ({"registration_closes": timezone.now() - dt.timedelta(hours=1)}, "Реєстрацію закрито."),
        (
            {"start": timezone.now() - dt.timedelta(hours=1)},
            "Подія почалася: реєстрацію завершено.",
        ),
    ],
)
def test_registration_not_open_says_why(fields, message):
    event = open_event(**fields)
    client, _teacher, _ = linked_client()
    response = client.post(register_url(event), follow=True)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Registration.objects.exists()


def test_a_restricted_event_refuses_teachers_of_other_areas():
    subject = SubjectFactory()
    event = open_event(registration_restricted=True)
    event.subjects.add(subject)
    client, teacher, _ = linked_client()
    response = client.post(register_url(event), follow=True)
    assert "для вчителів інших напрямів" in response.content.decode()
    assert not Registration.objects.exists()
    teacher.subjects.add(subject)
    client.post(register_url(event))
    assert Registration.objects.get().status == Status.CONFIRMED


def restricted_to_roles(*names):
    event = open_event(registration_restricted=True)
    roles = [AudienceRoleFactory(name=name) for name in names]
    event.audience_roles.add(*roles)
    return event, roles


def test_a_restricted_event_with_roles_asks_the_role_and_keeps_it(methodist_client):
    event, (deputy, librarian) = restricted_to_roles("Заступники директорів", "Бібліотекарі")
    other = AudienceRoleFactory(name="Практичні психологи")
    client, teacher, _ = linked_client()
    html = page_text(client, event)
    assert "Реєструюся як" in html
    assert f'<option value="{deputy.pk}">Заступники директорів</option>' in html
    assert f'<option value="{librarian.pk}">Бібліотекарі</option>' in html
    assert "Практичні психологи" not in html
    response = client.post(register_url(event))
    assert response.status_code == 400
    assert "Оберіть роль, у якій ви реєструєтеся." in response.content.decode()
    assert 'aria-invalid="true"' in response.content.decode()
    response = client.post(register_url(event), {"role": other.pk})
    assert response.status_code == 400
    assert "Цей захід не для цієї ролі" in response.content.decode()
    assert not Registration.objects.exists()
    response = client.post(register_url(event), {"role": librarian.pk})
    assert response.status_code == 302
    registration = Registration.objects.get()
    assert (registration.teacher, registration.role) == (teacher, librarian)
    changelist = methodist_client.get(reverse("admin:events_registration_changelist")).text
    assert "Бібліотекарі" in changelist
    change = methodist_client.get(
        reverse("admin:events_registration_change", args=[registration.pk])
    ).text
    assert "Реєструється як" in change and "Бібліотекарі" in change


def test_a_role_is_asked_only_when_the_event_is_restricted():
    event = open_event(registration_restricted=False)
    event.audience_roles.add(AudienceRoleFactory(name="Бібліотекарі"))
    client, _teacher, _ = linked_client()
    assert "Реєструюся як" not in page_text(client, event)
    assert client.post(register_url(event)).status_code == 302
    assert Registration.objects.get().role is None


def test_asking_the_role_reads_no_more_queries_on_the_page():
    """The page's form lists the audience roles prefetched with the event."""
    plain = open_event(registration_restricted=True)
    event, _roles = restricted_to_roles("Заступники директорів", "Бібліотекарі")
    client, _teacher, _ = linked_client()
    assert event_page_queries(client, event) == event_page_queries(client, plain)


def test_the_sign_in_sheet_shows_the_role_registered_in(director_client):
    event, (_deputy, librarian) = restricted_to_roles("Заступники директорів", "Бібліотекарі")
    teacher = TeacherFactory(surname="Ющенко", first_name="Олена")
    services.register(event, teacher, BASE, role=librarian)
    response = director_client.get(reverse("admin:events_event_sign_in_sheet", args=[event.pk]))
    html = response.content.decode()
    assert "Реєструється як" in html
    assert html.index("Ющенко Олена") < html.index("Бібліотекарі")


def test_cancelling_after_the_start_is_refused():
    event = open_event(start=timezone.now() - dt.timedelta(minutes=5))
    client, teacher, _ = linked_client()
    registration = RegistrationFactory(event=event, teacher=teacher)
    response = client.post(cancel_url(registration), follow=True)
    assert "Подія почалася" in response.content.decode()
    registration.refresh_from_db()
    assert registration.status == Status.CONFIRMED


def test_nobody_cancels_someone_elses_registration():
    registration = RegistrationFactory()
    client, _teacher, _ = linked_client()
    assert client.post(cancel_url(registration)).status_code == 404
    registration.refresh_from_db()
    assert registration.status == Status.CONFIRMED


def test_my_page_lists_upcoming_and_past_registrations_and_waiting_places():
    client, teacher, _ = linked_client()
    upcoming = RegistrationFactory(teacher=teacher, event=open_event(title="Майбутній семінар"))
    RegistrationFactory(
        teacher=teacher,
        status=Status.WAITING,
        position=4,
        event=open_event(title="Повний семінар"),
    )
    past_event = open_event(
        title="Минулий семінар",
        start=timezone.now() - dt.timedelta(days=30),
    )
    RegistrationFactory(teacher=teacher, event=past_event)
    RegistrationFactory(event=open_event(title="Чужий семінар"))
    text = client.get(reverse("accounts:me")).content.decode()
    assert "Мої реєстрації" in text
    assert "Майбутній семінар" in text
    assert "№4 у списку очікування" in text
    assert "Минулий семінар" in text
    assert "Чужий семінар" not in text
    assert upcoming.event.get_ics_url() in text
    ics = client.get(upcoming.event.get_ics_url())
    assert ics.status_code == 200
    assert ics["Content-Type"].startswith("text/calendar")
    assert "Майбутній семінар" in ics.content.decode()
    mine = client.get(reverse("events:my_calendar"))
    assert mine["Content-Type"].startswith("text/calendar")
    assert mine["Content-Disposition"] == 'attachment; filename="my-registrations.ics"'
    summaries = [
        line.removeprefix("SUMMARY:")
        for line in mine.content.decode().splitlines()
        if line.startswith("SUMMARY:")
    ]
    assert summaries == ["Минулий семінар", "Майбутній семінар"]  # confirmed ones only
    assert reverse("events:my_calendar") in text


def test_the_public_page_never_names_the_registrants():
    registration = RegistrationFactory(teacher=TeacherFactory(surname="Неназивана"))
    assert "Неназивана" not in page_text(Client(), registration.event)


# The methodists' actions.


def _action(client, action, registrations):
    return client.post(
        reverse("admin:events_registration_changelist"),
        {"action": action, "_selected_action": [row.pk for row in registrations]},
    )


def test_a_methodist_reorders_the_waiting_list_and_moves_in(methodist_client):
    event = open_event(capacity=1)
    RegistrationFactory(event=event, status=Status.CANCELLED)
    RegistrationFactory(event=event, status=Status.CONFIRMED)
    first, second = (
        RegistrationFactory(event=event, status=Status.WAITING, position=number)
        for number in (1, 2)
    )
    assert _action(methodist_client, "move_up", [second]).status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    assert (second.position, first.position) == (1, 2)
    assert second.history.latest().history_user.username == "methodist"
    listing = methodist_client.get(
        reverse("admin:events_registration_changelist"), {"event__id__exact": event.pk}
    )
    rows = list(listing.context["cl"].result_list)
    assert [(row.status, row.position) for row in rows] == [
        (Status.CONFIRMED, None),
        (Status.WAITING, 1),
        (Status.WAITING, 2),
        (Status.CANCELLED, None),  # the ended ones last
    ]
    assert rows[1] == second
    _action(methodist_client, "move_in", [first])
    first.refresh_from_db()
    assert first.status == Status.CONFIRMED
    assert event.registrations.filter(status=Status.CONFIRMED).count() == 2  # beyond, by hand
    assert LogEntry.objects.filter(object_id=str(first.pk)).exists()


def test_the_director_changes_nothing_with_the_actions(director_client):
    event = open_event(capacity=1)
    RegistrationFactory(event=event)
    waiting = RegistrationFactory(event=event, status=Status.WAITING, position=1)
    before = list(Registration.objects.order_by("pk").values_list("status", "position"))
    for action in ("move_up", "move_down", "move_in", "offer_free_places"):
        response = _action(director_client, action, [waiting])
        assert response.status_code in (200, 403)
    after = list(Registration.objects.order_by("pk").values_list("status", "position"))
    assert after == before
    change = reverse("admin:events_registration_change", args=[waiting.pk])
    assert director_client.post(change, {"note": "x"}).status_code == 403


# A fixed number of queries, whatever the number of registrations.


# Exact numbers, the same for 3 and 30 registrations (savepoints and e-mails included).
REGISTER_QUERIES = 9
CANCEL_QUERIES = 12
ACCEPT_QUERIES = 12


@pytest.mark.parametrize("others", [3, 30])
def test_register_cancel_and_promote_take_a_fixed_number_of_queries(
    others, django_assert_num_queries
):
    event = open_event(capacity=others)
    for _ in range(others):
        RegistrationFactory(event=event)
    waiting = [
        RegistrationFactory(event=event, status=Status.WAITING, position=number)
        for number in range(1, others + 1)
    ]
    teacher = TeacherFactory()
    with django_assert_num_queries(REGISTER_QUERIES):
        services.register(event, teacher, BASE)  # the end of the list
    confirmed = event.registrations.filter(status=Status.CONFIRMED).first()
    with django_assert_num_queries(CANCEL_QUERIES):
        services.cancel(confirmed, BASE)  # and the first waiting is offered the place
    offer = Registration.objects.get(pk=waiting[0].pk)
    assert offer.status == Status.OFFERED
    with django_assert_num_queries(ACCEPT_QUERIES):
        services.accept_offer(offer, BASE)


@pytest.mark.django_db(transaction=True)
def test_concurrent_registrations_never_exceed_the_places():
    """Parallel POSTs of eight teachers for three places: exactly three confirmed, five on
    the list numbered 1…5. (Without the event's row lock, seven or eight get confirmed.)"""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers: the row lock is tested on PostgreSQL")
    capacity, attempts = 3, 8
    event = open_event(capacity=capacity)
    clients = [linked_client()[0] for _ in range(attempts)]
    barrier = threading.Barrier(attempts)
    answers, errors = [], []

    def attempt(client):
        try:
            barrier.wait()
            answers.append(client.post(register_url(event)).status_code)
        except Exception as error:  # reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt, args=(client,)) for client in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert answers == [302] * attempts
    statuses = sorted(Registration.objects.filter(event=event).values_list("status", flat=True))
    assert statuses.count(Status.CONFIRMED) == capacity
    assert statuses.count(Status.WAITING) == attempts - capacity
    positions = sorted(
        Registration.objects.filter(status=Status.WAITING).values_list("position", flat=True)
    )
    assert positions == list(range(1, attempts - capacity + 1))
    assert Attendance.objects.filter(event=event).count() == capacity


def test_a_registration_makes_the_kept_anonymous_page_stale(settings):
    settings.PAGE_CACHE_SECONDS = 600
    event = open_event(capacity=3)
    anonymous = Client()
    anonymous.get(event.get_absolute_url())
    kept = anonymous.get(event.get_absolute_url())
    assert kept["X-Page-Cache"] == "hit"
    assert "3 місця залишилося" in kept.content.decode()
    client, _teacher, _ = linked_client()
    client.post(register_url(event))
    fresh = anonymous.get(event.get_absolute_url())
    assert fresh["X-Page-Cache"] == "miss"
    assert "2 місця залишилося" in fresh.content.decode()


def test_a_groups_meeting_takes_registrations_too():
    meeting = open_event(group=GroupFactory(), kind="meeting", capacity=1)
    client, teacher, _ = linked_client()
    client.post(register_url(meeting))
    assert Registration.objects.get(event=meeting).teacher == teacher
    assert "Місць немає" in page_text(Client(), meeting)


def test_registering_passes_an_expired_offer_on_before_joining_the_list():
    event = open_event(capacity=1)
    late = RegistrationFactory(
        event=event,
        status=Status.OFFERED,
        offered_at=timezone.now() - dt.timedelta(hours=25),
        offer_expires_at=timezone.now() - dt.timedelta(hours=1),
    )
    next_one = RegistrationFactory(event=event, status=Status.WAITING, position=1)
    newcomer = services.register(event, TeacherFactory(), BASE)
    statuses = [Registration.objects.get(pk=row.pk).status for row in (late, next_one, newcomer)]
    assert statuses == [Status.EXPIRED, Status.OFFERED, Status.WAITING]
    assert Registration.objects.get(pk=newcomer.pk).position == 1  # the list is theirs now


def test_the_demo_has_events_that_take_registrations():
    call_command("load_demo", stdout=io.StringIO())
    events = Event.objects.filter(registration_enabled=True).order_by("start")
    assert [(event.title[:40], event.capacity) for event in events] == [
        ("Семінар-практикум вчителів математики «Ф", 25),
        ("Курси підвищення кваліфікації вчителів і", 20),
    ]
    assert "25 місць залишилося" in page_text(Client(), events[0])


def event_page_queries(client, event):
    client.get(event.get_absolute_url())  # the session and the page's first reads settled
    with CaptureQueriesContext(connection) as queries:
        assert client.get(event.get_absolute_url()).status_code == 200
    return len(queries)


# A visitor: the event (with the places taken and its overdue offers counted), its six kinds
# of related rows, the centre. A teacher: the session, the user and their account, then the
# same, their registration joined to the event.
@pytest.mark.parametrize(("visitor", "queries"), [("anonymous", 8), ("teacher", 11)])
def test_the_event_page_with_registration_reads_the_same_queries_whatever_the_registrations(
    visitor, queries
):
    """Places left and the teacher's own registration are read in a fixed number of queries,
    the same for 3 and for 30 registrations (and a waiting list as long)."""
    counts = []
    for others in (3, 30):
        event = open_event(capacity=others)
        for number in range(others):
            RegistrationFactory(event=event)
            RegistrationFactory(event=event, status=Status.WAITING, position=number + 1)
        if visitor == "anonymous":
            client = Client()
        else:
            client, _teacher, _account = linked_client()
            client.post(register_url(event))  # the end of the waiting list
        counts.append(event_page_queries(client, event))
        if visitor == "teacher":
            assert f"Ви №{others + 1} у списку очікування." in page_text(client, event)
    assert counts == [queries, queries]
