"""Events brought in from a spreadsheet (a past year's plan) through the admin: moments in
Kyiv time as dd.mm.yyyy HH:MM, the venue, group and areas found by name, history; a row of
an event already recorded updates it; a bad row saves nothing."""

import datetime as dt
from decimal import Decimal

import pytest

from events.models import Event
from events.resources import EventResource
from tests.events.factories import EventFactory, GroupFactory, kyiv
from tests.factories import InstitutionFactory, SubjectFactory
from tests.spreadsheets import (
    confirm_import,
    csv_file,
    reimport_totals,
    row_errors,
    template_columns,
    upload,
    xlsx_file,
)

pytestmark = pytest.mark.django_db

ADMIN = "events_event"
HEADER = EventResource.COLUMNS


@pytest.fixture
def known():
    SubjectFactory(name="Математика")
    SubjectFactory(name="Інформатика")
    GroupFactory(name="МО вчителів математики")
    return InstitutionFactory(name="Сумська гімназія № 101", short_name="Гімназія № 101")


def event_row(**overrides):
    row = {
        "Назва": "Формувальне оцінювання на уроках математики", "Вид": "семінар-практикум",
        "Рівень": "міський", "Формат": "очно", "Початок": "14.03.2019 10:00",
        "Кінець": "14.03.2019 13:00", "Місце проведення": "Гімназія № 101", "Адреса": "",
        "Посилання": "", "Група": "МО вчителів математики",
        "Напрями": "Математика; Інформатика", "Години": "2,5", "Кількість учасників": 40,
        "Опубліковано": "так",
    }  # fmt: skip
    row.update(overrides)
    return [row[column] for column in HEADER]


ONLINE = {
    "Назва": "Цифрові інструменти вчителя", "Вид": "вебінар", "Рівень": "обласний",
    "Формат": "онлайн", "Початок": "02.10.2018 15:30", "Кінець": "", "Місце проведення": "",
    "Посилання": "https://meet.example.org/abc", "Група": "", "Напрями": "", "Години": "",
    "Кількість учасників": "", "Опубліковано": "",
}  # fmt: skip


def test_events_csv_previews_then_saves_with_history(admin_client, superuser, known):
    rows = [event_row(), event_row(**ONLINE)]
    response = upload(admin_client, csv_file(rows, HEADER), ADMIN)
    assert response.status_code == 200
    assert response.context["result"].totals["new"] == 2
    assert Event.objects.count() == 0  # the preview saved nothing
    confirm_import(admin_client, response, ADMIN)
    seminar = Event.objects.get(kind=Event.Kind.SEMINAR_PRACTICUM)
    assert (seminar.start, seminar.end) == (kyiv(2019, 3, 14, 10), kyiv(2019, 3, 14, 13))
    assert seminar.start == dt.datetime(2019, 3, 14, 8, 0, tzinfo=dt.UTC)  # Kyiv is UTC+2
    assert (seminar.venue, seminar.group.name, seminar.level) == (
        known,
        "МО вчителів математики",
        Event.Level.CITY,
    )
    assert (seminar.pd_hours, seminar.participants_count, seminar.is_published) == (
        Decimal("2.5"),
        40,
        True,
    )
    assert sorted(s.name for s in seminar.subjects.all()) == ["Інформатика", "Математика"]
    webinar = Event.objects.get(kind=Event.Kind.WEBINAR)
    assert (webinar.format, webinar.level, webinar.online_url, webinar.is_published) == (
        Event.Format.ONLINE,
        Event.Level.OBLAST,
        "https://meet.example.org/abc",
        False,
    )
    assert webinar.start == kyiv(2018, 10, 2, 15, 30)  # summer time: UTC+3
    created = Event.history.filter(history_type="+")
    assert created.count() == 2
    assert {h.history_user for h in created} == {superuser}


def test_events_xlsx_row_of_a_recorded_event_updates_it(admin_client, known):
    recorded = EventFactory(
        title="Формувальне оцінювання на уроках математики",
        start=kyiv(2019, 3, 14, 10),
        end=None,
        participants_count=12,
        address="вул. Соборна, 1",
        is_published=False,
    )
    # A spreadsheet's own date-time cell, without a zone: read as Kyiv time.
    rows = [event_row(**{"Початок": dt.datetime(2019, 3, 14, 10, 0), "Назва": "ФОРМУВАЛЬНЕ оцінювання на уроках математики"})]  # fmt: skip  # noqa: E501
    response = upload(admin_client, xlsx_file(rows, HEADER), ADMIN)
    assert response.context["result"].totals["update"] == 1
    confirm_import(admin_client, response, ADMIN)
    assert Event.objects.count() == 1
    recorded.refresh_from_db()
    assert (recorded.participants_count, recorded.end, recorded.is_published) == (
        40,
        kyiv(2019, 3, 14, 13),
        True,
    )
    assert recorded.address == "вул. Соборна, 1"  # an empty cell keeps what is stored
    assert recorded.title == "Формувальне оцінювання на уроках математики"
    assert recorded.history.filter(history_type="~").exists()
    again = upload(admin_client, xlsx_file(rows, HEADER), ADMIN)
    assert again.context["result"].totals["skip"] == 1


def test_events_file_with_a_bad_row_saves_nothing(admin_client, known):
    rows = [
        event_row(),
        event_row(**{"Назва": "Б", "Початок": "2019-03-14 10:00"}),
        event_row(**{"Назва": "В", "Група": "МО вчителів хімії"}),
        event_row(**{"Назва": "Г", "Кінець": "13.03.2019 10:00"}),
        event_row(**{**ONLINE, "Посилання": ""}),
        event_row(),
    ]
    response = upload(admin_client, csv_file(rows, HEADER), ADMIN)
    assert response.status_code == 200
    assert row_errors(response.context["result"]) == {
        2: "У «Початок» має бути дата й час у вигляді дд.мм.рррр ГГ:ХХ, а не «2019-03-14 10:00».",
        3: "Невідома група: «МО вчителів хімії».",
        4: "Захід не може закінчитися раніше, ніж почався.",
        5: "Для онлайн-заходу потрібне посилання.",
        6: "Той самий захід (назва й початок), що в рядку 1.",
    }
    assert "confirm_form" not in response.context
    assert Event.objects.count() == 0


def test_events_template_has_the_import_columns(admin_client):
    assert template_columns(admin_client, ADMIN) == HEADER


def test_exported_events_import_back_unchanged(known):
    EventFactory(start=kyiv(2019, 3, 14, 10), venue=known)
    assert reimport_totals(EventResource) == {"skip": 1}
