"""The portal's admin site: its login form asks for a second factor.

Staff without a TOTP device log in with their password alone (the code field stays empty);
staff with a confirmed device must give its current code. With
``OTP_REQUIRED_FOR_SUPERUSERS=1`` a superuser without a device is refused (the message says
how to get one: ``manage.py add_totp_device``), and a superuser's session that was not
verified by a device (logged in before the setting, or by other means) does not open the
admin.

A wrong code is not a failed login for axes (the password was right); django-otp slows
down guessing on the device itself (each wrong code doubles the wait before the next one).
"""

from django import forms
from django.conf import settings
from django.contrib.admin import AdminSite
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django_otp import devices_for_user


class PortalAdminLoginForm(AdminAuthenticationForm):
    otp_token = forms.CharField(
        label=_("Code from the authenticator app"),
        help_text=_("Only if you have set up a second factor."),
        required=False,
        max_length=16,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    error_messages = {
        **AdminAuthenticationForm.error_messages,
        "otp_required": _(
            "This account has a second factor: enter the current code from your authenticator app."
        ),
        "otp_invalid": _(
            "The code is not right. Enter the current code from your authenticator app."
        ),
        "otp_throttled": _(
            "Too many wrong codes: wait a minute, then enter the current code from your "
            "authenticator app."
        ),
        "otp_missing_for_superuser": _(
            "A superuser must log in with a second factor, and this account has none yet. "
            "On the server, run “manage.py add_totp_device %(username)s”, scan the QR code "
            "it shows with an authenticator app, then log in with the app’s code."
        ),
    }

    def clean(self):
        cleaned_data = super().clean()
        user = self.get_user()
        if user is not None:
            self.check_second_factor(user)
        return cleaned_data

    def check_second_factor(self, user):
        user.otp_device = None
        error = None
        # Each device's failure count and last used code are saved even though the login
        # is refused: the error leaves the transaction before it is raised.
        with transaction.atomic():
            devices = list(devices_for_user(user, confirmed=True, for_verify=True))
            token = "".join(self.cleaned_data.get("otp_token", "").split())
            if not devices:
                if user.is_superuser and settings.OTP_REQUIRED_FOR_SUPERUSERS:
                    error = "otp_missing_for_superuser"
            elif not token:
                error = "otp_required"
            else:
                error = "otp_throttled"
                for device in devices:
                    allowed, _extra = device.verify_is_allowed()
                    if not allowed:
                        continue
                    if device.verify_token(token):
                        user.otp_device = device  # django-otp keeps it in the session
                        error = None
                        break
                    error = "otp_invalid"
        if error:
            raise forms.ValidationError(
                self.error_messages[error],
                code=error,
                params={"username": user.get_username()},
            )


class OrderedAutocompleteJsonView(AutocompleteJsonView):
    """The choices of an autocomplete come a page at a time, so they need a fixed order;
    an admin's queryset annotated with counts (for its list's columns) has lost the
    model's default ordering (Django leaves it out of GROUP BY queries)."""

    def get_queryset(self):
        queryset = super().get_queryset()
        if not queryset.ordered:
            queryset = queryset.order_by(*queryset.model._meta.ordering, "pk")
        return queryset


class PortalAdminSite(AdminSite):
    login_form = PortalAdminLoginForm
    login_template = "admin/portal_login.html"

    def autocomplete_view(self, request):
        return OrderedAutocompleteJsonView.as_view(admin_site=self)(request)

    def has_permission(self, request):
        if not super().has_permission(request):
            return False
        if request.user.is_superuser and settings.OTP_REQUIRED_FOR_SUPERUSERS:
            is_verified = getattr(request.user, "is_verified", None)
            return bool(is_verified and is_verified())
        return True
