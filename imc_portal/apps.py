from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "imc_portal"
    verbose_name = _("Centre and shared records")

    def ready(self):
        from imc_portal.page_cache import invalidate_on_change
        from imc_portal.roles import sync_role_permissions
        from imc_portal.search_index import connect_signals

        post_migrate.connect(sync_role_permissions, dispatch_uid="imc_portal_sync_roles")
        for signal in (post_save, post_delete):
            signal.connect(invalidate_on_change, dispatch_uid=f"page_cache_{signal}")
        m2m_changed.connect(
            lambda sender, instance, **kwargs: invalidate_on_change(type(instance)),
            weak=False,
            dispatch_uid="page_cache_m2m",
        )
        connect_signals()
