"""Quick per-page timings in-process (Django test client, no server): for developers working
on one page while the machine is busy. `make bench` gives the real figures."""

import statistics
import time

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from imc_portal.management.commands.bench import page_list


class Command(BaseCommand):
    help = "Median and worst time and SQL queries of every public page type, in-process."

    def add_arguments(self, parser):
        parser.add_argument("--repeat", type=int, default=30)
        parser.add_argument("--only", default="")

    def handle(self, *args, repeat, only, **options):
        settings.PAGE_CACHE_SECONDS = 0
        client = Client()
        for name, path in page_list():
            if only not in name:
                continue
            client.get(path)  # warm up
            timings = []
            for _ in range(repeat):
                with CaptureQueriesContext(connection) as queries:
                    started = time.perf_counter()
                    response = client.get(path)
                    timings.append((time.perf_counter() - started) * 1000)
            size = len(response.content) / 1024
            self.stdout.write(
                f"{name:30} {response.status_code} median {statistics.median(timings):6.1f} ms "
                f"max {max(timings):6.1f} ms  {len(queries)} queries  {size:.1f} KB  {path}"
            )
