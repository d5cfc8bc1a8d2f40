"""Whole-page cache for anonymous visitors, invalidated on every change of a record.

Teachers read far more than methodists write, so anonymous GET pages are kept in the cache
with the *content version* they were rendered under, and served only while it is current;
saving or deleting any record of the portal's apps bumps the version, so a methodist's edit
shows on the public pages at once. Visitors
with a session (staff) never read from or write to this cache. With several workers the
cache must be shared (REDIS_URL), or each worker would keep its own version.

Values kept under a version (``cached_until_change``, rendered fragments) never change, so
each worker also keeps the most recently used of them in its own memory: a request reads the
version from the shared cache once, and the rest from the worker's memory when it can.
Such values are shared between requests: callers must not modify them.
"""

import gzip
import hashlib
import random
import threading
from collections import OrderedDict

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.gzip import GZipMiddleware, re_accepts_gzip
from django.utils.cache import patch_vary_headers
from django.utils.text import compress_string

VERSION_KEY = "portal:content-version"
CACHEABLE_TYPES = ("text/html", "text/calendar", "application/atom+xml", "application/rss+xml")
# Part of every page's key: changed whenever what a kept page holds changes, so that pages
# kept by the code before are never served (3: compressed, with every header).
PAGE_LAYOUT = 3
# Every header of the page is kept (those the middleware inside the cache added too: the
# language, the content security policy, frame options), but these, set for each response.
HEADERS_NOT_KEPT = {"content-length", "content-encoding", "set-cookie", "date", "x-page-cache"}
LOCAL_ENTRIES = 4096

_request = threading.local()
_local = OrderedDict()
_local_lock = threading.Lock()


def content_version():
    """The current content version; read once per request, on every call outside one."""
    version = getattr(_request, "version", None)
    if version is not None:
        return version
    version = cache.get(VERSION_KEY)
    if version is None:
        # A random start, not 1: after the cache is emptied (a restart of Redis, a test)
        # old versioned keys, in a worker's memory too, can never be read again.
        cache.add(VERSION_KEY, random.getrandbits(48), timeout=None)
        version = cache.get(VERSION_KEY)
    if getattr(_request, "active", False):
        _request.version = version
    return version


def clear_local():
    with _local_lock:
        _local.clear()


def _local_get(key, missing):
    with _local_lock:
        value = _local.get(key, missing)
        if value is not missing:
            _local.move_to_end(key)
        return value


def _local_set_many(mapping):
    with _local_lock:
        _local.update(mapping)
        for key in mapping:
            _local.move_to_end(key)
        while len(_local) > LOCAL_ENTRIES:
            _local.popitem(last=False)


def get_many_versioned(keys):
    """Values of keys that carry the content version: from this worker's memory, then from
    the shared cache in one round trip."""
    missing = object()
    found = {}
    for key in keys:
        if (value := _local_get(key, missing)) is not missing:
            found[key] = value
    rest = [key for key in keys if key not in found]
    if rest:
        shared = cache.get_many(rest)
        _local_set_many(shared)
        found.update(shared)
    return found


def set_many_versioned(mapping, timeout=3600):
    cache.set_many(mapping, timeout)
    _local_set_many(mapping)


def cached_until_change(name, compute, timeout=3600):
    """``compute()``, kept until any record of the portal changes. The value is shared
    between requests: do not modify it."""
    key = f"portal:{name}:{content_version()}"
    found = get_many_versioned([key])
    if key in found:
        return found[key]
    value = compute()
    set_many_versioned({key: value}, timeout)
    return value


def bump_content_version(**kwargs):
    _request.version = None  # the rest of this request reads the new version
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # not set yet (or evicted): any new value invalidates old keys
        cache.set(VERSION_KEY, content_version() + 1, timeout=None)
        _request.version = None


def invalidate_on_change(sender, **kwargs):
    if sender._meta.app_label in settings.PORTAL_APPS:
        bump_content_version()


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        _request.active, _request.version = True, None
        try:
            return self._respond(request)
        finally:
            _request.active, _request.version = False, None

    def _respond(self, request):
        seconds = getattr(settings, "PAGE_CACHE_SECONDS", 0)
        if not seconds or not self._cacheable_request(request):
            return self.get_response(request)
        # One round trip: the content version and the page as last kept, with the version
        # it was rendered under; it is served only if that is still the current one.
        key = self._key(request)
        found = cache.get_many([VERSION_KEY, key])
        if (version := found.get(VERSION_KEY)) is not None:
            _request.version = version
        else:
            version = content_version()
        cached = found.get(key)
        if cached is not None and cached[0] == version:
            _version, status, headers, body, gzipped = cached
            response = HttpResponse(status=status)
            for name, value in headers:
                response[name] = value
            self._set_body(request, response, body, gzipped)
            response["X-Page-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if self._cacheable_response(request, response):
            headers = [(n, v) for n, v in response.items() if n.lower() not in HEADERS_NOT_KEPT]
            # Kept compressed, once: a hit then costs no compression (GZipMiddleware leaves
            # a response with a Content-Encoding alone) and a small read from the cache.
            body = compress_string(
                response.content, max_random_bytes=GZipMiddleware.max_random_bytes
            )
            gzipped = len(body) < len(response.content)
            if not gzipped:
                body = response.content
            # Under the version read before rendering: if a record changed meanwhile, the
            # page is never served as current.
            cache.set(key, (version, response.status_code, headers, body, gzipped), seconds)
            if gzipped:
                self._set_body(request, response, body, gzipped, plain=response.content)
            response["X-Page-Cache"] = "miss"
        return response

    @staticmethod
    def _set_body(request, response, body, gzipped, plain=None):
        """The page as kept: compressed for a client that accepts gzip (every browser),
        decompressed for one that does not; with its length."""
        if not gzipped:
            response.content = body
        else:
            patch_vary_headers(response, ("Accept-Encoding",))
            if re_accepts_gzip.search(request.META.get("HTTP_ACCEPT_ENCODING", "")):
                response.content = body
                response["Content-Encoding"] = "gzip"
            else:
                response.content = plain if plain is not None else gzip.decompress(body)
        response["Content-Length"] = str(len(response.content))

    @staticmethod
    def _cacheable_request(request):
        return (
            request.method in ("GET", "HEAD")
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and "messages" not in request.COOKIES
            and not request.path_info.startswith(settings.PAGE_CACHE_EXCLUDED_PREFIXES)
        )

    @staticmethod
    def _cacheable_response(request, response):
        # "Vary: Cookie" is no reason not to keep a page: a visitor with a session is never
        # served from the cache. A page that used the CSRF token is not kept: it differs for
        # each visitor (no public page has a form that posts).
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            and "private" not in response.get("Cache-Control", "")
            and "no-cache" not in response.get("Cache-Control", "")
            and response.get("Content-Type", "").startswith(CACHEABLE_TYPES)
        )

    @staticmethod
    def _key(request):
        path = hashlib.sha1(request.get_full_path().encode(), usedforsecurity=False).hexdigest()
        return f"page:{PAGE_LAYOUT}:{request.method}:{path}"
