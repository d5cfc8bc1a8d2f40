import hashlib

from django.db import connection
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.views.decorators.cache import never_cache

from imc_portal.fragments import cached_html, today_key
from imc_portal.models import Centre, Teacher
from imc_portal.plugins import app_modules
from imc_portal.site_search import MAX_QUERY_LENGTH, search_sections


def home(request):
    """Each app's sections. A section given as ``{"cache": name, "template": …, **context}``
    depends only on the records and is rendered once per content version."""
    sections = [section for module in app_modules("home") for section in module.sections(request)]
    for section in sections:
        if name := section.get("cache"):
            section["html"] = cached_html(
                f"home:{name}",
                lambda s=section: render_to_string(
                    s["template"], {"section": s, "centre": Centre.current()}
                ),
            )
    return render(request, "home.html", {"sections": sections})


def teacher_detail(request, slug):
    """A teacher's public page: name and institution only, then what the apps record of
    them in public (publications, practice entries, contest results), rendered once per
    content version."""
    teacher = get_object_or_404(Teacher.objects.select_related("institution"), slug=slug)

    def render_sections():
        sections = [s for module in app_modules("people") for s in module.sections(teacher)]
        return render_to_string("includes/teacher_sections.html", {"sections": sections})

    sections_html = cached_html(f"people:{teacher.pk}", render_sections)
    return render(
        request, "teacher_detail.html", {"teacher": teacher, "sections_html": sections_html}
    )


def search(request):
    query = request.GET.get("q", "").replace("\x00", "").strip()[:MAX_QUERY_LENGTH]

    def render_results():
        sections = search_sections(query)
        context = {
            "query": query,
            "sections": sections,
            "total": sum(len(s.hits) for s in sections),
        }
        return render_to_string("includes/search_results.html", context)

    # Rendered once per words, day and content version, like the hits (search_sections).
    results_html = ""
    if query:
        digest = hashlib.sha1(query.encode(), usedforsecurity=False).hexdigest()
        results_html = cached_html(f"search:{digest}:{today_key()}", render_results)
    return render(request, "search.html", {"query": query, "results_html": results_html})


@never_cache
def healthz(request):
    """For load balancers and the benchmark: the app answers and the database too."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return HttpResponse("ok", content_type="text/plain")
