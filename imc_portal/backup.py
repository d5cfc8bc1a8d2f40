"""One archive holds the whole portal: the database and the uploaded files.

The archive is a plain tar (the PostgreSQL dump is compressed already, uploads are mostly
PDFs and JPEGs) of three parts:

- ``manifest.json``: the format, when and by what it was made, the migrations applied (the
  latest per app), each table's rows, and the SHA-256 of the database part and of every
  uploaded file;
- ``database.dump`` (``pg_dump`` custom format, from one snapshot) or ``database.sqlite3``
  (SQLite's online backup): both consistent while the portal runs;
- ``media/…``: ``MEDIA_ROOT``'s files, read after the database, so every file a saved
  record names is there.

``restore`` checks every checksum before it changes anything, refuses a database or a media
folder that holds anything unless forced, then replaces the database in one transaction and
counts the rows again.
"""

import datetime as dt
import hashlib
import io
import json
import os
import re
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import django
from django.apps import apps
from django.conf import settings
from django.db import connections, transaction
from django.db.migrations.loader import MigrationLoader

FORMAT = 1
MANIFEST = "manifest.json"
MEDIA_PREFIX = "media/"
DATABASE_PARTS = {"postgresql": "database.dump", "sqlite": "database.sqlite3"}
ARCHIVE_NAME = re.compile(r"^imc-backup-\d{8}-\d{6}\.tar$")
# Rows migrate writes itself (data migrations): a database holding only these is empty.
SEEDED_BY_MIGRATIONS = {"events.Region"}


class BackupError(Exception):
    """Why a backup or a restore cannot go on, in words for the operator."""


def sha256_of(fileobj):
    digest = hashlib.sha256()
    for chunk in iter(lambda: fileobj.read(1024 * 1024), b""):
        digest.update(chunk)
    return digest.hexdigest()


# Database parts ----------------------------------------------------------------------------


def _latest_migrations(rows):
    """``{app: name}`` of the last migration applied per app, from ``(app, name)`` rows in
    the order they were applied."""
    latest = {}
    for app, name in rows:
        latest[app] = name
    return dict(sorted(latest.items()))


def _count_rows(cursor, tables, quote):
    counts = {}
    for table in sorted(tables):
        cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")
        counts[table] = cursor.fetchone()[0]
    return counts


def _table_names(connection, cursor):
    return [
        info.name
        for info in connection.introspection.get_table_list(cursor)
        if info.type == "t" and not info.name.startswith("sqlite_")
    ]


def _pg_env(settings_dict):
    env = {**os.environ}
    for key, variable in (
        ("HOST", "PGHOST"),
        ("PORT", "PGPORT"),
        ("USER", "PGUSER"),
        ("PASSWORD", "PGPASSWORD"),
    ):
        if settings_dict.get(key):
            env[variable] = str(settings_dict[key])
    options = settings_dict.get("OPTIONS", {})
    for option, variable in (("sslmode", "PGSSLMODE"), ("sslrootcert", "PGSSLROOTCERT")):
        if options.get(option):
            env[variable] = str(options[option])
    return env


def pg_program(connection, name):
    """``pg_dump`` or ``pg_restore`` of the server's major version: Debian's versioned
    directory first, then the PATH; an older one cannot read the server."""
    connection.ensure_connection()
    major = connection.pg_version // 10000
    candidates = [Path(f"/usr/lib/postgresql/{major}/bin/{name}"), shutil.which(name)]
    for candidate in candidates:
        if candidate and Path(candidate).is_file():
            version = subprocess.run(
                [str(candidate), "--version"], capture_output=True, text=True, check=True
            ).stdout
            found = re.search(r"(\d+)(?:\.\d+)?", version)
            if found and int(found[1]) >= major:
                return str(candidate)
    raise BackupError(
        f"{name} for PostgreSQL {major} not found (looked in /usr/lib/postgresql/{major}/bin "
        f"and the PATH): install postgresql-client-{major}."
    )


def _run(command, env):
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    if result.returncode:
        raise BackupError(f"{Path(command[0]).name} failed: {result.stderr.strip()}")


