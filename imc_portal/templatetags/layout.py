"""The header and footer of every page."""

from django import template
from django.conf import settings
from django.urls import translate_url
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
