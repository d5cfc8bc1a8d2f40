import logging

from django import forms
from django.core.cache import caches
from django.core.cache.backends.dummy import DummyCache
from django.core.cache.backends.locmem import LocMemCache
from django.db import DatabaseError, connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache

from imc_portal import registry
from imc_portal.models import Teacher
from imc_portal.page_cache import public_page
from imc_portal.site_search import MAX_QUERY_LENGTH, search_sections

logger = logging.getLogger(__name__)


@public_page(changes_with_time=True)
def home(request):
    """The sections every app registered (``registry.home_sections``), in app order."""
    sections = [section for sections in registry.home_sections for section in sections(request)]
    return render(request, "home.html", {"sections": sections})


@public_page(changes_with_time=True)  # issues and news appear on their date
def teacher_detail(request, slug):
    """A teacher's public page: name and institution only, then what the apps record of
    them in public (``registry.person_sections``: publications, practice, contest results)."""
    teacher = get_object_or_404(Teacher.objects.select_related("institution"), slug=slug)
    sections = [section for sections in registry.person_sections for section in sections(teacher)]
    return render(request, "teacher_detail.html", {"teacher": teacher, "sections": sections})


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Words to find"), max_length=MAX_QUERY_LENGTH, required=False)


@public_page(query=["q"], changes_with_time=True)
def search(request):
    form = SearchForm(request.GET)
    query = form.cleaned_data["q"].strip() if form.is_valid() else ""
    sections = search_sections(query) if query else []
    context = {
        "form": form,
        "query": query,
        "sections": sections,
        "total": sum(len(section.hits) for section in sections),
    }
    return render(request, "search.html", context, status=400 if form.errors else 200)


def database_state():
    """``"ok"`` when the database answers a query, ``"down"`` when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.warning("Health check: the database does not answer.", exc_info=True)
        return "down"
    return "ok"


def cache_state():
    """``"ok"`` when the shared cache (Redis) answers, ``"down"`` when it does not, ``"off"``
    without one (a local-memory cache per process: nothing to reach)."""
    cache = caches["default"]
    if isinstance(cache, LocMemCache | DummyCache):
        return "off"
    try:
        cache.get("portal:healthz")
    except Exception:  # whatever the client raises: the portal runs on without it
        logger.warning("Health check: the cache does not answer.", exc_info=True)
        return "down"
    return "ok"


@never_cache
def healthz(request):
    """For load balancers and the benchmark: the database and the cache, each on its own.
    Without the database nothing works (503); without the cache pages are only slower, so
    the portal still counts as healthy (200 with ``"cache": "down"``)."""
    states = {"database": database_state(), "cache": cache_state()}
    return JsonResponse(states, status=200 if states["database"] == "ok" else 503)


@never_cache
def livez(request):
    """The process answers, whatever the database does: for a supervisor that restarts a
    stuck worker, and the benchmark's ceiling (the middleware without a query)."""
    return HttpResponse("ok", content_type="text/plain")
