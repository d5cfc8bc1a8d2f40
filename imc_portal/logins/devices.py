"""Every staff member adds, sees (with its QR code) and removes their own TOTP devices in
the admin; only a superuser sees and manages everybody's (e.g. removes a lost phone's).

django-otp's own admin asks for the model permissions, which the roles do not give (they
cover the portal's apps only), and would show every user's keys to whoever had them.
"""

from django.contrib import admin
from django.shortcuts import get_object_or_404
from django_otp.plugins.otp_totp.admin import TOTPDeviceAdmin
from django_otp.plugins.otp_totp.models import TOTPDevice

from imc_portal.models import Centre


def _is_staff(request):
    return request.user.is_active and request.user.is_staff


class OwnTOTPDeviceAdmin(TOTPDeviceAdmin):
    def has_module_permission(self, request):
        return _is_staff(request)

    def _own(self, request, obj):
        if request.user.is_superuser:
            return super().has_change_permission(request, obj)
        return _is_staff(request) and (obj is None or obj.user_id == request.user.pk)

    def has_view_permission(self, request, obj=None):
        return self._own(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._own(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._own(request, obj)

    def has_add_permission(self, request):
        return self._own(request, None)

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(user=request.user)

    def get_list_display(self, request):
        list_display = super().get_list_display(request)
        if request.user.is_superuser:
            return list_display
        return [field for field in list_display if field != "user"]

    def get_list_filter(self, request):
        return super().get_list_filter(request) if request.user.is_superuser else []

    def get_fieldsets(self, request, obj=None):
        if request.user.is_superuser:
            return super().get_fieldsets(request, obj)
        fields = ["name"]
        if obj is not None:
            fields += ["qrcode_link", "created_at", "last_used_at"]
        return [(None, {"fields": fields})]

    # django-otp's own views look the device up with .get(): a device that is gone (removed
    # in another tab) was a 500. Somebody else's device stays a 403, as in django-otp.
    def config_view(self, request, pk):
        get_object_or_404(TOTPDevice, pk=pk)
        return super().config_view(request, pk)

    def qrcode_view(self, request, pk):
        get_object_or_404(TOTPDevice, pk=pk)
        return super().qrcode_view(request, pk)

    def save_model(self, request, obj, form, change):
        if not request.user.is_superuser:
            obj.user = request.user
        super().save_model(request, obj, form, change)


def issuer(device):
    """``OTP_TOTP_ISSUER``: the centre's name, so that the app says whose login it is."""
    return Centre.current().display_name or "IMC portal"


def register(site):
    if site.is_registered(TOTPDevice):
        site.unregister(TOTPDevice)
    site.register(TOTPDevice, OwnTOTPDeviceAdmin)


register(admin.site)
