"""The assessment's spreadsheets: the summary table in the office's layout (units as rows, the
sections and their items as columns, the total and the rank), the template the third-party
evaluator fills in, and reading that template back. Every cell written goes through
:func:`gongkai.core.spreadsheet.safe_cell`."""

from __future__ import annotations

import io
import zipfile
from decimal import Decimal, InvalidOperation
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from gongkai.assessment.rubric import Rubric, Scoring
from gongkai.assessment.services import ImportedScore
from gongkai.core.spreadsheet import safe_cell
from gongkai.units.models import Unit

CODE_HEADER = "单位代码"
NAME_HEADER = "单位名称"
NOTE_HEADER = "说明"
MAX_ROWS = 2000

_BOLD = Font(bold=True)
_CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)


class ImportProblems(ValueError):
    """The file is refused. ``problems`` lists every problem, in Chinese."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("；".join(problems))


def _number(text: str | None) -> float | str:
    if text is None:
        return ""
    value = Decimal(text)
    return int(value) if value == value.to_integral_value() else float(value)


def _header(item_id: str, name: str, points: Decimal) -> str:
    return f"{item_id} {name}（{points}分）"


def export(title: str, rubric: Rubric, rows: list[dict[str, Any]], *, locked: bool) -> bytes:
    """序号、单位, then per section its items and 小计, then 总分 and 排名."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "考核汇总"
    width = 2 + sum(len(s.items) + 1 for s in rubric.sections) + 2
    sheet.append([safe_cell(title + ("" if locked else "（评分中，未锁定）"))])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    sheet.cell(1, 1).font = Font(bold=True, size=14)
    sheet.cell(1, 1).alignment = _CENTER
    top: list[Any] = ["序号", "单位"]
    second: list[Any] = ["", ""]
    spans = []
    column = 3
    for section in rubric.sections:
        spans.append((column, column + len(section.items), f"{section.name}（{section.points}分）"))
        for item in section.items:
            top.append("")
            second.append(_header(item.id, item.name, item.points))
        top.append("")
        second.append("小计")
        column += len(section.items) + 1
    top += [f"总分（{rubric.total}分）", "排名"]
    second += ["", ""]
    sheet.append([safe_cell(v) for v in top])
    sheet.append([safe_cell(v) for v in second])
    for start, end, label in spans:
        sheet.cell(2, start, safe_cell(label))
        sheet.merge_cells(start_row=2, start_column=start, end_row=2, end_column=end)
    for col in (1, 2, width - 1, width):
        sheet.merge_cells(start_row=2, start_column=col, end_row=3, end_column=col)
    for cells in sheet.iter_rows(min_row=2, max_row=3):
        for cell in cells:
            cell.font = _BOLD
            cell.alignment = _CENTER
    for index, row in enumerate(rows, start=1):
        values: list[Any] = [index, row["unit"]["name"]]
        # by the rubric's order: a snapshot stored as JSON keeps no order of keys (jsonb)
        by_id = {section["id"]: section for section in row["sections"]}
        for section in rubric.sections:
            scored = by_id[section.id]
            values.extend(_number(scored["items"].get(item.id)) for item in section.items)
            values.append(_number(scored["score"]))
        values += [_number(row["total"]), row["rank"]]
        sheet.append([safe_cell(v) for v in values])
    sheet.column_dimensions["A"].width = 6
    sheet.column_dimensions["B"].width = 30
    for col in range(3, width + 1):
        sheet.column_dimensions[get_column_letter(col)].width = 11
    sheet.row_dimensions[3].height = 60
    sheet.freeze_panes = "C4"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def third_party_items(rubric: Rubric) -> list[Any]:
    return [item for item in rubric.items() if item.scoring is Scoring.THIRD_PARTY]


