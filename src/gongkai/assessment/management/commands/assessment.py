"""``gongkai assessment``: the assessment rubric, checked and loaded like a holiday arrangement.

gongkai assessment rubric show
gongkai assessment rubric check rubric.yaml
gongkai assessment rubric load rubric.yaml [--note "…"]
gongkai assessment rubric export [--output rubric.yaml]
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from django.core.management.base import CommandParser

from gongkai.assessment import services
from gongkai.assessment.rubric import MAX_FILE_BYTES, Rubric, RubricError, parse_text
from gongkai.core.cli import GongkaiCommand, UsageError


class Command(GongkaiCommand):
    help = "查看、检查、载入、导出考核细则（政府信息公开和政务公开专项考核实施细则）。"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="what", required=True, metavar="rubric")
        rubric = sub.add_parser("rubric", help="考核细则")
        actions = rubric.add_subparsers(
            dest="action", required=True, metavar="show|check|load|export"
        )
        actions.add_parser("show", help="现行细则的各部分和项目")
        check = actions.add_parser("check", help="检查细则文件，不载入")
        check.add_argument("file")
        load = actions.add_parser("load", help="载入细则文件为新版本")
        load.add_argument("file")
        load.add_argument("--note", default="", help="说明（记入审计日志）")
        export = actions.add_parser("export", help="导出现行细则为 YAML")
        export.add_argument("--output", help="写入文件（默认输出到屏幕）")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "show":
            rubric, version = services.rubric_in_force()
            self._show(rubric, version)
        elif action == "check":
            rubric = self._read(Path(options["file"]))
            self.stdout.write(f"{options['file']}：格式正确")
            self._show(rubric, None)
        elif action == "load":
            path = Path(options["file"])
            rubric = self._read(path)
            loaded = services.rubric_load(
                actor=None, rubric=rubric, source_name=path.name, note=options["note"]
            )
            self.stdout.write(f"已载入《{rubric.title}》第{loaded.version}版")
        else:
            rubric, _ = services.rubric_in_force()
            text = str(yaml.safe_dump(rubric.to_mapping(), allow_unicode=True, sort_keys=False))
            if options["output"]:
                Path(options["output"]).write_text(text, encoding="utf-8")
                self.stdout.write(f"已导出到 {options['output']}")
            else:
                self.stdout.write(text, ending="")

    def _read(self, path: Path) -> Rubric:
        try:
            if path.stat().st_size > MAX_FILE_BYTES:
                raise UsageError(f"{path.name}：文件过大（不超过 {MAX_FILE_BYTES // 1024} KB）")
            content = path.read_bytes()
        except OSError as exc:
            raise UsageError(f"无法读取文件 {path}：{exc.strerror}") from None
        try:
            return parse_text(content, filename=path.name)
        except RubricError as exc:
            raise UsageError(f"{path.name}：{exc}") from None

    def _show(self, rubric: Rubric, version: int | None) -> None:
        where = "" if version is None else f" 第{version}版"
        self.stdout.write(f"{rubric.title}{where}（{rubric.code}，总分{rubric.total}）")
        for section in rubric.sections:
            self.stdout.write(f"  {section.name}（{section.points}分）")
            for item in section.items:
                how = item.scoring.label + (f"：{item.indicator}" if item.indicator else "")
                self.stdout.write(f"    {item.id} {item.name}（{item.points}分，{how}）")
