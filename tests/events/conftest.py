import pytest

from events.views import common, event


@pytest.fixture(autouse=True)
def _one_list_minute(monkeypatch):
    """The event lists are kept per minute (common.list_time): within a test it stays the
    minute the test began, so a second request never lands in the next minute by chance."""
    now = common.list_time()
    monkeypatch.setattr(event, "list_time", lambda: now)
