from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from imc_portal.backup import BackupError, make_backup, prune


class Command(BaseCommand):
    help = (
        "Write one archive of the database and the uploaded files, with a manifest of row "
        "counts and checksums (imc_portal/backup.py)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dir", default=None, help="Where to write the archive (BACKUP_DIR by default)."
        )
        parser.add_argument(
            "--keep",
            type=int,
            default=None,
            help="Then delete the oldest archives in that folder beyond the N newest.",
        )
        parser.add_argument("--database", default="default")

    def handle(self, *args, dir=None, keep=None, database="default", **options):
        if keep is not None and keep < 1:
            raise CommandError("--keep must be at least 1.")
        directory = dir or settings.BACKUP_DIR
        try:
            archive = make_backup(directory, using=database)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"{archive} ({archive.stat().st_size} bytes)")
        if keep is not None:
            for old in prune(directory, keep):
                self.stdout.write(f"deleted {old}")
