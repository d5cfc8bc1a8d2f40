"""What an event list page shows, read from its HTML: the list is kept rendered, so the
view's context holds the events only on the request that rendered it."""

import html
import re

ENTRY_TITLE = re.compile(r'<h\d id="event-\d+"[^>]*>.*?<a href="[^"]+">([^<]*)</a>', re.S)


def listed(response):
    """The titles of the events the page lists, in order."""
    return [html.unescape(title) for title in ENTRY_TITLE.findall(response.content.decode())]


def pager_cursor(response, name):
    """The ``before`` or ``after`` cursor of the pager's link, or "" when there is none."""
    link = rf'rel="(?:next|prev)" href="\?(?:[^"]*&amp;)?{name}=([\d-]+)"'
    match = re.search(link, response.content.decode())
    return match[1] if match else ""
