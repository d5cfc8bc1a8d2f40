"""What each app contributes to the pages and commands the core builds.

Every app registers its pieces in its ``AppConfig.ready()``, so that the core knows no app
by name and ``grep -rn "registry\\." */apps.py`` lists every contributor. Apps are ready in
the order of ``INSTALLED_APPS``, which is the order of the pieces.
"""


class Registry:
    def __init__(self, description):
        self.description = description
        self._items = []

    def register(self, item):
        if item not in self._items:
            self._items.append(item)
        return item

    def __iter__(self):
        return iter(self._items)

    def __repr__(self):
        return f"<Registry of {self.description}: {len(self._items)}>"


# (request) -> list of sections, each {"template": …, **context}, on the home page.
home_sections = Registry("home page sections")
# (teacher) -> list of sections, on a teacher's public page.
person_sections = Registry("teacher page sections")
# (institution) -> list of sections, on an institution's public page.
institution_sections = Registry("institution page sections")
# () -> a condition on Teacher (a Q or an Exists over OuterRef("pk")): the teacher's public
# page shows a record of the app. An institution's page lists its teachers who meet any.
teacher_public_records = Registry("conditions: a teacher's page shows the app's records")
# (teacher) -> list of sections, on the teacher's own page (/me/): what only they see.
own_sections = Registry("the teacher's own page sections")
# (teacher, base_url) -> None: before a teacher's account is deleted, the app gives up what
# the account holds ahead (places at events not started yet).
account_deletions = Registry("what apps do before a teacher's account is deleted")
# Models whose rows of a teacher only count in figures (registrations, attendance): a record
# made from a sign-up that nothing else refers to is made anonymous with its account's deletion.
counted_only = Registry("models that only count a teacher in figures")
# () -> list of imc_portal.search_index.SearchIndex, the site search's sections in order.
search_indexes = Registry("site search indexes")
# () -> imc_portal.summary.Section: the app's part of the director's summary.
summary_sections = Registry("summary sections")
# (stdout) -> None: adds the app's part of the demo centre, keeping what exists.
demo_loaders = Registry("demo data loaders")
