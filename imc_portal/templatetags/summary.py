"""How the summary writes its numbers: a count, a share ("93,1 %"), a signed change."""

from decimal import Decimal

from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def figure(value, share=False):
    """A count with its thousands grouped, or a share with one decimal: "93,1 %"."""
    if value is None:
        return "—"
    if share:
        return f"{number_format(value, 1)} %"
    return number_format(value, force_grouping=True)


@register.filter
def signed(value):
    """ "+5", "−3", "±0"."""
    if value is None:
        return ""
    sign = "+" if value > 0 else "−" if value < 0 else "±"
    return f"{sign}{number_format(abs(Decimal(value)), force_grouping=True)}"


@register.filter
def change(value, share=False):
    """A change of a count, or of a share in percentage points."""
    if value is None:
        return "—"
    if share:
        return _("%(points)s pp") % {"points": signed(value)}
    return signed(value)
