import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _ukrainian_addresses():
    """reverse() and get_absolute_url() in a test give the Ukrainian (unprefixed) address,
    whatever language the test client's last request left active in the thread."""
    with translation.override("uk"):
        yield
