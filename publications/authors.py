"""The authors of a page of articles or manuals in two queries, in the order each record
keeps them (the order their links were added), where ``prefetch_related`` would list them
alphabetically and build two many-to-many managers per row."""


def _links(relation, ids):
    """(record id, person) for the records ``ids`` of a many-to-many ``relation``."""
    own = relation.field.m2m_field_name()
    person = relation.field.m2m_reverse_field_name()
    links = (
        relation.through.objects.filter(**{f"{own}_id__in": ids})
        .select_related(person)
        .order_by("pk")
    )
    return [(getattr(link, f"{own}_id"), getattr(link, person)) for link in links]


def attach_authors(items, other_field):
    """Set ``item.author_links`` to [(name, url or "")] on each of ``items`` (articles or
    manuals, all of one model): the teacher authors, linked to their page, the centre's
    staff, then the text of ``other_field``. Returns the items as a list."""
    items = list(items)
    if not items:
        return items
    model = type(items[0])
    ids = [item.pk for item in items]
    authors = {pk: [] for pk in ids}
    teacher_urls = {}  # a teacher often signs several articles of an issue
    for pk, teacher in _links(model.teachers, ids):
        if teacher.pk not in teacher_urls:
            teacher_urls[teacher.pk] = teacher.get_absolute_url()
        authors[pk].append((teacher.short_name, teacher_urls[teacher.pk]))
    for pk, staff_member in _links(model.staff_authors, ids):
        authors[pk].append((staff_member.short_name, ""))
    for item in items:
        other = getattr(item, other_field)
        item.author_links = authors[item.pk] + ([(other, "")] if other else [])
    return items
