"""Junk in every public address, generated: no answer is a server error.

Every address the site answers (but the admin) is read from the URL configuration. A fixed
set of records is made and the site is crawled from its home page, so each address has real
values for its path (a slug and a year that exist) and its query parameters (the filters'
links). Then Hypothesis fills each address with real values, junk, or real values spoiled with
junk: NUL bytes, other-script digits, huge numbers, impossible dates, 4,000 characters, lone
surrogates, broken percent escapes, the same parameter twice; in the path and in the query
parameters the view reads (``public_page(query=…)``) and common ones. Anonymous visitors and
staff (who see drafts and the director's summary) are both tried.

No answer may be 500 or more. An address whose path the URL converters refuse is not found
(or redirected to the address with a slash added, when that one exists). Hypothesis draws a
fixed, bounded set of examples (``derandomize``) and keeps no example database, so every run
sends the same requests.
"""

import html
import os
import re
from collections import Counter, defaultdict, deque
from urllib.parse import parse_qsl, quote, unquote, urljoin, urlsplit

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction
from django.test import Client, override_settings
from django.urls import URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404
from django.urls.resolvers import LocalePrefixPattern, RoutePattern
from django.utils import translation
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from imc_portal.models import Centre
from tests.contests.factories import (
    ContestResultFactory,
    ManResultFactory,
    OlympiadResultFactory,
    ProjectFactory,
)
from tests.events.factories import EventFactory, GroupFactory, MaterialFactory, kyiv
from tests.factories import CentreFactory, StaffMemberFactory, TeacherFactory
from tests.publications.factories import (
    ArticleFactory,
    ExternalPublicationFactory,
    ManualFactory,
    NewsFactory,
    PracticeMaterialFactory,
)

