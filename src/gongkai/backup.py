"""Backing up and restoring an installation: one archive, checksummed, for ``gongkai backup``
and ``gongkai restore`` (docs/deployment.md).

The archive is a gzip'd tar holding

- ``database/gongkai.sqlite3`` — a copy taken with SQLite's online backup API (consistent while
  the server runs), or ``database/gongkai.pgdump`` — ``pg_dump`` in its custom format;
- ``media/…`` — the uploaded and generated files;
- ``keys/secret_key`` and ``keys/personal_data_keys`` — the key files of the data folder, when
  present (without the personal-data keys the encrypted columns could not be read back);
- ``manifest.json`` — Gongkai's version, the database engine and its applied migrations, the
  holiday-calendar versions loaded, the row count of every table, the creation time, and the
  size and SHA-256 of every other member.

A restore reads the whole archive into a staging folder and checks every member against the
manifest before it changes anything; only then are the key files, the database and the media
folder replaced, the schema migrated if the archive is older, and the search index rebuilt.
The archive holds personal data and keys: it is written with mode 0600.

An operation on the whole installation (every app's tables, the calendar versions loaded, the
keys), so it sits on top with the commands that run it, not in ``core`` below the apps
(docs/architecture.md).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib.metadata
import io
import json
import os
import re
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import time
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import IO, Any

from django.apps import apps
from django.conf import settings
from django.db import connection, transaction
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone

FORMAT = "gongkai-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
SQLITE_MEMBER = "database/gongkai.sqlite3"
POSTGRES_MEMBER = "database/gongkai.pgdump"
# Key files of the data folder (a file, or a folder of files), restored to the same place.
KEY_FILES = ("secret_key", "personal_data_keys")
BASIS = "GB/T 22239-2019《信息安全技术 网络安全等级保护基本要求》安全计算环境：数据备份恢复"
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup or restore that cannot go on; the message is for the operator, in Chinese."""


def gongkai_version() -> str:
    try:
        return importlib.metadata.version("gongkai")
    except importlib.metadata.PackageNotFoundError:  # pragma: no cover - run from a checkout
        return "unknown"


def engine() -> str:
    vendor = connection.vendor
    if vendor not in ("sqlite", "postgresql"):  # pragma: no cover - settings allow only these
        raise BackupError(f"不支持的数据库：{vendor}")
    return vendor


def project_tables() -> list[str]:
    """The tables of Gongkai's models (and Django's users, groups and sessions), sorted."""
    return sorted(
        {
            model._meta.db_table
            for model in apps.get_models(include_auto_created=True)
            if model._meta.managed and not model._meta.proxy
        }
    )


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _table_counts(cursor: Any, existing: set[str]) -> dict[str, int]:
    counts = {}
    for table in project_tables():
        if table in existing:
            cursor.execute(f"SELECT COUNT(*) FROM {_quote(table)}")  # noqa: S608 - a model's table
            counts[table] = int(cursor.fetchone()[0])
    return counts


def _calendar(cursor: Any, existing: set[str]) -> list[dict[str, Any]]:
    from gongkai.workdays.models import ArrangementVersion

    table = ArrangementVersion._meta.db_table
    if table not in existing:
        return []
    cursor.execute(
        f"SELECT year, version, notice, sha256 FROM {_quote(table)} "  # noqa: S608
        "ORDER BY year, version"
    )
    return [{"year": y, "version": v, "notice": n, "sha256": s} for y, v, n, s in cursor.fetchall()]


def _migrations(cursor: Any, existing: set[str]) -> list[list[str]]:
    if "django_migrations" not in existing:
        return []
    cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
    return [[app, name] for app, name in cursor.fetchall()]


def _describe(cursor: Any, existing: set[str]) -> dict[str, Any]:
    return {
        "migrations": _migrations(cursor, existing),
        "calendar": _calendar(cursor, existing),
        "tables": _table_counts(cursor, existing),
    }


