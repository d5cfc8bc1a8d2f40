"""Whole-page cache for anonymous visitors, invalidated on every change of a record.

Teachers read far more than methodists write, so anonymous GET pages are kept in the cache
under a key that includes a *content version*; saving or deleting any record of the portal's
apps bumps the version, so a methodist's edit shows on the public pages at once. Visitors
with a session (staff) never read from or write to this cache. With several workers the
cache must be shared (REDIS_URL), or each worker would keep its own version.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse

VERSION_KEY = "portal:content-version"
CACHEABLE_TYPES = ("text/html", "text/calendar", "application/atom+xml", "application/rss+xml")
HEADERS_KEPT = ("Content-Type", "Content-Disposition", "Content-Language", "Vary", "Cache-Control")


def content_version():
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, 1, timeout=None)
        version = cache.get(VERSION_KEY, 1)
    return version


def cached_until_change(name, compute, timeout=3600):
    """``compute()``, kept in the cache until any record of the portal changes."""
    key = f"portal:{name}:{content_version()}"
    missing = object()
    value = cache.get(key, missing)
    if value is missing:
        value = compute()
        cache.set(key, value, timeout)
    return value


def bump_content_version(**kwargs):
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # not set yet (or evicted): any new value invalidates old keys
        cache.set(VERSION_KEY, content_version() + 1, timeout=None)


def invalidate_on_change(sender, **kwargs):
    if sender._meta.app_label in settings.PORTAL_APPS:
        bump_content_version()


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = getattr(settings, "PAGE_CACHE_SECONDS", 0)
        if not seconds or not self._cacheable_request(request):
            return self.get_response(request)
        key = self._key(request)
        if (cached := cache.get(key)) is not None:
            status, headers, content = cached
            response = HttpResponse(content, status=status)
            for name, value in headers:
                response[name] = value
            response["X-Page-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if self._cacheable_response(response):
            headers = [(n, response[n]) for n in HEADERS_KEPT if response.has_header(n)]
            cache.set(key, (response.status_code, headers, response.content), seconds)
            response["X-Page-Cache"] = "miss"
        return response

    @staticmethod
    def _cacheable_request(request):
        return (
            request.method in ("GET", "HEAD")
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and "messages" not in request.COOKIES
            and not request.path_info.startswith(settings.PAGE_CACHE_EXCLUDED_PREFIXES)
        )

    @staticmethod
    def _cacheable_response(response):
        vary = response.get("Vary", "")
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and "Cookie" not in vary
            and "private" not in response.get("Cache-Control", "")
            and "no-cache" not in response.get("Cache-Control", "")
            and response.get("Content-Type", "").startswith(CACHEABLE_TYPES)
        )

    @staticmethod
    def _key(request):
        path = hashlib.sha1(request.get_full_path().encode(), usedforsecurity=False).hexdigest()
        return f"page:{content_version()}:{request.method}:{path}"
