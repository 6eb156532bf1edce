"""The monthly figures as an XLSX workbook for the superior office: the scope's figures on the
first sheet, one row per unit on the second (the district's export only). Every cell goes
through gongkai.core.spreadsheet.safe_cell."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Font

from gongkai.core.spreadsheet import safe_row
from gongkai.statistics.figures import show_number, show_percent
from gongkai.statistics.selectors import Figures, MonthReport

UNIT_COLUMNS = (
    "单位",
    "新收申请",
    "办结",
    "答复送达",
    "按期答复",
    "按期答复率",
    "答复用时中位数（工作日）",
    "主动公开信息",
    "未按期更新栏目",
)


def unit_row(name: str, figures: Figures) -> list[object]:
    return [
        name,
        figures.new,
        figures.concluded,
        figures.answered,
        figures.on_time,
        show_percent(figures.on_time_rate),
        show_number(figures.median_days),
        figures.published_total,
        len(figures.stale),
    ]


def to_xlsx(report: MonthReport, *, scope: str, with_units: bool) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "汇总"
    bold = Font(bold=True)
    sheet.append(safe_row([f"{scope}政府信息公开工作月度统计（{report.month.label}）"]))
    sheet["A1"].font = bold
    sheet.append(safe_row([f"栏目更新情况截至 {report.as_of:%Y-%m-%d}"]))
    total = report.total

    def block(title: str, rows: list[tuple[str, int]], head: str = "件数") -> None:
        sheet.append([])
        sheet.append(safe_row([title, head]))
        sheet.cell(row=sheet.max_row, column=1).font = bold
        for label, value in rows:
            sheet.append(safe_row([label, value]))
        sheet.append(safe_row(["合计", sum(v for _, v in rows)]))

    block("新收申请（按渠道）", total.channel_rows())
    block("新收申请（按申请人类型）", total.applicant_rows())
    block("办结申请（按办理结果）", total.outcome_rows())
    sheet.append([])
    sheet.append(safe_row(["答复", "数值"]))
    sheet.cell(row=sheet.max_row, column=1).font = bold
    for label, value in (
        ("答复送达（件）", total.answered),
        ("按期答复（件）", total.on_time),
        ("按期答复率", show_percent(total.on_time_rate)),
        ("答复用时中位数（工作日）", show_number(total.median_days)),
    ):
        sheet.append(safe_row([label, value]))
    block("主动公开信息（按栏目类型）", total.published_rows(), "条数")
    sheet.append([])
    sheet.append(safe_row(["未按期更新栏目", len(total.stale)]))
    sheet.cell(row=sheet.max_row, column=1).font = bold
    for stale in total.stale:
        column = stale.column
        sheet.append(
            safe_row(
                [
                    f"{column.unit.name}：{column.name}",
                    f"{stale.staleness.days}天未更新（应{stale.staleness.interval}天内更新）",
                ]
            )
        )
    sheet.column_dimensions["A"].width = 40
    sheet.column_dimensions["B"].width = 30
    if with_units:
        units = book.create_sheet("各单位")
        units.append(safe_row(list(UNIT_COLUMNS)))
        for cell in units[1]:
            cell.font = bold
        for unit, figures in report.units:
            units.append(safe_row(unit_row(unit.name, figures)))
        units.append(safe_row(unit_row("全区合计", total)))
        units.column_dimensions["A"].width = 40
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
