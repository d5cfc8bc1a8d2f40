from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContestsConfig(AppConfig):
    name = "contests"
    verbose_name = _("Contests and olympiads")

    def ready(self):
        from contests import demo, home, institutions, people, search, summary
        from imc_portal import registry

        registry.home_sections.register(home.results_section)
        registry.person_sections.register(people.sections)
        registry.institution_sections.register(institutions.sections)
        registry.teacher_public_records.register(institutions.teacher_has_public_records)
        registry.search_indexes.register(search.indexes)
        registry.summary_sections.register(summary.section)
        registry.demo_loaders.register(demo.load)
