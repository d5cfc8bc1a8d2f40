from django.core.management.base import BaseCommand

from events.registration import expire_offers


class Command(BaseCommand):
    help = (
        "End the offers of a place that were not confirmed in time and offer the places to "
        "the next on the waiting lists. Safe to run as often as wanted (every few minutes)."
    )

    def handle(self, *args, **options):
        count = expire_offers()
        self.stdout.write(f"Events with expired offers: {count}")
