"""The authors of a page of articles or manuals in one query, in the order each record keeps
them (the order their links were added): the teachers (linked to their page), then the
centre's staff. ``prefetch_related`` would list them alphabetically, in two queries."""

from django.db.models import CharField, F, Value

from imc_portal.models import Teacher
from staff.models import StaffMember

TEACHER, STAFF = 0, 1
NAME_PARTS = ("surname", "first_name", "patronymic")


def _links(relation, ids, kind):
    """The rows of a many-to-many ``relation`` (teachers or staff authors) of the records
    ``ids``: (record id, kind, link id, surname, first name, patronymic, slug)."""
    own = relation.field.m2m_field_name()
    person = relation.field.m2m_reverse_field_name()
    slug = F(f"{person}__slug") if kind == TEACHER else Value("", output_field=CharField())
    names = {f"person_{part}": F(f"{person}__{part}") for part in NAME_PARTS}
    return (
        relation.through.objects.filter(**{f"{own}_id__in": ids})
        .annotate(record=F(f"{own}_id"), kind=Value(kind), person_slug=slug, **names)
        .values_list("record", "kind", "pk", *names, "person_slug")
        .order_by()
    )


def attach_authors(items, other_field):
    """Set ``item.author_links`` to [(name, url or "")] on each of ``items`` (articles or
    manuals, all of one model): the teacher authors, linked to their page, the centre's
    staff, then the text of ``other_field``. Returns the items as a list."""
    items = list(items)
    if not items:
        return items
    model = type(items[0])
    ids = [item.pk for item in items]
    rows = _links(model.teachers, ids, TEACHER).union(
        _links(model.staff_authors, ids, STAFF), all=True
    )
    authors = {pk: [] for pk in ids}
    teacher_urls = {}  # a teacher often signs several articles of an issue
    for record, kind, _link, surname, first_name, patronymic, slug in sorted(
        rows, key=lambda row: row[1:3]
    ):
        names = {"surname": surname, "first_name": first_name, "patronymic": patronymic}
        if kind == TEACHER:
            if slug not in teacher_urls:
                teacher_urls[slug] = Teacher(slug=slug).get_absolute_url()
            authors[record].append((Teacher(**names).short_name, teacher_urls[slug]))
        else:
            authors[record].append((StaffMember(**names).short_name, ""))
    for item in items:
        other = getattr(item, other_field)
        item.author_links = authors[item.pk] + ([(other, "")] if other else [])
    return items
