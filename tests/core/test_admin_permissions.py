"""The director views the admin and changes nothing: no action, import, revert or bulk
change writes as the director, while a methodist's do. Users and groups, and the records of
login attempts (axes), are the superuser's alone; each staff member sees only their own TOTP
devices. Every action of every registered admin is covered (new ones too)."""

import pytest
from django.contrib import admin
from django.contrib.admin.models import CHANGE, LogEntry
from django.core.serializers import serialize
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from events.models import Event, Registration
from imc_portal.admin_counts import PHRASES, count_phrase
from imc_portal.models import TeacherAccount
from tests.admin_records import FACTORIES, form_data, make_record, model_of, superuser_request
from tests.events.factories import AudienceRoleFactory, EventFactory

pytestmark = pytest.mark.django_db

# Apps whose records only a superuser sees: users and groups; login attempts and lockouts;
# the e-mail queue.
SUPERUSER_ONLY = {"auth", "axes", "mailer"}
# Each staff member's own records (TOTP devices): a record of somebody else's is out of reach.
OWN_RECORDS = {"otp_totp"}


# (app label, model name, action name) of every action of every registered admin.
ACTIONS = sorted(
    (model._meta.app_label, model._meta.model_name, name)
    for model, model_admin in admin.site._registry.items()
    for name in model_admin.get_actions(superuser_request())
)


def snapshot(model):
    return serialize("json", model._default_manager.order_by("pk"))


def run_action(client, model, action, record):
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    data = {"action": action, "_selected_action": [record.pk], "index": 0}
    if action == "delete_selected":
        data["post"] = "yes"  # past the confirmation page
    return url, client.post(url, data)


def test_every_admin_action_is_covered():
    assert ("events", "event", "publish") in ACTIONS
    assert ("events", "event", "unpublish") in ACTIONS
    assert ("staff", "staffmember", "delete_selected") in ACTIONS
    missing = {
        f"{app_label}.{model_name}"
        for app_label, model_name, _action in ACTIONS
        if model_of(app_label, model_name) not in FACTORIES
        and app_label not in SUPERUSER_ONLY | OWN_RECORDS
    }
    assert missing == set()


@pytest.mark.parametrize(("app_label", "model_name", "action"), ACTIONS)
def test_director_can_run_no_admin_action(director_client, app_label, model_name, action):
    model = model_of(app_label, model_name)
    record = make_record(model, action)
    before = snapshot(model)
    url, response = run_action(director_client, model, action, record)
    assert snapshot(model) == before
    assert not LogEntry.objects.exists()
    listing = director_client.get(url)
    if app_label in SUPERUSER_ONLY:
        assert response.status_code == 403
        assert listing.status_code == 403
    elif app_label in OWN_RECORDS:
        assert record not in listing.context["cl"].queryset
    else:
        # The list again (no action is offered), or back to it with "no action selected".
        assert response.status_code in (200, 302)
        assert listing.status_code == 200
        assert listing.context["action_form"] is None or action not in dict(
            listing.context["action_form"].fields["action"].choices
        )


@pytest.mark.parametrize(("app_label", "model_name", "action"), ACTIONS)
def test_methodist_runs_the_actions_of_the_portal(methodist_client, app_label, model_name, action):
    model = model_of(app_label, model_name)
    record = make_record(model, action)
    before = snapshot(model)
    url, response = run_action(methodist_client, model, action, record)
    if app_label in SUPERUSER_ONLY:  # users and groups, login attempts
        assert response.status_code == 403
        assert snapshot(model) == before
        return
    if app_label in OWN_RECORDS:  # somebody else's device
        assert snapshot(model) == before
        assert record not in methodist_client.get(url).context["cl"].queryset
        return
    assert response.status_code == 302
    assert action in dict(methodist_client.get(url).context["action_form"].fields["action"].choices)
    if action == "delete_selected":
        assert not model._default_manager.filter(pk=record.pk).exists()
    elif action == "confirm_links":  # a pending link to a teacher's record
        record.refresh_from_db()
        assert record.status == TeacherAccount.Status.LINKED
    elif model_name == "registration":  # the first on a waiting list of two (move_up: the second)
        record.refresh_from_db()
        assert (record.status, record.position) == {
            "move_up": (Registration.Status.WAITING, 1),
            "move_down": (Registration.Status.WAITING, 2),
            "move_in": (Registration.Status.CONFIRMED, None),
            "offer_free_places": (Registration.Status.OFFERED, None),
        }[action]
    else:
        record.refresh_from_db()
        assert record.is_published is (action == "publish")
    assert LogEntry.objects.filter(object_id=str(record.pk), user__username="methodist").exists()


