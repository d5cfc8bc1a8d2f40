import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "imc_portal.settings")
application = get_wsgi_application()

# A new deploy (new templates, changed settings such as PUBLIC_STUDENT_NAMES) serves no page
# kept by the one before it.
from imc_portal.page_cache import bump_content_version  # noqa: E402

bump_content_version()
