"""The job queue (Celery): the worker runs ``celery -A imc_portal worker``, the scheduler
``celery -A imc_portal beat`` (README "Deploying"). Jobs live in each app's ``tasks.py``;
the periodic ones are listed in settings.CELERY_BEAT_SCHEDULE."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "imc_portal.settings")

app = Celery("imc_portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
