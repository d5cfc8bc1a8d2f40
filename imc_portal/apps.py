from django.apps import AppConfig
from django.db import connections
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _
from mailer.apps import MailerConfig


class PortalConfig(AppConfig):
    # This module holds a second app's config (the mail queue's, below): Django takes the
    # one marked default for "imc_portal".
    default = True
    name = "imc_portal"
    verbose_name = _("Centre and shared records")

    def ready(self):
        from imc_portal import demo, home, institutions, registry, search, search_index
        from imc_portal.admin_guard import guard_history_revert
        from imc_portal.history_revert import restore_links_on_revert
        from imc_portal.logins import sessions  # noqa: F401  (staff sessions' login signal)
        from imc_portal.page_cache import watch_writes
        from imc_portal.roles import sync_role_permissions

        guard_history_revert()
        restore_links_on_revert()
        post_migrate.connect(sync_role_permissions, dispatch_uid="imc_portal_sync_roles")
        connection_created.connect(watch_writes, dispatch_uid="page_cache_watch_writes")
        for connection in connections.all(initialized_only=True):
            watch_writes(sender=None, connection=connection)
        search_index.connect_signals()
        registry.home_sections.register(home.about_section)
        registry.institution_sections.register(institutions.teachers_section)
        registry.search_indexes.register(search.indexes)
        registry.demo_loaders.register(demo.load)


class MailQueueConfig(MailerConfig):
    """django-mailer, the e-mail queue (imc_portal/mail.py), under its name in the admin."""

    verbose_name = _("E-mail queue")
