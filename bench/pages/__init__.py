"""The public page types ``manage.py bench`` measures (and the browser tests scan), each
picked from the database: the biggest record, a deep page, a filtered list."""

from bench.pages import contests, core, events, publications

MODULES = [core, events, contests, publications]
# Pages of one record: the goal for their SQL is 8 queries; any other page is a list (5).
RECORD_PAGES = set().union(*(module.RECORD_PAGES for module in MODULES))


def page_list():
    """[(name, path)] of every page to measure."""
    return [page for module in MODULES for page in module.pages()]
