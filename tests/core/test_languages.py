"""The core's and the staff app's public pages in Ukrainian and in English, kept by the page
cache: an edit shows at once in both, with links in the page's language."""

import re

import pytest
from django.utils import translation

from tests.events.factories import EventFactory
from tests.factories import CentreFactory, StaffMemberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(settings):
    settings.PAGE_CACHE_SECONDS = 600
    CentreFactory(description="Центр до змін")
    member = StaffMemberFactory(surname="Доземенко", biography="Біографія до змін")
    event = EventFactory(title="Семінар до змін")
    with translation.override("uk"):
        pages = [
            "/",
            "/about/",
            member.get_absolute_url(),
            "/search/?q=%D1%81%D0%B5%D0%BC%D1%96%D0%BD%D0%B0%D1%80",
        ]
    return {"member": member, "event": event, "pages": pages}


def test_core_and_staff_pages_show_an_edit_at_once_in_both_languages(client, records):
    for path in records["pages"]:
        for prefix in ("", "/en"):
            client.get(prefix + path)
            assert client.get(prefix + path)["X-Page-Cache"] == "hit", prefix + path
    member, event = records["member"], records["event"]
    member.biography = "Біографія після змін"
    member.save()
    event.title = "Семінар після змін"
    event.save()
    from imc_portal.models import Centre

    Centre.objects.update(description="Центр після змін")
    expected = {
        "/": ["Центр після змін", "Семінар після змін"],
        "/about/": ["Центр після змін"],
        member.get_absolute_url(): ["Біографія після змін"],
        "/search/?q=%D1%81%D0%B5%D0%BC%D1%96%D0%BD%D0%B0%D1%80": ["Семінар після змін"],
    }
    for path, texts in zip(records["pages"], expected.values(), strict=True):
        for prefix in ("", "/en"):
            response = client.get(prefix + path)
            assert response["X-Page-Cache"] == "miss", prefix + path
            body = response.content.decode()
            for text in texts:
                assert text in body, (prefix + path, text)
            assert "до змін" not in body, prefix + path


def test_english_core_pages_link_to_english_pages(client, records):
    for path in records["pages"]:
        body = client.get(f"/en{path}").content.decode()
        links = [
            link
            for link in re.findall(r'href="(/[^"]*)"', body)
            if not link.startswith(("/static/", "/media/"))
        ]
        ukrainian = [link for link in links if not link.startswith("/en/")]
        assert links and len(ukrainian) == 1, (path, ukrainian)  # the switch to Ukrainian