# --- the database ---------------------------------------------------------------------------
def _sqlite_tables(db: sqlite3.Connection) -> set[str]:
    return {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def _sqlite_check(db: sqlite3.Connection, what: str) -> None:
    result = db.execute("PRAGMA integrity_check").fetchall()
    if result != [("ok",)]:
        raise BackupError(f"{what}未通过 SQLite 完整性检查：{result[0][0]}")


def _dump_sqlite(target: Path) -> dict[str, Any]:
    """A copy of the live database by SQLite's online backup API: one read transaction, so the
    copy is consistent even while the server writes (WAL lets it go on)."""
    connection.ensure_connection()
    source = connection.connection
    copy = sqlite3.connect(target)
    try:
        source.backup(copy)  # all pages in one step: one snapshot
        copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
        _sqlite_check(copy, "数据库副本")
        described = _describe(copy.cursor(), _sqlite_tables(copy))
    finally:
        copy.close()
    return described


def _pg_major(version_number: int) -> int:
    return version_number // 10000 if version_number >= 100000 else version_number // 100


def pg_tool(name: str) -> str:
    """The PostgreSQL client program ``name``: the one of the server's major version when
    installed (Debian keeps them in /usr/lib/postgresql/N/bin), else a newer one, else PATH."""
    connection.ensure_connection()
    major = _pg_major(int(connection.pg_version))  # type: ignore[attr-defined]
    found: list[tuple[int, Path]] = []
    for path in Path("/usr/lib/postgresql").glob(f"*/bin/{name}"):
        if path.parent.parent.name.isdecimal() and os.access(path, os.X_OK):
            found.append((int(path.parent.parent.name), path))
    for version, path in sorted(found):
        if version >= major:
            return str(path)
    on_path = shutil.which(name)
    if on_path:
        return on_path
    raise BackupError(
        f"找不到 PostgreSQL 客户端程序 {name}：请安装与数据库服务器相同（{major}）或更新版本的"
        f" PostgreSQL 客户端（Debian/Ubuntu：apt-get install postgresql-client-{major}）"
    )


def _pg_env() -> dict[str, str]:
    """libpq's variables for the configured database (the password never on a command line)."""
    config = connection.settings_dict
    values = {
        "PGHOST": config.get("HOST") or "",
        "PGPORT": str(config.get("PORT") or ""),
        "PGUSER": config.get("USER") or "",
        "PGPASSWORD": config.get("PASSWORD") or "",
        "PGDATABASE": config["NAME"],
    }
    environment = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
    environment.update({k: v for k, v in values.items() if v})
    return environment


def _run(command: list[str], what: str, **kwargs: Any) -> None:
    result = subprocess.run(  # noqa: S603 - a fixed program found by pg_tool, no shell
        command, capture_output=True, text=True, env=_pg_env(), check=False, **kwargs
    )
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip().splitlines()
        raise BackupError(f"{what}失败：{detail[-1] if detail else result.returncode}")


def _dump_postgresql(target: Path) -> dict[str, Any]:
    """``pg_dump`` in the custom format, of the same snapshot the manifest's figures are read
    from (an exported snapshot held open while pg_dump runs)."""
    pg_dump = pg_tool("pg_dump")
    if connection.in_atomic_block:  # pragma: no cover - the command runs outside transactions
        raise BackupError("备份不能在数据库事务中进行")
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        _run(
            [
                pg_dump,
                "--format=custom",
                "--no-owner",
                "--no-acl",
                f"--snapshot={snapshot}",
                "--file",
                str(target),
            ],
            "pg_dump 导出数据库",
        )
        existing = set(connection.introspection.table_names(cursor))
        return _describe(cursor, existing)


# --- writing the archive ---------------------------------------------------------------------
class _Hashing(io.RawIOBase):
    """A file read through: its SHA-256 and size computed as tarfile copies it."""

    def __init__(self, raw: IO[bytes]) -> None:
        self.raw = raw
        self.sha = hashlib.sha256()
        self.size = 0

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        data = self.raw.read(size)
        self.sha.update(data)
        self.size += len(data)
        return data


def _tarinfo(name: str, size: int, mtime: float) -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.size = size
    info.mode = 0o600
    info.mtime = int(mtime)
    return info


def _files_under(root: Path) -> Iterator[Path]:
    if not root.is_dir():
        return
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink():
            yield path


def _key_files(data_dir: Path) -> Iterator[tuple[str, Path]]:
    for name in KEY_FILES:
        path = data_dir / name
        if path.is_file():
            yield f"keys/{name}", path
        elif path.is_dir():
            for inner in _files_under(path):
                yield f"keys/{name}/{inner.relative_to(path).as_posix()}", inner


@dataclass
class Summary:
    path: Path
    manifest: dict[str, Any]
    size: int = 0
    sha256: str = ""


def _partial_path(target: Path) -> Path:
    return target.with_name(f".{target.name}.partial")


def _kept(name: str, members: dict[str, Any], with_keys: bool) -> str:
    if any(m.startswith(f"keys/{name}") for m in members):
        return "file"
    return "environment (not included)" if with_keys else "left out (--no-keys)"


def write_backup(target: Path, *, with_keys: bool = True) -> Summary:
    """Write the archive to ``target`` (which must not exist); atomically, mode 0600. Without
    ``with_keys`` the key files are left out, to be kept apart from the data."""
    target = target.expanduser().resolve()
    if target.exists():
        raise BackupError(f"文件已存在：{target}（不覆盖已有备份，请换一个文件名）")
    if not target.parent.is_dir():
        raise BackupError(f"目录不存在：{target.parent}")
    data_dir = Path(settings.DATA_DIR)
    media = Path(settings.MEDIA_ROOT)
    vendor = engine()
    partial = _partial_path(target)
    members: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory(prefix=".gongkai-backup-", dir=target.parent) as work:
        dump = Path(work) / "database"
        # The database first: a file the snapshot refers to is then already on disk (uploads
        # are written before their rows commit), so the media copy holds it.
        described = _dump_sqlite(dump) if vendor == "sqlite" else _dump_postgresql(dump)
        database_member = SQLITE_MEMBER if vendor == "sqlite" else POSTGRES_MEMBER
        sources = [(database_member, dump)]
        sources += [(f"media/{p.relative_to(media).as_posix()}", p) for p in _files_under(media)]
        sources += list(_key_files(data_dir)) if with_keys else []
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            with (
                os.fdopen(descriptor, "wb") as raw,
                tarfile.open(fileobj=raw, mode="w:gz", format=tarfile.PAX_FORMAT) as archive,
            ):
                for name, path in sources:
                    with path.open("rb") as source:
                        status = os.fstat(source.fileno())
                        reader = _Hashing(source)
                        archive.addfile(_tarinfo(name, status.st_size, status.st_mtime), reader)
                    members[name] = {"size": reader.size, "sha256": reader.sha.hexdigest()}
                manifest = {
                    "format": FORMAT,
                    "format_version": FORMAT_VERSION,
                    "gongkai_version": gongkai_version(),
                    "created_at": timezone.localtime().isoformat(timespec="seconds"),
                    "database": {
                        "engine": vendor,
                        "member": database_member,
                        "migrations": described["migrations"],
                        "tables": described["tables"],
                    },
                    "calendar": described["calendar"],
                    # where each key is kept: a key given by the environment is not in the
                    # archive, and must be kept with it by other means
                    "keys": {name: _kept(name, members, with_keys) for name in KEY_FILES},
                    "members": members,
                }
                body = json.dumps(manifest, ensure_ascii=False, indent=2).encode("utf-8")
                archive.addfile(_tarinfo(MANIFEST, len(body), time.time()), io.BytesIO(body))
            with partial.open("rb") as written:
                os.fsync(written.fileno())
            os.replace(partial, target)
        finally:
            partial.unlink(missing_ok=True)
    digest = hashlib.sha256()
    with target.open("rb") as written:
        for chunk in iter(lambda: written.read(CHUNK), b""):
            digest.update(chunk)
    return Summary(target, manifest, target.stat().st_size, digest.hexdigest())


# --- reading and checking an archive -----------------------------------------------------------
_SAFE_NAME = re.compile(r"^(manifest\.json|database/[^/]+|media/.+|keys/.+)$")


def _safe_member(name: str) -> PurePosixPath:
    path = PurePosixPath(name)
    if (
        not _SAFE_NAME.match(name)
        or path.is_absolute()
        or any(part in ("", ".", "..") for part in name.split("/"))
        or "\\" in name
        or "\x00" in name
    ):
        raise BackupError(f"备份文件含不允许的路径：{name!r}")
    return path


@dataclass
class Staged:
    """An archive unpacked into ``folder`` and checked against its manifest."""

    folder: Path
    manifest: dict[str, Any]
    names: list[str] = field(default_factory=list)

    def path(self, name: str) -> Path:
        return self.folder.joinpath(*PurePosixPath(name).parts)

    @property
    def engine(self) -> str:
        return str(self.manifest["database"]["engine"])

    def under(self, prefix: str) -> list[str]:
        return [n for n in self.names if n.startswith(prefix)]


def _load_manifest(data: bytes) -> dict[str, Any]:
    try:
        manifest = json.loads(data.decode("utf-8"))
        if manifest.get("format") != FORMAT:
            raise ValueError
        if int(manifest.get("format_version", 0)) > FORMAT_VERSION:
            raise BackupError("备份文件格式比本版本 Gongkai 新，请先升级 Gongkai")
        members = manifest["members"]
        database = manifest["database"]
        if database["engine"] not in ("sqlite", "postgresql") or database["member"] not in members:
            raise ValueError
        for name, entry in members.items():
            _safe_member(name)
            if not re.fullmatch(r"[0-9a-f]{64}", entry["sha256"]) or int(entry["size"]) < 0:
                raise ValueError
    except BackupError:
        raise
    except (ValueError, KeyError, TypeError, AttributeError):
        raise BackupError(
            "备份文件的清单（manifest.json）无效：这不是 Gongkai 的备份文件"
        ) from None
    return dict(manifest)


def stage(archive_path: Path, folder: Path) -> Staged:
    """Unpack the archive into ``folder`` (new, empty) and check every member's size and SHA-256
    against the manifest. Raises BackupError, having changed nothing outside ``folder``."""
    if not archive_path.is_file():
        raise BackupError(f"找不到备份文件：{archive_path}")
    found: dict[str, tuple[int, str]] = {}
    manifest_bytes: bytes | None = None
    corrupt = "备份文件已损坏或不完整（无法读取）：未做任何修改"
    try:
        with tarfile.open(archive_path, mode="r:gz") as archive:
            for member in archive:
                name = member.name
                if name in found or (name == MANIFEST and manifest_bytes is not None):
                    raise BackupError(f"备份文件中“{name}”出现了两次")
                if not member.isfile():
                    raise BackupError(f"备份文件含非普通文件：{name!r}")
                _safe_member(name)
                source = archive.extractfile(member)
                assert source is not None  # a regular file
                if name == MANIFEST:
                    manifest_bytes = source.read(16 * 1024 * 1024 + 1)
                    if len(manifest_bytes) > 16 * 1024 * 1024:
                        raise BackupError("备份文件的清单过大")
                    continue
                path = folder.joinpath(*PurePosixPath(name).parts)
                path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
                digest = hashlib.sha256()
                size = 0
                descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
                with os.fdopen(descriptor, "wb") as out:
                    for chunk in iter(lambda: source.read(CHUNK), b""):  # noqa: B023
                        digest.update(chunk)
                        size += len(chunk)
                        out.write(chunk)
                found[name] = (size, digest.hexdigest())
            # tarfile stops quietly at a damaged header: read the compressed stream to its end
            # so gzip checks its CRC and length, and a damaged archive is called damaged
            assert archive.fileobj is not None
            while archive.fileobj.read(CHUNK):
                pass
    except OSError as exc:  # gzip's own errors are OSErrors without a file name
        if exc.errno is not None and exc.filename:  # our side: disk full, permissions
            raise BackupError(f"暂存备份内容失败：{exc.strerror}（{exc.filename}）") from None
        raise BackupError(corrupt) from None
    except (tarfile.TarError, EOFError, zlib.error):
        raise BackupError(corrupt) from None
    if manifest_bytes is None:
        raise BackupError("备份文件中没有清单（manifest.json）：这不是 Gongkai 的备份文件")
    manifest = _load_manifest(manifest_bytes)
    expected = manifest["members"]
    missing = sorted(set(expected) - set(found))
    extra = sorted(set(found) - set(expected))
    if missing:
        raise BackupError(f"备份文件不完整，缺少：{'、'.join(missing[:5])}")
    if extra:
        raise BackupError(f"备份文件含清单以外的文件：{'、'.join(extra[:5])}")
    bad = [n for n in sorted(found) if found[n] != (expected[n]["size"], expected[n]["sha256"])]
    if bad:
        raise BackupError(
            f"备份文件校验失败（SHA-256 不符）：{'、'.join(bad[:5])}"
            f"{'等' if len(bad) > 5 else ''}。备份已损坏或被改动，未做任何修改"
        )
    staged = Staged(folder, manifest, sorted(found))
    if staged.engine == "sqlite":
        db = sqlite3.connect(f"file:{staged.path(SQLITE_MEMBER)}?mode=ro", uri=True)
        try:
            _sqlite_check(db, "备份中的数据库")
        except sqlite3.DatabaseError:
            raise BackupError("备份中的数据库无法打开：未做任何修改") from None
        finally:
            db.close()
    return staged


# --- restoring ---------------------------------------------------------------------------------
def existing_tables() -> set[str]:
    with connection.cursor() as cursor:
        return set(connection.introspection.table_names(cursor))


def target_contents() -> list[str]:
    """What the configured database and media folder hold that a restore would replace (empty:
    nothing to lose). The key files do not count: start-up generates a secret key."""
    held = []
    tables = existing_tables()
    with connection.cursor() as cursor:
        rows = _table_counts(cursor, tables)
    skip = {"django_migrations", "django_content_type", "auth_permission", "django_session"}
    counted = {t: n for t, n in rows.items() if n and t not in skip}
    if counted:
        held.append(f"数据库中已有数据（{len(counted)} 个表，共 {sum(counted.values())} 行）")
    media = list(_files_under(Path(settings.MEDIA_ROOT)))
    if media:
        held.append(f"文件目录中已有 {len(media)} 个文件（{settings.MEDIA_ROOT}）")
    return held


def check_compatible(staged: Staged) -> list[str]:
    """Refuse an archive of another engine or of a newer Gongkai; return the migrations this
    version has that the archive's database lacks (applied after the restore)."""
    vendor = engine()
    if staged.engine != vendor:
        names = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
        raise BackupError(
            f"备份的数据库是 {names[staged.engine]}，当前配置的是 {names[vendor]}：不能直接恢复"
            "（请按备份时的数据库配置恢复；GONGKAI_DATABASE_URL 决定使用哪一种）"
        )
    loader = MigrationLoader(None, ignore_no_migrations=True)
    known = set(loader.disk_migrations)
    applied = {(app, name) for app, name in staged.manifest["database"]["migrations"]}
    local_apps = {app for app, _ in known}
    unknown = sorted(m for m in applied - known if m[0] in local_apps)
    if unknown:
        shown = "、".join(f"{a}.{n}" for a, n in unknown[:5])
        raise BackupError(
            f"备份来自较新版本的 Gongkai（{staged.manifest.get('gongkai_version')}，"
            f"含本版本没有的数据库迁移：{shown}）：请先升级 Gongkai 再恢复"
        )
    return sorted(f"{a}.{n}" for a, n in known - applied)


def _replace_file(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.restoring")
    shutil.copyfile(source, partial)
    partial.chmod(0o600)
    os.replace(partial, target)


def restore_keys(staged: Staged) -> list[str]:
    data_dir = Path(settings.DATA_DIR)
    restored = []
    for name in KEY_FILES:
        members = [n for n in staged.under("keys/") if n == f"keys/{name}"]
        inner = staged.under(f"keys/{name}/")
        if members:
            if (data_dir / name).is_dir():
                shutil.rmtree(data_dir / name)
            _replace_file(staged.path(members[0]), data_dir / name)
            restored.append(name)
        elif inner:
            folder = data_dir / name
            if folder.is_file():
                folder.unlink()
            for member in inner:
                relative = PurePosixPath(member).relative_to(f"keys/{name}")
                _replace_file(staged.path(member), folder.joinpath(*relative.parts))
            folder.chmod(0o700)
            restored.append(name)
    return restored


def _restore_sqlite(staged: Staged) -> None:
    """Copy the staged database over the configured one with the backup API: one write
    transaction on the target, so it is replaced whole or not at all."""
    name = connection.settings_dict["NAME"]
    connection.close()
    source = sqlite3.connect(f"file:{staged.path(SQLITE_MEMBER)}?mode=ro", uri=True)
    target = sqlite3.connect(name, uri=str(name).startswith("file:"))
    try:
        target.execute("PRAGMA busy_timeout=30000")
        source.backup(target)
    except sqlite3.Error as exc:
        raise BackupError(f"写入数据库失败：{exc}") from None
    finally:
        source.close()
        target.close()
    if not str(name).startswith("file:"):
        Path(name).chmod(0o600)


def _restore_postgresql(staged: Staged, work: Path) -> None:
    """pg_restore to SQL, then one psql transaction that empties the schema and loads it: the
    database is replaced whole or left as it was."""
    pg_restore, psql = pg_tool("pg_restore"), pg_tool("psql")
    script = work / "restore.sql"
    _run(
        [
            pg_restore,
            "--no-owner",
            "--no-acl",
            "--file",
            str(script),
            str(staged.path(POSTGRES_MEMBER)),
        ],
        "pg_restore 读取备份",
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_schema()")
        schema = _quote(cursor.fetchone()[0])
    connection.close()
    _run(
        [
            psql,
            "--no-psqlrc",
            "--quiet",
            "--set",
            "ON_ERROR_STOP=1",
            "--single-transaction",
            "--command",
            f"DROP SCHEMA IF EXISTS {schema} CASCADE; CREATE SCHEMA {schema};",
            "--file",
            str(script),
        ],
        "psql 载入数据库",
    )


def restore_database(staged: Staged, work: Path) -> None:
    if staged.engine == "sqlite":
        _restore_sqlite(staged)
    else:
        _restore_postgresql(staged, work)


def restore_media(staged: Staged, work: Path) -> int:
    """Swap the staged media folder in for the configured one (renames when they share a disk)."""
    media = Path(settings.MEDIA_ROOT)
    staged_media = staged.folder / "media"
    staged_media.mkdir(exist_ok=True, mode=0o700)
    if media.exists():
        shutil.move(str(media), str(work / "media.replaced"))
    media.parent.mkdir(parents=True, exist_ok=True)
    shutil.move(str(staged_media), str(media))
    media.chmod(0o700)
    return len(staged.under("media/"))


def unreadable_personal_data() -> str | None:
    """Read one value of every encrypted column with the keys now configured: the name of the
    first that cannot be decrypted (keys not matching the restored data), else None."""
    from gongkai.core.crypto import PersonalDataKeyError, reload_key_file
    from gongkai.core.fields import EncryptedTextField

    reload_key_file()  # the key file was just replaced: read it again
    for model in apps.get_models():
        for column in model._meta.concrete_fields:
            if isinstance(column, EncryptedTextField):
                try:
                    list(model._base_manager.values_list(column.name, flat=True)[:1])
                except PersonalDataKeyError:
                    return f"{model._meta.verbose_name}·{column.verbose_name}"
    return None


def restored_tables() -> dict[str, int]:
    tables = existing_tables()
    with connection.cursor() as cursor:
        return _table_counts(cursor, tables)


@contextmanager
def staging_folder() -> Iterator[Path]:
    """A private folder beside the data, removed afterwards (same disk: moves are renames)."""
    data_dir = Path(settings.DATA_DIR)
    data_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".gongkai-restore-", dir=data_dir) as folder:
        yield Path(folder)


def safety_backup_path() -> Path:
    stamp = dt.datetime.now().astimezone().strftime("%Y%m%d-%H%M%S")
    folder = Path(settings.DATA_DIR) / "backups"
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    return folder / f"before-restore-{stamp}.tar.gz"
