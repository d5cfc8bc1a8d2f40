"""The permission matrix: every URL of the portal against every role, with the answer each
role gets written down below. A cell is one real request. A role that may not change a
record also POSTs to every view that writes (add, change, delete, revert, import, every
admin action), and the whole database must be the same afterwards.

URLs and admin views are discovered (the URL resolver, the admin's registry and each
ModelAdmin's ``get_urls()`` and actions): a new page, admin view or action fails
``test_every_url_has_a_row`` or ``test_every_admin_view_and_action_has_a_row`` until its row
is written here.
"""

from types import SimpleNamespace

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.models import Group, User
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import transaction
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from events.demo import demo_pdf
from events.models import Event, Material, Registration
from imc_portal.models import TeacherAccount
from imc_portal.roles import DIRECTOR, METHODIST
from tests.admin_records import admin_form_data, make_record, superuser_request
from tests.factories import TeacherAccountFactory, TeacherFactory

ROLES = ("anonymous", "teacher", "methodist", "director", "superuser")

# (anonymous, teacher, methodist, director, superuser)
ALL_200 = (200, 200, 200, 200, 200)
STAFF_200 = (302, 403, 200, 200, 200)  # the summary: staff only, the login page for strangers
STAFF_302 = (302, 403, 302, 302, 302)  # … and a redirect (to a period) for staff
# A teacher's own pages: the login page for strangers, refused to staff (who have none).
TEACHER_200 = (302, 200, 403, 403, 403)
# Signing up and logging in: a teacher who has an account goes to their page.
NOT_TEACHER_200 = (200, 302, 200, 200, 200)

PAGES = {
    "healthz": ALL_200,
    "livez": ALL_200,
    "home": ALL_200,
    "search": ALL_200,
    "teacher_detail": ALL_200,
    "institution_list": ALL_200,
    "institution_detail": ALL_200,
    "staff:about": ALL_200,
    "staff:detail": ALL_200,
    "events:upcoming": ALL_200,
    "events:archive": ALL_200,
    "events:archive_year": ALL_200,
    "events:calendar": ALL_200,
    "events:calendar_month": ALL_200,
    "events:feed_ics": ALL_200,
    "events:feed_atom": ALL_200,
    "events:material_download": ALL_200,
    "events:detail": ALL_200,
    "events:detail_ics": ALL_200,
    "events:group_list": ALL_200,
    "events:group_detail": ALL_200,
    # Registering and cancelling are POSTs; an offer's link is the teacher's own.
    "events:register": (405, 405, 405, 405, 405),
    "events:registration_cancel": (405, 405, 405, 405, 405),
    "events:registration_accept": (302, 404, 404, 404, 404),
    "events:my_calendar": TEACHER_200,
    "contests:index": ALL_200,
    "contests:edition": ALL_200,
    "contests:olympiad_index": ALL_200,
    "contests:olympiad_year": ALL_200,
    "contests:man_index": ALL_200,
    "contests:man_year": ALL_200,
    "contests:projects_index": ALL_200,
    "contests:projects_year": ALL_200,
    "publications:index": ALL_200,
    "publications:manuals": ALL_200,
    "publications:manual": ALL_200,
    "publications:articles": ALL_200,
    "publications:periodical": ALL_200,
    "publications:periodical_year": ALL_200,
    "publications:issue": ALL_200,
    "publications:practice": ALL_200,
    "publications:practice_detail": ALL_200,
    "publications:news": ALL_200,
    "publications:news_feed": ALL_200,
    "publications:news_detail": ALL_200,
    "accounts:sign_up": NOT_TEACHER_200,
    "accounts:confirm": (400, 400, 400, 400, 400),  # a link that is not right
    "accounts:login": NOT_TEACHER_200,
    "accounts:logout": (405, 405, 405, 405, 405),  # logging out is a POST
    "accounts:password_reset": ALL_200,
    "accounts:password_reset_done": ALL_200,
    "accounts:password_reset_confirm": ALL_200,  # the page says the link is not right
    "accounts:password_reset_complete": ALL_200,
    "accounts:me": TEACHER_200,
    "accounts:me_data": TEACHER_200,
    "accounts:me_delete": TEACHER_200,
    "summary_index": STAFF_302,
    "summary": STAFF_200,
    "summary_xlsx": STAFF_200,
    "summary_docx": STAFF_200,
    "summary_csv": STAFF_200,
    "summary_records": STAFF_200,
}

