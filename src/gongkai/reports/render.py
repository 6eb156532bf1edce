"""A report as HTML tables, DOCX (laid out as the official format, merged header cells and
all), XLSX and JSON — all from the same JSON and the same grids (:mod:`layout`)."""

from __future__ import annotations

import html
import io
import json
from collections.abc import Callable
from typing import Any

from docx import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from gongkai import report_format as fmt
from gongkai.core.chars import strip_illegal, xml_safe
from gongkai.report_format import FormatVersion
from gongkai.reports import layout

Link = Callable[[str, tuple[str, str]], str | None]  # (table, key) -> URL or None


def grids(report: dict[str, Any]) -> list[tuple[str, str, layout.Grid]]:
    """(section title, table name, grid) for tables 二, 三 and 四."""
    version = FormatVersion(report["format"])
    return [
        (fmt.SECTION_TITLES[1], "二", layout.table2(report.get("proactive", {}), version)),
        (fmt.SECTION_TITLES[2], "三", layout.table3(report["applications"]["rows"], version)),
        (fmt.SECTION_TITLES[3], "四", layout.table4(report["review_litigation"])),
    ]


def grid_html(grid: layout.Grid, *, name: str, link: Link | None = None) -> str:
    """A table with real header cells (th scope), merged as in the template."""
    out = [f'<table class="report-table" data-table="{name}">']
    for r, cells in enumerate(grid.by_row()):
        if r == 0 and grid.header_rows:
            out.append("<thead>")
        if r == grid.header_rows:
            out.append("</thead><tbody>" if grid.header_rows else "<tbody>")
        out.append("<tr>")
        for cell in cells:
            spans = ""
            if cell.rowspan > 1:
                spans += f' rowspan="{cell.rowspan}"'
            if cell.colspan > 1:
                spans += f' colspan="{cell.colspan}"'
            text = html.escape(cell.text)
            if cell.header:
                out.append(f'<th scope="{cell.scope}"{spans}>{text}</th>')
            else:
                url = link(name, cell.key) if link and cell.key else None
                if url and cell.text not in ("", "0"):
                    text = f'<a href="{html.escape(url)}">{text}</a>'
                out.append(f'<td class="num"{spans}>{text}</td>')
        out.append("</tr>")
    out.append("</tbody></table>")
    return "".join(out)


def to_json(report: dict[str, Any]) -> str:
    return json.dumps(report, ensure_ascii=False, indent=2)


# --- DOCX ---------------------------------------------------------------------------------------
FONT = "仿宋"
TITLE_FONT = "宋体"


def _run(paragraph: Any, text: str, size: float, *, bold: bool = False, font: str = FONT) -> None:
    run = paragraph.add_run(strip_illegal(text))  # XML cannot hold them (gongkai.core.chars)
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.name = font
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)


def _borders(table: Any) -> None:
    properties = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "single")
        element.set(qn("w:sz"), "4")
        element.set(qn("w:color"), "000000")
        borders.append(element)
    properties.append(borders)


def _widths(name: str, cols: int) -> list[float]:
    """Column widths (mm) that fit the 166 mm between the margins, label columns wider."""
    if name == "二":
        return [40.0] + [126.0 / (cols - 1)] * (cols - 1)
    if name == "三":
        return [15.0, 21.0, 32.0] + [14.0] * (cols - 3)
    return [166.0 / cols] * cols


def _docx_table(document: Any, grid: layout.Grid, size: float, name: str) -> None:
    table = document.add_table(rows=grid.rows, cols=grid.cols)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _borders(table)
    widths = _widths(name, grid.cols)
    for index, column in enumerate(table.columns):  # the grid LibreOffice and WPS read
        column.width = Mm(widths[index])
    for row in table.rows:
        for index, item in enumerate(row.cells):
            item.width = Mm(widths[index])
    for cell in grid.cells:  # the spans first, while every cell is still empty
        if cell.rowspan > 1 or cell.colspan > 1:
            table.cell(cell.row, cell.col).merge(
                table.cell(cell.row + cell.rowspan - 1, cell.col + cell.colspan - 1)
            )
    # then the text: each row's cells read once (``table.cell`` reads the whole table each time,
    # which made a report's tables take most of a second)
    cells = [row.cells for row in table.rows]
    for cell in grid.cells:
        paragraph = cells[cell.row][cell.col].paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _run(paragraph, cell.text, size, bold=cell.header and cell.scope in ("col", "colgroup"))


