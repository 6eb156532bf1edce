"""``gongkai keys``: the keys that encrypt identity-document numbers in the database.

    gongkai keys status      # where the keys come from, how many, rows not under the current key
    gongkai keys rotate      # a new first key in DATA_DIR/personal_data_keys; rows re-encrypted
    gongkai keys reencrypt   # every row re-encrypted under the current (first) key
    gongkai keys prune       # drop the old keys once no row needs them
    gongkai keys generate    # print a new key (for GONGKAI_PERSONAL_DATA_KEYS)

Rotation keeps the old keys in the file, so rows not yet re-encrypted (or written meanwhile by
a server still running with the old list) stay readable; restart the servers after rotating,
and prune only after that (docs/deployment.md).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import CommandParser
from django.db import transaction

from gongkai.audit.actions import AuditAction
from gongkai.audit.services import record
from gongkai.core.cli import GongkaiCommand, UsageError
from gongkai.core.crypto import Keyring, generate_key, read_key_file, write_key_file
from gongkai.core.fields import reencrypt, stale
from gongkai.law import PERSONAL_INFORMATION_LAW

FROM_ENVIRONMENT = (
    "密钥由环境变量 GONGKAI_PERSONAL_DATA_KEYS 提供，本命令不能修改它：请用 gongkai keys generate "
    "生成新密钥，加在该变量的最前面（旧密钥保留在后面），重启后运行 gongkai keys reencrypt"
)


class Command(GongkaiCommand):
    help = "管理加密证件号码的密钥：查看、轮换、重新加密、删除旧密钥、生成新密钥。"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        sub.add_parser("status", help="密钥来源、数量，及尚未以当前密钥加密的记录数")
        sub.add_parser("rotate", help="生成新密钥并以之重新加密全部记录（密钥文件）")
        sub.add_parser("reencrypt", help="以当前（第一个）密钥重新加密全部记录")
        sub.add_parser("prune", help="全部记录已以当前密钥加密时，删除旧密钥（密钥文件）")
        sub.add_parser("generate", help="输出一个新密钥")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "generate":
            self.stdout.write(generate_key())
            return
        keys = tuple(settings.GONGKAI_PERSONAL_DATA_KEYS)
        path: Path | None = settings.PERSONAL_DATA_KEY_FILE
        if action == "status":
            where = str(path) if path is not None else "环境变量 GONGKAI_PERSONAL_DATA_KEYS"
            self.stdout.write(f"密钥来源：{where}；密钥{len(keys)}个（第一个为当前密钥）")
            for label, count in stale(Keyring(keys)).items():
                self.stdout.write(f"{label}：尚未以当前密钥加密的值 {count} 个")
            return
        if action in ("rotate", "prune") and path is None:
            raise UsageError(FROM_ENVIRONMENT)
        if action == "rotate":
            assert path is not None
            # The file as it is now (another rotation may have run since this process started).
            keys = (generate_key(), *read_key_file(path))
            write_key_file(path, keys)  # first: a failure below leaves every row readable
            settings.GONGKAI_PERSONAL_DATA_KEYS = keys
            self._reencrypt(Keyring(keys), "轮换密钥")
            self.stdout.write(
                f"已生成新密钥（共{len(keys)}个，保存在 {path}）。请重启 Gongkai，"
                "并将密钥文件纳入备份；旧密钥不再需要时运行 gongkai keys prune。"
            )
        elif action == "reencrypt":
            self._reencrypt(Keyring(keys), "以当前密钥重新加密")
        elif action == "prune":
            assert path is not None
            ring = Keyring(read_key_file(path))
            left = sum(stale(ring).values())
            if left:
                raise UsageError(
                    f"还有{left}个值不是以当前密钥加密的：请先运行 gongkai keys reencrypt"
                )
            write_key_file(path, ring.keys[:1])
            settings.GONGKAI_PERSONAL_DATA_KEYS = ring.keys[:1]
            record(
                actor=None,
                label="命令行",
                action=AuditAction.PERSONAL_DATA_KEYS_PRUNED,
                object_type="keys",
                summary=f"删除{len(ring.keys) - 1}个旧的个人信息加密密钥",
                basis=PERSONAL_INFORMATION_LAW,
            )
            self.stdout.write(f"已删除{len(ring.keys) - 1}个旧密钥，保留当前密钥。")

    def _reencrypt(self, ring: Keyring, what: str) -> None:
        with transaction.atomic():  # the rows and their audit row together, or nothing
            total = sum(reencrypt(ring).values())
            record(
                actor=None,
                label="命令行",
                action=AuditAction.PERSONAL_DATA_REENCRYPTED,
                object_type="keys",
                summary=f"{what}：重新加密{total}条记录的证件号码",
                basis=PERSONAL_INFORMATION_LAW,
            )
        self.stdout.write(f"已重新加密{total}条记录。")
