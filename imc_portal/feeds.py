"""Feeds kept until a record changes: a feed reader polls the same address every few
minutes, and building the XML is most of a feed's time."""

import hashlib

from django.http import HttpResponse
from django.utils.translation import get_language

from imc_portal.page_cache import cached_until_change


def kept(request, name, parts, build):
    """``build()`` kept per content version, address asked for and language; ``parts`` is
    what else the body depends on (the records it lists, the day)."""
    digest = hashlib.sha1(
        repr((parts, request.build_absolute_uri(), get_language())).encode(),
        usedforsecurity=False,
    ).hexdigest()
    return cached_until_change(f"{name}:{digest}", build)


def kept_feed(request, name, parts, feed):
    """The response of the syndication view ``feed``, kept like ``kept``."""

    def build():
        response = feed(request)
        return response.content, response["Content-Type"], response.get("Last-Modified")

    content, content_type, last_modified = kept(request, name, parts, build)
    response = HttpResponse(content, content_type=content_type)
    if last_modified:
        response["Last-Modified"] = last_modified
    return response
