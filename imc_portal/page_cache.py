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
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.text import compress_string
from django.utils.translation import get_language_from_path

logger = logging.getLogger(__name__)

VERSION_KEY = "portal:content-version"
CLOCK_SECONDS = 60
RETRY_SECONDS = 5
CACHEABLE_TYPES = ("text/html", "text/calendar", "application/atom+xml")
# Every header of a page is kept (those the middleware inside the cache added too: the
# language, the content security and permissions policies, frame options), but these, set
# for each response.
HEADERS_NOT_KEPT = {"content-length", "content-encoding", "set-cookie", "date", "x-page-cache"}
# Part of every page's key: changed whenever what a kept page holds changes, so that pages
# kept by the code before are never read.
PAGE_FORMAT = 5


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
    """Placed before the session, locale, CSRF, authentication, messages, frame-options and
    content-security-policy middleware: a page is kept with every header they added, and a
    visit served from the cache skips them (it costs one round trip to the cache)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = self._seconds(request)
        if not seconds:
            return self.get_response(request)
        key = self._key(request)
        # One round trip: the current version and the page as kept, with its version.
        found = shared.run(lambda: cache.get_many([VERSION_KEY, key]))
        if found is None:
            return self.get_response(request)
        version = found.get(VERSION_KEY)
        if version is None:
            version = random.getrandbits(48)
            shared.run(lambda: cache.add(VERSION_KEY, version, None))
        page = found.get(key)
        if page is not None and page[0] == version:
            return self._response(request, *page[1:])
        response = self.get_response(request)
        if self._can_keep(request, response):
            headers = [(n, v) for n, v in response.items() if n.lower() not in HEADERS_NOT_KEPT]
            # Compressed once, when kept: GZipMiddleware leaves a compressed page alone.
            body = compress_string(
                response.content, max_random_bytes=GZipMiddleware.max_random_bytes
            )
            gzipped = len(body) < len(response.content)
            body = body if gzipped else response.content
            shared.run(lambda: cache.set(key, (version, headers, body, gzipped), seconds))
            if gzipped:
                self._set_body(request, response, body, plain=response.content)
            response["X-Page-Cache"] = "miss"
        return response

    @classmethod
    def _seconds(cls, request):
        """How long the page asked for may be kept: 0 unless a visitor without a session asks
        for a public page (``public_page``) with none but the parameters its view reads."""
        seconds = settings.PAGE_CACHE_SECONDS
        if not seconds or not cls._anonymous_read(request):
            return 0
        language = get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
        try:
            with translation.override(language):
                view = resolve(request.path_info).func
        except Resolver404:
            return 0
        policy = getattr(view, "page_cache", None)
        if policy is None or not set(request.GET) <= policy.query:
            return 0
        request._page_language = language
        return min(seconds, policy.seconds or seconds)

    @classmethod
    def _response(cls, request, headers, body, gzipped):
        response = HttpResponse()
        for name, value in headers:
            response[name] = value
        if gzipped:
            cls._set_body(request, response, body)
        else:
            response.content = body
            response["Content-Length"] = str(len(body))
        response["X-Page-Cache"] = "hit"
        return response

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
            request._page_language,
            request.path,
            sorted(request.GET.lists()),
        )
        digest = hashlib.sha1(repr(address).encode(), usedforsecurity=False).hexdigest()
        return f"page:{PAGE_FORMAT}:{digest}"

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
