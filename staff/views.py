from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from imc_portal.page_cache import public_page
from staff.models import ROLE_COUNT_LABELS, Award, Distinction, StaffMember
from staff.queries import award_counts, by_role


@public_page(changes_with_time=True)
def about(request):
    """The centre's structure, staff and distinctions, every figure counted from records
    (the staff employed today)."""
    return render(request, "staff/about.html", about_context())


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


@public_page()
def member_detail(request, slug):
    awards = Prefetch("awards", Award.objects.select_related("kind"), to_attr="award_list")
    member = get_object_or_404(
        StaffMember.objects.published()
        .select_related("department")
        .prefetch_related("subjects", awards),
        slug=slug,
    )
    return render(request, "staff/member_detail.html", {"member": member})
