from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "imc_portal"
    verbose_name = _("Centre and shared records")

    def ready(self):
        from imc_portal.roles import sync_role_permissions

        post_migrate.connect(sync_role_permissions, dispatch_uid="imc_portal_sync_roles")
