"""The apps of logins under the portal's names: the admin with the portal's site (a second
factor at login), axes' records of login attempts and django-otp's TOTP devices with names
the admin shows in Ukrainian."""

from axes.apps import AppConfig as AxesAppConfig
from django.contrib.admin.apps import AdminConfig
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.apps import DefaultConfig as TOTPAppConfig


class PortalAdminConfig(AdminConfig):
    default_site = "imc_portal.logins.admin_site.PortalAdminSite"


class LoginAttemptsConfig(AxesAppConfig):
    verbose_name = _("Login attempts")


class SecondFactorConfig(TOTPAppConfig):
    verbose_name = _("Second factor (authenticator app)")
