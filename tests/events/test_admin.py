import datetime as dt

import pytest
from django.utils import timezone

from events.models import Event, Speaker
from tests.events.factories import (
    AudienceRoleFactory,
    EventFactory,
    GroupFactory,
    MaterialFactory,
    SpeakerFactory,
)
from tests.factories import TeacherFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("model", "factory", "query"),
    [
        ("event", lambda: SpeakerFactory(name="Завадський").event, "Завадський"),
        ("group", lambda: GroupFactory(name="МО математиків"), "математиків"),
        ("audiencerole", lambda: AudienceRoleFactory(name="Бібліотекарі"), "Бібліотекарі"),
    ],
)
def test_admin_changelist_search_and_add(admin_client, model, factory, query):
    obj = factory()
    url = f"/admin/events/{model}/"
    assert str(obj) in admin_client.get(url).content.decode()
    response = admin_client.get(url, {"q": query})
    assert response.context["cl"].result_count == 1
    assert admin_client.get(f"{url}add/").status_code == 200
    assert admin_client.get(f"{url}{obj.pk}/change/").status_code == 200
    assert admin_client.get(f"{url}{obj.pk}/history/").status_code == 200


def test_admin_event_search_by_venue_and_filters(admin_client):
    EventFactory(title="Перший", venue__name="Ліцей № 15")
    EventFactory(title="Другий", kind=Event.Kind.WEBINAR)
    assert admin_client.get("/admin/events/event/", {"q": "Ліцей"}).context["cl"].result_count == 1
    response = admin_client.get("/admin/events/event/", {"kind__exact": "webinar"})
    assert [e.title for e in response.context["cl"].result_list] == ["Другий"]


def test_admin_event_changelist_query_count_does_not_grow(
    admin_client, django_assert_max_num_queries
):
    for _ in range(5):
        EventFactory(group=GroupFactory())
    with django_assert_max_num_queries(12):
        admin_client.get("/admin/events/event/")


def test_admin_save_as_new_copies_event_with_new_slug(admin_client):
    event = EventFactory(title="Семінар минулого року")
    SpeakerFactory(event=event, name="Доповідач")
    url = f"/admin/events/event/{event.pk}/change/"
    start = timezone.localtime(event.start) + dt.timedelta(days=365)
    data = {
        "title": "Семінар цього року",
        "kind": "seminar",
        "level": "city",
        "format": "in_person",
        "status": "scheduled",
        "start_0": start.strftime("%Y-%m-%d"),
        "start_1": "10:00",
        "is_published": "on",
        "offer_hours": "24",  # the registration settings' one required field
        "speakers-TOTAL_FORMS": "1",
        "speakers-INITIAL_FORMS": "0",
        "speakers-0-name": "Доповідач",
        "speakers-0-order": "0",
        "materials-TOTAL_FORMS": "0",
        "materials-INITIAL_FORMS": "0",
        "_saveasnew": "Save as new",
    }
    response = admin_client.post(url, data)
    assert response.status_code == 302
    copy = Event.objects.get(title="Семінар цього року")
    assert copy.pk != event.pk and copy.slug != event.slug
    assert Speaker.objects.filter(event=copy, name="Доповідач").exists()
    assert Event.objects.filter(pk=event.pk, title="Семінар минулого року").exists()


def test_admin_autocomplete_for_group_members(admin_client):
    TeacherFactory(surname="Шевчук")
    response = admin_client.get(
        "/admin/autocomplete/",
        {"app_label": "events", "model_name": "group", "field_name": "members", "term": "Шевч"},
    )
    assert [row["text"] for row in response.json()["results"]] == ["Шевчук Олена Іванівна"]


def test_admin_refused_to_outsiders(client, django_user_model):
    assert client.get("/admin/events/event/").status_code == 302
    user = django_user_model.objects.create_user("outsider", password="x", is_staff=True)
    client.force_login(user)
    assert client.get("/admin/events/event/").status_code == 403


def test_director_can_view_but_not_add_events(director_client):
    MaterialFactory()
    assert director_client.get("/admin/events/event/").status_code == 200
    assert director_client.get("/admin/events/event/add/").status_code == 403
