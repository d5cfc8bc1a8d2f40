import io

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import User
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def row_counts():
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label in settings.PORTAL_APPS
    }


def test_load_demo_twice_leaves_the_same_rows(settings):
    settings.DEBUG = True
    call_command("load_demo", stdout=io.StringIO())
    first = row_counts()
    users = User.objects.count()
    call_command("load_demo", stdout=io.StringIO())
    assert row_counts() == first
    assert User.objects.count() == users == 2
    assert first["imc_portal.Institution"] >= 40
    assert first["imc_portal.Teacher"] >= 300


def test_load_demo_keeps_what_a_methodist_changed():
    call_command("load_demo", stdout=io.StringIO())
    from imc_portal.models import Centre
    from staff.models import StaffMember

    centre = Centre.current()
    centre.phone = "+380 99 999 99 99"
    centre.save()
    member = StaffMember.objects.get(surname="Бойко")
    member.position = "завідувачка"
    member.save()
    call_command("load_demo", stdout=io.StringIO())
    assert Centre.current().phone == "+380 99 999 99 99"
    assert StaffMember.objects.get(surname="Бойко").position == "завідувачка"


def test_demo_users_only_with_debug(settings, capsys):
    settings.DEBUG = False
    call_command("load_demo")
    assert not User.objects.exists()
    assert "methodist-demo" not in capsys.readouterr().out


def test_about_page_shows_seed_001_figures_after_load_demo(client):
    call_command("load_demo", stdout=io.StringIO())
    html = client.get("/about/").content.decode()
    for figure in (
        "14 методистів (13,75 ставки)",
        "1 практичний психолог",
        "1 бібліотекар",
        "2 техніки",
        "1 техпрацівник",
        "«Заслужений учитель України» — 2",
        "«Відмінник освіти України» — 8",
        "«Софія Русова» — 1",
        "«Премія імені А. С. Макаренка» — 2",
        "Всеукраїнський проект «Золотий фонд нації»",
        "Золота медаль IX Міжнародної виставки «Інноватика в сучасній освіті», 2018",
        "Золота медаль IX Міжнародної виставки «Сучасні заклади освіти», 2018",
    ):
        assert figure in html, figure
    assert html.count("Відділ методичного супроводу") == 2
