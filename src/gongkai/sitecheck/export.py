"""The self-check as an XLSX in the layout of the quarterly 自查表 the office files: a title, the
site, the date and basis, then one row per indicator (序号, 指标类别, 检查指标, 检查要求, 检查结果,
结论, 问题说明, 预计单项否决日期), and a second sheet with each column's forecast. Every cell is
written through :func:`gongkai.core.spreadsheet.safe_cell`: a column's name is the office's text."""

from __future__ import annotations

import io
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from gongkai.core.spreadsheet import safe_cell
from gongkai.sitecheck.indicators import Report, Verdict

HEADER = ("序号", "指标类别", "检查指标", "检查要求", "检查结果", "结论", "问题说明",
          "预计单项否决日期")  # fmt: skip
FORECAST_HEADER = ("检查指标", "栏目", "最近更新", "预计超期日期", "状态")
VETO_KEYS = frozenset({"home_page", "news_columns", "policy_columns", "long_stale_columns",
                       "blank_columns", "backdated_items", "unanswered_messages"})  # fmt: skip
FINDINGS_SHOWN = 50


def quarter(report: Report) -> str:
    return f"{report.today.year}年第{(report.today.month - 1) // 3 + 1}季度"


def _row(sheet: Any, values: list[Any]) -> None:
    sheet.append([safe_cell(v) for v in values])


def workbook(report: Report, *, site_name: str) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "自查表"
    _row(sheet, [f"政府网站自查表（{quarter(report)}）"])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADER))
    _row(sheet, ["网站名称", site_name, "", "检查日期", report.today.isoformat()])
    _row(sheet, ["检查依据", report.source, "", "总体结论", report.verdict.label])
    _row(sheet, list(HEADER))
    for cell in sheet[4]:
        cell.font = Font(bold=True)
    for n, result in enumerate(report.results, 1):
        findings = list(result.findings[:FINDINGS_SHOWN])
        if len(result.findings) > FINDINGS_SHOWN:
            findings.append(f"……共{len(result.findings)}项")
        _row(sheet, [
            n,
            "单项否决指标" if result.key in VETO_KEYS else "扣分指标",
            result.name,
            result.rule,
            result.summary,
            result.verdict.label,
            "\n".join(findings),
            result.veto_from.isoformat() if result.veto_from else "",
        ])  # fmt: skip
    for letter, width in zip("ABCDEFGH", (6, 12, 22, 40, 40, 10, 60, 14), strict=True):
        sheet.column_dimensions[letter].width = width
    for row in sheet.iter_rows(min_row=5):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    forecast = book.create_sheet("更新预测")
    _row(forecast, list(FORECAST_HEADER))
    for cell in forecast[1]:
        cell.font = Font(bold=True)
    for result in report.results:
        for f in result.forecasts:
            late = f.stale_from <= report.today
            _row(forecast, [result.name, f.subject, f.since.isoformat(), f.stale_from.isoformat(),
                            "已超期" if late else "未超期"])  # fmt: skip
    for letter, width in zip("ABCDE", (22, 40, 14, 14, 10), strict=True):
        forecast.column_dimensions[letter].width = width
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def is_veto(report: Report) -> bool:
    return report.verdict == Verdict.VETO
