"""The header and footer of every page, rendered once per content version and language.

The header's only part that depends on the address, the link to the page in the other
language, is put into the kept header on each request ("hole punching")."""

from django import template
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import translate_url
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, get_language_info

from imc_portal.fragments import cached_html
from imc_portal.models import Centre
from imc_portal.navigation import menu_items

register = template.Library()

LANGUAGE_LINKS = "<!-- language links -->"


def language_links(request):
    current = get_language()
    path = request.get_full_path()
    return format_html_join(
        "",
        '<li class="nav-item"><a class="nav-link" href="{}" hreflang="{}" lang="{}">{}</a></li>',
        (
            (translate_url(path, code), code, code, get_language_info(code)["name_local"])
            for code, _name in settings.LANGUAGES
            if code != current
        ),
    )


@register.simple_tag(takes_context=True)
def site_header(context):
    request = context["request"]
    menu = menu_items(request.path)
    active = next((n for n, item in enumerate(menu) if item["active"]), -1)
    html = cached_html(
        f"layout:header:{active}",
        lambda: render_to_string(
            "includes/header.html",
            {"menu": menu, "centre": Centre.current(), "language_links": LANGUAGE_LINKS},
        ),
    )
    return mark_safe(html.replace(LANGUAGE_LINKS, language_links(request), 1))


@register.simple_tag
def site_footer():
    return mark_safe(
        cached_html(
            "layout:footer",
            lambda: render_to_string("includes/footer.html", {"centre": Centre.current()}),
        )
    )
