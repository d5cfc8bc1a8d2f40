"""What an event list page shows, read from its HTML, as a visitor sees it."""

import html
import re

ENTRY_TITLE = re.compile(r'<h\d id="event-\d+"[^>]*>.*?<a href="[^"]+">([^<]*)</a>', re.S)


def listed(response):
    """The titles of the events the page lists, in order."""
    return [html.unescape(title) for title in ENTRY_TITLE.findall(response.content.decode())]
