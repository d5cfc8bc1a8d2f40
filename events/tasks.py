"""The events' periodic jobs, run by the scheduler (settings.CELERY_BEAT_SCHEDULE)."""

from celery import shared_task

from events import registration


@shared_task
def expire_offers():
    """Offers of a place not confirmed in time pass to the next on the waiting list."""
    return registration.expire_offers()


@shared_task
def send_reminders():
    """The day-before reminders of confirmed places."""
    return registration.send_reminders()
