from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events and associations")

    def ready(self):
        from events import demo, home, institutions, registration, search, summary
        from imc_portal import registry

        registry.home_sections.register(home.upcoming_section)
        registry.own_sections.register(registration.own_section)
        registry.account_deletions.register(registration.cancel_upcoming)
        registry.counted_only.register(self.get_model("Registration"))
        registry.counted_only.register(self.get_model("Attendance"))
        registry.institution_sections.register(institutions.sections)
        registry.search_indexes.register(search.indexes)
        registry.summary_sections.register(summary.section)
        registry.demo_loaders.register(demo.load)
