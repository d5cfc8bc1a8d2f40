import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from events.models import Event
from imc_portal.models import Institution, SearchEntry
from imc_portal.site_search import search_sections, search_words
from imc_portal.text import searchable_text
from tests.contests.factories import (
    ContestEditionFactory,
    ManWorkFactory,
    NominationFactory,
    OlympiadFactory,
)
from tests.events.factories import EventFactory, GroupFactory
from tests.factories import InstitutionFactory, TeacherFactory
from tests.publications.factories import (
    ArticleFactory,
    ExternalPublicationFactory,
    IssueFactory,
    ManualFactory,
    NewsFactory,
    PracticeEntryFactory,
)

pytestmark = pytest.mark.django_db


def entry_of(record, section):
    return SearchEntry.objects.filter(section=section, object_id=record.pk).first()


def found(query):
    return {s.title: [hit.title for hit in s.hits] for s in search_sections(query)}


def test_searchable_text_keeps_words_apostrophes_and_digits_only():
    text = searchable_text("Семінари-практикуми «Об’єднання»", "'Ліцей № 5' 50%_x", None)
    assert text == " семінари практикуми об'єднання ліцей 5 50 x "


def test_search_words_drop_short_words_and_query_syntax():
    assert search_words('ОБʼЄДНАННЯ а "x" 50% ф_о (((') == ["об'єднання", "50"]
    assert search_words("\x00" * 5 + "sem\x00inar") == ["seminar"]
    assert len(search_words("слово " * 100)) == 8


def test_index_follows_save_publish_unpublish_delete():
    news = NewsFactory(title="Семінар бібліотекарів")
    entry = entry_of(news, "publications.news")
    assert entry.title == "Семінар бібліотекарів"
    assert entry.url == news.get_absolute_url()
    assert entry.text == " семінар бібліотекарів коротко про подію текст новини "
    news.title = "Нарада бібліотекарів"
    news.save()
    assert entry_of(news, "publications.news").title == "Нарада бібліотекарів"
    news.is_published = False
    news.save()
    assert entry_of(news, "publications.news") is None
    news.is_published = True
    news.save()
    assert entry_of(news, "publications.news") is not None
    news.delete()
    assert not SearchEntry.objects.exists()


def test_index_follows_related_records():
    teacher = TeacherFactory(surname="Коваль", first_name="Ірина", patronymic="")
    publication = ExternalPublicationFactory(author=teacher, venue="Журнал", year=2016)
    article = ArticleFactory(title="Про читання")
    nomination = NominationFactory(name="Біологія")
    edition = nomination.edition
    assert entry_of(publication, "publications.external").summary == "Коваль І. // Журнал, 2016"
    teacher.surname = "Ковальчук"
    teacher.save()
    assert entry_of(publication, "publications.external").summary.startswith("Ковальчук І.")
    # an article is public while its issue is
    article.issue.is_published = False
    article.issue.save()
    assert entry_of(article, "publications.article") is None
    article.issue.is_published = True
    article.issue.save()
    assert entry_of(article, "publications.article") is not None
    # a contest edition is found by its nominations
    assert " біологія" in entry_of(edition, "contests.edition").text
    NominationFactory(edition=edition, name="Хімія")
    assert " хімія" in entry_of(edition, "contests.edition").text
    nomination.delete()
    assert " біологія" not in entry_of(edition, "contests.edition").text


def test_dated_records_are_found_from_their_date():
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    NewsFactory(title="Анонс олімпіади", date=tomorrow)
    ArticleFactory(
        title="Стаття про олімпіаду", issue=IssueFactory(year=tomorrow.year, date=tomorrow)
    )
    assert SearchEntry.objects.count() == 2
    assert found("олімпіада") == {}


def test_admin_publish_actions_update_the_index(admin_client):
    event = EventFactory(title="Вебінар для логопедів", is_published=False)
    assert entry_of(event, "events.event") is None
    data = {"action": "publish", "_selected_action": [event.pk]}
    admin_client.post("/admin/events/event/", data)
    assert entry_of(event, "events.event").title == "Вебінар для логопедів"
    admin_client.post("/admin/events/event/", {**data, "action": "unpublish"})
    assert entry_of(event, "events.event") is None
    assert not Event.objects.get().is_published


@pytest.mark.parametrize(
    ("query", "titles"),
    [
        ("об'єднання", ["Засідання методичного об’єднання", "Об'єднання вчителів історії"]),
        ("ОБʼЄДНАНЬ", ["Засідання методичного об’єднання", "Об'єднання вчителів історії"]),
        ("семінарів", ["СЕМІНАР-практикум для вчителів", "Семінари для бібліотекарів"]),
        ("семінар бібліотекарям", ["Семінари для бібліотекарів"]),
        ("вчителі історії", ["Об'єднання вчителів історії"]),
        ("нар", []),  # not at a word start
        ("семінар хімія", []),  # every word must match
    ],
)
def test_search_finds_word_forms_case_and_apostrophes(query, titles):
    for title in [
        "Засідання методичного об’єднання",
        "Об'єднання вчителів історії",
        "СЕМІНАР-практикум для вчителів",
        "Семінари для бібліотекарів",
    ]:
        NewsFactory(title=title, summary="", body="")
    assert sorted(found(query).get("Новини", [])) == titles