# The admin site's own pages (the admin's per-model pages are in ADMIN below).
ADMIN_SITE = {
    "admin:index": (302, 302, 200, 200, 200),
    "admin:login": (200, 200, 302, 302, 302),  # a signed-in non-staff user may sign in again
    "admin:logout": (302, 302, 405, 405, 405),  # signing out is a POST
    "admin:password_change": (302, 302, 200, 200, 200),
    "admin:password_change_done": (302, 302, 200, 200, 200),
    "admin:autocomplete": (302, 302, 200, 200, 200),
    "admin:jsi18n": (302, 302, 200, 200, 200),
    "admin:view_on_site": (302, 302, 302, 302, 302),  # to the event's public page
}

# The admin, per kind of model. "<view>" is a GET; "<view> POST" and "action <name>" are
# POSTs by the roles that may not write there (then the database must not change);
# WRITES marks a role that may write, whose POST is left to the apps' own tests.
WRITES = None
ADMIN = {
    # The portal's records: methodists edit them, the director looks at them.
    "portal": {
        "app_list": (302, 302, 200, 200, 200),
        "changelist": (302, 302, 200, 200, 200),
        "add": (302, 302, 200, 403, 200),
        "add POST": (302, 302, WRITES, 403, WRITES),
        "change": (302, 302, 200, 200, 200),  # the director's is read-only
        "change POST": (302, 302, WRITES, 403, WRITES),
        "delete": (302, 302, 200, 403, 200),
        "delete POST": (302, 302, WRITES, 403, WRITES),
        "history": (302, 302, 200, 200, 200),
        "simple_history": (302, 302, 200, 200, 200),  # an older version, to revert to
        "simple_history POST": (302, 302, WRITES, 403, WRITES),
        "import": (302, 302, 200, 403, 200),
        "import POST": (302, 302, WRITES, 403, WRITES),
        "process_import": (302, 302, 405, 405, 405),  # the confirmation: a POST only
        "process_import POST": (302, 302, WRITES, 403, WRITES),
        "export": (302, 302, 200, 200, 200),  # exporting is reading
        "template": (302, 302, 200, 403, 200),  # the file to fill in for an import
        "action delete_selected": (302, 302, WRITES, 200, WRITES),  # no such action for her
    },
    # Users and groups: the superuser's alone.
    "auth": {
        "app_list": (302, 302, 404, 404, 200),
        "changelist": (302, 302, 403, 403, 200),
        "add": (302, 302, 403, 403, 200),
        "add POST": (302, 302, 403, 403, WRITES),
        "change": (302, 302, 403, 403, 200),
        "change POST": (302, 302, 403, 403, WRITES),
        "delete": (302, 302, 403, 403, 200),
        "delete POST": (302, 302, 403, 403, WRITES),
        "history": (302, 302, 403, 403, 200),
        "password_change": (302, 302, 403, 403, 200),
        "password_change POST": (302, 302, 403, 403, WRITES),
        "action delete_selected": (302, 302, 403, 403, WRITES),
    },
    # Login attempts and lockouts (axes): the superuser's alone, and nobody adds one.
    "axes": {
        "app_list": (302, 302, 404, 404, 200),
        "changelist": (302, 302, 403, 403, 200),
        "add": (302, 302, 403, 403, 403),
        "add POST": (302, 302, 403, 403, 403),
        "change": (302, 302, 403, 403, 200),  # read-only
        "change POST": (302, 302, 403, 403, WRITES),  # a save that changes no field
        "delete": (302, 302, 403, 403, 200),
        "delete POST": (302, 302, 403, 403, WRITES),
        "history": (302, 302, 403, 403, 200),
        "action delete_selected": (302, 302, 403, 403, WRITES),
        "action cleanup_expired_attempts": (302, 302, 403, 403, WRITES),
    },
    # The e-mail queue and its log: the superuser's alone, read-only; nobody adds or edits.
    "mailer": {
        "app_list": (302, 302, 404, 404, 200),
        "changelist": (302, 302, 403, 403, 200),
        "add": (302, 302, 403, 403, 403),
        "add POST": (302, 302, 403, 403, 403),
        "change": (302, 302, 403, 403, 200),  # read-only
        "change POST": (302, 302, 403, 403, 403),
        "delete": (302, 302, 403, 403, 200),
        "delete POST": (302, 302, 403, 403, WRITES),
        "history": (302, 302, 403, 403, 200),
        "action delete_selected": (302, 302, 403, 403, WRITES),
    },
    # TOTP devices: everybody's for the superuser; the record here is somebody else's, so
    # for the methodist and the director it is not there (back to the admin's index).
    "otp_totp": {
        "app_list": (302, 302, 200, 200, 200),
        "changelist": (302, 302, 200, 200, 200),
        "add": (302, 302, 200, 200, 200),  # their own device
        "add POST": (302, 302, WRITES, WRITES, WRITES),
        "change": (302, 302, 302, 302, 200),
        "change POST": (302, 302, 302, 302, WRITES),
        "delete": (302, 302, 302, 302, 200),
        "delete POST": (302, 302, 302, 302, WRITES),
        "history": (302, 302, 302, 302, 200),
        "config": (302, 302, 403, 403, 200),
        "qrcode": (302, 302, 403, 403, 200),
        "action delete_selected": (302, 302, 302, 302, WRITES),
    },
}

