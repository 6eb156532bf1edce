"""``gongkai backup`` and ``gongkai restore``: a small district with records, uploaded files and
a published item is backed up, restored by a fresh process into an empty data folder, and found
there whole — every record, every file byte for byte, the same search results. A damaged
archive is refused in Chinese and changes nothing; a target with data needs ``--force``."""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import io
import json
import os
import subprocess
import sys
import tarfile
import zlib
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.db import connection

from gongkai import backup
from gongkai.applications import services as applications
from gongkai.applications.models import DocumentKind
from gongkai.audit.models import AuditEvent
from gongkai.catalog import services as catalog
from gongkai.workdays import services as workdays
from gongkai.workdays.arrangement import parse_text
from tests.factories import PNG, VALID_ID, applicant, columns_of, draft, publish

ROOT = Path(__file__).resolve().parents[1]
QUERIES = ("植树造林", "春季", "防汛", "征地补偿")
PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"
# A year's holiday arrangement as the office loads it (the manifest lists the versions loaded).
Y2027 = """year: 2027
notice: 国办发明电〔2026〕99号
title: 国务院办公厅关于2027年部分节假日安排的通知
holidays:
  - {name: 元旦, start: 2027-01-01, end: 2027-01-03}
  - {name: 春节, start: 2027-02-06, end: 2027-02-13}
makeup_workdays:
  - {date: 2027-02-14, name: 春节}
"""
# The rows a restore or a backup adds about itself: not part of what was backed up.
OWN_ACTIONS = ("system.backup", "system.restore")

pytestmark = pytest.mark.django_db(transaction=True)


def snapshot() -> dict:
    """What an installation holds, read through Django: every row (dumpdata), every media file's
    SHA-256, the files behind the case documents and attachments, the ID numbers as the
    application reads them, and the ids each test query finds."""
    from django.apps import apps

    from gongkai.applications.models import Application, Document
    from gongkai.catalog.models import Attachment
    from gongkai.search import engine

    out = io.StringIO()
    # the project's apps only (the test settings add one the restored installation lacks)
    labels = [a.label for a in apps.get_app_configs() if not a.name.startswith("tests.")]
    call_command("dumpdata", *labels, stdout=out)
    rows = [
        row
        for row in json.loads(out.getvalue())
        if not (row["model"] == "audit.auditevent" and row["fields"]["action"] in OWN_ACTIONS)
        and row["model"] != "audit.auditchainhead"  # the head of the chain moves with each row
    ]
    media = Path(django_settings.MEDIA_ROOT)
    files = {
        path.relative_to(media).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(media.rglob("*"))
        if path.is_file()
    }

    def digest(field) -> str:
        with field.open("rb") as handle:
            return hashlib.sha256(handle.read()).hexdigest()

    return {
        "rows": rows,
        "files": files,
        "documents": {str(d.pk): digest(d.file) for d in Document.objects.all()},
        "attachments": {str(a.pk): digest(a.file) for a in Attachment.objects.all()},
        "id_numbers": sorted(str(a.id_number) for a in Application.objects.all()),
        "search": {q: engine.search(q, limit=50).ids for q in QUERIES},
        "own_actions": sorted(
            AuditEvent.objects.filter(action__in=OWN_ACTIONS).values_list("action", flat=True)
        ),
    }


SNAPSHOT_SCRIPT = (
    "import json, django; django.setup(); "
    "from tests.test_backup import snapshot; print(json.dumps(snapshot(), ensure_ascii=False))"
)