def to_docx(report: dict[str, Any]) -> bytes:
    document = DocxDocument()
    section = document.sections[0]
    section.page_height, section.page_width = Mm(297), Mm(210)
    section.top_margin, section.bottom_margin = Mm(30), Mm(25)
    section.left_margin, section.right_margin = Mm(22), Mm(22)
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(
        title,
        report.get("title") or f"{report['agency']}{report['year']}年政府信息公开工作年度报告",
        20,
        bold=True,
        font=TITLE_FONT,
    )
    sections = report.get("sections", {})
    tables = {heading: (name, grid) for heading, name, grid in grids(report)}
    for heading in fmt.SECTION_TITLES:
        paragraph = document.add_paragraph()
        _run(paragraph, heading, 15, bold=True, font="黑体")
        if heading in tables:
            name, grid = tables[heading]
            _docx_table(document, grid, 9 if name == "三" else 10, name)
            continue
        for line in (sections.get(heading) or "").splitlines():
            if line.strip():
                body = document.add_paragraph()
                body.paragraph_format.first_line_indent = Pt(28)
                _run(body, line.strip(), 14)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# --- XLSX ---------------------------------------------------------------------------------------
def to_xlsx(report: dict[str, Any]) -> bytes:
    book = Workbook()
    first = book.active
    assert first is not None
    book.remove(first)
    thin = Side(style="thin", color="000000")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    for heading, name, grid in grids(report):
        sheet = book.create_sheet(f"表{name}")
        sheet.cell(row=1, column=1, value=xml_safe(heading)).font = Font(bold=True, size=12)
        offset = 2
        for cell in grid.cells:
            target = sheet.cell(row=offset + cell.row, column=1 + cell.col)
            value: Any = cell.value if cell.key and cell.value is not None else cell.text
            target.value = xml_safe(value) if value != "" else None
            target.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            if cell.header:
                target.font = Font(bold=True)
            if cell.rowspan > 1 or cell.colspan > 1:
                sheet.merge_cells(
                    start_row=offset + cell.row,
                    start_column=1 + cell.col,
                    end_row=offset + cell.row + cell.rowspan - 1,
                    end_column=1 + cell.col + cell.colspan - 1,
                )
        for row in sheet.iter_rows(
            min_row=offset, max_row=offset + grid.rows - 1, max_col=grid.cols
        ):
            for item in row:
                item.border = border
        for col in range(1, grid.cols + 1):
            sheet.column_dimensions[get_column_letter(col)].width = (
                12 if col > 3 or name != "三" else 16
            )
    book.properties.title = strip_illegal(report.get("title") or "")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def to_html_page(report: dict[str, Any]) -> str:
    """A standalone page (for the command line); the portal uses its own template."""
    parts = [f"<h1>{html.escape(report.get('title', ''))}</h1>"]
    tables = {heading: (name, grid) for heading, name, grid in grids(report)}
    for heading in fmt.SECTION_TITLES:
        parts.append(f"<h2>{html.escape(heading)}</h2>")
        if heading in tables:
            name, grid = tables[heading]
            parts.append(grid_html(grid, name=name))
        else:
            for line in (report.get("sections", {}).get(heading) or "").splitlines():
                if line.strip():
                    parts.append(f"<p>{html.escape(line.strip())}</p>")
    style = (
        "body{font-family:'SimSun','宋体',serif;max-width:1000px;margin:2em auto;}"
        "table{border-collapse:collapse;margin:1em 0;font-size:13px;}"
        "th,td{border:1px solid #000;padding:3px 6px;text-align:center;}"
        "h1{text-align:center;font-size:22px;}"
    )
    return (
        f'<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">'
        f"<title>{html.escape(report.get('title', ''))}</title><style>{style}</style>"
        f"</head><body>{''.join(parts)}</body></html>"
    )
