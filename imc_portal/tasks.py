"""The portal's own jobs: delivering the e-mail queue (imc_portal/mail.py)."""

from celery import shared_task
from mailer import engine
from mailer.models import Message


@shared_task
def send_queued_mail():
    """Send every queued message. A message the mail server refuses (or an unreachable
    server) is deferred: it stays in the queue for ``retry_deferred_mail``."""
    engine.send_all()


@shared_task
def retry_deferred_mail():
    """Put the deferred messages back in the queue and try them again."""
    if Message.objects.retry_deferred():
        engine.send_all()
