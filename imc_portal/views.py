import importlib
import importlib.util
from functools import cache

from django.conf import settings
from django.db import connection
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache


@cache
def _home_modules():
    """Each portal app may contribute sections to the home page from its ``home.py``."""
    modules = []
    for app in settings.PORTAL_APPS:
        if importlib.util.find_spec(f"{app}.home"):
            modules.append(importlib.import_module(f"{app}.home"))
    return modules


def home(request):
    sections = [section for module in _home_modules() for section in module.sections(request)]
    return render(request, "home.html", {"sections": sections})


@never_cache
def healthz(request):
    """For load balancers and the benchmark: the app answers and the database too."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return HttpResponse("ok", content_type="text/plain")
