"""Feeds kept until a record changes: a feed reader polls the same address every few
minutes, and building the XML is most of a feed's time."""

from django.http import HttpResponse

from imc_portal import fragments


def kept(request, name, parts, build):
    """``build()`` kept per content version, address asked for and language; ``parts`` is
    what else the body depends on (the records it lists, the day)."""
    return fragments.kept(name, build, parts, request.build_absolute_uri())


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
