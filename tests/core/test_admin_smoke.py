"""Every ModelAdmin of the portal's apps opens: changelist, search, add page. New apps'
admins are picked up automatically."""

import pytest
from django.conf import settings
from django.contrib import admin
from django.urls import reverse

pytestmark = pytest.mark.django_db

PORTAL_ADMINS = sorted(
    (model._meta.app_label, model._meta.model_name)
    for model in admin.site._registry
    if model._meta.app_label in settings.PORTAL_APPS
)


def test_every_portal_app_model_with_an_admin_is_covered():
    assert ("staff", "staffmember") in PORTAL_ADMINS
    assert ("imc_portal", "teacher") in PORTAL_ADMINS


@pytest.mark.parametrize(("app_label", "model_name"), PORTAL_ADMINS)
def test_admin_changelist_search_and_add(admin_client, app_label, model_name):
    model_admin = next(
        ma
        for m, ma in admin.site._registry.items()
        if (m._meta.app_label, m._meta.model_name) == (app_label, model_name)
    )
    changelist = reverse(f"admin:{app_label}_{model_name}_changelist")
    response = admin_client.get(changelist)
    assert response.status_code == 200
    if model_admin.search_fields:
        assert admin_client.get(changelist, {"q": "Ткаченко"}).status_code == 200
    else:
        pytest.fail(f"{app_label}.{model_name} admin has no search_fields")
    add = admin_client.get(reverse(f"admin:{app_label}_{model_name}_add"))
    # A fixed list (Ukraine's regions) is looked at, never added to.
    assert add.status_code == (200 if model_admin.has_add_permission(add.wsgi_request) else 403)


def test_every_autocomplete_answers_in_a_fixed_order(admin_client):
    """The choices come a page at a time: an unordered queryset (an admin's annotated with
    counts loses the model's ordering) warns, and would repeat or skip choices."""
    fields = sorted(
        (model._meta.app_label, model._meta.model_name, field)
        for model, model_admin in admin.site._registry.items()
        for field in model_admin.autocomplete_fields
    )
    assert ("events", "event", "venue") in fields
    failed = []
    for app_label, model_name, field_name in fields:
        query = {"app_label": app_label, "model_name": model_name, "field_name": field_name}
        try:
            response = admin_client.get(reverse("admin:autocomplete"), query)
        except RuntimeWarning as warning:  # the tests turn warnings into errors
            failed.append(f"{app_label}.{model_name}.{field_name}: {warning}")
            continue
        if response.status_code != 200 or response.json()["pagination"] != {"more": False}:
            failed.append(f"{app_label}.{model_name}.{field_name}: {response.status_code}")
    assert failed == []