def gongkai(data_dir: Path, *args: str, database_url: str | None = None, **variables: str):
    """A fresh process with its own data folder (and database), as an operator runs it."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("GONGKAI_", "DJANGO_"))}
    environment["GONGKAI_DATA_DIR"] = str(data_dir)
    environment["DJANGO_SETTINGS_MODULE"] = "gongkai.settings"
    if database_url:
        environment["GONGKAI_DATABASE_URL"] = database_url
    environment.update(variables)
    command = [sys.executable, "-c", SNAPSHOT_SCRIPT] if args == ("snapshot",) else None
    command = command or [sys.executable, "-m", "gongkai", *args]
    return subprocess.run(
        command, cwd=ROOT, env=environment, capture_output=True, text=True, timeout=300
    )


def tree(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` and its SHA-256: to show that nothing changed."""
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@pytest.fixture
def source(settings, tmp_path, clerk_a, reviewer_a, office, unit_a):
    """A data folder with a small district: an application with an ID copy and a correction, a
    published item with an attachment, a draft, and the key files."""
    folder = tmp_path / "source"
    folder.mkdir()
    # the key files of the running process, copied: the data folder is this test's own
    for name in backup.KEY_FILES:
        original = Path(django_settings.DATA_DIR) / name
        if original.is_file():
            (folder / name).write_bytes(original.read_bytes())
    (folder / "secret_key").write_text("backup-test-secret-" + "k" * 40, encoding="ascii")
    settings.DATA_DIR = folder
    settings.MEDIA_ROOT = folder / "media"
    case = applications.application_register(
        actor=clerk_a.user,
        data=applicant(),
        unit=unit_a,
        channel="in_person",
        submitted_on=dt.date(2025, 3, 3),
        files=[applications.Upload("身份证复印件.png", PNG, kind=DocumentKind.ID_COPY)],
    ).application
    applications.application_add_documents(
        actor=clerk_a.user, application=case, files=[applications.Upload("补正.pdf", PDF)]
    )
    column = columns_of(unit_a)["news"]
    item = draft(clerk_a.user, unit_a, column)
    catalog.attachments_add(actor=clerk_a.user, item=item, files=[("现场照片.png", PNG)])
    catalog.item_submit(actor=clerk_a.user, item=item)
    catalog.item_publish(
        actor=reviewer_a.user, item=item, secrecy_review="经审查，不涉密，同意公开"
    )
    publish(
        clerk_a.user,
        reviewer_a.user,
        unit_a,
        column,
        title="关于做好2025年防汛工作的通知",
        doc_number="延发改发〔2025〕4号",
    )
    draft(clerk_a.user, unit_a, column, title="草稿：春季植树造林安排", doc_number="")
    workdays.arrangement_load(actor=office.user, arrangement=parse_text(Y2027), source_name="a")
    return folder


@pytest.mark.slow
@pytest.mark.skipif(
    bool(os.environ.get("GONGKAI_DATABASE_URL")), reason="SQLite (the PostgreSQL test is below)"
)
def test_a_restore_into_an_empty_data_folder_finds_every_record_file_and_search_result(
    source, tmp_path
):
    before = snapshot()
    assert before["search"]["植树造林"]  # the comparisons below mean something
    assert before["search"]["防汛"]
    assert len(before["documents"]) >= 2  # the ID copy, the correction (and notices)
    assert len(before["attachments"]) == 1
    assert before["id_numbers"] == [VALID_ID]

    archive = tmp_path / "backup.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())
    assert oct(archive.stat().st_mode & 0o777) == "0o600"  # personal data and keys inside
    event = AuditEvent.objects.get(action="system.backup")
    assert "GB/T 22239-2019" in event.legal_basis
    assert archive.name in event.summary

    with tarfile.open(archive) as opened:
        manifest = json.load(opened.extractfile("manifest.json"))
    assert manifest["database"]["engine"] == connection.vendor
    assert manifest["gongkai_version"]
    assert manifest["created_at"]
    assert [(c["year"], c["version"]) for c in manifest["calendar"]] == [(2027, 1)]
    assert manifest["keys"]["secret_key"] == "file"
    assert set(manifest["members"]) >= {"keys/secret_key", *(f"media/{f}" for f in before["files"])}

    target = tmp_path / "restored"  # empty: the fresh process creates it
    restored = gongkai(target, "restore", str(archive))
    assert restored.returncode == 0, restored.stderr
    assert "恢复完成" in restored.stdout

    after = gongkai(target, "snapshot")
    assert after.returncode == 0, after.stderr
    found = json.loads(after.stdout)
    assert found["own_actions"] == ["system.restore"]  # the restore is audited where it landed
    for key in ("rows", "files", "documents", "attachments", "id_numbers", "search"):
        assert found[key] == before[key], key
    for name in backup.KEY_FILES:
        if (source / name).exists():
            assert (target / name).read_bytes() == (source / name).read_bytes(), name
    assert oct((target / "secret_key").stat().st_mode & 0o777) == "0o600"

    # Restoring again over data is refused, and changes nothing …
    database = target / "gongkai.sqlite3"
    held = tree(target / "media"), database.read_bytes()
    again = gongkai(target, "restore", str(archive))
    assert again.returncode == 2
    assert "目标不是空的" in again.stderr
    assert "--force" in again.stderr
    assert (tree(target / "media"), database.read_bytes()) == held
    # … unless forced, which first keeps a backup of what was there.
    forced = gongkai(target, "restore", str(archive), "--force")
    assert forced.returncode == 0, forced.stderr
    kept = list((target / "backups").glob("before-restore-*.tar.gz"))
    assert len(kept) == 1
    with tarfile.open(kept[0]) as opened:
        assert set(json.load(opened.extractfile("manifest.json"))["members"]) >= {
            f"media/{f}" for f in before["files"]
        }


