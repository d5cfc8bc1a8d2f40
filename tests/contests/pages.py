"""What a contests page shows, read from its HTML."""

import html
import re

TEACHER_ROW = re.compile(r'<tr><td><a href="[^"]+">([^<]+)</a></td>')
MAIN = re.compile(r"<main\b.*?</main>", re.S)
HREF = re.compile(r'href="([^"]*)"')


def text(response):
    return response.content.decode()


def listed_teachers(response):
    """The teachers' names in the order the edition's tables list them."""
    return [html.unescape(name) for name in TEACHER_ROW.findall(text(response))]


def table_rows(response):
    """The rows of the page's tables (their <td> texts, tags removed)."""
    rows = re.findall(r"<tr>(<td>.*?)</tr>", text(response), re.S)
    return [
        [html.unescape(re.sub(r"<[^>]+>", "", cell)) for cell in re.findall(r"<td>(.*?)</td>", row)]
        for row in rows
    ]


def main_links(response):
    """The addresses the page's main part links to (not the header's language switch)."""
    return HREF.findall(MAIN.search(text(response))[0])
