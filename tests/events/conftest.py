import pytest

from events import home
from events.views import common, event, groups


@pytest.fixture(autouse=True)
def _one_list_minute(monkeypatch):
    """The event lists are kept per minute (common.list_time): within a test it stays the
    minute the test began, so a second request never lands in the next minute by chance."""
    now = common.list_time()
    for module in (event, groups, home):
        monkeypatch.setattr(module, "list_time", lambda: now)
