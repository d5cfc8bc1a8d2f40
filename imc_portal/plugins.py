"""Apps contribute to shared pages through small modules of their own, so that no core
module has to know every app: ``home.py`` (home page sections), ``people.py`` (sections of
a teacher's public page), ``search.py`` (results of the site search), ``demo.py``."""

import importlib
import importlib.util
from functools import cache

from django.conf import settings


@cache
def app_modules(name):
    """The ``<app>.<name>`` modules of the portal apps that have one, in app order."""
    return [
        importlib.import_module(f"{app}.{name}")
        for app in settings.PORTAL_APPS
        if importlib.util.find_spec(f"{app}.{name}")
    ]
