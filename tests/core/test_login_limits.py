"""Failed logins are limited per user name *and* address (django-axes): the tenth wrong
password locks that pair for the cool-off, with a translated page (429); other users and
other addresses log in; superusers see and clear lockouts in the admin, the roles do not."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import User
from django.utils import timezone

pytestmark = pytest.mark.django_db

ADDRESS = "192.0.2.10"


@pytest.fixture
def teacher_staff(db):
    return User.objects.create_user("olena", password="right-password-1", is_staff=True)


def log_in(client, username, password, address=ADDRESS, prefix="", **extra):
    return client.post(
        f"{prefix}/admin/login/",
        {"username": username, "password": password, "next": f"{prefix}/admin/"},
        REMOTE_ADDR=address,
        **extra,
    )


def fail(client, times, username="olena", address=ADDRESS, prefix=""):
    return [log_in(client, username, "wrong", address, prefix).status_code for _ in range(times)]


def logged_in(client):
    return client.get("/admin/").status_code == 200


def test_ten_wrong_passwords_then_the_right_one_is_refused_with_the_message(client, teacher_staff):
    assert fail(client, 9) == [200] * 9  # the form again, with its error
    assert fail(client, 1) == [429]
    response = log_in(client, "olena", "right-password-1")
    assert response.status_code == 429
    assert response["Retry-After"] == "1800"
    html = response.content.decode()
    assert 'lang="uk"' in html
    assert "<h1>Забагато невдалих спроб входу</h1>" in html
    assert "10 разів введено неправильний пароль" in html
    assert "призупинено на 30 хвилин;" in html
    assert "Too many" not in html
    assert not logged_in(client)


def test_nine_wrong_passwords_do_not_lock(client, teacher_staff):
    fail(client, 9)
    assert log_in(client, "olena", "right-password-1").status_code == 302
    assert logged_in(client)
    # A successful login starts the count again.
    assert not AccessAttempt.objects.exists()


def test_another_user_or_another_address_is_not_locked(client, teacher_staff):
    User.objects.create_user("petro", password="right-password-2", is_staff=True)
    fail(client, 10)
    assert log_in(client, "petro", "right-password-2").status_code == 302
    client.logout()
    # The same user from another address (home, not the attacker's): not locked.
    assert log_in(client, "olena", "right-password-1", address="198.51.100.7").status_code == 302
    assert logged_in(client)
    client.logout()
    assert log_in(client, "olena", "right-password-1").status_code == 429


def test_after_the_cool_off_the_login_works(client, teacher_staff):
    fail(client, 10)
    attempt = AccessAttempt.objects.get(username="olena", ip_address=ADDRESS)
    attempt.attempt_time = timezone.now() - timedelta(minutes=29)
    attempt.save()
    assert log_in(client, "olena", "right-password-1").status_code == 429
    # A try during the lockout counted as a failure and started the cool-off again.
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=31))
    assert log_in(client, "olena", "right-password-1").status_code == 302
    assert logged_in(client)


def test_the_limit_and_the_cool_off_come_from_the_settings(client, teacher_staff, settings):
    settings.AXES_FAILURE_LIMIT = 3
    settings.AXES_COOLOFF_TIME = timedelta(minutes=5)
    assert fail(client, 3) == [200, 200, 429]
    response = log_in(client, "olena", "right-password-1")
    assert response["Retry-After"] == "300"
    assert "3 рази введено неправильний пароль" in response.content.decode()
    assert "призупинено на 5 хвилин;" in response.content.decode()


def test_the_english_message_at_en(client, teacher_staff):
    assert fail(client, 10, prefix="/en") == [200] * 9 + [429]
    response = log_in(client, "olena", "right-password-1", prefix="/en")
    html = response.content.decode()
    assert response.status_code == 429
    assert 'lang="en"' in html
    assert "<h1>Too many failed logins</h1>" in html
    assert "A wrong password was given 10 times for this user name from your address." in html
    assert "paused for 30 minutes;" in html


def test_a_superuser_sees_the_lockout_in_the_admin_and_clears_it(client, teacher_staff, superuser):
    fail(client, 10)
    assert log_in(client, "olena", "right-password-1").status_code == 429
    attempt = AccessAttempt.objects.get()
    assert (attempt.username, attempt.ip_address) == ("olena", ADDRESS)

    client.force_login(superuser)
    listing = client.get("/admin/axes/accessattempt/?locked_out=yes")
    assert listing.status_code == 200
    assert list(listing.context["cl"].result_list) == [attempt]
    html = listing.content.decode()
    assert ADDRESS in html and "olena" in html
    assert "Спроби входу" in client.get("/admin/").content.decode()
    response = client.post(
        "/admin/axes/accessattempt/",
        {"action": "delete_selected", "_selected_action": [attempt.pk], "post": "yes"},
        follow=True,
    )
    assert [str(m) for m in response.context["messages"]] == ["Видалено 1 запис невдалих входів."]
    assert not AccessAttempt.objects.exists()

    client.logout()
    assert log_in(client, "olena", "right-password-1").status_code == 302
    assert logged_in(client)


@pytest.mark.parametrize("role_client", ["methodist_client", "director_client"])
def test_the_roles_neither_see_nor_clear_lockouts(request, role_client, teacher_staff):
    fail(request.getfixturevalue("client"), 10)
    client = request.getfixturevalue(role_client)
    attempt = AccessAttempt.objects.get()
    assert client.get("/admin/axes/accessattempt/").status_code == 403
    assert "/admin/axes/" not in client.get("/admin/").content.decode()
    response = client.post(
        "/admin/axes/accessattempt/",
        {"action": "delete_selected", "_selected_action": [attempt.pk], "post": "yes"},
    )
    assert response.status_code == 403
    assert AccessAttempt.objects.filter(pk=attempt.pk).exists()


def test_the_address_is_remote_addr_unless_behind_the_proxy(client, teacher_staff, settings):
    forwarded = {"HTTP_X_FORWARDED_FOR": "203.0.113.5, 192.0.2.99"}
    log_in(client, "olena", "wrong", address="10.0.0.1", **forwarded)
    assert AccessAttempt.objects.get().ip_address == "10.0.0.1"  # the header is not trusted
    AccessAttempt.objects.all().delete()

    settings.BEHIND_PROXY = True
    # The proxy appends the address it saw; whatever the client put before it is ignored.
    log_in(client, "olena", "wrong", address="10.0.0.1", **forwarded)
    assert AccessAttempt.objects.get().ip_address == "192.0.2.99"
    log_in(client, "olena", "wrong", address="10.0.0.1")  # no header: the connection's
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {
        "192.0.2.99",
        "10.0.0.1",
    }


def test_each_address_behind_the_proxy_is_counted_apart(client, teacher_staff, settings):
    settings.BEHIND_PROXY = True
    for _ in range(10):
        log_in(client, "olena", "wrong", address="10.0.0.1", HTTP_X_FORWARDED_FOR="192.0.2.50")
    response = log_in(
        client, "olena", "right-password-1", address="10.0.0.1", HTTP_X_FORWARDED_FOR="192.0.2.51"
    )
    assert response.status_code == 302


def test_the_record_of_an_attempt_keeps_no_password_or_code(client, teacher_staff):
    client.post(
        "/admin/login/",
        {"username": "olena", "password": "secret-guess", "otp_token": "123456"},
        REMOTE_ADDR=ADDRESS,
    )
    attempt = AccessAttempt.objects.get()
    assert attempt.username == "olena"
    assert "otp_token=****" in attempt.post_data
    assert "secret-guess" not in attempt.post_data
    assert "123456" not in attempt.post_data
