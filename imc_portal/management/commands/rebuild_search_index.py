"""Write the site search's index again from the records (after bulk writes, which send no
signals, or to repair it)."""

import time

from django.core.management.base import BaseCommand

from imc_portal.search_index import rebuild


class Command(BaseCommand):
    help = "Rebuild the site search index from the public records."

    def add_arguments(self, parser):
        parser.add_argument("--database", default="default")

    def handle(self, *args, database, **options):
        started = time.monotonic()
        total = rebuild(using=database)
        self.stdout.write(f"Search index: {total} entries in {time.monotonic() - started:.1f} s.")
