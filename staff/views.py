from django.db.models import Prefetch, prefetch_related_objects
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from imc_portal.fragments import cached_html
from imc_portal.models import Centre
from staff.models import ROLE_COUNT_LABELS, Award, Distinction, StaffMember
from staff.queries import award_counts, by_role


def about(request):
    """The centre's structure, staff and distinctions, all from records. The figures change
    only when a record does, so they are kept in the cache until then."""
    # "Current staff" depends on the day: it is in the key (the language is in every key).
    body_html = cached_html(
        f"staff:about:{timezone.localdate()}",
        lambda: render_to_string(
            "staff/includes/about_body.html", {"centre": Centre.current(), **about_context()}
        ),
    )
    return render(request, "staff/about.html", {"body_html": body_html})


def about_context():
    # Everybody employed today, in one read: the cards show those shown in public, the
    # figures count them all.
    employed = list(
        StaffMember.objects.current()
        .select_related("department")
        .prefetch_related("subjects")
        .order_by("department__order", "department__name", "order", "surname")
    )
    members = [member for member in employed if member.is_public]
    Role = StaffMember.Role
    leaders = (Role.DIRECTOR, Role.DEPUTY)
    # Sections of cards: the leadership, each department (its heads first), everybody else.
    sections = {"leaders": {"id": "leaders", "title": _("Leadership"), "members": []}}
    # Members come in department order; those without a department go last on any database.
    for member in sorted(members, key=lambda m: m.department_id is None):
        if member.role in leaders:
            key = "leaders"
        elif member.department:
            key = member.department.pk
            sections.setdefault(key, {
                "id": f"department-{key}",
                "title": member.department.name,
                "description": member.department.description,
                "members": [],
            })  # fmt: skip
        else:
            key = "other"
            sections.setdefault(key, {"id": "other", "title": _("Other staff"), "members": []})
        sections[key]["members"].append(member)
    for section in sections.values():
        section["members"].sort(key=lambda m: m.role != Role.HEAD)  # heads first, stable
    figures = [
        {
            "label": ROLE_COUNT_LABELS[row["role"]] % {"count": row["people"]},
            "posts": row["posts"] if row["posts"] != row["people"] else None,
        }
        for row in by_role(employed)
        if row["role"] not in (Role.DIRECTOR, Role.DEPUTY, Role.HEAD)
    ]
    return {
        "sections": [section for section in sections.values() if section["members"]],
        "figures": figures,
        "awards": award_counts(),
        "distinctions": list(Distinction.objects.all()),
    }


def member_detail(request, slug):
    member = get_object_or_404(
        StaffMember.objects.published().select_related("department"), slug=slug
    )

    def render_body():
        awards = Prefetch("awards", Award.objects.select_related("kind"), to_attr="award_list")
        prefetch_related_objects([member], "subjects", awards)
        return render_to_string("staff/includes/member_body.html", {"member": member})

    body_html = cached_html(f"staff:member:{member.pk}", render_body)
    return render(request, "staff/member_detail.html", {"member": member, "body_html": body_html})
