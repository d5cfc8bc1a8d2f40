"""The shared core's public page types for `manage.py bench`."""

from django.db.models import Count
from django.urls import reverse

from imc_portal.models import Institution, Teacher
from staff.models import StaffMember

# Pages of one record (the goal for their SQL is 8, for a list 5); the home page, which
# gathers every app's sections, counts as one.
RECORD_PAGES = {"home", "staff member", "teacher", "institution"}


def pages():
    member = StaffMember.objects.published().order_by("slug").first()
    teacher = Teacher.objects.order_by("-pk").first()
    # The institution with the most teachers: its page has the most of every section.
    institution = (
        Institution.objects.annotate(teacher_count=Count("teachers"))
        .order_by("-teacher_count", "pk")
        .first()
    )
    return [
        ("home", "/"),
        ("about", "/about/"),
        ("staff member", member.get_absolute_url()),
        ("teacher", teacher.get_absolute_url()),
        ("institutions", reverse("institution_list")),
        ("institution", institution.get_absolute_url()),
        ("search", "/search/?q=%D0%BC%D0%B5%D1%82%D0%BE%D0%B4%D0%B8%D1%81%D1%82"),
    ]
