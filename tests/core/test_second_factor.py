"""A second factor (TOTP) at the admin's login: staff without a device log in with a
password alone, staff with one must give its current code; with
OTP_REQUIRED_FOR_SUPERUSERS a superuser without a device is refused and told how to get
one. Staff add their own devices (with the QR code) in the admin."""

from urllib.parse import quote

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.core.management.base import CommandError
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import CentreFactory

pytestmark = pytest.mark.django_db

PASSWORD = "right-password-1"


@pytest.fixture
def staff_user(db):
    return User.objects.create_user("olena", password=PASSWORD, is_staff=True)


@pytest.fixture
def admin_user(db):
    return User.objects.create_superuser("boss", password=PASSWORD, email="b@example.org")


def current_code(device):
    code = totp(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{code:0{device.digits}d}"


def wrong_code(device):
    return f"{(int(current_code(device)) + 500_000) % 1_000_000:06d}"


def log_in(client, username, token=None, prefix=""):
    data = {"username": username, "password": PASSWORD, "next": f"{prefix}/admin/"}
    if token is not None:
        data["otp_token"] = token
    return client.post(f"{prefix}/admin/login/", data)


def errors(response):
    return [str(e) for e in response.context["form"].non_field_errors()]


def test_the_login_form_offers_an_optional_code_field(client):
    html = client.get("/admin/login/").content.decode()
    assert 'name="otp_token"' in html
    assert "Код із застосунку автентифікації" in html
    assert "Лише якщо ви налаштували другий фактор." in html


def test_staff_without_a_device_log_in_with_the_password_alone(client, staff_user):
    response = log_in(client, "olena")
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200
    assert DEVICE_ID_SESSION_KEY not in client.session


def test_staff_with_a_device_must_give_the_code(client, staff_user):
    TOTPDevice.objects.create(user=staff_user, name="Телефон")
    response = log_in(client, "olena")
    assert response.status_code == 200
    assert errors(response) == [
        "Для цього облікового запису налаштовано другий фактор: введіть поточний код "
        "із застосунку автентифікації."
    ]
    assert client.get("/admin/").status_code == 302


def test_a_wrong_code_is_refused(client, staff_user, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 60  # the wait after a wrong code, doubled each time
    device = TOTPDevice.objects.create(user=staff_user, name="Телефон")
    response = log_in(client, "olena", wrong_code(device))
    assert response.status_code == 200
    assert errors(response) == [
        "Код неправильний. Введіть поточний код із застосунку автентифікації."
    ]
    assert client.get("/admin/").status_code == 302
    device.refresh_from_db()
    assert device.throttling_failure_count == 1  # kept although the login was refused
    # Right away, even the right code waits: guessing is slowed down on the device.
    response = log_in(client, "olena", current_code(device))
    assert errors(response) == [
        "Забагато неправильних кодів: зачекайте хвилину, а тоді введіть поточний код "
        "із застосунку автентифікації."
    ]


def test_the_right_code_admits_and_verifies_the_session(client, staff_user):
    device = TOTPDevice.objects.create(user=staff_user, name="Телефон")
    code = current_code(device)
    response = log_in(client, "olena", code)
    assert response.status_code == 302
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id
    assert client.get("/admin/").status_code == 200
    # The same code a second time is not accepted.
    client.logout()
    assert log_in(client, "olena", code).status_code == 200


def test_an_unconfirmed_device_is_not_asked_for(client, staff_user):
    TOTPDevice.objects.create(user=staff_user, name="Телефон", confirmed=False)
    assert log_in(client, "olena").status_code == 302


def test_a_superuser_without_a_device_logs_in_when_not_required(client, admin_user):
    assert log_in(client, "boss").status_code == 302
    assert client.get("/admin/").status_code == 200


def test_a_superuser_without_a_device_is_refused_when_required(client, admin_user, settings):
    settings.OTP_REQUIRED_FOR_SUPERUSERS = True
    response = log_in(client, "boss")
    assert response.status_code == 200
    assert errors(response) == [
        "Суперкористувач має входити з другим фактором, а для цього облікового запису "
        "його ще не налаштовано. На сервері виконайте «manage.py add_totp_device boss», "
        "зіскануйте показаний QR-код застосунком автентифікації й увійдіть із кодом із "
        "застосунку."
    ]
    assert client.get("/admin/").status_code == 302
    english = log_in(client, "boss", prefix="/en")
    assert errors(english) == [
        "A superuser must log in with a second factor, and this account has none yet. "
        "On the server, run “manage.py add_totp_device boss”, scan the QR code it shows "
        "with an authenticator app, then log in with the app’s code."
    ]


def test_a_superuser_with_a_device_logs_in_with_its_code_when_required(
    client, admin_user, settings
):
    settings.OTP_REQUIRED_FOR_SUPERUSERS = True
    device = TOTPDevice.objects.create(user=admin_user, name="Телефон")
    assert log_in(client, "boss", current_code(device)).status_code == 302
    assert client.get("/admin/").status_code == 200


def test_an_unverified_superuser_session_does_not_open_the_admin_when_required(
    client, admin_user, settings
):
    client.force_login(admin_user)  # e.g. logged in before the setting was turned on
    assert client.get("/admin/").status_code == 200
    settings.OTP_REQUIRED_FOR_SUPERUSERS = True
    assert client.get("/admin/").status_code == 302
    assert client.get("/admin/auth/user/").status_code == 302


def test_staff_are_not_bound_by_the_superusers_setting(client, staff_user, settings):
    settings.OTP_REQUIRED_FOR_SUPERUSERS = True
    assert log_in(client, "olena").status_code == 302
    assert client.get("/admin/").status_code == 200


def test_the_command_gives_a_superuser_a_first_device(admin_user, capsys, settings, client):
    call_command("add_totp_device", "boss")
    device = TOTPDevice.objects.get(user=admin_user)
    assert device.confirmed
    out = capsys.readouterr().out
    assert device.config_url in out
    assert "█" in out or "▀" in out  # the QR code drawn in the terminal
    settings.OTP_REQUIRED_FOR_SUPERUSERS = True
    assert log_in(client, "boss", current_code(device)).status_code == 302


def test_the_app_shows_the_centres_name_beside_the_user_name(staff_user):
    CentreFactory(short_name="ІМЦ м. Тестове")
    device = TOTPDevice.objects.create(user=staff_user, name="Телефон")
    url = device.config_url
    assert url.startswith(f"otpauth://totp/{quote('ІМЦ м. Тестове')}%3Aolena?")
    assert f"issuer={quote('ІМЦ м. Тестове')}" in url


def test_the_command_refuses_an_unknown_user(db):
    with pytest.raises(CommandError, match="No user 'nobody'"):
        call_command("add_totp_device", "nobody")


def test_a_methodist_adds_a_device_and_sees_its_qr_code(methodist_client, methodist):
    assert "/admin/otp_totp/totpdevice/" in methodist_client.get("/admin/").content.decode()
    response = methodist_client.post("/admin/otp_totp/totpdevice/add/", {"name": "Телефон"})
    assert response.status_code == 302
    device = TOTPDevice.objects.get()
    assert (device.user, device.name, device.confirmed) == (methodist, "Телефон", True)
    change = methodist_client.get(f"/admin/otp_totp/totpdevice/{device.pk}/change/")
    config_url = f"/admin/otp_totp/totpdevice/{device.pk}/config/"
    assert config_url in change.content.decode()
    qr = methodist_client.get(f"/admin/otp_totp/totpdevice/{device.pk}/qrcode/")
    assert qr.status_code == 200
    assert qr["Content-Type"] == "image/svg+xml"
    assert b"<svg" in qr.content
    assert methodist_client.get(config_url).status_code == 200


def test_staff_see_only_their_own_devices(director_client, methodist):
    other = TOTPDevice.objects.create(user=methodist, name="Телефон методиста")
    listing = director_client.get("/admin/otp_totp/totpdevice/")
    assert listing.status_code == 200
    assert list(listing.context["cl"].result_list) == []
    base = f"/admin/otp_totp/totpdevice/{other.pk}"
    assert director_client.get(f"{base}/qrcode/").status_code == 403
    assert director_client.get(f"{base}/config/").status_code == 403
    assert director_client.get(f"{base}/change/").status_code == 302  # "does not exist"
    director_client.post(f"{base}/delete/", {"post": "yes"})
    assert TOTPDevice.objects.filter(pk=other.pk).exists()


def test_a_device_that_is_gone_is_not_found(methodist_client, methodist):
    device = TOTPDevice.objects.create(user=methodist, name="Телефон")
    base = f"/admin/otp_totp/totpdevice/{device.pk}"
    device.delete()
    assert methodist_client.get(f"{base}/config/").status_code == 404
    assert methodist_client.get(f"{base}/qrcode/").status_code == 404


def test_a_superuser_sees_and_removes_anybodys_device(admin_client, methodist):
    device = TOTPDevice.objects.create(user=methodist, name="Загублений телефон")
    listing = admin_client.get("/admin/otp_totp/totpdevice/")
    assert list(listing.context["cl"].result_list) == [device]
    admin_client.post(f"/admin/otp_totp/totpdevice/{device.pk}/delete/", {"post": "yes"})
    assert not TOTPDevice.objects.exists()
