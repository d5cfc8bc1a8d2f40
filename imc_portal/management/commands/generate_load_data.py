"""Fill the database with what a large city's centre accumulates in ten years, for the
benchmark (`make bench`). Deterministic for a given --seed; bulk inserts through the same
models and constraints as real records (see bench/load_data)."""

import random
import time

from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.utils import timezone

from bench.load_data import GENERATORS
from imc_portal import search_index


class Command(BaseCommand):
    help = "Generate a large deterministic data set (run after load_demo) for benchmarks."

    def add_arguments(self, parser):
        parser.add_argument("--years", type=int, default=10)
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, years, seed, **options):
        this_year = timezone.localdate().year
        span = range(this_year - years + 1, this_year + 1)
        started = time.monotonic()
        for name, generate in GENERATORS:
            with transaction.atomic():
                generate(random.Random(f"{seed}:{name}"), span, self.stdout)
        search_index.rebuild()  # bulk inserts send no signals
        if connection.vendor == "postgresql":
            # Fresh statistics, as autovacuum would gather them on a live server after such
            # inserts: without them the planner guesses row counts of empty tables.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        self.stdout.write(f"Generated in {time.monotonic() - started:.1f} s.")
