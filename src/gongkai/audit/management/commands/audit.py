"""``gongkai audit``: check the audit log's hash chain.

gongkai audit verify                       walk the chain; exit status 1 if a row was changed,
                                           deleted, inserted or back-dated, 0 when intact
gongkai audit verify --anchor 1234:9f2c…   also check rows noted earlier outside the database
"""

from __future__ import annotations

import re
import sys
from typing import Any

from django.core.management.base import CommandParser

from gongkai.audit import chain, services
from gongkai.core.cli import GongkaiCommand, UsageError

ANCHOR = re.compile(r"^(\d+):([0-9a-f]{64})$")
SHOWN = 50  # problems listed one by one; the count says how many more


def _anchor(text: str) -> chain.Anchor:
    found = ANCHOR.match(text.strip().lower())
    if not found:
        raise UsageError(f"锚点“{text}”格式不正确，应为 序号:64位十六进制哈希")
    return chain.Anchor(int(found[1]), found[2])


class Command(GongkaiCommand):
    help = "审计日志：核对哈希链是否完整。"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True, metavar="verify")
        verify = sub.add_parser("verify", help="核对审计日志的哈希链")
        verify.add_argument(
            "--anchor",
            action="append",
            default=[],
            metavar="序号:哈希",
            help="此前保存的链尾（可多次给出）",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        anchors = [_anchor(a) for a in options["anchor"]]
        result = services.verify(anchors)
        for problem in result.problems[:SHOWN]:
            self.stdout.write(f"  {problem.message}")
        if len(result.problems) > SHOWN:
            self.stdout.write(f"  ……另有 {len(result.problems) - SHOWN} 处")
        self.stdout.write(
            f"已核对审计记录 {result.rows} 条；"
            f"链尾：序号 {result.last_seq}，哈希 {result.last_hash}"
        )
        self.stdout.write(
            f"（请将“{result.last_seq}:{result.last_hash}”另行保存，日后以 --anchor 核对）"
        )
        if result.problems:
            self.stdout.write(f"审计日志被篡改：发现 {len(result.problems)} 处问题。")
            sys.exit(1)
        self.stdout.write("审计日志完整：未发现改动、删除、插入或倒填的记录。")