# Bounded so the module takes under a minute; FUZZ_EXAMPLES=500 for a deeper run by hand.
EXAMPLES_PER_ADDRESS = int(os.environ.get("FUZZ_EXAMPLES", 16))
FUZZ = hypothesis_settings(
    max_examples=EXAMPLES_PER_ADDRESS,
    deadline=None,  # a page's time depends on the machine; the module's total is what counts
    database=None,  # nothing written into the working tree
    derandomize=True,  # the same requests on every run, in CI too
    # The records and clients are made once for the module or the test; examples only read.
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
CRAWL_LIMIT = 150

# Query parameters of no view (or of some other view), always worth a try.
COMMON_PARAMETERS = [
    "page", "q", "year", "month", "sort", "format", "lang", "language", "from", "to",
    "period", "date", "date_from", "date_to", "kind", "level", "area", "group", "stage",
    "result", "institution", "author", "subject", "audience", "section", "next",
]  # fmt: skip
JUNK = [
    "\x00", "a\x00b", "%00", "%", "%zz",
    "0000", "0000-0001", "²", "٣", "๓", "１２", "𝟙𝟚", "Ⅻ", "٢٠٢٦",
    "9" * 40, "-9" + "9" * 40, "-1", "0", "00", "+1", " 1", "1.5", "1e309", "NaN", "inf", "0x10",
    "2026-02-30", "0000-00-00", "31.12.2026", "9999-12-31", "0001-01-01", "2026-13-01",
    "2026-1-1", "1950-01-01", "2101-01-01", "٢٠٢٦-٠١-٠١", "2026-02-30--2026-03-01",
    "x" * 4000, "9" * 4000, "", " ", "\n", "\ud800", "\udfff", "\ufeff", "\u202e",
    "'", '"', "<b>", "../", "/", "?", "&", "=", "#", ":", "🙂",
]  # fmt: skip
BROKEN_QUERIES = ["%", "%zz", "%ff=%fe", "&&", "=", "=1", "page", "page=", ";", "%ED%A0%80=1"]
PARAMETER = re.compile(r"<(?:[^>:]+:)?(?P<name>[^>]+)>")
SKIPPED = ("/admin/", "/static/", "/media/", "/en/")  # English pages: the same views
HREF = re.compile(r'href="([^"]*)"')
SELECT = re.compile(r'<select name="([^"]+)".*?>(.*?)</select>', re.S)
OPTION = re.compile(r'<option value="([^"]*)"')

SENT = Counter()
STATUSES = Counter()


def walk(patterns, route="", converters=None, localized=False):
    """(route, converters, localized, view) of every address below ``patterns``; the
    language prefix (``LocalePrefixPattern``) is left out of the route and drawn by the test."""
    for entry in patterns:
        pattern = entry.pattern
        found = dict(converters or {})
        in_language = localized or isinstance(pattern, LocalePrefixPattern)
        if isinstance(pattern, LocalePrefixPattern):
            part = ""
        elif isinstance(pattern, RoutePattern):
            part = str(pattern)
            found.update(pattern.converters)
        else:  # a regular expression: only the media files served with DEBUG
            continue
        if isinstance(entry, URLResolver):
            yield from walk(entry.url_patterns, route + part, found, in_language)
        else:
            yield route + part, found, in_language, entry.callback


ROUTES = [route for route in walk(get_resolver().url_patterns) if not route[0].startswith("admin/")]


def make_records():
    """One record of each kind a public page shows (a draft event too, for staff)."""
    CentreFactory(founded_year=2005)
    teacher = TeacherFactory()
    StaffMemberFactory()
    group = GroupFactory()
    EventFactory(group=group)
    EventFactory(group=group, start=kyiv(2016, 3, 1))
    draft = EventFactory(group=group, start=kyiv(2016, 4, 1), is_published=False)
    MaterialFactory(event=draft)
    ContestResultFactory(entry__teacher=teacher)
    OlympiadResultFactory(mentor=teacher)
    ManResultFactory()
    ProjectFactory()
    ArticleFactory(teachers=[teacher])
    ManualFactory(teachers=[teacher])
    ExternalPublicationFactory(author=teacher)
    PracticeMaterialFactory()
    NewsFactory()
    User.objects.create_user("fuzz-staff", password="x", is_staff=True, is_superuser=True)


def crawl(client, seeds):
    """The site's own addresses, followed from ``seeds`` (up to ``CRAWL_LIMIT`` pages), and
    the choices of their forms' selects: {name: {values}}."""
    seen, queue, choices = set(), deque(seeds), defaultdict(set)
    while queue and len(seen) < CRAWL_LIMIT:
        url = queue.popleft()
        parts = urlsplit(url)
        if url in seen or parts.netloc or parts.path.startswith(SKIPPED):
            continue
        seen.add(url)
        response = client.get(url)
        if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
            continue
        page = response.content.decode()
        for href in HREF.findall(page):
            queue.append(urljoin(url, html.unescape(href)).split("#")[0])
        for name, options in SELECT.findall(page):
            choices[name].update(html.unescape(value) for value in OPTION.findall(options))
    return seen, choices


def real_values(urls, choices):
    """What the crawl found: {route: [path parameters]}, {name: [query values]}."""
    paths, queries = defaultdict(list), defaultdict(set, choices)
    for url in sorted(urls):
        parts = urlsplit(url)
        try:
            match = resolve(unquote(parts.path))
        except Resolver404:  # an uploaded file's address
            continue
        filling = {name: str(value) for name, value in match.kwargs.items()}
        if filling not in paths[match.route]:
            paths[match.route].append(filling)
        for name, value in parse_qsl(parts.query):
            queries[name].add(value)
    return paths, {name: sorted(found - {""}) for name, found in queries.items() if found - {""}}


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker, tmp_path_factory):
    """The records, made once for the module in a transaction rolled back at its end (each
    test's own transaction is a savepoint inside it), and what a crawl of them found."""
    # Before the function-scoped settings of tests/conftest.py: the same, for the crawl.
    isolated = override_settings(
        MEDIA_ROOT=tmp_path_factory.mktemp("media"),
        STORAGES={
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        },
        PAGE_CACHE_SECONDS=0,
    )
    with django_db_blocker.unblock(), isolated, transaction.atomic():
        make_records()
        staff = Client()
        staff.force_login(User.objects.get(username="fuzz-staff"))
        urls, choices = crawl(staff, ["/", "/summary/2016/", "/events/archive/2016/"])
        paths, queries = real_values(urls, choices)
        yield {"urls": urls, "paths": paths, "queries": queries}
        transaction.set_rollback(True)


def encode(text):
    """Percent-encoded UTF-8; a lone surrogate is kept as its (invalid) UTF-8 bytes."""
    return quote(text.encode("utf-8", "surrogatepass"), safe="")


def junk():
    return st.one_of(
        st.sampled_from(JUNK),
        st.integers(min_value=-(10**40), max_value=10**40).map(str),
        st.text(max_size=12),
        st.text(st.characters(categories=["Nd", "No", "Nl", "Cs", "Cc"]), max_size=6),
    )


def spoiled(real):
    """A real value, junk, or the two together (joined as values hold parts: "kinds:x")."""
    real = st.sampled_from(real)
    joint = st.sampled_from(["", ":", ":", "-", "--", ".", "/"])
    return st.one_of(
        real,
        junk(),
        st.tuples(real, joint, junk()).map("".join),
        st.tuples(junk(), joint, real).map("".join),
    )


def path_fillings(converters, real):
    """Path parameters: those of a crawled address (as they are, or one spoiled), or any
    value, whether the converter accepts it (the view must answer) or refuses it."""
    if not converters:
        return st.just({})
    anything = st.fixed_dictionaries(
        {
            name: st.one_of(
                st.from_regex(converter.regex, fullmatch=True),
                st.integers(min_value=1, max_value=4000).map(lambda n: "9" * n),
                junk(),
            ).filter(bool)
            for name, converter in converters.items()
        }
    )
    if not real:
        return anything
    names = sorted(converters)
    real_filling = st.sampled_from(real)
    one_spoiled = st.tuples(real_filling, st.sampled_from(names)).flatmap(
        lambda drawn: spoiled([drawn[0][drawn[1]]]).map(
            lambda value: {**drawn[0], drawn[1]: value or "x"}
        )
    )
    # Real addresses half of the time, so that the query's junk reaches the views.
    return st.one_of(real_filling, one_spoiled, real_filling, anything)