@pytest.mark.slow
@pytest.mark.skipif(bool(os.environ.get("GONGKAI_DATABASE_URL")), reason="SQLite")
def test_a_restore_says_when_the_keys_configured_here_cannot_read_the_data(source, tmp_path):
    from cryptography.fernet import Fernet

    archive = tmp_path / "backup.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())
    other_key = Fernet.generate_key().decode()
    result = gongkai(
        tmp_path / "restored", "restore", str(archive), GONGKAI_PERSONAL_DATA_KEYS=other_key
    )
    assert result.returncode == 2
    assert "无法用本机的个人信息密钥解密" in result.stderr


def _members(archive: Path) -> list[tuple[tarfile.TarInfo, bytes]]:
    with tarfile.open(archive) as opened:
        return [(m, opened.extractfile(m).read()) for m in opened.getmembers()]


def _write(path: Path, members: list[tuple[tarfile.TarInfo, bytes]]) -> None:
    with tarfile.open(path, "w:gz") as out:
        for info, data in members:
            info.size = len(data)
            out.addfile(info, io.BytesIO(data))


def _flip_a_byte(archive: Path, out: Path) -> None:
    """One bit flipped near the middle, where the flip damages what the archive holds. Not every
    flip does: a bit of a deflate block's padding or of an unused code length decodes to the
    same bytes, and that archive is whole (restoring it is right). Of 4,200 single-bit flips of
    one archive, 9 were such bits; the middle byte moves with the archive's size (its keys), so
    flipping it alone made this test fail now and then."""
    original = archive.read_bytes()
    content = gzip.decompress(original)
    for at in range(len(original) // 2, len(original)):
        data = bytearray(original)
        data[at] ^= 0x01
        try:
            if gzip.decompress(bytes(data)) == content:
                continue
        except (OSError, EOFError, zlib.error):
            pass
        out.write_bytes(bytes(data))
        return
    raise AssertionError("no damaging flip found")


def _change_a_file(archive: Path, out: Path) -> None:
    """A well-formed archive whose media file no longer matches the manifest."""
    members = _members(archive)
    changed = [
        (info, data[:-1] + b"\x00" if info.name.startswith("media/") else data)
        for info, data in members
    ]
    _write(out, changed)


def _truncate(archive: Path, out: Path) -> None:
    out.write_bytes(archive.read_bytes()[: archive.stat().st_size * 2 // 3])


def _escape_the_folder(archive: Path, out: Path) -> None:
    members = _members(archive)
    info = tarfile.TarInfo("media/../../evil.txt")
    _write(out, [*members, (info, b"x")])


@pytest.mark.slow
@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (_flip_a_byte, "备份文件已损坏或不完整"),
        (_change_a_file, "校验失败（SHA-256 不符）"),
        (_truncate, "备份文件已损坏或不完整"),
        (_escape_the_folder, "不允许的路径"),
    ],
)
def test_a_damaged_archive_is_refused_in_chinese_and_changes_nothing(
    source, tmp_path, damage, message
):
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())
    damaged = tmp_path / "damaged.tar.gz"
    damage(archive, damaged)
    # a target with something in it: a database, a file, a key
    target = tmp_path / "target"
    (target / "media" / "applications").mkdir(parents=True)
    (target / "media" / "applications" / "keep.pdf").write_bytes(PDF)
    (target / "secret_key").write_text("target-secret-" + "t" * 40, encoding="ascii")
    for name in backup.KEY_FILES[1:]:  # keys start-up would otherwise create in the target
        if (source / name).is_file():
            (target / name).write_bytes((source / name).read_bytes())
    (target / "gongkai.sqlite3").write_bytes(b"SQLite format 3\x00" + b"\x00" * 100)
    (target / "static").mkdir()
    before = tree(target)

    result = gongkai(target, "restore", str(damaged), "--force")
    assert result.returncode == 2
    assert result.stderr.startswith("错误：")
    assert message in result.stderr
    assert tree(target) == before
    assert not [p for p in target.iterdir() if p.name.startswith(".gongkai-restore")]
    assert not (tmp_path / "evil.txt").exists()


