"""Measure every public page type as users will feel it (see docs/performance.md).

Starts the portal as production would (gunicorn, DEBUG=0, 2 sync workers, persistent
connections, gc.freeze) with the page cache off, so that every request renders its page
(what a logged-in methodist or the first visitor after an edit gets), and loads each page
from wrk on loopback at 1 and 16 connections; the ceiling is /livez (the same middleware,
no query) and /healthz (one query) in the same run. Then a second server with the page
cache on serves each page from the cache at 16 connections. Then the pages signed in, as
the director and as a linked teacher. Then the writes a methodist waits for (saving the
register of an event with 300 attendees). Prints one Markdown row per page and merges the
rows into bench/results.json.
"""

import gzip
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, reset_queries, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bench.pages import RECORD_PAGES
from bench.pages import page_list as bench_pages
from bench.pages.staff import pages as staff_page_list
from bench.pages.teacher import pages as teacher_page_list
from bench.pages.teacher import teacher_user
from events.models import Attendance, Event
from imc_portal.models import Teacher
from imc_portal.roles import DIRECTOR, METHODIST

RESULTS = Path(settings.BASE_DIR) / "bench" / "results.json"
LATENCY = re.compile(r"^\s+(50|99)(?:\.0+)?%\s+([\d.]+)(us|ms|s)\s*$", re.M)
UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


# The README's goals: a rendered page at one connection, in ms; a page from the cache at 16
# connections, as a share of the ceiling's requests/s.
P50_GOAL, P99_GOAL = 15.0, 40.0
CACHED_SHARE_GOAL = 0.8
# SQL queries of a page of one record (bench.pages.RECORD_PAGES) and of any other page.
RECORD_QUERIES_GOAL, LIST_QUERIES_GOAL = 8, 5
# The register of an event with this many attendees is saved within this many ms.
REGISTER_SIZE, REGISTER_SAVE_GOAL_MS = 300, 1000


def queries_goal(name):
    return RECORD_QUERIES_GOAL if name in RECORD_PAGES else LIST_QUERIES_GOAL


def mark(value, goal, spec=".1f"):
    return f"{value:{spec}}" + (" *" if value > goal else "")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wrk(url, connections, seconds):
    threads = min(connections, 2)
    # As a browser asks: every one accepts gzip, and the portal compresses its pages.
    out = subprocess.run(
        ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency",
         "-H", "Accept-Encoding: gzip", url],
        capture_output=True, text=True, check=True, timeout=seconds + 30,
    ).stdout  # fmt: skip
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out)[1])
    latency = {p: float(v) * UNITS[u] for p, v, u in LATENCY.findall(out)}
    errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    if errors:
        # A fast error page is not a fast page: the figures would be worthless.
        raise CommandError(f"{url}: {errors[1]} responses were not 2xx or 3xx")
    return {"rps": rps, "p50_ms": latency.get("50"), "p99_ms": latency.get("99"),
            "requests": int(re.search(r"(\d+) requests in", out)[1])}  # fmt: skip


def warm_up(url):
    with urllib.request.urlopen(url, timeout=30) as response:
        response.read()


class Server:
    def __init__(self, env):
        self.port = free_port()
        self.env = {**os.environ, **env, "BIND": f"127.0.0.1:{self.port}"}
        self.process = None

    def __enter__(self):
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "imc_portal.wsgi", "-c",
             "imc_portal/gunicorn_conf.py"],
            env=self.env, cwd=settings.BASE_DIR, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"{self.url}/healthz", timeout=1)
                return self
            except OSError:
                time.sleep(0.2)
        raise CommandError("gunicorn did not start")

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def __exit__(self, *exc):
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=30)


def page_list():
    pages = bench_pages()
    if not pages:
        raise CommandError("No pages: run load_demo and generate_load_data first.")
    return pages


def probe(path, client=None):
    """In-process, without the page cache: the SQL queries of a request (the same on the
    next one, or the page's count is not fixed) and the HTML size raw and gzip-compressed."""
    client = client or Client()
    client.get(path)
    reset_queries()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    if response.status_code != 200:
        raise CommandError(f"{path} answered {response.status_code}")
    body = response.content
    return {"queries": len(queries), "bytes": len(body), "gzip_bytes": len(gzip.compress(body))}


def merged(before, measured):
    """The rows of ``before`` with those of ``measured`` in their place (by page name),
    and the new pages after them."""
    found = {row["page"]: row for row in measured}
    rows = [found.pop(row["page"], row) for row in before]
    return rows + list(found.values())


