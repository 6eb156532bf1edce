"""The return as DOCX (python-docx), XLSX (openpyxl, every cell through
:func:`gongkai.core.spreadsheet.safe_cell`), HTML rows and JSON, all from the built return
(:func:`gongkai.websitereport.services.build`)."""

from __future__ import annotations

import io
import json
from typing import Any

from docx import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from gongkai.core.chars import xml_safe
from gongkai.core.spreadsheet import safe_cell

FORMATS = {
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".json": "application/json",
}


def shown(row: dict[str, Any]) -> str:
    """A row's value as the table shows it: a number, 是/否, text; 未填写 when empty."""
    value = row.get("value")
    if value in (None, ""):
        return "未填写"
    if isinstance(value, float):
        value = f"{value:.1f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))
    return str(value)


def table_rows(built: dict[str, Any]) -> list[tuple[str, str, str, str, str]]:
    """(section, group, label, value, unit) for every row, in the form's order."""
    return [
        (r["section"], r["group"], r["label"], shown(r), r["unit"] and f"单位：{r['unit']}")
        for r in built["rows"]
    ]


def sections(built: dict[str, Any]) -> list[tuple[str, list[dict[str, Any]]]]:
    """(section, [row + shown value]) in order, for the HTML template."""
    out: list[tuple[str, list[dict[str, Any]]]] = []
    for row in built["rows"]:
        if not out or out[-1][0] != row["section"]:
            out.append((row["section"], []))
        out[-1][1].append({**row, "shown": shown(row)})
    return out


def docx(built: dict[str, Any]) -> bytes:
    document = DocxDocument()
    style = document.styles["Normal"]
    style.font.size = Pt(10.5)
    heading = document.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = heading.add_run(xml_safe(built["title"]))
    run.bold = True
    run.font.size = Pt(16)
    document.add_paragraph(xml_safe(f"（{built['year']}年度）  依据：{built['basis']}"))
    table = document.add_table(rows=0, cols=4)
    table.style = "Table Grid"
    for section, group, label, value, unit in table_rows(built):
        cells = table.add_row().cells
        for cell, text in zip(
            cells, (section, group, label, f"{value}  {unit}".strip()), strict=True
        ):
            cell.text = xml_safe(text)
    differences = built.get("reconciliation", {}).get("differences", [])
    document.add_paragraph(xml_safe(built.get("reconciliation", {}).get("note", "")))
    for line in differences:
        document.add_paragraph(xml_safe(f"核对差异：{line}"))
    if built.get("published"):
        document.add_paragraph(xml_safe(f"发布日期：{built['published']}"))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def xlsx(built: dict[str, Any]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "政府网站工作年度报表"
    sheet.append([safe_cell(built["title"])])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([safe_cell(f"{built['year']}年度"), safe_cell(built["basis"])])
    sheet.append([safe_cell(h) for h in ("类别", "分项", "指标", "数值", "单位")])
    for cell in sheet[3]:
        cell.font = Font(bold=True)
    for row in built["rows"]:
        value = row["value"]
        written: Any = value if isinstance(value, int | float) else shown(row)
        sheet.append(
            [safe_cell(row["section"]), safe_cell(row["group"]), safe_cell(row["label"]),
             safe_cell(written), safe_cell(row["unit"])]
        )  # fmt: skip
    for line in built.get("reconciliation", {}).get("differences", []):
        sheet.append([safe_cell("核对差异"), safe_cell(line)])
    for column, width in zip("ABCDE", (14, 14, 34, 24, 8), strict=True):
        sheet.column_dimensions[column].width = width
    for line in sheet.iter_rows(min_row=4):
        for cell in line:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def produce(built: dict[str, Any], suffix: str) -> tuple[str, bytes]:
    """(content type, content) of the return in ``suffix`` (.docx, .xlsx, .json)."""
    if suffix == ".docx":
        return FORMATS[suffix], docx(built)
    if suffix == ".xlsx":
        return FORMATS[suffix], xlsx(built)
    if suffix == ".json":
        text = json.dumps(built, ensure_ascii=False, indent=2)
        return "application/json; charset=utf-8", text.encode("utf-8")
    raise KeyError(suffix)