# Models whose admin differs from the rest of its kind.
ADMIN_EXCEPTIONS = {
    # One record: the list goes straight to it; no second one, and it is never deleted.
    "imc_portal.centre": {
        "changelist": (302, 302, 302, 302, 302),
        "add": (302, 302, 403, 403, 403),
        "add POST": (302, 302, 403, 403, 403),
        "delete": (302, 302, 403, 403, 403),
        "delete POST": (302, 302, 403, 403, 403),
    },
    # A fixed list of Ukraine's regions: looked at, never edited.
    "events.region": {
        "add": (302, 302, 403, 403, 403),
        "add POST": (302, 302, 403, 403, 403),
        "change POST": (302, 302, 403, 403, 403),
        "delete": (302, 302, 403, 403, 403),
        "delete POST": (302, 302, 403, 403, 403),
    },
    # Teachers' accounts: made by sign-up and deleted by their teachers, never in the admin;
    # methodists confirm pending links.
    "imc_portal.teacheraccount": {
        "add": (302, 302, 403, 403, 403),
        "add POST": (302, 302, 403, 403, 403),
        "delete": (302, 302, 403, 403, 403),
        "delete POST": (302, 302, 403, 403, 403),
        "action confirm_links": (302, 302, WRITES, 200, WRITES),
    },
    "events.event": {
        "action publish": (302, 302, WRITES, 200, WRITES),
        "action unpublish": (302, 302, WRITES, 200, WRITES),
        # The attendance register: the director reads it, methodists tick and add.
        "register": (302, 302, 200, 200, 200),
        "register POST": (302, 302, WRITES, 403, WRITES),
        "sign_in_sheet": (302, 302, 200, 200, 200),  # printing is reading
        "attendance_import": (302, 302, 200, 403, 200),
        "attendance_import POST": (302, 302, WRITES, 403, WRITES),
        "attendance_template": (302, 302, 200, 403, 200),  # the file to fill in for it
    },
    # Registrations: made by teachers, never in the admin; methodists order the waiting
    # list and move teachers in, the director reads (an action not hers changes nothing).
    "events.registration": {
        "add": (302, 302, 403, 403, 403),
        "add POST": (302, 302, 403, 403, 403),
        "action move_up": (302, 302, WRITES, 200, WRITES),
        "action move_down": (302, 302, WRITES, 200, WRITES),
        "action move_in": (302, 302, WRITES, 200, WRITES),
        "action offer_free_places": (302, 302, WRITES, 200, WRITES),
    },
    # Sending waiting e-mails at once: the superuser's.
    "mailer.message": {"action send_now": (302, 302, 403, 403, WRITES)},
    # A group's members against its meetings of a year: read by staff.
    "events.group": {"attendance": (302, 302, 200, 200, 200)},
}

