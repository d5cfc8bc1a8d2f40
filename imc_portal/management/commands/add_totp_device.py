"""A TOTP device for a user, made on the server: how a superuser gets a first second factor
when ``OTP_REQUIRED_FOR_SUPERUSERS=1`` keeps them out of the admin until they have one.
Staff (and superusers already in) add their devices in the admin instead."""

import io

import segno
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice


class Command(BaseCommand):
    help = "Add a TOTP device (an authenticator app) to a user and show its QR code."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="Authenticator app", help="The device's name.")

    def handle(self, username, name, **options):
        User = get_user_model()
        try:
            user = User.objects.get_by_natural_key(username)
        except User.DoesNotExist:
            raise CommandError(f"No user {username!r}.") from None
        device = TOTPDevice.objects.create(user=user, name=name, confirmed=True)
        url = device.config_url
        self.stdout.write(f"Device {device.name!r} added for {username}. Scan this QR code:")
        picture = io.StringIO()
        segno.make(url, error="m").terminal(out=picture, compact=True)
        self.stdout.write(picture.getvalue(), ending="")
        self.stdout.write(f"or enter this address in the authenticator app:\n{url}")
