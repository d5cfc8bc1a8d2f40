"""Fill the database with one demo city's centre. Safe to run again: what exists is kept,
only what is missing is added. Every portal app adds its part from its ``demo`` package
(registered in ``registry.demo_loaders``)."""

from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.management.base import BaseCommand
from django.db import transaction

from imc_portal import registry, search_index
from imc_portal.roles import DIRECTOR, METHODIST

DEMO_USERS = [
    # username, password, group
    ("methodist", "methodist-demo", METHODIST),
    ("director", "director-demo", DIRECTOR),
]


class Command(BaseCommand):
    help = "Load the demo centre (idempotent)."

    def handle(self, *args, **options):
        with transaction.atomic(), search_index.deferred():
            for load in registry.demo_loaders:
                load(self.stdout)
        search_index.rebuild()  # bulk inserts send no signals
        if settings.DEBUG:
            self.create_demo_users()
        else:
            self.stdout.write("Demo users are created only with DEBUG=1.")

    def create_demo_users(self):
        self.stdout.write(self.style.SUCCESS("Demo logins (DEBUG only):"))
        for username, password, group_name in DEMO_USERS:
            user, _created = User.objects.get_or_create(
                username=username, defaults={"is_staff": True}
            )
            user.is_staff = True
            user.set_password(password)
            user.save()
            user.groups.add(Group.objects.get(name=group_name))
            self.stdout.write(f"  {group_name}: {username} / {password}")
