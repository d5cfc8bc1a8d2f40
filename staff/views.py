from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render

from staff.models import ROLE_COUNT_LABELS, Award, Distinction, StaffMember
from staff.queries import award_counts, staff_by_role


def about(request):
    """The centre's structure, staff and distinctions, all from records."""
    members = list(
        StaffMember.objects.published()
        .select_related("department")
        .prefetch_related("subjects")
        .order_by("department__order", "department__name", "order", "surname")
    )
    Role = StaffMember.Role
    departments = {}
    for member in members:
        if member.department and member.role not in (Role.DIRECTOR, Role.DEPUTY):
            department = departments.setdefault(
                member.department.pk, {"department": member.department, "heads": [], "staff": []}
            )
            key = "heads" if member.role == Role.HEAD else "staff"
            department[key].append(member)
    figures = [
        {
            "label": ROLE_COUNT_LABELS[row["role"]] % {"count": row["people"]},
            "posts": row["posts"] if row["posts"] != row["people"] else None,
        }
        for row in staff_by_role()
        if row["role"] not in (Role.DIRECTOR, Role.DEPUTY, Role.HEAD)
    ]
    return render(
        request,
        "staff/about.html",
        {
            "leaders": [m for m in members if m.role in (Role.DIRECTOR, Role.DEPUTY)],
            "departments": list(departments.values()),
            "unassigned": [
                m
                for m in members
                if not m.department and m.role not in (Role.DIRECTOR, Role.DEPUTY)
            ],
            "figures": figures,
            "awards": award_counts(),
            "distinctions": Distinction.objects.all(),
        },
    )


def member_detail(request, slug):
    member = get_object_or_404(
        StaffMember.objects.published()
        .select_related("department")
        .prefetch_related(
            "subjects",
            Prefetch("awards", queryset=Award.objects.select_related("kind"), to_attr="award_list"),
        ),
        slug=slug,
    )
    return render(request, "staff/member_detail.html", {"member": member})
