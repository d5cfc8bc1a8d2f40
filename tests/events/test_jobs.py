"""The job queue and the e-mails it sends: every message goes through django-mailer's table,
the jobs deliver it, a refusing mail server defers it without losing it, and the scheduler's
periodic jobs (offers, reminders) do their work. The jobs are called as the worker calls
them; in the tests, as in `make run`, Celery runs them inline."""

import datetime as dt
import smtplib

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from mailer.models import PRIORITY_DEFERRED, Message, MessageLog

from events import tasks as event_tasks
from events.models import Event, Registration
from imc_portal import tasks
from imc_portal.celery import app as celery_app
from imc_portal.models import TeacherAccount
from tests.admin_records import admin_form_data
from tests.events.factories import EventFactory, RegistrationFactory
from tests.factories import TeacherAccountFactory, TeacherFactory

pytestmark = pytest.mark.django_db
Status = Registration.Status

WORKING = "django.core.mail.backends.locmem.EmailBackend"
FAILING = "tests.events.test_jobs.RefusingBackend"


class RefusingBackend(LocmemBackend):
    """A mail server that cannot be reached."""

    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


@pytest.fixture
def queued(settings):
    """The production path: the portal's backend writes to the queue; the job delivers
    with MAILER_EMAIL_BACKEND (here the test outbox)."""
    settings.EMAIL_BACKEND = "imc_portal.mail.QueuedEmailBackend"
    settings.MAILER_EMAIL_BACKEND = WORKING
    return settings


def linked_teacher():
    teacher = TeacherFactory()
    account = TeacherAccountFactory(status=TeacherAccount.Status.LINKED, teacher=teacher)
    return teacher, account


def register(teacher, account, event):
    client = Client()
    client.force_login(account.user)
    return client.post(reverse("events:register", kwargs={"slug": event.slug}))


def test_a_registration_writes_its_message_to_the_queue_and_the_job_sends_it_after_commit(
    queued, django_capture_on_commit_callbacks
):
    event = EventFactory(registration_enabled=True, capacity=5)
    teacher, account = linked_teacher()
    with django_capture_on_commit_callbacks() as callbacks:
        assert register(teacher, account, event).status_code == 302
    # Written in the request's transaction, not sent in it.
    assert mail.outbox == []
    [queued_message] = Message.objects.all()
    assert queued_message.to_addresses == [account.user.email]
    # The commit hands the queue to the worker (inline here): delivered, logged, dequeued.
    [callback] = callbacks
    callback()
    [sent] = mail.outbox
    assert sent.to == [account.user.email]
    assert event.title in sent.subject
    [(name, calendar, mimetype)] = sent.attachments
    assert (name, mimetype) == (f"{event.slug}.ics", "text/calendar")
    assert "BEGIN:VEVENT" in calendar and event.title in calendar
    assert not Message.objects.exists()
    assert MessageLog.objects.get().result == "1"  # django-mailer's "success"


def test_a_refusing_mail_server_defers_the_message_and_the_retry_job_delivers_it(queued):
    event = EventFactory(registration_enabled=True, capacity=5)
    teacher, account = linked_teacher()
    queued.MAILER_EMAIL_BACKEND = FAILING
    register(teacher, account, event)
    tasks.send_queued_mail()
    # Nothing lost: the message waits, deferred, with the failure logged for the admin.
    message = Message.objects.get()
    assert message.priority == PRIORITY_DEFERRED
    assert "Connection unexpectedly closed" in MessageLog.objects.get().log_message
    assert mail.outbox == []
    # The server is back: the scheduler's retry job sends it.
    queued.MAILER_EMAIL_BACKEND = WORKING
    tasks.retry_deferred_mail()
    assert [sent.to for sent in mail.outbox] == [[account.user.email]]
    assert not Message.objects.exists()


def test_a_broker_that_is_down_does_not_fail_the_request_and_the_periodic_job_sends_later(
    queued, django_capture_on_commit_callbacks
):
    event = EventFactory(registration_enabled=True, capacity=5)
    teacher, account = linked_teacher()
    celery_app.conf.update(task_always_eager=False, broker_url="redis://127.0.0.1:9/0")
    try:
        with django_capture_on_commit_callbacks(execute=True):
            response = register(teacher, account, event)
    finally:
        celery_app.conf.update(task_always_eager=True, broker_url="memory://")
    assert response.status_code == 302
    assert Registration.objects.get(event=event, teacher=teacher).status == Status.CONFIRMED
    assert Message.objects.count() == 1 and mail.outbox == []
    tasks.send_queued_mail()  # the scheduler's minutely run
    assert [sent.to for sent in mail.outbox] == [[account.user.email]]


