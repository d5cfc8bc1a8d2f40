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
    # A visitor without a session cookie is nobody: no session is read for them, and the
    # page (with "Log in") may be kept whole for every anonymous visitor.
    user = request.user if settings.SESSION_COOKIE_NAME in request.COOKIES else None
    signed_in = user is not None and user.is_authenticated
    return {
        "centre": context["centre"],
        "menu": menu_items(request.path),
        "staff": signed_in and user.is_staff,
        # Teachers' accounts (imc_portal/accounts): their name, their page, log out.
        "teacher_user": user if signed_in and not user.is_staff else None,
        "show_login": not signed_in,
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
