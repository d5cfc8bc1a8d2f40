# The job queue's app is loaded with Django, so that ``shared_task`` jobs bind to it.
from imc_portal.celery import app as celery_app

__all__ = ["celery_app"]
