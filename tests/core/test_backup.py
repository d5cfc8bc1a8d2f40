"""manage.py backup and restore: the demo centre and its uploads round-trip byte for byte,
on SQLite and on PostgreSQL (the suite runs on both)."""

import hashlib
import io
import json
import tarfile
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.migrations.loader import MigrationLoader

from events.models import Event, Material
from imc_portal.backup import MANIFEST, prune, records_held
from tests.events.factories import EventFactory, MaterialFactory
from tests.factories import StaffMemberFactory

# Backup reads committed data from another connection (pg_dump) and restore replaces the
# whole database: no test transaction around them. serialized_rollback gives the tests
# after these the database migrate left (roles, regions).
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d4944415478da63f8cfc0f01f0005000201e2b5c5a10000000049454e44ae426082"
)


def all_records():
    out = io.StringIO()
    call_command("dumpdata", stdout=out, indent=0)
    return out.getvalue()


def media_bytes(root):
    root = Path(root)
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in root.rglob("*")
        if path.is_file()
    }


@pytest.fixture
def demo_with_upload(settings):
    call_command("load_demo", stdout=io.StringIO())
    material = Material(event=Event.objects.order_by("pk").first(), title="Схема уроку")
    material.file.save("skhema.png", ContentFile(PNG), save=True)
    return material


def backup(tmp_path):
    out = io.StringIO()
    call_command("backup", "--dir", str(tmp_path / "backups"), stdout=out)
    return Path(out.getvalue().split(" (")[0])


def test_backup_then_restore_gives_the_same_records_and_files(settings, tmp_path, demo_with_upload):
    records, files = all_records(), media_bytes(settings.MEDIA_ROOT)
    assert any(name.endswith("/skhema.png") for name in files)
    archive = backup(tmp_path)

    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile(MANIFEST))
    assert manifest["format"] == 1
    assert manifest["database"]["vendor"] == connection.vendor
    assert manifest["row_counts"]["events_material"] == Material.objects.count()
    assert manifest["row_counts"]["events_event"] == Event.objects.count()
    [(_app, latest)] = MigrationLoader(connection).graph.leaf_nodes("events")
    assert manifest["migrations"]["events"] == latest
    assert manifest["media"][demo_with_upload.file.name] == hashlib.sha256(PNG).hexdigest()

    call_command("flush", interactive=False)
    for path in Path(settings.MEDIA_ROOT).rglob("*"):
        if path.is_file():
            path.unlink()
    assert not records_held(connection)

    out = io.StringIO()
    call_command("restore", str(archive), stdout=out)
    assert "counts and checksums match" in out.getvalue()
    assert all_records() == records
    assert media_bytes(settings.MEDIA_ROOT) == files
    assert Material.objects.get(title="Схема уроку").file.read() == PNG


@pytest.fixture
def some_records(settings):
    StaffMemberFactory(surname="Архівна")
    material = MaterialFactory.build(url="", title="План", event=EventFactory())
    material.file.save("plan.png", ContentFile(PNG), save=True)
    return material


def flip_a_byte(archive, member):
    with tarfile.open(archive) as tar:
        info = tar.getmember(member)
    with open(archive, "r+b") as file:
        file.seek(info.offset_data + info.size // 2)
        byte = file.read(1)
        file.seek(-1, 1)
        file.write(bytes([byte[0] ^ 0xFF]))


@pytest.mark.parametrize("part", ["database", "media"])
def test_a_damaged_archive_is_refused_and_nothing_changes(settings, tmp_path, some_records, part):
    archive = backup(tmp_path)
    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile(MANIFEST))
    member = (
        manifest["database"]["file"] if part == "database" else "media/" + some_records.file.name
    )
    flip_a_byte(archive, member)
    StaffMemberFactory(surname="Після копії")
    records, files = all_records(), media_bytes(settings.MEDIA_ROOT)

    with pytest.raises(CommandError, match=f"damaged: the checksum of {member} does not match"):
        call_command("restore", str(archive), "--force")
    assert all_records() == records
    assert media_bytes(settings.MEDIA_ROOT) == files


def test_restore_refuses_a_database_with_records_and_a_media_folder_with_files(
    settings, tmp_path, some_records
):
    archive = backup(tmp_path)
    records = all_records()
    held = records_held(connection)
    assert held["events_material"] == held["staff_staffmember"] == 1
    refused = rf"The database is not empty: {sum(held.values())} rows in {len(held)} tables \("
    with pytest.raises(CommandError, match=refused):
        call_command("restore", str(archive))
    assert all_records() == records

    call_command("flush", interactive=False)
    with pytest.raises(CommandError, match="holds files"):
        call_command("restore", str(archive))
    assert not records_held(connection)


def test_restore_with_force_replaces_what_is_there(settings, tmp_path, some_records):
    archive = backup(tmp_path)
    records = all_records()
    StaffMemberFactory(surname="Зайвий")
    call_command("restore", str(archive), "--force", stdout=io.StringIO())
    assert all_records() == records


def test_backup_keeps_the_newest_archives(tmp_path, some_records):
    folder = tmp_path / "backups"
    folder.mkdir()
    older = [folder / f"imc-backup-2026010{day}-020000.tar" for day in (1, 2, 3)]
    for path in [*older, folder / "notes.txt"]:
        path.write_text("old")
    newest = backup(tmp_path)
    assert newest.stat().st_mode & 0o777 == 0o600  # students' names: the portal's user only
    assert prune(folder, 2) == older[:2]
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        ["notes.txt", older[2].name, newest.name]
    )
    with pytest.raises(CommandError, match="--keep must be at least 1"):
        call_command("backup", "--dir", str(folder), "--keep", "0")
