"""``gongkai annual_report``: a year's report for a unit or the whole district, as a file.

    gongkai annual_report --year 2019 --output district-2019.docx
    gongkai annual_report --year 2019 --unit qzf --output qzf-2019.json
    gongkai annual_report --year 2019 --format-version 2021 --output 2019.xlsx

The suffix of ``--output`` (.json, .docx, .xlsx, .html) chooses the output. A published report
is written as published; otherwise the tables are computed from the records now, with the
report's prose if a draft exists, or a generated draft. The file written is then read back by
the report checker and compared with the report, cell by cell; one line says whether it agrees.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import CommandParser

from gongkai.core.cli import GongkaiCommand, UsageError
from gongkai.report_format import FormatVersion
from gongkai.reports import readback, services
from gongkai.reports.identities import ERROR
from gongkai.reports.models import AnnualReport
from gongkai.reports.output import FORMATS, produce
from gongkai.units.models import Unit


class Command(GongkaiCommand):
    help = "生成政府信息公开工作年度报告（JSON、DOCX、XLSX 或 HTML）。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", required=True)
        parser.add_argument("--unit", help="单位代码；不填为本级政府（全区汇总）")
        parser.add_argument("--format-version", choices=["2019", "2021"])
        parser.add_argument("--output", required=True, help="输出文件，后缀决定格式")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            year = int(options["year"])
        except ValueError:
            raise UsageError(f"年度“{options['year']}”应为四位数字") from None
        if not 2008 <= year <= 2100:
            raise UsageError(f"年度 {year} 不在可生成的范围内")
        output = Path(options["output"])
        suffix = output.suffix.lower()
        if suffix not in FORMATS:
            raise UsageError(f"输出文件的后缀应为 {' '.join(FORMATS)}")
        unit = None
        if options.get("unit"):
            unit = Unit.objects.filter(code=options["unit"]).first()
            if unit is None:
                raise UsageError(f"没有代码为“{options['unit']}”的单位")
        version = (
            FormatVersion(options["format_version"])
            if options.get("format_version")
            else FormatVersion.for_year(year)
        )
        report = AnnualReport.objects.filter(year=year, unit=unit, consolidated=False).first()
        if report is None or (report.snapshot is None and report.format_version != version):
            report = AnnualReport(year=year, unit=unit, format_version=version.value)
            sections = services.draft_sections(
                services.scope_of(report),
                services.tables(services.scope_of(report), version),
                services.agency_of(unit),
            )
            report.overview, report.problems, report.other = (
                sections["overview"],
                sections["problems"],
                sections["other"],
            )
        built = services.build(report)
        _, content = produce(built, suffix)
        output.write_bytes(content)
        errors = [
            f
            for f in services.validate(report, built)
            if f.severity == ERROR and not f.check.startswith("section.")
        ]
        sys.stderr.write(
            f"已生成 {output}（{built['title']}，{built['format']}年格式）"
            + (
                f"；校验发现 {len(errors)} 项错误：" + "；".join(e.message for e in errors[:5])
                if errors
                else "；表格校验通过"
            )
            + "\n"
        )
        sys.stderr.write(readback.read_back_file(built, content, suffix).verdict() + "\n")
