import pytest
from django.contrib import admin
from django.urls import reverse

from contests.models import ContestResult
from tests.contests.factories import (
    ContestResultFactory,
    ManResultFactory,
    OlympiadResultFactory,
    ProjectFactory,
)

pytestmark = pytest.mark.django_db

CONTESTS_MODELS = [model for model in admin.site._registry if model._meta.app_label == "contests"]


@pytest.fixture
def records():
    ContestResultFactory()
    OlympiadResultFactory()
    ManResultFactory()
    ProjectFactory()


@pytest.mark.parametrize("model", CONTESTS_MODELS, ids=lambda m: m._meta.model_name)
def test_admin_changelist_search_and_add_page_work(admin_client, records, model):
    info = model._meta.app_label, model._meta.model_name
    changelist = reverse("admin:{}_{}_changelist".format(*info))
    response = admin_client.get(changelist)
    assert response.status_code == 200
    assert response.context["cl"].result_count == model.objects.count()
    assert admin_client.get(changelist, {"q": "Математика"}).status_code == 200
    assert admin_client.get(reverse("admin:{}_{}_add".format(*info))).status_code == 200


def test_admin_registers_every_contests_model_with_history():
    """Every contests model keeps history and has the history admin (with revert)."""
    from simple_history.admin import SimpleHistoryAdmin

    assert len(CONTESTS_MODELS) == 13
    for model in CONTESTS_MODELS:
        assert hasattr(model._meta, "simple_history_manager_attribute"), model
        assert isinstance(admin.site._registry[model], SimpleHistoryAdmin), model


def test_admin_history_page_lists_an_edit(admin_client):
    result = ContestResultFactory(outcome="participant")
    result.outcome = "winner"
    result.save()
    url = reverse("admin:contests_contestresult_history", args=[result.pk])
    assert admin_client.get(url).status_code == 200
    earliest = result.history.earliest()
    revert = reverse(
        "admin:contests_contestresult_simple_history", args=[result.pk, earliest.history_id]
    )
    response = admin_client.get(revert)
    assert response.status_code == 200
    assert response.context["original"].outcome == "participant"


def test_methodist_can_import_results(methodist_client):
    assert methodist_client.get(reverse("admin:contests_contestresult_import")).status_code == 200


def test_director_can_view_but_not_import_results(director_client):
    url = reverse("admin:contests_contestresult_import")
    assert director_client.get(url).status_code == 403
    assert (
        director_client.get(reverse("admin:contests_contestresult_changelist")).status_code == 200
    )


def test_anonymous_is_sent_to_login_from_contests_admin(client):
    response = client.get(reverse("admin:contests_contestresult_changelist"))
    assert response.status_code == 302
    assert ContestResult.objects.count() == 0