# Where the records come from: one of each registered model (tests/admin_records.py)
# and a few more for the public pages, as ``r`` below.
PAGE_ARGS = {
    "teacher_detail": lambda r: {"slug": r.teacher.slug},
    "institution_detail": lambda r: {"slug": r.institution.slug},
    "staff:detail": lambda r: {"slug": r.staff_member.slug},
    "events:archive_year": lambda r: {"year": r.event.start.year},
    "events:calendar_month": lambda r: {"year": r.event.start.year, "month": r.event.start.month},
    "events:material_download": lambda r: {"pk": r.material.pk},
    "events:detail": lambda r: {"slug": r.event.slug},
    "events:detail_ics": lambda r: {"slug": r.event.slug},
    "events:group_detail": lambda r: {"slug": r.group.slug},
    "events:register": lambda r: {"slug": r.event.slug},
    "events:registration_cancel": lambda r: {"pk": r.records[Registration].pk},
    "events:registration_accept": lambda r: {"pk": r.records[Registration].pk},
    "contests:edition": lambda r: {"slug": r.edition.contest.slug, "year": r.edition.year},
    "contests:olympiad_year": lambda r: {"year": r.olympiad.year},
    "contests:man_year": lambda r: {"year": r.man_work.year},
    "contests:projects_year": lambda r: {"year": r.festival.year},
    "publications:manual": lambda r: {"slug": r.manual.slug},
    "publications:periodical": lambda r: {"slug": r.issue.periodical.slug},
    "publications:periodical_year": lambda r: {
        "slug": r.issue.periodical.slug,
        "year": r.issue.year,
    },
    "publications:issue": lambda r: {
        "slug": r.issue.periodical.slug,
        "year": r.issue.year,
        "number": r.issue.number,
    },
    "publications:practice_detail": lambda r: {"slug": r.practice.slug},
    "publications:news_detail": lambda r: {"slug": r.news.slug},
    "accounts:confirm": lambda r: {"uidb64": "MQ", "token": "not-a-token"},
    "accounts:password_reset_confirm": lambda r: {"uidb64": "MQ", "token": "not-a-token"},
    "summary": lambda r: {"period": "2016"},
    "summary_xlsx": lambda r: {"period": "2016"},
    "summary_docx": lambda r: {"period": "2016"},
    "summary_csv": lambda r: {"period": "2016", "section": "events"},
    "summary_records": lambda r: {"period": "2016", "section": "events", "item": "meetings"},
    "admin:view_on_site": lambda r: {
        "content_type_id": ContentType.objects.get_for_model(Event).pk,
        "object_id": r.event.pk,
    },
}
QUERIES = {
    "admin:autocomplete": {"app_label": "events", "model_name": "event", "field_name": "venue"},
}


# Discovery.


