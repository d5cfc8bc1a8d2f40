from django import template

from imc_portal.admin_counts import count_phrase

register = template.Library()


@register.simple_tag
def records_count(opts, count):
    """``{% records_count cl.opts cl.result_count %}``: "136 заходів"."""
    return count_phrase(opts, count)