def test_search_keeps_sections_order_and_their_own_order():
    NewsFactory(title="Конкурс читців, старий", date=dt.date(2020, 1, 1))
    NewsFactory(title="Конкурс читців, новий", date=dt.date(2024, 1, 1))
    GroupFactory(name="Ясла «Конкурс»")
    GroupFactory(name="Єдність «Конкурс»")
    GroupFactory(name="Агенція «Конкурс»")
    ManualFactory(title="Конкурс: посібник")
    sections = search_sections("конкурс")
    assert [s.title for s in sections] == ["Об'єднання та групи", "Посібники", "Новини"]
    assert [h.title for h in sections[0].hits] == [
        "Агенція «Конкурс»",
        "Єдність «Конкурс»",
        "Ясла «Конкурс»",
    ]
    assert sections[1].more_url == "/publications/manuals/"
    assert [h.title for h in sections[2].hits] == [
        "Конкурс читців, новий",
        "Конкурс читців, старий",
    ]
    assert sections[2].hits[0].date == dt.date(2024, 1, 1)


def test_search_shows_at_most_twenty_hits_per_section():
    for n in range(25):
        NewsFactory(title=f"Вебінар {n}", date=dt.date(2024, 1, 1) + dt.timedelta(days=n))
    (news,) = search_sections("вебінар")
    assert len(news.hits) == 20
    assert news.hits[0].title == "Вебінар 24"


def every_section_record(n):
    """One record of each kind the search indexes, all with the word "Ґрунтознавство"."""
    word = f"Ґрунтознавство {n}"
    InstitutionFactory(name=f"Ліцей «{word}»")
    EventFactory(title=word)
    GroupFactory(name=word)
    NominationFactory(name=word, edition=ContestEditionFactory(year=2010 + n))
    OlympiadFactory(subject__name=word)
    ManWorkFactory(title=word)
    ArticleFactory(title=word)
    ManualFactory(title=word)
    ExternalPublicationFactory(title=word)
    PracticeEntryFactory(topic=word)
    NewsFactory(title=word)


@pytest.mark.parametrize("count", [1, 3])
def test_search_page_query_count_does_not_grow(client, django_assert_num_queries, count):
    for n in range(count):
        every_section_record(n)
    # the centre; the first hits of every section, then their rows
    with django_assert_num_queries(3):
        response = client.get("/search/", {"q": "ґрунтознавства"})
    sections = response.context["sections"]
    assert len(sections) == 11
    # the contests' section shows one edition per year, the others one hit per record
    assert [len(s.hits) for s in sections] == [count] * 11
    assert response.context["total"] == 11 * count


@pytest.mark.parametrize(
    "query", ["%", "_", "%_%", "'", '"', "''", '"семінар', "семінар*", "NEAR(a b)", "a AND OR"]
)
def test_search_treats_syntax_characters_as_text(client, query):
    NewsFactory(title="Семінар")
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    expected = 1 if "семінар" in query else 0
    assert response.context["total"] == expected


def test_rebuild_writes_what_the_signals_wrote():
    every_section_record(1)
    written = set(SearchEntry.objects.values_list("section", "object_id", "title", "text"))
    out = io.StringIO()
    call_command("rebuild_search_index", stdout=out)
    # the ten records, and every institution (the records' own made by their factories)
    assert f"{10 + Institution.objects.count()} entries" in out.getvalue()
    assert set(SearchEntry.objects.values_list("section", "object_id", "title", "text")) == written
    assert [s.title for s in search_sections("ґрунтознавство")]


def test_kept_search_results_show_new_records_at_once_and_dated_ones_on_their_day(
    client, monkeypatch
):
    today = timezone.localdate()
    NewsFactory(title="Ґрунтознавство сьогодні", date=today)
    NewsFactory(title="Ґрунтознавство завтра", date=today + dt.timedelta(days=1))
    assert found("ґрунтознавство") == {"Новини": ["Ґрунтознавство сьогодні"]}
    ArticleFactory(title="Ґрунтознавство у школі")
    html = client.get("/search/", {"q": "ґрунтознавство"}).content.decode()
    assert "Ґрунтознавство у школі" in html
    # The next day, with no record saved, the news dated for it is found.
    monkeypatch.setattr(timezone, "localdate", lambda *args: today + dt.timedelta(days=1))
    assert sorted(found("ґрунтознавство")["Новини"]) == [
        "Ґрунтознавство завтра",
        "Ґрунтознавство сьогодні",
    ]