def test_every_scheduled_job_is_a_registered_task(settings):
    names = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert names == {
        "imc_portal.tasks.send_queued_mail",
        "imc_portal.tasks.retry_deferred_mail",
        "events.tasks.expire_offers",
        "events.tasks.send_reminders",
    }
    celery_app.loader.import_default_modules()
    assert names <= set(celery_app.tasks)


def test_the_reminder_goes_once_the_day_before_to_confirmed_places_only():
    now = timezone.now()
    tomorrow = EventFactory(start=now + dt.timedelta(hours=20), registration_enabled=True)
    later = EventFactory(start=now + dt.timedelta(hours=30), registration_enabled=True)
    cancelled = EventFactory(
        start=now + dt.timedelta(hours=10), status=Event.Status.CANCELLED, is_published=True
    )
    teacher, account = linked_teacher()
    reminded = RegistrationFactory(event=tomorrow, teacher=teacher)
    RegistrationFactory(event=tomorrow, status=Status.WAITING, position=1)
    RegistrationFactory(event=later, teacher=teacher)
    RegistrationFactory(event=cancelled, teacher=teacher)

    assert event_tasks.send_reminders() == 1
    [sent] = mail.outbox
    assert sent.to == [account.user.email]
    assert sent.subject == f"Нагадування: {tomorrow.title}"
    assert sent.attachments[0][0] == f"{tomorrow.slug}.ics"
    reminded.refresh_from_db()
    assert reminded.reminded_at is not None
    # The next run (a quarter of an hour later) sends nothing twice.
    assert event_tasks.send_reminders() == 0
    assert len(mail.outbox) == 1


def test_the_expire_offers_job_passes_an_overdue_offer_to_the_next_by_email():
    event = EventFactory(registration_enabled=True, capacity=1)
    overdue = RegistrationFactory(
        event=event,
        status=Status.OFFERED,
        offered_at=timezone.now() - dt.timedelta(hours=30),
        offer_expires_at=timezone.now() - dt.timedelta(hours=6),
    )
    teacher, account = linked_teacher()
    waiting = RegistrationFactory(event=event, teacher=teacher, status=Status.WAITING, position=1)

    assert event_tasks.expire_offers() == 1
    overdue.refresh_from_db()
    waiting.refresh_from_db()
    assert (overdue.status, waiting.status) == (Status.EXPIRED, Status.OFFERED)
    [sent] = mail.outbox
    assert sent.to == [account.user.email]
    assert waiting.get_accept_url() in sent.body
    assert event_tasks.expire_offers() == 0


def test_cancelling_the_event_in_the_admin_tells_everyone_registered(methodist_client):
    event = EventFactory(registration_enabled=True, capacity=1, is_published=True)
    people = [linked_teacher() for _ in range(3)]
    RegistrationFactory(event=event, teacher=people[0][0])
    RegistrationFactory(event=event, teacher=people[1][0], status=Status.WAITING, position=1)
    RegistrationFactory(event=event, teacher=people[2][0], status=Status.CANCELLED)
    url = reverse("admin:events_event_change", args=[event.pk])
    data = admin_form_data(methodist_client.get(url))
    data["status"] = Event.Status.CANCELLED
    data["status_note"] = "Лектор захворів."
    response = methodist_client.post(url, data, follow=True)
    assert "2 зареєстрованим педагогам буде надіслано листа" in response.content.decode()
    assert sorted(sent.to[0] for sent in mail.outbox) == sorted(
        [people[0][1].user.email, people[1][1].user.email]
    )
    assert all("Лектор захворів." in sent.body for sent in mail.outbox)
    assert all(sent.subject.startswith("Подію скасовано") for sent in mail.outbox)
    # Saved again, unchanged: nobody is told twice.
    methodist_client.post(url, admin_form_data(methodist_client.get(url)))
    assert len(mail.outbox) == 2
