"""``gongkai backup FILE``: the database, the uploaded and generated files and the key files of
the data folder in one checksummed archive (.tar.gz), taken while the server runs.

    gongkai backup /srv/backup/gongkai-2025-03-03.tar.gz

SQLite is copied with its online backup API, PostgreSQL with ``pg_dump`` (custom format; the
client programs of the server's version must be installed). The archive holds personal data
and keys: it is written with mode 0600 — keep copies off the machine (docs/deployment.md).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import CommandParser
from django.db import transaction

from gongkai import backup
from gongkai.audit.actions import AuditAction
from gongkai.audit.services import record
from gongkai.core.cli import GongkaiCommand, UsageError


class Command(GongkaiCommand):
    help = "备份数据库、上传和生成的文件、密钥文件，打包为一个带校验值的归档（.tar.gz）。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="备份文件（.tar.gz），不得已存在")
        parser.add_argument(
            "--no-keys",
            action="store_true",
            help="不含密钥文件（secret_key、personal_data_keys），以便与数据分开保管",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            summary = backup.write_backup(Path(options["file"]), with_keys=not options["no_keys"])
        except backup.BackupError as exc:
            raise UsageError(str(exc)) from None
        manifest = summary.manifest
        files = sum(1 for name in manifest["members"] if name.startswith("media/"))
        rows = sum(manifest["database"]["tables"].values())
        with transaction.atomic():
            record(
                actor=None,
                label="命令行（gongkai backup）",
                action=AuditAction.SYSTEM_BACKUP,
                object_type="system",
                object_label=summary.path.name,
                summary=(
                    f"备份至 {summary.path}：数据库（{manifest['database']['engine']}，"
                    f"{rows} 行）、"
                    f"文件 {files} 个，共 {summary.size} 字节，SHA-256 {summary.sha256}"
                ),
                basis=backup.BASIS,
            )
        self.stdout.write(
            f"备份完成：{summary.path}（{summary.size / 1048576:.1f} MB，"
            f"数据库 {rows} 行，文件 {files} 个）\nSHA-256 {summary.sha256}"
        )
        if options["no_keys"]:
            self.stdout.write(
                "注意：备份不含密钥文件；恢复时须使用本机当前的密钥文件（数据目录中的 secret_key、"
                "personal_data_keys），请另行妥善保管。"
            )
        for name, kept in manifest["keys"].items():
            if kept.startswith("environment"):
                self.stdout.write(
                    f"注意：{name} 的密钥由环境变量（GONGKAI_{name.upper()}）提供，未包含在备份中，"
                    "请与备份一同另行妥善保管。"
                )
