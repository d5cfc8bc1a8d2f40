from django.conf import settings
from django.urls import translate_url
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language, get_language_info

from imc_portal.models import Centre
from imc_portal.navigation import menu_items


def portal(request):
    current = get_language()
    path = request.get_full_path()
    return {
        "centre": SimpleLazyObject(Centre.current),
        "menu": menu_items(request.path),
        "other_languages": [
            {
                "code": code,
                "name": get_language_info(code)["name_local"],
                "url": translate_url(path, code),
            }
            for code, _name in settings.LANGUAGES
            if code != current
        ],
    }
