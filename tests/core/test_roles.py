import pytest
from django.contrib.auth.models import Group

from imc_portal.roles import DIRECTOR, METHODIST, is_director

pytestmark = pytest.mark.django_db


def test_roles_exist_after_migrate_with_synced_permissions():
    methodist = Group.objects.get(name=METHODIST)
    codenames = set(methodist.permissions.values_list("codename", flat=True))
    assert {"add_staffmember", "change_teacher", "delete_award", "change_centre"} <= codenames
    assert not methodist.permissions.filter(content_type__app_label="auth").exists()
    director = Group.objects.get(name=DIRECTOR)
    director_codes = set(director.permissions.values_list("codename", flat=True))
    assert {"view_staffmember", "view_teacher", "view_event"} <= director_codes
    assert all(code.startswith("view_") for code in director_codes)
    # Users, groups and permissions are the superuser's alone.
    assert not director.permissions.filter(content_type__app_label="auth").exists()


def test_anonymous_is_sent_to_admin_login(client):
    response = client.get("/admin/staff/staffmember/")
    assert response.status_code == 302
    assert response.url.startswith("/admin/login/")


def test_methodist_edits_content_but_not_users(methodist_client):
    assert methodist_client.get("/admin/staff/staffmember/add/").status_code == 200
    assert methodist_client.get("/admin/imc_portal/teacher/add/").status_code == 200
    assert methodist_client.get("/admin/auth/user/").status_code == 403
    assert methodist_client.get("/admin/auth/group/").status_code == 403


def test_director_views_everything_but_changes_nothing(director_client, director, methodist):
    assert director_client.get("/admin/auth/user/").status_code == 403
    assert director_client.get("/admin/staff/staffmember/").status_code == 200
    assert director_client.get("/admin/staff/staffmember/add/").status_code == 403
    assert is_director(director)
    assert not is_director(methodist)


def test_admin_speaks_ukrainian(methodist_client):
    html = methodist_client.get("/admin/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'lang="uk"' in html
    assert "Працівники центру" in html
    assert "Методичний центр: облік" in html
