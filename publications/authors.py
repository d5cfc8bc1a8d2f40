"""Authors of a page of articles or manuals in two queries, without Django's per-row
many-to-many managers (building those was most of the issue page's time)."""


def attach_authors(items, other_field):
    """Set ``item.author_links`` to [(name, url or "")] on each of ``items`` (articles or
    manuals): teacher authors (linked to their page), centre staff, then ``other_field``."""
    items = list(items)
    if not items:
        return items
    model = type(items[0])
    ids = [item.pk for item in items]
    teachers, staff = {}, {}
    teacher_links = model.teachers.through.objects.filter(
        **{f"{model.teachers.field.m2m_field_name()}_id__in": ids}
    ).select_related("teacher")
    own = model.teachers.field.m2m_column_name()
    for link in teacher_links.only(
        own, "teacher__surname", "teacher__first_name", "teacher__patronymic", "teacher__slug"
    ).order_by("pk"):
        teacher = link.teacher
        teachers.setdefault(getattr(link, own), []).append(
            (teacher.short_name, teacher.get_absolute_url())
        )
    staff_field = model.staff_authors.field
    staff_links = model.staff_authors.through.objects.filter(
        **{f"{staff_field.m2m_field_name()}_id__in": ids}
    ).select_related("staffmember")
    own = staff_field.m2m_column_name()
    names = ["staffmember__surname", "staffmember__first_name", "staffmember__patronymic"]
    for link in staff_links.only(own, *names).order_by("pk"):
        staff.setdefault(getattr(link, own), []).append((link.staffmember.short_name, ""))
    for item in items:
        other = getattr(item, other_field)
        item.author_links = (
            teachers.get(item.pk, []) + staff.get(item.pk, []) + ([(other, "")] if other else [])
        )
    return items
