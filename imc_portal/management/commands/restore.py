from django.core.management.base import BaseCommand, CommandError

from imc_portal.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Rebuild an empty database and media folder from an archive made by 'backup', once "
        "every checksum in its manifest matches."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace a database that holds records and write over files in MEDIA_ROOT.",
        )
        parser.add_argument("--database", default="default")

    def handle(self, *args, archive, force=False, database="default", **options):
        try:
            restored, pending = restore_backup(archive, using=database, force=force)
        except BackupError as error:
            raise CommandError(str(error)) from error
        manifest = restored.manifest
        self.stdout.write(
            f"Restored {restored.path} of {manifest['created_at']}: "
            f"{sum(manifest['row_counts'].values())} rows in {len(manifest['row_counts'])} "
            f"tables, {len(manifest['media'])} uploaded files; counts and checksums match."
        )
        if pending:
            self.stdout.write(f"Migrations to apply: {', '.join(pending)}; run 'migrate'.")