def test_an_archive_that_is_not_a_backup_is_refused(tmp_path, settings):
    settings.DATA_DIR = tmp_path
    plain = tmp_path / "plain.tar.gz"
    with gzip.open(plain, "wb") as out:
        out.write(b"not a tar archive at all" * 100)
    with pytest.raises(backup.BackupError, match="已损坏或不完整"):
        backup.stage(plain, tmp_path / "stage")
    foreign = tmp_path / "foreign.tar.gz"
    _write(foreign, [(tarfile.TarInfo("manifest.json"), b'{"format": "other"}')])
    with pytest.raises(backup.BackupError, match="不是 Gongkai 的备份文件"):
        backup.stage(foreign, tmp_path / "stage2")


def test_the_keys_can_be_kept_apart(source, tmp_path):
    archive = tmp_path / "data-only.tar.gz"
    call_command("backup", str(archive), "--no-keys", stdout=io.StringIO())
    with tarfile.open(archive) as opened:
        names = opened.getnames()
        manifest = json.load(opened.extractfile("manifest.json"))
    assert not [n for n in names if n.startswith("keys/")]
    assert "database/gongkai.sqlite3" in names or "database/gongkai.pgdump" in names
    assert manifest["keys"]["secret_key"] == "left out (--no-keys)"


def test_a_backup_never_overwrites_a_file(source, tmp_path):
    existing = tmp_path / "old.tar.gz"
    existing.write_bytes(b"an older backup")
    with pytest.raises(SystemExit):
        call_command("backup", str(existing), stdout=io.StringIO(), stderr=io.StringIO())
    assert existing.read_bytes() == b"an older backup"


@pytest.mark.slow
@pytest.mark.skipif(
    not os.environ.get("GONGKAI_DATABASE_URL"), reason="PostgreSQL: GONGKAI_DATABASE_URL not set"
)
def test_postgresql_backup_restores_into_a_second_database(source, tmp_path):
    """pg_dump of the test database, pg_restore (through psql, in one transaction) into a
    second database created for the test, read back by a fresh process."""
    before = snapshot()
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())
    with tarfile.open(archive) as opened:
        assert "database/gongkai.pgdump" in opened.getnames()

    config = connection.settings_dict
    second = f"{config['NAME']}_restore_{os.getpid()}"
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{second}"')
    try:
        user = config["USER"] + (f":{config['PASSWORD']}" if config["PASSWORD"] else "")
        url = f"postgresql://{user}@{config['HOST']}:{config['PORT'] or 5432}/{second}"
        target = tmp_path / "restored"
        restored = gongkai(target, "restore", str(archive), database_url=url)
        assert restored.returncode == 0, restored.stderr
        after = gongkai(target, "snapshot", database_url=url)
        assert after.returncode == 0, after.stderr
        found = json.loads(after.stdout)
        for key in ("rows", "files", "documents", "attachments", "id_numbers", "search"):
            assert found[key] == before[key], key
        # over data only with --force, which keeps the old contents first
        again = gongkai(target, "restore", str(archive), database_url=url)
        assert again.returncode == 2
        assert "目标不是空的" in again.stderr
        forced = gongkai(target, "restore", str(archive), "--force", database_url=url)
        assert forced.returncode == 0, forced.stderr
        assert len(list((target / "backups").glob("before-restore-*.tar.gz"))) == 1
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{second}" WITH (FORCE)')
