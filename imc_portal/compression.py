"""Responses compressed for the browsers that accept it: text only.

Django's GZipMiddleware compresses whatever passes, a PDF or a spreadsheet too, which are
compressed already and would lose their Content-Length (no download progress). Static files
are WhiteNoise's (compressed at collectstatic); anonymous pages are kept compressed by the
page cache, which the middleware then leaves alone."""

from django.middleware.gzip import GZipMiddleware

COMPRESSIBLE_TYPES = (
    "text/",
    "application/atom+xml",
    "application/rss+xml",
    "application/json",
    "application/javascript",
    "image/svg+xml",
)


class TextGZipMiddleware(GZipMiddleware):
    def process_response(self, request, response):
        if not response.get("Content-Type", "").startswith(COMPRESSIBLE_TYPES):
            return response
        return super().process_response(request, response)
