from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StaffConfig(AppConfig):
    name = "staff"
    verbose_name = _("Centre staff")

    def ready(self):
        from imc_portal import registry
        from staff import demo, summary

        registry.summary_sections.register(summary.section)
        registry.demo_loaders.register(demo.load)