def url_names(patterns, namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from url_names(pattern.url_patterns, inner)
        elif pattern.name:
            yield f"{namespace}{pattern.name}"


def kind_of(app_label):
    return "portal" if app_label in settings.PORTAL_APPS else app_label


def admin_views(model_admin):
    """The views of one ModelAdmin by their URL names' endings: change, history, import…"""
    prefix = f"{model_admin.opts.app_label}_{model_admin.opts.model_name}_"
    return [
        pattern.name.removeprefix(prefix)
        for pattern in model_admin.get_urls()
        if isinstance(pattern, URLPattern) and pattern.name
    ]


# The views that write: a POST to each by every role that may not write there.
WRITING_VIEWS = {
    *("add", "change", "delete", "simple_history", "password_change"),
    *("import", "process_import"),
    *("register", "attendance_import"),
}


def admin_rows(model):
    """Each row that the matrix needs for ``model``: its views, POSTs and actions."""
    model_admin = admin.site._registry[model]
    rows = []
    for view in admin_views(model_admin):
        rows.append(view)
        if view in WRITING_VIEWS:
            rows.append(f"{view} POST")
    rows += [f"action {name}" for name in model_admin.get_actions(superuser_request())]
    return rows


def expected(model, row):
    exceptions = ADMIN_EXCEPTIONS.get(model._meta.label_lower, {})
    return exceptions.get(row, ADMIN.get(kind_of(model._meta.app_label), {}).get(row))


MODELS = sorted(admin.site._registry, key=lambda model: model._meta.label_lower)
ADMIN_CELLS = [(model, row) for model in MODELS for row in admin_rows(model)]
APP_LABELS = sorted({model._meta.app_label for model in MODELS})
SITE_NAMES = {f"admin:{name}" for name in url_names(admin.site.get_urls())} - {
    f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}"
    for model in MODELS
    for view in admin_views(admin.site._registry[model])
}


# The records and the roles, made once for the module; each test runs in its own
# transaction inside this one, so what a test writes is gone before the next one.


@pytest.fixture(scope="module")
def world(request, django_db_setup, django_db_blocker, tmp_path_factory):
    media = tmp_path_factory.mktemp("media")
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        with override_settings(MEDIA_ROOT=media):
            made = make_world()
    made.media = media
    with django_db_blocker.unblock():
        made.database = database()  # as every test finds it (each one's writes are undone)
    yield made
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)
    capture = request.config.pluginmanager.get_plugin("capturemanager")
    reporter = request.config.pluginmanager.get_plugin("terminalreporter")
    if capture and reporter:
        with capture.global_and_fixture_disabled():
            reporter.write_line(f"\npermission matrix: {cell_count()} cells")


def make_world():
    records = {model: make_record(model) for model in MODELS}
    by_label = {model._meta.label_lower: record for model, record in records.items()}
    event = by_label["events.event"]
    material = Material.objects.create(
        event=event, title="Програма", file=ContentFile(demo_pdf("Програма"), name="a.pdf")
    )
    users = {
        "teacher": TeacherAccountFactory(  # a teacher's account, linked to their record
            user__username="teacher",
            status=TeacherAccount.Status.LINKED,
            teacher=TeacherFactory(),
        ).user,
        "methodist": User.objects.create_user("methodist", is_staff=True),
        "director": User.objects.create_user("director", is_staff=True),
        "superuser": User.objects.create_superuser("admin"),
    }
    users["methodist"].groups.add(Group.objects.get(name=METHODIST))
    users["director"].groups.add(Group.objects.get(name=DIRECTOR))
    sessions = {"anonymous": None}
    for role, user in users.items():
        client = Client()
        client.force_login(user)
        sessions[role] = client.cookies[settings.SESSION_COOKIE_NAME].value
    return SimpleNamespace(
        records=records,
        forms={},
        sessions=sessions,
        teacher=by_label["imc_portal.teacher"],
        institution=by_label["imc_portal.institution"],
        staff_member=by_label["staff.staffmember"],
        event=event,
        material=material,
        group=by_label["events.group"],
        edition=by_label["contests.contestedition"],
        olympiad=by_label["contests.olympiad"],
        man_work=by_label["contests.manwork"],
        festival=by_label["contests.projectfestival"],
        manual=by_label["publications.manual"],
        issue=by_label["publications.issue"],
        practice=by_label["publications.practiceentry"],
        news=by_label["publications.news"],
    )


