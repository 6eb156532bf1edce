"""``gongkai holidays``: the holiday arrangements in force, and loading a new year's.

gongkai holidays list
gongkai holidays load 2027.yaml [--note "…"]
gongkai holidays export 2026 [--output 2026.yaml]
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import CommandParser

from gongkai.core.cli import GongkaiCommand, UsageError
from gongkai.workdays import services
from gongkai.workdays.arrangement import MAX_FILE_BYTES, ArrangementError, parse_text


class Command(GongkaiCommand):
    help = "查看、载入、导出节假日安排（国务院办公厅部分节假日安排通知）。"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True, metavar="list|load|export")
        sub.add_parser("list", help="各年份的安排及其来源")
        load = sub.add_parser("load", help="载入一个年份的安排（YAML 或 JSON 文件）")
        load.add_argument("file")
        load.add_argument("--note", default="", help="说明（记入审计日志）")
        export = sub.add_parser("export", help="导出某年的现行安排为 YAML")
        export.add_argument("year", type=str)
        export.add_argument("--output", help="写入文件（默认输出到屏幕）")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "list":
            for row in services.years_overview():
                if row["known"]:
                    arrangement = row["arrangement"]
                    line = f"{row['year']}  {arrangement.notice}  {row['source']}"
                else:
                    line = f"{row['year']}  未载入：暂按法定节日计算（不含调休），结果为暂定"
                self.stdout.write(line)
        elif action == "load":
            self._load(Path(options["file"]), options["note"])
        else:
            self._export(options["year"], options["output"])

    def _load(self, path: Path, note: str) -> None:
        try:
            if path.stat().st_size > MAX_FILE_BYTES:
                raise UsageError(f"{path.name}：文件过大（不超过 {MAX_FILE_BYTES // 1024} KB）")
            content = path.read_bytes()
        except OSError as exc:
            raise UsageError(f"无法读取文件 {path}：{exc.strerror}") from None
        try:
            arrangement = parse_text(content, filename=path.name)
            result = services.arrangement_load(
                actor=None, arrangement=arrangement, source_name=path.name, note=note
            )
        except ArrangementError as exc:
            raise UsageError(f"{path.name}：{exc}") from None
        self.stdout.write(
            f"已载入 {arrangement.year} 年节假日安排（{arrangement.notice}），"
            f"第{result.version.version}版；{len(result.changes)} 天的工作日状态改变；"
            f"重新计算期限 {result.recomputed} 件。"
        )

    def _export(self, year_text: str, output: str | None) -> None:
        try:
            year = int(year_text)
        except ValueError:
            raise UsageError(f"年份“{year_text}”应为四位数字") from None
        forced = services.in_force()
        if year not in forced:
            raise UsageError(f"{year}年没有节假日安排数据")
        text = forced[year][0].to_yaml()
        if output:
            Path(output).write_text(text, encoding="utf-8")
            self.stdout.write(f"已导出到 {output}")
        else:
            self.stdout.write(text, ending="")