def test_director_cannot_revert_an_event_to_an_older_version(director_client, methodist):
    event = EventFactory(title="Перша назва")
    event.title = "Друга назва"
    event.save()
    first = event.history.earliest()
    url = reverse("admin:events_event_simple_history", args=[event.pk, first.history_id])
    page = director_client.get(url)
    assert page.status_code == 200  # the director may read an old version
    data = form_data(page.context["adminform"].form)
    assert director_client.post(url, data).status_code == 403
    event.refresh_from_db()
    assert event.title == "Друга назва"
    assert event.history.count() == 2
    methodist_client = Client()
    methodist_client.force_login(methodist)
    assert methodist_client.post(url, data).status_code == 302
    event.refresh_from_db()
    assert event.title == "Перша назва"


def test_director_cannot_import_results(director_client):
    for name in ("contestresult", "olympiadresult", "manresult"):
        url = reverse(f"admin:contests_{name}_import")
        assert director_client.get(url).status_code == 403
        assert director_client.post(url, {}).status_code == 403
        assert director_client.get(reverse(f"admin:contests_{name}_template")).status_code == 403


def test_director_does_not_see_users_and_groups(director_client):
    html = director_client.get("/admin/").content.decode()
    assert "/admin/events/event/" in html
    assert "/admin/auth/" not in html
    for url in ("/admin/auth/user/", "/admin/auth/group/", "/admin/auth/user/add/"):
        assert director_client.get(url).status_code == 403


def test_director_cannot_change_through_the_list(director_client, methodist):
    role = AudienceRoleFactory(name="Бібліотекарі", order=1)
    data = {
        "form-TOTAL_FORMS": "1",
        "form-INITIAL_FORMS": "1",
        "form-0-id": role.pk,
        "form-0-order": "7",
        "_save": "Зберегти",
    }
    director_client.post("/admin/events/audiencerole/", data)
    role.refresh_from_db()
    assert role.order == 1
    methodist_client = Client()
    methodist_client.force_login(methodist)
    assert methodist_client.post("/admin/events/audiencerole/", data).status_code == 302
    role.refresh_from_db()
    assert role.order == 7


def test_publish_saves_each_event_with_its_history_and_log(methodist_client):
    drafts = EventFactory.create_batch(2, is_published=False)
    already = EventFactory(is_published=True)
    response = methodist_client.post(
        "/admin/events/event/",
        {"action": "publish", "_selected_action": [e.pk for e in [*drafts, already]]},
        follow=True,
    )
    assert [str(m) for m in response.context["messages"]] == ["Опубліковано 2 заходи."]
    assert set(Event.objects.filter(is_published=True).values_list("pk", flat=True)) == {
        e.pk for e in [*drafts, already]
    }
    logged = LogEntry.objects.filter(action_flag=CHANGE)
    assert sorted(int(entry.object_id) for entry in logged) == sorted(e.pk for e in drafts)
    assert {entry.get_change_message() for entry in logged} == {"Змінені опубліковано."}
    for event in drafts:
        latest = event.history.latest()
        assert latest.is_published is True
        assert latest.history_user.username == "methodist"
    assert already.history.count() == 1  # unchanged, not saved again


def test_unpublish_queries_per_event_are_bounded(methodist_client):
    def hide(count):
        events = EventFactory.create_batch(count, is_published=True)
        with CaptureQueriesContext(connection) as queries:
            methodist_client.post(
                "/admin/events/event/",
                {"action": "unpublish", "_selected_action": [e.pk for e in events]},
            )
        assert not Event.objects.filter(pk__in=[e.pk for e in events], is_published=True)
        return len(queries)

    one, four = hide(1), hide(4)
    assert four - one <= 3 * 12  # a few queries for each event: save, history, log, index


@pytest.mark.parametrize(
    ("count", "text"),
    [(1, "1 захід"), (3, "3 заходи"), (5, "5 заходів"), (21, "21 захід"), (136, "136 заходів")],
)
def test_admin_says_the_number_of_events_in_ukrainian_plurals(count, text):
    assert count_phrase(Event._meta, count) == text


def test_changelist_counts_events_with_the_right_plural(methodist_client, monkeypatch):
    monkeypatch.setattr(admin.site._registry[Event], "list_per_page", 2)
    EventFactory.create_batch(5)
    html = methodist_client.get("/admin/events/event/").content.decode()
    assert "5 заходів" in html
    assert "Обрати всі 5 заходів" in html
    assert "5 заходи" not in html


def test_deleting_says_the_number_in_the_right_plural(methodist_client):
    events = EventFactory.create_batch(2)
    response = methodist_client.post(
        "/admin/events/event/",
        {"action": "delete_selected", "_selected_action": [e.pk for e in events], "post": "yes"},
        follow=True,
    )
    assert [str(m) for m in response.context["messages"]] == ["Видалено 2 заходи."]
    assert not Event.objects.exists()


def test_every_admin_model_has_its_number_phrase_in_ukrainian():
    for model in admin.site._registry:
        assert model._meta.label_lower in PHRASES, model
        words = {count_phrase(model._meta, n).split(" ", 1)[1] for n in (1, 2, 5)}
        assert len(words) == 3, words  # "захід", "заходи", "заходів"