@pytest.fixture
def r(world, db, settings):
    settings.MEDIA_ROOT = world.media  # where the material's file is
    return world


def client_as(world, role):
    client = Client()
    if world.sessions[role]:
        client.cookies[settings.SESSION_COOKIE_NAME] = world.sessions[role]
    return client


def database():
    """Every row of every table (but the sessions'), in the order of primary keys."""
    return {
        model._meta.db_table: list(model._base_manager.order_by("pk").values_list())
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed
        and not model._meta.proxy
        and model._meta.db_table != "django_session"
    }


def changed_tables(before, after):
    return sorted(table for table in before if before[table] != after[table])


class Cells:
    """The answers of one row, compared with the table all at once at the end."""

    def __init__(self, name, statuses):
        self.name = name
        self.statuses = statuses
        self.failures = []

    def check(self, role, method, response):
        wanted = self.statuses[ROLES.index(role)]
        if response.status_code != wanted:
            self.failures.append(f"{method} by {role}: {response.status_code}, not {wanted}")
        if response.streaming:  # a file: read to its end, which closes it
            b"".join(response.streaming_content)

    def verdict(self):
        return f"{self.name}: " + "; ".join(self.failures)


def get_row(r, name, statuses, url, query=None):
    cells = Cells(name, statuses)
    for role in ROLES:
        cells.check(role, "GET", client_as(r, role).get(url, query))
    assert not cells.failures, cells.verdict()


def post_row(r, name, statuses, url, data):
    """POSTs by the roles that may not write: the answer each gets, and no change at all."""
    cells = Cells(name, statuses)
    for role, status in zip(ROLES, statuses, strict=True):
        if status is not WRITES:
            cells.check(role, "POST", client_as(r, role).post(url, data))
    if changed := changed_tables(r.database, database()):
        cells.failures.append(f"the POSTs changed {', '.join(changed)}")
    assert not cells.failures, cells.verdict()


# Every row written down.


def test_every_url_has_a_row():
    names = set(url_names(get_resolver().url_patterns))
    public = {name for name in names if not name.startswith("admin:")}
    assert public - PAGES.keys() == set(), "pages without a row in PAGES"
    assert PAGES.keys() - public == set(), "rows in PAGES without a page"
    assert SITE_NAMES - {"admin:app_list"} == ADMIN_SITE.keys()


def test_every_admin_view_and_action_has_a_row():
    missing = [
        f"{model._meta.label_lower}: {row}"
        for model, row in ADMIN_CELLS
        if expected(model, row) is None
    ]
    assert missing == [], "admin views and actions without a row in ADMIN"
    kinds = {kind_of(model._meta.app_label) for model in MODELS}
    assert kinds - ADMIN.keys() == set(), "kinds of admin without their part in ADMIN"
    assert ADMIN.keys() - kinds == set(), "parts of ADMIN that no admin has"
    used = {(kind_of(model._meta.app_label), row) for model, row in ADMIN_CELLS}
    used |= {(kind, "app_list") for kind in kinds}
    unused = [f"{kind}: {row}" for kind in ADMIN for row in ADMIN[kind] if (kind, row) not in used]
    assert unused == [], "rows in ADMIN that no admin has"
    rows = {(model._meta.label_lower, row) for model, row in ADMIN_CELLS}
    unused = [
        f"{label}: {row}"
        for label in ADMIN_EXCEPTIONS
        for row in ADMIN_EXCEPTIONS[label]
        if (label, row) not in rows
    ]
    assert unused == [], "rows in ADMIN_EXCEPTIONS that the admin does not have"


