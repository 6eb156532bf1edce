"""``gongkai check_report``: read published annual reports and say what does not add up.

    gongkai check_report 2024年报.pdf
    gongkai check_report 2024年报.pdf --previous 2023年报.pdf
    gongkai check_report 年报文件夹/ --output 检查汇总.xlsx
    gongkai check_report a.html b.docx --json

Reads HTML (a saved page, Word's web page too), plain text, DOCX, XLSX, text PDFs and Gongkai's
JSON. A folder stands for every report in it. Each report gets a verdict: 一致, 有错误 or
无法完整读取 (with what could not be read). Exit status: 0 when every report is 一致, 1 when any
has an error (errors win), 3 when any could not be read in full (a scan that needs OCR, a damaged
or empty file, a file too complex to check within the limits, a table or row not read, a
carry-over that could not be checked), 2 for a usage error (nothing checked). Each file is read
in a child process with GONGKAI_CHECK_MEMORY_MB and GONGKAI_CHECK_SECONDS, after the reader's own
caps. See docs/checker.md.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import CommandParser

from gongkai.core.cli import GongkaiCommand, UsageError
from gongkai.reports import checker, sandbox


class Command(GongkaiCommand):
    help = "检查已公开的政府信息公开工作年度报告：读取表格，核对勾稽关系，指出不相符之处。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", metavar="FILE", help="年度报告文件或文件夹")
        parser.add_argument("--json", action="store_true", help="以 JSON 输出（每个文件一个对象）")
        parser.add_argument(
            "--previous", metavar="FILE", help="同一单位上一年度的报告，用于核对上年结转"
        )
        parser.add_argument(
            "--output", metavar="FILE", help="汇总表（.csv 或 .xlsx）：单位、年度、格式、错误、警告"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        output = Path(options["output"]) if options.get("output") else None
        if output is not None and output.suffix.lower() not in (".csv", ".xlsx"):
            raise UsageError("汇总表的后缀应为 .csv 或 .xlsx")
        paths: list[Path] = []
        for name in options["files"]:
            path = Path(name)
            if path.is_dir():
                found = checker.report_files(path)
                if not found:
                    raise UsageError(f"文件夹“{name}”中没有可检查的报告文件")
                paths.extend(found)
            elif not path.exists():
                raise UsageError(f"文件“{name}”不存在")
            else:
                paths.append(path)
        previous = Path(options["previous"]) if options.get("previous") else None
        if previous is not None and len(paths) != 1:
            raise UsageError("--previous 只能与一份报告一起使用")
        if previous is not None and not previous.is_file():
            raise UsageError(f"上一年度报告“{previous}”不存在或不是文件")
        limits = sandbox.configured()
        results = [sandbox.check_file(path, previous, limits=limits) for path in paths]
        if options["json"]:
            self.stdout.write(
                json.dumps([r.as_dict() for r in results], ensure_ascii=False, indent=1)
            )
        else:
            self.stdout.write(checker.summary_text(results), ending="")
        if output is not None:
            content = (
                checker.summary_csv(results)
                if output.suffix.lower() == ".csv"
                else checker.summary_xlsx(results)
            )
            try:
                output.write_bytes(content)
            except OSError as exc:
                raise UsageError(f"无法写入汇总表“{output}”：{exc.strerror}") from None
            self.stderr.write(f"汇总表已写入 {output}")
        status = checker.exit_status(results)
        if status:
            raise SystemExit(status)
