from django.utils.functional import SimpleLazyObject

from imc_portal.models import Centre


def portal(request):
    """The centre's record for every template (the header and footer come from the layout
    tags, see imc_portal/templatetags/layout.py)."""
    return {"centre": SimpleLazyObject(Centre.current)}