def template(rubric: Rubric, units: list[Unit], given: dict[tuple[int, str], Decimal]) -> bytes:
    """One row per unit, one column per third-party item; scores already imported filled in."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "第三方评估得分"
    items = third_party_items(rubric)
    sheet.append(
        [safe_cell(v) for v in
         [CODE_HEADER, NAME_HEADER, *(_header(i.id, i.name, i.points) for i in items), NOTE_HEADER]]
    )  # fmt: skip
    for cell in sheet[1]:
        cell.font = _BOLD
        cell.alignment = _CENTER
    for unit in units:
        scores = [given.get((unit.pk, i.id)) for i in items]
        sheet.append(
            [safe_cell(v) for v in
             [unit.code, unit.name, *(float(s) if s is not None else None for s in scores), ""]]
        )  # fmt: skip
    sheet.column_dimensions["A"].width = 14
    sheet.column_dimensions["B"].width = 30
    for col in range(3, len(items) + 4):
        sheet.column_dimensions[get_column_letter(col)].width = 24
    sheet.freeze_panes = "C2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def read_import(content: bytes, rubric: Rubric, units: dict[str, Unit]) -> list[ImportedScore]:
    """The scores in a filled-in template, or ImportProblems listing every problem. An empty
    score cell imports nothing for that unit and item."""
    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (zipfile.BadZipFile, OSError, KeyError, ValueError, TypeError):
        raise ImportProblems(["无法读取该 XLSX 文件，请使用下载的模板填写后上传"]) from None
    sheet = book.worksheets[0] if book.worksheets else None
    if sheet is None:
        raise ImportProblems(["文件中没有工作表"])
    rows = sheet.iter_rows(values_only=True)
    header = next(rows, None)
    if not header:
        raise ImportProblems(["第1行应为表头（单位代码、单位名称、各第三方评估项目、说明）"])
    names = [str(v).strip() if v is not None else "" for v in header]
    problems: list[str] = []
    if CODE_HEADER not in names:
        raise ImportProblems([f"表头中没有“{CODE_HEADER}”列，请使用下载的模板"])
    code_col = names.index(CODE_HEADER)
    note_col = names.index(NOTE_HEADER) if NOTE_HEADER in names else None
    wanted = {item.id: item for item in third_party_items(rubric)}
    item_cols: dict[int, Any] = {}
    for col, name in enumerate(names):
        if col in (code_col, note_col) or name in ("", NAME_HEADER):
            continue
        item_id = name.split()[0]
        try:
            item = rubric.item(item_id)
        except KeyError:
            problems.append(f"第1行：表头“{name[:40]}”不是考核细则中的项目")
            continue
        if item.id not in wanted:
            problems.append(f"第1行：“{item.id} {item.name}”是{item.scoring.label}项目，不能导入")
            continue
        item_cols[col] = item
    if not item_cols and not problems:
        problems.append("表头中没有第三方评估项目的列")
    out: list[ImportedScore] = []
    seen: dict[str, int] = {}
    for number, values in enumerate(rows, start=2):
        if number > MAX_ROWS:
            problems.append(f"文件超过{MAX_ROWS}行")
            break
        cells = list(values)
        if not any(v not in (None, "") for v in cells):
            continue
        code = str(cells[code_col] if code_col < len(cells) and cells[code_col] is not None else "")
        code = code.strip()
        unit = units.get(code)
        if unit is None:
            problems.append(f"第{number}行：单位代码“{code[:30]}”不存在")
            continue
        if code in seen:
            problems.append(f"第{number}行：单位“{unit.short_name}”与第{seen[code]}行重复")
            continue
        seen[code] = number
        note = ""
        if note_col is not None and note_col < len(cells) and cells[note_col] is not None:
            note = str(cells[note_col]).strip()[:1000]
        for col, item in item_cols.items():
            raw = cells[col] if col < len(cells) else None
            if raw is None or (isinstance(raw, str) and not raw.strip()):
                continue
            try:
                if isinstance(raw, bool):
                    raise InvalidOperation
                score = Decimal(str(raw).strip())
            except InvalidOperation:
                problems.append(f"第{number}行 {item.id}：“{str(raw)[:20]}”不是数字")
                continue
            if not score.is_finite() or score < 0 or score > item.points:
                problems.append(f"第{number}行 {item.id}：得分{score}不在0至{item.points}分之间")
                continue
            if score != score.quantize(Decimal("0.1")):
                problems.append(f"第{number}行 {item.id}：得分最多保留一位小数")
                continue
            out.append(ImportedScore(unit, item.id, score.quantize(Decimal("0.1")), note))
    if problems:
        raise ImportProblems(problems[:50])
    if not out:
        raise ImportProblems(["文件中没有可导入的得分"])
    return out
