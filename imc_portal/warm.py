"""Work every worker process would otherwise do on its first requests, done once in the
gunicorn master before it forks (``preload_app``): compiling the portal's templates, loading
the translation catalogues and the URL resolvers of every language, importing the cache's
client library (Django imports redis-py on first use: a sixth of a second here). The workers inherit
the result, so the first visitors after a deploy or a worker restart wait no longer than the
others. Nothing here opens a database connection (it would be shared by the forks)."""

import importlib
from pathlib import Path

from django.conf import settings
from django.template import TemplateDoesNotExist, TemplateSyntaxError
from django.template.loader import get_template
from django.urls import reverse
from django.utils import translation

TEMPLATE_SUFFIXES = {".html", ".txt", ".xml", ".ics"}


def portal_template_names():
    """The names of the templates under the project's template directory."""
    names = []
    for directory in settings.TEMPLATES[0]["DIRS"]:
        root = Path(directory)
        names += [
            path.relative_to(root).as_posix()
            for path in sorted(root.rglob("*"))
            if path.suffix in TEMPLATE_SUFFIXES
        ]
    return names


def compile_templates():
    """Compile the project's templates into the cached loader; returns how many."""
    compiled = 0
    for name in portal_template_names():
        try:
            get_template(name)
        except (TemplateDoesNotExist, TemplateSyntaxError):  # reported when it is used
            continue
        compiled += 1
    return compiled


def warm_up_process():
    if "redis" in settings.CACHES["default"]["BACKEND"].lower():
        importlib.import_module("redis")  # only the import: no connection before the fork
    compiled = compile_templates()
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            translation.gettext("Home")
            reverse("home")
    return compiled
