"""E-mail through the queue: every message the portal sends is written to django-mailer's
table (in the transaction of the change it tells about) and a job sends it once that
transaction has committed. The worker and the scheduler's ``send_queued_mail`` and
``retry_deferred_mail`` jobs (imc_portal/tasks.py) deliver whatever is left."""

from django.db import transaction
from mailer.backend import DbBackend


class QueuedEmailBackend(DbBackend):
    def send_messages(self, email_messages):
        count = super().send_messages(email_messages)
        if count:
            from imc_portal.tasks import send_queued_mail

            transaction.on_commit(send_queued_mail.delay, robust=True)
        return count
