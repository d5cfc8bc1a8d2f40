"""What the fuzz of every address (tests/core/test_fuzz.py) found answering 500, each as the
exact address and the answer it gets now."""

import pytest

from imc_portal.periods import Period
from tests.factories import AwardFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("text", ["0000", "0000-0001", "0000/0001"])
def test_a_year_zero_is_no_period(text):
    """Year 0 has no dates (datetime starts at year 1)."""
    assert Period.parse(text) is None
    assert Period.from_slug(text) is None


@pytest.mark.parametrize(
    "url",
    [
        "/summary/0000/",
        "/summary/0000-0001/",
        "/summary/0000/summary.xlsx",
        "/summary/0000/summary.docx",
        "/summary/0000/0.csv",
        "/summary/0000/0/9/",
        "/summary/?period=0000",
    ],
)
def test_summary_of_year_zero_is_not_found(director_client, url):
    assert director_client.get(url).status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        "/summary/2016/events/kinds:%00/",
        "/summary/2016/contests/man_works:1/",
        "/summary/2016/events/meetings:x/",
    ],
)
def test_summary_records_of_a_row_no_figure_has(director_client, url):
    assert director_client.get(url).status_code == 404


def test_summary_records_of_a_row_keyed_by_number(director_client):
    """A breakdown's row whose key is a primary key (awards by kind) is still found."""
    award = AwardFactory(year=2015, member__surname="Нагороджена")
    url = f"/summary/2016/staff/award_holders:{award.kind.pk}/"
    response = director_client.get(url)
    assert response.status_code == 200
    assert "Нагороджена" in response.content.decode()
    assert "Відмінник освіти України" in response.content.decode()
    assert (
        director_client.get(f"/summary/2016/staff/award_holders:{award.kind.pk + 1}/").status_code
        == 404
    )
