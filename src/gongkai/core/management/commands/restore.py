"""``gongkai restore FILE``: put back what ``gongkai backup`` saved, into this installation.

    gongkai restore /srv/backup/gongkai-2025-03-03.tar.gz           # into an empty installation
    gongkai restore /srv/backup/gongkai-2025-03-03.tar.gz --force   # over existing data

Every member of the archive is checked against the SHA-256 in its manifest before anything is
changed. A target that already holds data (rows in the database, files in the media folder) is
refused unless ``--force``; with ``--force`` the existing data is first backed up to
``GONGKAI_DATA_DIR/backups/`` so the overwrite can be undone. Then the key files, the database
(in one transaction) and the media folder are replaced, the schema migrated if the archive is
from an older Gongkai, and the search index rebuilt. Stop the server while restoring.
"""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.core.management.base import CommandParser
from django.db import transaction

from gongkai import backup
from gongkai.audit.actions import AuditAction
from gongkai.audit.services import record
from gongkai.core.cli import GongkaiCommand, UsageError


class Command(GongkaiCommand):
    help = "从 gongkai backup 的备份文件恢复（先逐一核对校验值；目标非空时须加 --force）。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="备份文件（.tar.gz）")
        parser.add_argument(
            "--force",
            action="store_true",
            help="目标已有数据时仍然恢复（先把现有数据自动备份到数据目录的 backups/ 下）",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"]).expanduser().resolve()
        try:
            self._restore(path, force=options["force"])
        except backup.BackupError as exc:
            raise UsageError(str(exc)) from None

    def _restore(self, path: Path, *, force: bool) -> None:
        with backup.staging_folder() as work:
            staged = backup.stage(path, work / "archive")
            manifest = staged.manifest
            pending = backup.check_compatible(staged)
            self.stdout.write(
                f"备份文件校验通过：{len(staged.names)} 个文件，创建于 {manifest['created_at']}，"
                f"Gongkai {manifest['gongkai_version']}"
            )
            held = backup.target_contents()
            if held and not force:
                raise UsageError(
                    "目标不是空的：" + "；".join(held) + "。恢复会覆盖这些数据，未做任何修改；"
                    "确需覆盖请加 --force（会先自动备份现有数据）"
                )
            if held:
                safety = backup.write_backup(backup.safety_backup_path())
                self.stdout.write(f"已先备份现有数据：{safety.path}")
            keys = backup.restore_keys(staged)
            backup.restore_database(staged, work)
            unreadable = backup.unreadable_personal_data()
            if unreadable:
                raise backup.BackupError(
                    f"数据已恢复，但“{unreadable}”无法用本机的个人信息密钥解密：请使用备份时的"
                    "密钥（GONGKAI_PERSONAL_DATA_KEYS 或数据目录中的 personal_data_keys 文件）"
                )
            files = backup.restore_media(staged, work)
            counts = backup.restored_tables()
            expected = manifest["database"]["tables"]
            # the tables of this version's models (an app removed since is not counted)
            known = set(backup.project_tables())
            differ = sorted(t for t, n in expected.items() if t in known and counts.get(t) != n)
            if differ:
                raise backup.BackupError(f"恢复后的数据库与备份清单不符：{'、'.join(differ[:5])}")
        if pending:
            self.stdout.write(f"按本版本升级数据库结构（{len(pending)} 个迁移）……")
            call_command("migrate", interactive=False, verbosity=0)
        reindexed = io.StringIO()
        call_command("search", "reindex", stdout=reindexed, stderr=io.StringIO())
        rows = sum(expected.values())
        calendar = "、".join(f"{c['year']}年第{c['version']}版" for c in manifest["calendar"])
        with transaction.atomic():
            record(
                actor=None,
                label="命令行（gongkai restore）",
                action=AuditAction.SYSTEM_RESTORE,
                object_type="system",
                object_label=path.name,
                summary=(
                    f"从 {path} 恢复（备份创建于 {manifest['created_at']}，"
                    f"Gongkai {manifest['gongkai_version']}）：数据库 {rows} 行，文件 {files} 个，"
                    f"密钥文件 {'、'.join(keys) or '无'}" + ("；覆盖了原有数据" if held else "")
                ),
                basis=backup.BASIS,
            )
        self.stdout.write(
            f"恢复完成：数据库 {rows} 行，文件 {files} 个，密钥文件 {'、'.join(keys) or '无'}；"
            f"节假日安排 {calendar or '仅内置基准'}。"
        )
        self.stdout.write(reindexed.getvalue().strip())
        for name in keys:
            if os.environ.get(f"GONGKAI_{name.upper()}", "").strip():
                self.stdout.write(
                    f"注意：本机由 GONGKAI_{name.upper()} 提供密钥，恢复的 {name} 文件不会被使用。"
                )