class Command(BaseCommand):
    help = "Benchmark every public page type against the /healthz ceiling."

    def add_arguments(self, parser):
        parser.add_argument("--seconds", type=int, default=2, help="per wrk run at 1 connection")
        parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/9")
        parser.add_argument("--only", default="", help="pages whose name contains this")

    def handle(self, *args, seconds, redis_url, only, **options):
        if not shutil.which("wrk"):
            raise CommandError("wrk is not installed (apt-get install wrk).")
        vendor = connection.vendor
        pages = [(name, path) for name, path in page_list() if only in name]
        settings.PAGE_CACHE_SECONDS = 0
        probes = {path: probe(path) for _name, path in pages}
        base_env = {"DEBUG": "0", "CONN_MAX_AGE": "600", "ALLOWED_HOSTS": "127.0.0.1",
                    "SECRET_KEY": settings.SECRET_KEY, "REDIS_URL": redis_url}  # fmt: skip
        rows = []
        with Server({**base_env, "PAGE_CACHE_SECONDS": "0"}) as server:
            ceiling = wrk(f"{server.url}/livez", 16, seconds)
            ceiling_1 = wrk(f"{server.url}/livez", 1, seconds)
            healthz = wrk(f"{server.url}/healthz", 16, seconds)
            healthz_1 = wrk(f"{server.url}/healthz", 1, seconds)
            for name, path in pages:
                warm_up(server.url + path)
                one = wrk(server.url + path, 1, seconds)
                # At 16 connections requests/s settles within a second.
                many = wrk(server.url + path, 16, max(1, seconds // 2))
                rows.append({"page": name, "path": path, "c1": one, "c16": many,
                             "queries_goal": queries_goal(name), **probes[path]})  # fmt: skip
        with Server({**base_env, "PAGE_CACHE_SECONDS": "600"}) as server:
            for row in rows:
                warm_up(server.url + row["path"])
                # Cached pages answer in a millisecond: a shorter run has samples enough.
                row["cached_c16"] = wrk(server.url + row["path"], 16, max(1, seconds // 2))
        for row in rows:
            row["share"] = row["c16"]["rps"] / ceiling["rps"]
            row["cached_share"] = row["cached_c16"]["rps"] / ceiling["rps"]
        self.print_table(vendor, ceiling, ceiling_1, healthz, healthz_1, rows)
        staff_rows = self.staff_pages(base_env, only)
        teacher_rows = self.teacher_pages(base_env, only)
        write_rows = self.writes(only)
        results = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
        found = {"ceiling_c16": ceiling, "ceiling_c1": ceiling_1, "healthz_c16": healthz,
                 "healthz_c1": healthz_1, "pages": rows, "seconds_per_run": seconds}  # fmt: skip
        if only:  # a run of some pages keeps the last full run's, and its references
            before = results.get(vendor, {})
            if not rows:
                signed_in = {"staff_pages", "teacher_pages", "writes"}
                found = {key: value for key, value in before.items() if key not in signed_in}
            else:
                found["pages"] = merged(before.get("pages", []), rows)
            staff_rows = merged(before.get("staff_pages", []), staff_rows)
            teacher_rows = merged(before.get("teacher_pages", []), teacher_rows)
            write_rows = merged(before.get("writes", []), write_rows)
        results[vendor] = {**found, "staff_pages": staff_rows, "teacher_pages": teacher_rows,
                           "writes": write_rows}  # fmt: skip
        RESULTS.parent.mkdir(exist_ok=True)
        RESULTS.write_text(json.dumps(results, indent=2, ensure_ascii=False))

    def staff_pages(self, base_env, only):
        """The director's pages (bench.pages.staff)."""
        director, _created = User.objects.get_or_create(
            username="bench-director", defaults={"is_staff": True}
        )
        director.groups.add(Group.objects.get(name=DIRECTOR))
        return self.signed_in_pages("staff page", director, staff_page_list(), base_env, only)

    def teacher_pages(self, base_env, only):
        """A linked teacher's pages (bench.pages.teacher), signed in as the load data's."""
        teacher = teacher_user()
        if teacher is None:
            self.stdout.write("\nNo teacher's account to sign in as: run generate_load_data.")
            return []
        return self.signed_in_pages("teacher page", teacher, teacher_page_list(), base_env, only)

    def writes(self, only):
        """A methodist saves the register of an event with REGISTER_SIZE attendees, all
        ticked then none, three times each, in-process (the request as the server runs it,
        without the network). Everything is rolled back."""
        page = f"register of {REGISTER_SIZE} attendees saved"
        if only not in page:
            return []
        times, counts = [], []
        with transaction.atomic():
            methodist = User.objects.create(username="bench-methodist", is_staff=True)
            methodist.groups.add(Group.objects.get(name=METHODIST))
            client = Client()
            client.force_login(methodist)
            event = Event.objects.filter(is_published=True).order_by("-start").first()
            teachers = Teacher.objects.order_by("pk")[:REGISTER_SIZE]
            Attendance.objects.filter(event=event).delete()
            Attendance.objects.bulk_create(
                [Attendance(event=event, teacher=teacher) for teacher in teachers]
            )
            pks = list(event.attendances.values_list("pk", flat=True))
            url = reverse("admin:events_event_register", args=[event.pk])
            client.get(url)  # the first request's one-off work
            for ticked in [pks, [], pks, [], pks, []]:
                with CaptureQueriesContext(connection) as queries:
                    started = time.perf_counter()
                    response = client.post(url, {"attended": ticked, "_ticks": "1"})
                    times.append((time.perf_counter() - started) * 1000)
                if response.status_code != 302:
                    raise CommandError(f"{url} answered {response.status_code}")
                counts.append(len(queries))
            transaction.set_rollback(True)
        row = {"page": page, "path": url, "queries": max(counts),
               "median_goal_ms": REGISTER_SAVE_GOAL_MS, "median_ms": statistics.median(times),
               "max_ms": max(times)}  # fmt: skip
        self.stdout.write(
            f"\n| write | SQL | median ms | slowest ms |\n|---|---|---|---|\n"
            f"| {page} | {row['queries']} | {mark(row['median_ms'], REGISTER_SAVE_GOAL_MS)} | "
            f"{row['max_ms']:.0f} |"
        )
        return [row]

    def signed_in_pages(self, title, user, page_list, base_env, only):
        """Pages signed in as ``user``: SQL queries in-process, then the median and the
        slowest of ten requests to the server (five for an export)."""
        client = Client()
        client.force_login(user)
        cookie = (
            f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
        )
        rows = []
        with Server({**base_env, "PAGE_CACHE_SECONDS": "0"}) as server:
            for page, path, queries, goal_ms in page_list:
                if only not in page:
                    continue
                found = probe(path, client)
                times = []
                for _ in range(5 if goal_ms > 1000 else 10):
                    request = urllib.request.Request(server.url + path, headers={"Cookie": cookie})
                    started = time.perf_counter()
                    with urllib.request.urlopen(request, timeout=60) as response:
                        response.read()
                    if response.url != server.url + path:  # sent to the login page
                        raise CommandError(f"{path} answered {response.url}, not the page")
                    times.append((time.perf_counter() - started) * 1000)
                rows.append({"page": page, "path": path, "queries_goal": queries,
                             "median_goal_ms": goal_ms, "median_ms": statistics.median(times),
                             "max_ms": max(times), **found})  # fmt: skip
        w = self.stdout.write
        w(f"\n| {title} | SQL | median ms | slowest ms | KB |\n|---|---|---|---|---|")
        for r in rows:
            w(f"| {r['page']} | {mark(r['queries'], r['queries_goal'], 'd')} | "
              f"{mark(r['median_ms'], r['median_goal_ms'])} | {r['max_ms']:.0f} | "
              f"{r['bytes'] / 1024:.1f} |")  # fmt: skip
        return rows

    def print_table(self, vendor, ceiling, ceiling_1, healthz, healthz_1, rows):
        w = self.stdout.write
        w(f"\n### {vendor}: ceiling /livez {ceiling['rps']:.0f} req/s at 16 connections, "
          f"p50 {ceiling_1['p50_ms']:.2f} ms at 1; /healthz {healthz['rps']:.0f} req/s, "
          f"p50 {healthz_1['p50_ms']:.2f} ms\n")  # fmt: skip
        w(
            "| page | SQL | p50 c1 | p99 c1 | req/s c1 | req/s c16 | share of ceiling | "
            "cached req/s c16 | cached share | HTML KB | gzip KB |"
        )
        w("|---|---|---|---|---|---|---|---|---|---|---|")
        for r in rows:
            w(f"| {r['page']} | {mark(r['queries'], r['queries_goal'], 'd')} | "
              f"{mark(r['c1']['p50_ms'], P50_GOAL)} | {mark(r['c1']['p99_ms'], P99_GOAL)} | "
              f"{r['c1']['rps']:.0f} | {r['c16']['rps']:.0f} | {r['share']:.0%} | "
              f"{r['cached_c16']['rps']:.0f} | "
              f"{r['cached_share']:.0%}{' *' if r['cached_share'] < CACHED_SHARE_GOAL else ''} | "
              f"{r['bytes'] / 1024:.1f} | {r['gzip_bytes'] / 1024:.1f} |")  # fmt: skip
        over = [r["page"] for r in rows if r["queries"] > r["queries_goal"]]
        w(f"\nSQL over the goal ({RECORD_QUERIES_GOAL} for a page of one record, "
          f"{LIST_QUERIES_GOAL} for any other; marked *): {len(over)} of {len(rows)} pages"
          f"{': ' + ', '.join(over) if over else ''}.")  # fmt: skip
        slow = [r["page"] for r in rows if r["c1"]["p50_ms"] > P50_GOAL]
        slow99 = [r["page"] for r in rows if r["c1"]["p99_ms"] > P99_GOAL]
        w(f"\nRendered pages at 1 connection, p50 over {P50_GOAL:.0f} ms: {len(slow)} of "
          f"{len(rows)}{': ' + ', '.join(slow) if slow else ''}; p99 over {P99_GOAL:.0f} ms: "
          f"{len(slow99)}{': ' + ', '.join(slow99) if slow99 else ''}.")  # fmt: skip
        low = [r["page"] for r in rows if r["cached_share"] < CACHED_SHARE_GOAL]
        w(
            f"\nPages from the cache under {CACHED_SHARE_GOAL:.0%} of the ceiling at 16 "
            f"connections: {len(low)} of {len(rows)}{': ' + ', '.join(low) if low else ''}."
        )
