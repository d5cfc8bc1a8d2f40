"""Whole pages for anonymous visitors, kept until any record changes.

A public view opts in with ``@public_page(query=…)``, naming the query parameters it reads.
``PageCacheMiddleware`` then keeps the page it renders for a visitor without a session, under
the host, the scheme, the language, the path and those parameters: an address with any other
parameter is neither served from nor kept in the cache, so junk cannot multiply the entries.
A page is kept only if it is a plain 200 that set no cookie and did not use the CSRF token; a
view marks a page that must not be kept with ``Cache-Control: private`` (a filter form with
errors answers 400 and is not kept either).

Every page is kept with the *content version* it was rendered under and served only while
that version is current. The version changes on every write to a table of the portal's apps,
whatever makes it (a save, a delete, a many-to-many change, ``QuerySet.update()``,
``bulk_create``, an import, raw SQL): a database execute wrapper (``watch_writes``) bumps it
after each such statement and once more when the transaction commits, so a page rendered
from the data before the commit is never served after it. Pages that change with the clock
(upcoming events, the home page) are kept at most ``CLOCK_SECONDS``.

The cache must be shared by every process (Redis, ``REDIS_URL``): without it the settings
keep the page cache off. When the cache does not answer, pages are rendered as if nothing
were kept, a warning is logged, and the cache is left alone for ``RETRY_SECONDS``.
"""

import gzip
import hashlib
import logging
import random
import re
import time
from dataclasses import dataclass
from functools import cache as memoize

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.gzip import GZipMiddleware, re_accepts_gzip
from django.utils.cache import patch_vary_headers
from django.utils.text import compress_string

logger = logging.getLogger(__name__)

VERSION_KEY = "portal:content-version"
CLOCK_SECONDS = 60
RETRY_SECONDS = 5
CACHEABLE_TYPES = ("text/html", "text/calendar", "application/atom+xml")


@dataclass(frozen=True)
class Policy:
    query: frozenset
    seconds: int | None


def public_page(query=(), changes_with_time=False):
    """Let the page cache keep the view's pages for anonymous visitors. ``query``: the
    query parameters the view reads; ``changes_with_time``: the page shows what is upcoming
    or current, so it is kept at most ``CLOCK_SECONDS``."""
    policy = Policy(frozenset(query), CLOCK_SECONDS if changes_with_time else None)

    def decorate(view):
        view.page_cache = policy
        return view

    return decorate


class _SharedCache:
    """The shared cache, or nothing while it does not answer."""

    def __init__(self):
        self.down_until = 0.0
        self.missed_changes = False

    def run(self, operation):
        """``operation()``, or None when the cache fails (and for ``RETRY_SECONDS`` after)."""
        if time.monotonic() < self.down_until:
            self.missed_changes = True
            return None
        try:
            result = operation()
        except Exception:
            logger.warning("The cache does not answer: pages are served without it.", exc_info=True)
            self.down_until = time.monotonic() + RETRY_SECONDS
            self.missed_changes = True
            return None
        if self.missed_changes:
            # Records may have changed while it was away: no page kept before is current,
            # and what was just read may be one of them.
            self.missed_changes = False
            bump_content_version()
            return None
        return result


shared = _SharedCache()


def _increment_version():
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # not set yet, or evicted: a random start, never an old number
        cache.add(VERSION_KEY, random.getrandbits(48), None)


def bump_content_version():
    if settings.PAGE_CACHE_SECONDS:
        shared.run(_increment_version)


@memoize
def content_tables():
    """The tables of the portal's apps: what the public pages show."""
    return frozenset(
        model._meta.db_table
        for model in apps.get_models(include_auto_created=True)
        if model._meta.app_label in settings.PORTAL_APPS
    )


WRITE = re.compile(
    r'\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM|REPLACE\s+INTO)\s+"?(\w+)', re.I
)


def _bump_after_writes(execute, sql, params, many, context):
    result = execute(sql, params, many, context)
    match = WRITE.match(sql)
    if match and match[1] in content_tables():
        connection = context["connection"]
        bump_content_version()
        if connection.in_atomic_block and not any(
            func is bump_content_version for _ids, func, _robust in connection.run_on_commit
        ):
            connection.on_commit(bump_content_version, robust=True)
    return result


def watch_writes(sender, connection, **kwargs):
    """``connection_created``: every statement of this connection passes the wrapper."""
    if _bump_after_writes not in connection.execute_wrappers:
        connection.execute_wrappers.append(_bump_after_writes)


class PageCacheMiddleware:
    """Placed after LocaleMiddleware (the page's language is known) and before the rest: a
    page served from the cache still passes their response side (security headers)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        kept = getattr(request, "_page_cache", None)
        if kept and self._can_keep(request, response):
            key, version, seconds = kept
            body = compress_string(
                response.content, max_random_bytes=GZipMiddleware.max_random_bytes
            )
            gzipped = len(body) < len(response.content)
            page = (version, response["Content-Type"], body if gzipped else response.content)
            shared.run(lambda: cache.set(key, (*page, gzipped), seconds))
            if gzipped:
                self._set_body(request, response, body, plain=response.content)
            response["X-Page-Cache"] = "miss"
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        policy = getattr(view_func, "page_cache", None)
        seconds = settings.PAGE_CACHE_SECONDS
        if policy is None or not seconds or not self._anonymous_read(request):
            return None
        if not set(request.GET) <= policy.query:
            return None
        key = self._key(request)
        # One round trip: the current version and the page as kept, with its version.
        found = shared.run(lambda: cache.get_many([VERSION_KEY, key]))
        if found is None:
            return None
        version = found.get(VERSION_KEY)
        if version is None:
            version = random.getrandbits(48)
            shared.run(lambda: cache.add(VERSION_KEY, version, None))
        page = found.get(key)
        if page is not None and page[0] == version:
            _version, content_type, body, gzipped = page
            response = HttpResponse(content_type=content_type)
            if gzipped:
                self._set_body(request, response, body)
            else:
                response.content = body
            response["X-Page-Cache"] = "hit"
            return response
        request._page_cache = (key, version, min(seconds, policy.seconds or seconds))
        return None

    @staticmethod
    def _anonymous_read(request):
        return (
            request.method in ("GET", "HEAD")
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and "messages" not in request.COOKIES
        )

    @staticmethod
    def _can_keep(request, response):
        cache_control = response.get("Cache-Control", "")
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            and not any(word in cache_control for word in ("private", "no-cache", "no-store"))
            and response.get("Content-Type", "").startswith(CACHEABLE_TYPES)
        )

    @staticmethod
    def _key(request):
        address = (
            request.scheme,
            request.get_host(),
            request.LANGUAGE_CODE,
            request.path,
            sorted(request.GET.lists()),
        )
        digest = hashlib.sha1(repr(address).encode(), usedforsecurity=False).hexdigest()
        return f"page:{digest}"

    @staticmethod
    def _set_body(request, response, body, plain=None):
        """The page as kept, compressed once: as it is for a client that accepts gzip
        (every browser; GZipMiddleware leaves it alone), decompressed for one that does not."""
        patch_vary_headers(response, ("Accept-Encoding",))
        if re_accepts_gzip.search(request.META.get("HTTP_ACCEPT_ENCODING", "")):
            response.content = body
            response["Content-Encoding"] = "gzip"
        else:
            response.content = plain if plain is not None else gzip.decompress(body)
        response["Content-Length"] = str(len(response.content))
