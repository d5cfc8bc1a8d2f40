"""Rendered pieces of the contests pages kept until any record changes: a result row, a
figures table, a filter form are the same for every visitor, and rendering them is most of a
result page's time; a year's or an edition's results are kept whole per filter values
(``kept_for_filters``). Keys carry the content version (bumped on every save), so an edit
shows at once."""

from django.conf import settings
from django.template.loader import render_to_string

from imc_portal import fragments as shared
from imc_portal.fragments import attach_html


def student_names():
    """How students are named (PUBLIC_STUDENT_NAMES): part of the key of every piece that
    names one, so a change of the setting never shows names rendered the other way."""
    return getattr(settings, "PUBLIC_STUDENT_NAMES", "full")


def attach_rows(objects, template_name, name, *, as_name, prepare=None):
    """Set ``obj.html`` to its table row; ``prepare(missing)`` fetches what the template
    needs for the rows not cached yet (the rows are read whole)."""
    name = f"contests:{name}:{student_names()}"
    return attach_html(objects, template_name, name, as_name=as_name, prepare=prepare)


def kept_for_filters(name, filterset, template_name, context, *extra):
    """``template_name`` rendered with ``context()``, kept per filter values and ``extra``
    (see imc_portal.fragments.kept_for_filters): a result page's section."""
    name = f"contests:{name}:{student_names()}"

    def render():
        return render_to_string(template_name, context())

    return shared.kept_for_filters(name, filterset, render, *extra)


def rendered_filter_form(request, filterset):
    return shared.rendered_filter_form(
        request, filterset, "contests/includes/filter_form.html", "contests"
    )
