"""Rendered pieces of the publications pages kept until any record changes: a list entry, a
filter form, the body of an issue, a practice entry or a news item are the same for every
visitor, and rendering them is most of a page's time. A list's query runs when its section
is not kept (views.kept_list): the lists with filters (manuals, teachers' publications,
practice) read their page of whole rows at once; the others (news, a periodical's year) read
only what they page by, then fetch whole the rows of the entries not in the cache. Keys
carry the content version (bumped on every save), so an edit shows at once."""

from imc_portal import fragments as shared
from imc_portal.fragments import attach_html, loader
from publications.authors import attach_authors


def with_authors(other_field):
    """``prepare=`` for ``attach_html``: author links of the entries not in the cache."""
    return lambda missing: attach_authors(missing, other_field)


def attach_entries(objects, template_name, name, *, as_name, full=None, prepare=None):
    """Set ``obj.html`` to its list entry; ``full`` is the queryset that fetches whole rows
    of the entries not yet rendered, when ``objects`` hold only a few columns (without it,
    they are whole already)."""
    return attach_html(
        objects, template_name, f"publications:{name}", as_name=as_name,
        load=loader(full) if full is not None else None, prepare=prepare,
    )  # fmt: skip


def rendered_filter_form(request, filterset):
    return shared.rendered_filter_form(
        request, filterset, "publications/includes/filter_form.html", "publications"
    )
