"""What a publications page shows, read from its HTML."""

import re

MAIN = re.compile(r"<main\b.*?</main>", re.S)
HREF = re.compile(r'href="([^"]*)"')


def main_html(response):
    """The page's own content, without the layout's header and footer."""
    return MAIN.search(response.content.decode())[0]


def portal_links(response):
    """The addresses of the portal's pages the content links to (not files, not anchors)."""
    return [
        href
        for href in HREF.findall(main_html(response))
        if href.startswith("/") and not href.startswith(("/media/", "/static/"))
    ]
