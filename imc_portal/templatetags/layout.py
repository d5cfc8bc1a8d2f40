"""The header and footer of every page."""

from django import template
from django.conf import settings
from django.urls import reverse, translate_url
from django.utils.translation import get_language, get_language_info

from imc_portal.navigation import menu_items

register = template.Library()


@register.inclusion_tag("includes/header.html", takes_context=True)
def site_header(context):
    request = context["request"]
    current = get_language()
    path = request.get_full_path()
    return {
        "centre": context["centre"],
        "menu": menu_items(request.path),
        # A visitor without a session cookie is nobody's staff: no session is read for them.
        "staff": settings.SESSION_COOKIE_NAME in request.COOKIES and request.user.is_staff,
        "summary_active": request.path.startswith(reverse("summary_index")),
        "languages": [
            {
                "code": code,
                "name": get_language_info(code)["name_local"],
                "url": translate_url(path, code),
            }
            for code, _name in settings.LANGUAGES
            if code != current
        ],
    }


@register.inclusion_tag("includes/footer.html", takes_context=True)
def site_footer(context):
    return {"centre": context["centre"]}
