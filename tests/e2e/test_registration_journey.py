"""A teacher signs up, confirms the e-mail, registers for a full event, waits, takes the place
another teacher gave up and finds the event on their page; a methodist ticks the attendance.
On a phone and on a desktop, with no serious accessibility violations on the way."""

import re

import pytest
from django.core import mail
from django.utils import timezone

from events.models import Attendance, Event, Registration
from events.registration import cancel, register
from imc_portal.roles import METHODIST
from tests.e2e.conftest import log_in, screenshot, serious_axe_violations
from tests.e2e.test_core_journeys import staff_user
from tests.factories import TeacherFactory

pytestmark = pytest.mark.e2e

PASSWORD = "Kvitka-2026-sad"


def link_in_last_mail(to):
    message = next(m for m in reversed(mail.outbox) if to in m.to)
    return re.search(r"https?://\S+", message.body)[0]


def full_event(live_server):
    """An upcoming event with one place, taken by another teacher."""
    event = Event.objects.published().filter(start__gt=timezone.now()).order_by("start").first()
    event.registration_enabled = True
    event.capacity = 1
    event.save()
    register(event, TeacherFactory(), live_server.url)
    return event


def assert_accessible(page):
    assert serious_axe_violations(page) == [], page.url


@pytest.mark.parametrize("width", [360, 1280])
def test_teacher_signs_up_waits_and_takes_the_freed_place(demo, live_server, browser, width):
    event = full_event(live_server)
    email = f"oksana.{width}@example.org"
    context = browser.new_context(
        viewport={"width": width, "height": 900}, bypass_csp=True, locale="uk-UA"
    )
    page = context.new_page()
    page.set_default_timeout(15000)

    page.goto(f"{live_server.url}/accounts/sign-up/")
    assert_accessible(page)
    page.locator("#id_email").fill(email)
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.locator("#id_surname").fill("Новенька")
    page.locator("#id_first_name").fill(f"Оксана{width}")
    page.locator("#id_institution").select_option(index=1)
    page.locator("form.account-form button[type=submit]").click()
    assert email in page.locator("main").inner_text()

    page.goto(link_in_last_mail(email))
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/me/")

    page.goto(f"{live_server.url}{event.get_absolute_url()}")
    assert "Місць немає" in page.locator("section[aria-labelledby=registration-h]").inner_text()
    page.get_by_role("button", name="Зареєструватися").click()
    assert "Ви №1 у списку очікування." in page.locator("main").inner_text()
    assert_accessible(page)

    taken = event.registrations.get(status=Registration.Status.CONFIRMED)
    cancel(taken, live_server.url)
    page.goto(link_in_last_mail(email))
    page.get_by_role("button", name="Взяти місце").click()
    assert "Ви зареєстровані." in page.locator("main").inner_text()

    page.goto(f"{live_server.url}/me/")
    assert event.title in page.locator("main").inner_text()
    assert_accessible(page)
    screenshot(page, f"registration-me-{width}")
    context.close()

    methodist = browser.new_context(viewport={"width": 1280, "height": 900}, locale="uk-UA")
    admin = methodist.new_page()
    staff_user("e2e-methodist", METHODIST)
    log_in(admin, live_server, "e2e-methodist", "e2e-pass-123")
    admin.goto(f"{live_server.url}/admin/events/event/{event.pk}/register/")
    mine = Attendance.objects.get(event=event, teacher__account__user__username=email)
    admin.locator(f"#attended-{mine.pk}").check()
    admin.locator("input[name=_ticks]").click()
    admin.wait_for_load_state()
    methodist.close()
    mine.refresh_from_db()
    assert mine.attended