def dump_postgresql(connection, target):
    """The dump, the row counts and the migrations, all from one snapshot."""
    quote = connection.ops.quote_name
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        _run(
            [
                pg_program(connection, "pg_dump"),
                "--format=custom",
                f"--snapshot={snapshot}",
                f"--file={target}",
                f"--dbname={connection.settings_dict['NAME']}",
            ],
            _pg_env(connection.settings_dict),
        )
        counts = _count_rows(cursor, _table_names(connection, cursor), quote)
        cursor.execute("SELECT app, name FROM django_migrations ORDER BY id")
        migrations = _latest_migrations(cursor.fetchall())
    return counts, migrations


def _sqlite_contents(path):
    """Row counts and migrations of a SQLite file, read from the file itself."""
    with sqlite3.connect(path) as copy:
        cursor = copy.cursor()
        tables = [
            name
            for (name,) in cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        counts = _count_rows(cursor, tables, lambda name: '"{}"'.format(name.replace('"', '""')))
        rows = cursor.execute("SELECT app, name FROM django_migrations ORDER BY id").fetchall()
    copy.close()
    return counts, _latest_migrations(rows)


def dump_sqlite(connection, target):
    connection.ensure_connection()
    destination = sqlite3.connect(target)
    try:
        connection.connection.backup(destination)
    finally:
        destination.close()
    return _sqlite_contents(target)


# Backup ------------------------------------------------------------------------------------


def media_files(root, skip=None):
    """Every file under ``root`` (but under ``skip``: archives kept in the media folder) as
    ``(path, name in the archive)``, in a stable order."""
    root = Path(root)
    if not root.is_dir():
        return []
    skip = Path(skip).resolve() if skip else None
    return sorted(
        (path, MEDIA_PREFIX + path.relative_to(root).as_posix())
        for path in root.rglob("*")
        if path.is_file()
        and not path.is_symlink()
        and not (skip and path.resolve().is_relative_to(skip))
    )


def _refuse_inside_a_transaction(connection):
    if connection.in_atomic_block:
        raise BackupError("Backup and restore cannot run inside a database transaction.")


def make_backup(directory, using="default", now=None):
    """Write one archive into ``directory`` and return its path."""
    connection = connections[using]
    _refuse_inside_a_transaction(connection)
    vendor = connection.vendor
    if vendor not in DATABASE_PARTS:
        raise BackupError(f"Backups of {vendor} databases are not supported.")
    now = now or dt.datetime.now(dt.UTC)
    directory = Path(directory)
    # Archives hold personal data (teachers, students): readable by the portal's user only.
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    archive = directory / f"imc-backup-{now:%Y%m%d-%H%M%S}.tar"
    if archive.exists():
        raise BackupError(f"{archive} exists already.")
    part = DATABASE_PARTS[vendor]
    with tempfile.TemporaryDirectory(dir=directory, prefix=".backup-") as work:
        database_file = Path(work) / part
        dump = dump_postgresql if vendor == "postgresql" else dump_sqlite
        counts, migrations = dump(connection, database_file)
        files = media_files(settings.MEDIA_ROOT, skip=directory)
        manifest = {
            "format": FORMAT,
            "created_at": now.isoformat(timespec="seconds"),
            "django": django.get_version(),
            "database": {
                "vendor": vendor,
                "file": part,
                "sha256": sha256_of(database_file.open("rb")),
            },
            "migrations": migrations,
            "row_counts": counts,
            "media": {},
        }
        unfinished = Path(work) / archive.name
        with tarfile.open(unfinished, "w", format=tarfile.PAX_FORMAT) as tar:
            tar.add(database_file, arcname=part)
            for path, name in files:
                with path.open("rb") as file:
                    manifest["media"][name[len(MEDIA_PREFIX) :]] = sha256_of(file)
                tar.add(path, arcname=name)
            data = json.dumps(manifest, ensure_ascii=False, indent=2).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size, info.mtime = len(data), int(now.timestamp())
            tar.addfile(info, io.BytesIO(data))
        os.chmod(unfinished, 0o600)
        os.replace(unfinished, archive)  # the archive appears whole or not at all
    return archive


def prune(directory, keep):
    """Delete the oldest archives in ``directory`` beyond the ``keep`` newest; their names
    sort by the time they were made. Returns the deleted paths."""
    archives = sorted(p for p in Path(directory).iterdir() if ARCHIVE_NAME.match(p.name))
    old = archives[: max(len(archives) - keep, 0)]
    for path in old:
        path.unlink()
    return old


# Restore -----------------------------------------------------------------------------------


@dataclass
class Archive:
    path: Path
    manifest: dict


def read_archive(path):
    """The archive's manifest, once every part's checksum matches it."""
    path = Path(path)
    try:
        with tarfile.open(path, "r:") as tar:
            members = {m.name: m for m in tar.getmembers() if m.isfile()}
            if MANIFEST not in members:
                raise BackupError(f"{path} is not a portal backup: it has no {MANIFEST}.")
            manifest = json.load(tar.extractfile(members[MANIFEST]))
            if manifest.get("format") != FORMAT:
                raise BackupError(f"{path}: unknown backup format {manifest.get('format')!r}.")
            database = manifest["database"]
            if database["file"] != DATABASE_PARTS.get(database["vendor"]):
                raise BackupError(f"{path} is damaged: its manifest names no database part.")
            expected = {database["file"]: database["sha256"]}
            expected |= {MEDIA_PREFIX + name: sha for name, sha in manifest["media"].items()}
            missing = sorted(set(expected) - set(members))
            extra = sorted(set(members) - set(expected) - {MANIFEST})
            if missing or extra:
                raise BackupError(
                    f"{path} is damaged: missing {missing or 'nothing'}, "
                    f"unexpected {extra or 'nothing'}."
                )
            for name, sha in expected.items():
                if sha256_of(tar.extractfile(members[name])) != sha:
                    raise BackupError(f"{path} is damaged: the checksum of {name} does not match.")
    except (tarfile.TarError, OSError, EOFError, ValueError, KeyError, TypeError) as error:
        raise BackupError(f"{path} cannot be read as a portal backup: {error}") from error
    return Archive(path, manifest)


def _unknown_migrations(manifest):
    loader = MigrationLoader(None, ignore_no_migrations=True)
    return sorted(
        f"{app}.{name}"
        for app, name in manifest["migrations"].items()
        if (app, name) not in loader.disk_migrations
    )


def records_held(connection):
    """``{table: rows}`` of the tables that hold records (the portal's and the users'),
    but rows migrate writes itself."""
    models = [
        model
        for model in apps.get_models(include_auto_created=True)
        if (model._meta.app_label in settings.PORTAL_APPS or model._meta.label == "auth.User")
        and model._meta.label not in SEEDED_BY_MIGRATIONS
    ]
    with connection.cursor() as cursor:
        existing = set(connection.introspection.table_names(cursor))
        tables = {m._meta.db_table for m in models if m._meta.db_table in existing}
        counts = _count_rows(cursor, tables, connection.ops.quote_name)
    return {table: rows for table, rows in counts.items() if rows}


def _files_in(root):
    root = Path(root)
    return root.is_dir() and any(path.is_file() for path in root.rglob("*"))


def _restore_postgresql(connection, archive, tar, work):
    dump = Path(work) / archive.manifest["database"]["file"]
    with dump.open("wb") as file:
        shutil.copyfileobj(tar.extractfile(archive.manifest["database"]["file"]), file)
    # --clean drops and recreates every object of the dump, in one transaction: what was
    # there before stays whole if anything fails. --no-owner: the restoring user owns all.
    connection.close()
    _run(
        [
            pg_program(connection, "pg_restore"),
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            f"--dbname={connection.settings_dict['NAME']}",
            str(dump),
        ],
        _pg_env(connection.settings_dict),
    )


def _restore_sqlite(connection, archive, tar, work):
    copy = Path(work) / archive.manifest["database"]["file"]
    with copy.open("wb") as file:
        shutil.copyfileobj(tar.extractfile(archive.manifest["database"]["file"]), file)
    counts, _migrations = _sqlite_contents(copy)
    if counts != archive.manifest["row_counts"]:
        raise BackupError("The database in the archive does not hold the rows its manifest says.")
    connection.ensure_connection()
    source = sqlite3.connect(copy)
    try:
        # The whole file in one step: the live database is replaced at once or not at all.
        source.backup(connection.connection)
    finally:
        source.close()


def _restore_media(archive, tar, root):
    root = Path(root)
    root.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=root.parent, prefix=f".{root.name}-restore-"))
    try:
        for name, sha in archive.manifest["media"].items():
            relative = PurePosixPath(name)
            if relative.is_absolute() or ".." in relative.parts:
                raise BackupError(f"Refused an uploaded file outside the media folder: {name}")
            target = staging.joinpath(*relative.parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            with target.open("wb") as file:
                shutil.copyfileobj(tar.extractfile(MEDIA_PREFIX + name), file)
            os.chmod(target, settings.FILE_UPLOAD_PERMISSIONS or 0o644)
            with target.open("rb") as file:
                if sha256_of(file) != sha:
                    raise BackupError(f"{name} did not restore intact.")
        if not root.exists():
            os.replace(staging, root)  # the whole folder appears at once
            return
        for path in sorted(staging.rglob("*")):
            if path.is_file():
                target = root / path.relative_to(staging)
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(path, target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def restore_backup(path, using="default", force=False):
    """Rebuild the database and the media folder from the archive at ``path``. Returns the
    archive read and the migrations the code has that the restored database lacks."""
    connection = connections[using]
    _refuse_inside_a_transaction(connection)
    archive = read_archive(path)
    manifest = archive.manifest
    if manifest["database"]["vendor"] != connection.vendor:
        raise BackupError(
            f"The archive holds a {manifest['database']['vendor']} database; this portal "
            f"runs on {connection.vendor}."
        )
    unknown = _unknown_migrations(manifest)
    if unknown:
        raise BackupError(
            "The archive was made by a newer version of the portal (migrations "
            f"{', '.join(unknown)} are unknown here): update the code first."
        )
    if not force:
        held = records_held(connection)
        if held:
            tables = sorted(held.items(), key=lambda item: (-item[1], item[0]))
            named = ", ".join(f"{table} ({rows})" for table, rows in tables[:5])
            raise BackupError(
                f"The database is not empty: {sum(held.values())} rows in {len(held)} tables "
                f"({named}{', …' if len(tables) > 5 else ''}). Restore into an empty database, "
                "or pass --force to replace it."
            )
        if _files_in(settings.MEDIA_ROOT):
            raise BackupError(
                f"The media folder {settings.MEDIA_ROOT} holds files. Restore into an empty "
                "folder, or pass --force to write over them."
            )
    with (
        tarfile.open(archive.path, "r:") as tar,
        tempfile.TemporaryDirectory(prefix="imc-restore-") as work,
    ):
        restore = _restore_postgresql if connection.vendor == "postgresql" else _restore_sqlite
        restore(connection, archive, tar, work)
        with connection.cursor() as cursor:
            counts = _count_rows(cursor, manifest["row_counts"].keys(), connection.ops.quote_name)
            cursor.execute("SELECT app, name FROM django_migrations ORDER BY id")
            migrations = _latest_migrations(cursor.fetchall())
        if counts != manifest["row_counts"] or migrations != manifest["migrations"]:
            wrong = sorted(t for t, n in counts.items() if manifest["row_counts"][t] != n)
            raise BackupError(f"The restored database differs from the manifest: {wrong}.")
        _restore_media(archive, tar, settings.MEDIA_ROOT)
    loader = MigrationLoader(connection)
    pending = sorted(
        f"{app}.{name}"
        for app, name in loader.graph.leaf_nodes()
        if (app, name) not in loader.applied_migrations
    )
    return archive, pending
