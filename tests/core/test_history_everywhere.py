"""History everywhere: every record a methodist edits in the admin keeps its history (many-to-
many links too), every history page answers, and an old version can be restored, links
included. The director reads history and restores nothing (test_admin_permissions)."""

from decimal import Decimal

import pytest
from django.conf import settings
from django.contrib import admin
from django.db import models
from django.urls import reverse
from django.utils.html import escape
from simple_history.admin import SimpleHistoryAdmin

from contests.models import ManSection, Student
from events.models import Region
from imc_portal.models import Teacher
from publications.models import Article
from tests.admin_records import FACTORIES, admin_form_data, superuser_request
from tests.factories import SubjectFactory, TeacherFactory
from tests.publications.factories import ArticleFactory

pytestmark = pytest.mark.django_db

# Looked at in the admin, never edited there: nothing to keep a history of.
READ_ONLY = {Region}

PORTAL_MODELS = sorted(
    (model for model in admin.site._registry if model._meta.app_label in settings.PORTAL_APPS),
    key=lambda model: model._meta.label,
)
EDITED = [model for model in PORTAL_MODELS if model not in READ_ONLY]

NEW_TEXT = "Змінено в адмінці"


def _url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def edited_field(model, form):
    """A field of the form to change and the value to post: free text where the record has
    some, else a score, else another related record (a contest entry's institution)."""
    fields = [model._meta.get_field(name) for name in form.fields]
    for field in fields:
        if type(field) in (models.CharField, models.TextField) and not field.choices:
            return field, NEW_TEXT
    for field in fields:
        if isinstance(field, models.DecimalField):
            return field, Decimal("7.5")
    for field in fields:
        if isinstance(field, models.ForeignKey):
            return field, FACTORIES[field.related_model]()
    raise AssertionError(f"nothing to change on {model._meta.label}")


def test_every_portal_admin_keeps_history():
    assert len(EDITED) >= 30  # the registry was read, not an empty list
    for model in PORTAL_MODELS:
        model_admin = admin.site._registry[model]
        if model in READ_ONLY:
            assert not model_admin.has_change_permission(superuser_request()), model
            continue
        assert isinstance(model_admin, SimpleHistoryAdmin), model
        assert hasattr(model._meta, "simple_history_manager_attribute"), model
        assert model in FACTORIES, model


@pytest.mark.parametrize("model", EDITED, ids=lambda model: model._meta.label)
def test_an_edit_through_the_admin_shows_on_the_history_page(methodist_client, model):
    record = FACTORIES[model]()
    url = _url(model, "change", record.pk)
    page = methodist_client.get(url)
    assert page.status_code == 200
    data = admin_form_data(page)
    field, value = edited_field(model, page.context["adminform"].form)
    data[field.name] = value.pk if isinstance(value, models.Model) else value
    response = methodist_client.post(url, data)
    assert response.status_code == 302, getattr(response, "context", {}) and [
        response.context["adminform"].form.errors,
        [inline.formset.errors for inline in response.context["inline_admin_formsets"]],
    ]
    record.refresh_from_db()
    assert getattr(record, field.name) == value
    latest = record.history.latest()
    assert latest.history_type == "~"
    assert latest.history_user.username == "methodist"
    assert getattr(latest, field.name) == value
    history = methodist_client.get(_url(model, "history", record.pk))
    assert history.status_code == 200
    assert escape(str(value)) in history.content.decode()
    version = methodist_client.get(_url(model, "simple_history", record.pk, latest.history_id))
    assert version.status_code == 200


def test_the_history_pages_of_students_and_man_sections_answer(director_client):
    """They gave 500: their admins kept history of models that kept none."""
    for model in (Student, ManSection):
        record = FACTORIES[model]()
        assert director_client.get(_url(model, "history", record.pk)).status_code == 200


def _revert(client, model, record, version):
    url = _url(model, "simple_history", record.pk, version.history_id)
    page = client.get(url)
    assert page.status_code == 200
    return client.post(url, admin_form_data(page))


def test_reverting_a_teacher_restores_the_name_and_the_subjects(methodist_client):
    history_subject, geography = SubjectFactory(name="Історія"), SubjectFactory(name="Географія")
    teacher = TeacherFactory(surname="Коваленко")
    teacher.subjects.set([history_subject])
    first = teacher.history.latest()
    teacher.surname = "Шевченко"
    teacher.save()
    teacher.subjects.set([geography])
    assert _revert(methodist_client, Teacher, teacher, first).status_code == 302
    teacher.refresh_from_db()
    assert teacher.surname == "Коваленко"
    assert list(teacher.subjects.all()) == [history_subject]
    assert [s.subject_id for s in teacher.history.latest().subjects.all()] == [history_subject.pk]


def test_reverting_an_article_restores_its_authors(methodist_client):
    first_author, second_author = TeacherFactory(surname="Франко"), TeacherFactory(surname="Леся")
    article = ArticleFactory(title="Перша назва", teachers=[first_author])
    first = article.history.latest()
    article.title = "Друга назва"
    article.save()
    article.teachers.set([second_author])
    assert _revert(methodist_client, Article, article, first).status_code == 302
    article.refresh_from_db()
    assert article.title == "Перша назва"
    assert list(article.teachers.all()) == [first_author]
    assert article.history.count() >= 4  # made, renamed, relinked, reverted


def test_a_version_that_kept_no_links_keeps_todays_on_revert(methodist_client):
    """Versions saved before the links were kept (or made in bulk) have none: a revert to
    one must not empty the list."""
    author = TeacherFactory(surname="Франко")
    article = ArticleFactory(title="Перша назва", teachers=[author])
    first = article.history.earliest()
    assert not first.teachers.exists()  # made before its authors were linked
    article.title = "Друга назва"
    article.save()
    assert _revert(methodist_client, Article, article, first).status_code == 302
    article.refresh_from_db()
    assert article.title == "Перша назва"
    assert list(article.teachers.all()) == [author]


def test_the_director_reads_a_teachers_history_and_reverts_nothing(director_client):
    teacher = TeacherFactory(surname="Коваленко")
    first = teacher.history.latest()
    teacher.surname = "Шевченко"
    teacher.save()
    assert director_client.get(_url(Teacher, "history", teacher.pk)).status_code == 200
    assert _revert(director_client, Teacher, teacher, first).status_code == 403
    teacher.refresh_from_db()
    assert teacher.surname == "Шевченко"
