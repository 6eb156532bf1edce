"""``gongkai applications export``: the year's applications as CSV or XLSX.

    gongkai applications export --year 2019 --format csv
    gongkai applications export --year 2019 --unit qzf --format xlsx --output qzf-2019.xlsx

One row per application received in the year or open at some moment of it, with the fields
the annual report uses. Names, identity numbers and telephone numbers are masked unless
``--reveal-personal-data`` is given (the office's decision; the export is audited).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import CommandParser

from gongkai.applications.services import applications_export
from gongkai.core.cli import GongkaiCommand, UsageError
from gongkai.units.models import Unit


class Command(GongkaiCommand):
    help = "导出某年度的政府信息公开申请清单（CSV 或 XLSX）。"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True, metavar="export")
        command = sub.add_parser("export", help="导出申请清单")
        command.add_argument("--year", required=True, help="年度，例如 2019")
        command.add_argument("--unit", help="单位代码，例如 qzf；不填为全区")
        command.add_argument("--format", choices=["csv", "xlsx"], default="csv")
        command.add_argument("--output", help="写入文件（默认输出到标准输出）")
        command.add_argument(
            "--reveal-personal-data",
            action="store_true",
            help="导出完整的姓名、证件号码和联系电话（记入审计日志）",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            year = int(options["year"])
        except ValueError:
            raise UsageError(f"年度“{options['year']}”应为四位数字") from None
        if not 2000 <= year <= 2100:
            raise UsageError(f"年度 {year} 不在 2000—2100 之间")
        unit = options.get("unit")
        if unit and not Unit.objects.filter(code=unit).exists():
            raise UsageError(f"没有代码为“{unit}”的单位")
        done = applications_export(
            actor=None,
            year=year,
            unit_code=unit,
            fmt=options["format"],
            reveal=bool(options["reveal_personal_data"]),
            from_command_line=True,
        )
        if options.get("output"):
            Path(options["output"]).write_bytes(done.content)
            sys.stderr.write(f"已导出 {done.count} 件到 {options['output']}\n")
        else:
            sys.stdout.buffer.write(done.content)
            sys.stdout.flush()