def test_every_row_has_an_answer_for_each_role():
    rows = [*PAGES.values(), *ADMIN_SITE.values()]
    rows += [row for kind in ADMIN.values() for row in kind.values()]
    rows += [row for model in ADMIN_EXCEPTIONS.values() for row in model.values()]
    assert {len(row) for row in rows} == {len(ROLES)}


# The cells.


def page_url(r, name):
    kwargs = PAGE_ARGS[name](r) if name in PAGE_ARGS else None
    return reverse(name, kwargs=kwargs)


@pytest.mark.parametrize("name", sorted(PAGES))
def test_page(r, name):
    get_row(r, name, PAGES[name], page_url(r, name))


@pytest.mark.parametrize("name", sorted(ADMIN_SITE))
def test_admin_site_page(r, name):
    get_row(r, name, ADMIN_SITE[name], page_url(r, name), QUERIES.get(name))


@pytest.mark.parametrize("app_label", APP_LABELS)
def test_admin_app_page(r, app_label):
    url = reverse("admin:app_list", kwargs={"app_label": app_label})
    get_row(r, f"admin {app_label}", ADMIN[kind_of(app_label)]["app_list"], url)


def admin_url(r, model, view):
    """The URL of one of the admin's views of ``model``, for its record."""
    name = f"{model._meta.app_label}_{model._meta.model_name}_{view}"
    pattern = next(
        pattern
        for pattern in admin.site._registry[model].get_urls()
        if getattr(pattern, "name", None) == name
    )
    record = r.records[model]
    args = [record.pk]
    if pattern.pattern.regex.groups == 2:  # a version of the record: the revert page
        args.append(record.history.latest().history_id)
    return reverse(f"admin:{name}", args=args[: pattern.pattern.regex.groups])


def post_data(r, model, row):
    """A POST that would write if it were let through: the form as shown to the superuser,
    the confirmation of a deletion, a new password, an action on the record."""
    record = r.records[model]
    if row in ("add POST", "change POST", "simple_history POST"):
        shown = "simple_history" if row == "simple_history POST" else "change"
        if (model, shown) not in r.forms:  # the same in every test: asked for once
            page = client_as(r, "superuser").get(admin_url(r, model, shown))
            r.forms[model, shown] = admin_form_data(page)
        return r.forms[model, shown]
    if row == "delete POST":
        return {"post": "yes"}
    if row == "password_change POST":
        return {"password1": "a new Password 1", "password2": "a new Password 1"}
    if row.startswith("action "):
        action = row.removeprefix("action ")
        return {"action": action, "_selected_action": [record.pk], "index": 0, "post": "yes"}
    return {}


@pytest.mark.parametrize(
    ("model", "row"),
    ADMIN_CELLS,
    ids=[f"{model._meta.label_lower}-{row}" for model, row in ADMIN_CELLS],
)
def test_admin(r, model, row):
    statuses = expected(model, row)
    name = f"{model._meta.label_lower} {row}"
    if row.startswith("action "):
        url = admin_url(r, model, "changelist")
        post_row(r, name, statuses, url, post_data(r, model, row))
    elif row.endswith(" POST"):
        url = admin_url(r, model, row.removesuffix(" POST"))
        post_row(r, name, statuses, url, post_data(r, model, row))
    else:
        get_row(r, name, statuses, admin_url(r, model, row))


def cell_count():
    """How many cells the matrix has: one request each."""
    rows = [*PAGES.values(), *ADMIN_SITE.values()]
    rows += [ADMIN[kind_of(label)]["app_list"] for label in APP_LABELS]
    rows += [expected(model, row) for model, row in ADMIN_CELLS]
    return sum(status is not WRITES for row in rows for status in row)


def test_the_matrix_has_its_cells():
    # Every page and admin view for five roles, less the POSTs left to the apps' own tests.
    assert cell_count() > 1500
