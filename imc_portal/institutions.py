"""Institutions' public pages: the list by kind, and a page per institution gathering what
the apps record of it in public (``registry.institution_sections``), as a teacher's page
does (``registry.person_sections``)."""

from functools import reduce
from operator import or_

from django.db.models import Count, Window
from django.shortcuts import get_object_or_404, render

from imc_portal import registry
from imc_portal.models import Institution, Teacher
from imc_portal.page_cache import public_page

# Rows a section shows of each kind of record, newest first; a section says how many more
# there are and links to the full list where a public list filters by institution.
SECTION_ROWS = 10
# Teachers are names only, and no list of them exists: more fit.
TEACHER_ROWS = 60


def with_total(queryset):
    """``queryset`` with ``total``: how many rows it has before it is sliced, read in the
    same query (a window over every row)."""
    return queryset.annotate(total=Window(Count("pk")))


def list_query(institution):
    """The query string that narrows the contests' result lists to ``institution``: their
    institution filter offers schools only (any other value answers 400)."""
    if institution.kind != Institution.Kind.SCHOOL:
        return ""
    return f"institution={institution.slug}"


def teachers_section(institution):
    """Its teachers whose public page shows anything (the apps' ``teacher_public_records``),
    by name: a teacher's page shows their name and institution, and so does this list."""
    conditions = [condition() for condition in registry.teacher_public_records]
    if not conditions:
        return []
    teachers = list(
        with_total(Teacher.objects.filter(institution=institution).filter(reduce(or_, conditions)))
        .only("slug", "surname", "first_name", "patronymic")
        .order_by("surname", "first_name", "patronymic", "pk")[:TEACHER_ROWS]
    )
    if not teachers:
        return []
    return [
        {
            "template": "includes/institution_teachers.html",
            "teachers": teachers,
            "more": teachers[0].total - len(teachers),
        }
    ]


@public_page()
def institution_list(request):
    """Every institution, by kind in the order of the kinds, by name within a kind."""
    by_kind = {kind: [] for kind in Institution.Kind}
    for institution in Institution.objects.only("kind", "name", "short_name", "slug"):
        by_kind[institution.kind].append(institution)
    groups = [
        {"kind": kind, "institutions": institutions}
        for kind, institutions in by_kind.items()
        if institutions
    ]
    return render(request, "institution_list.html", {"groups": groups})


@public_page(changes_with_time=True)  # its upcoming events
def institution_detail(request, slug):
    """An institution's public page: its name and address, then what the apps record of
    it in public (``registry.institution_sections``): its teachers, the events held there,
    its students' and teachers' results, its practice entries and publications."""
    institution = get_object_or_404(Institution, slug=slug)
    sections = [
        section for sections in registry.institution_sections for section in sections(institution)
    ]
    context = {"institution": institution, "sections": sections}
    return render(request, "institution_detail.html", context)