def query_pairs(view_parameters, real):
    """Query parameters: mostly those the view reads, with real values, junk or both."""
    known = sorted(view_parameters) or COMMON_PARAMETERS
    names = st.one_of(
        st.sampled_from(known),
        st.sampled_from(known),
        st.sampled_from(COMMON_PARAMETERS),
        st.text(max_size=5),
    )
    pool = sorted({value for found in real.values() for value in found} | {"1", "2016"})
    return st.lists(
        names.flatmap(lambda name: st.tuples(st.just(name), spoiled(real.get(name) or pool))),
        max_size=5,
    )


def expected_status(path, language):
    """None when the address resolves (the view answers), else what the middleware does: a
    redirect when the address with a slash added resolves, otherwise not found."""
    path_info = unquote(path, errors="replace")
    with translation.override(language):
        for candidate, status in ((path_info, None), (path_info + "/", 301)):
            try:
                resolve(candidate)
            except Resolver404:
                continue
            return status
    return 404


def exception(response):
    info = getattr(response, "exc_info", None)
    return repr(info[1])[:300] if info else "no exception"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("route", "converters", "localized", "view"), ROUTES, ids=[route[0] for route in ROUTES]
)
def test_no_address_answers_a_server_error(site, route, converters, localized, view):
    anonymous = Client(raise_request_exception=False)
    staff = Client(raise_request_exception=False)
    staff.force_login(User.objects.get(username="fuzz-staff"))
    policy = getattr(view, "page_cache", None)

    @FUZZ
    @given(
        language=st.sampled_from(["uk", "en"] if localized else ["uk"]),
        as_staff=st.booleans(),
        filled=path_fillings(converters, site["paths"].get(route)),
        query=query_pairs(policy.query if policy else (), site["queries"]),
        repeated=st.booleans(),
        broken=st.lists(st.sampled_from(BROKEN_QUERIES), max_size=2),
    )
    def check(language, as_staff, filled, query, repeated, broken):
        path = "/" + ("en/" if language == "en" else "")
        path += PARAMETER.sub(lambda match: encode(filled[match["name"]]), route)
        if repeated and query:  # the first parameter again, with another value
            query = [*query, (query[0][0], "1")]
        query_string = "&".join([f"{encode(name)}={encode(value)}" for name, value in query])
        query_string = "&".join([query_string, *broken]) if broken else query_string
        response = (staff if as_staff else anonymous).get(path, QUERY_STRING=query_string)
        SENT[route] += 1
        STATUSES[response.status_code] += 1
        address = f"{path}?{query_string}"[:500]
        assert response.status_code < 500, f"{address}: {exception(response)}"
        expected = expected_status(path, language)
        if expected is not None:
            assert response.status_code == expected, address

    check()


def test_fuzz_sent_every_address_its_examples(capsys):
    """Runs after the fuzz: every address was tried, as often as the settings ask."""
    if not SENT:
        pytest.skip("counts the requests of this module's fuzz tests, run before it")
    assert set(SENT) == {route[0] for route in ROUTES}
    assert min(SENT.values()) >= EXAMPLES_PER_ADDRESS
    statuses = ", ".join(f"{status}: {count}" for status, count in sorted(STATUSES.items()))
    with capsys.disabled():
        print(f"\nfuzz: {sum(SENT.values())} requests to {len(SENT)} addresses ({statuses})")


@pytest.mark.django_db
def test_fuzz_crawl_reaches_the_records(site):
    """The crawl found a real address for every route with path parameters but the
    material downloads (a draft event's link to another site), the one-time links sent
    by e-mail (teachers' accounts) and registering for events (POSTs, and an offer's link
    that only its teacher opens), so the fuzz reaches the views with real values and junk
    in the query, not only 404s; and the filters' real values."""
    with_parameters = {route for route, converters, _, _ in ROUTES if converters}
    assert with_parameters - set(site["paths"]) == {
        "events/materials/<int:pk>/",
        "accounts/confirm/<uidb64>/<token>/",
        "accounts/password/reset/<uidb64>/<token>/",
        "events/<slug:slug>/register/",
        "events/registrations/<int:pk>/cancel/",
        "events/registrations/<int:pk>/accept/",
    }
    for name in ("area", "institution", "kind", "level", "audience", "stage", "result"):
        assert site["queries"].get(name), name
    public = [obj for model in Centre._meta.apps.get_models() for obj in _public_records(model)]
    assert {obj.get_absolute_url().split("#")[0] for obj in public} <= site["urls"]


def _public_records(model):
    if not hasattr(model, "get_absolute_url"):
        return []
    return [
        obj
        for obj in model._default_manager.all()
        if getattr(obj, "is_published", True) and obj.get_absolute_url().startswith("/")
    ]
