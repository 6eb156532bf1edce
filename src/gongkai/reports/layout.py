"""The tables of the official format as grids of merged cells, shared by the HTML, DOCX and XLSX
outputs so all three lay the table out the same way as the template. Pure."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from gongkai import report_format as fmt
from gongkai.report_format import FormatVersion

CAPTION = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"


@dataclass(frozen=True)
class Cell:
    row: int
    col: int
    text: str = ""
    rowspan: int = 1
    colspan: int = 1
    header: bool = False
    scope: str = ""  # col, colgroup, row, rowgroup (HTML)
    key: tuple[str, str] | None = None  # the (row label, column label) a data cell shows
    value: Any = None


@dataclass
class Grid:
    rows: int
    cols: int
    cells: list[Cell] = field(default_factory=list)
    header_rows: int = 0

    def add(self, cell: Cell) -> None:
        self.cells.append(cell)

    def by_row(self) -> Iterator[list[Cell]]:
        for r in range(self.rows):
            yield sorted((c for c in self.cells if c.row == r), key=lambda c: c.col)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def table3(rows: Mapping[str, Mapping[str, Any]], version: FormatVersion) -> Grid:
    results = fmt.result_labels(version)
    body = 2 + len(results) + 2
    grid = Grid(rows=3 + body, cols=3 + len(fmt.COLUMNS), header_rows=3)
    grid.add(Cell(0, 0, CAPTION, 3, 3, True, "col"))
    grid.add(Cell(0, 3, "申请人情况", 1, len(fmt.COLUMNS), True, "colgroup"))
    grid.add(Cell(1, 3, fmt.NATURAL_PERSON, 2, 1, True, "col"))
    grid.add(Cell(1, 4, "法人或其他组织", 1, len(fmt.LEGAL_PERSON_COLUMNS), True, "colgroup"))
    grid.add(Cell(1, 3 + len(fmt.COLUMNS) - 1, fmt.TOTAL, 2, 1, True, "col"))
    for i, column in enumerate(fmt.LEGAL_PERSON_COLUMNS):
        grid.add(Cell(2, 4 + i, column, header=True, scope="col"))

    def data(r: int, label: str) -> None:
        for i, column in enumerate(fmt.COLUMNS):
            value = rows.get(label, {}).get(column)
            grid.add(Cell(r, 3 + i, _text(value), key=(label, column), value=value))

    r = 3
    for label in (fmt.ROW_NEW, fmt.ROW_CARRIED_IN):
        grid.add(Cell(r, 0, label, 1, 3, True, "row"))
        data(r, label)
        r += 1
    grid.add(Cell(r, 0, fmt.ROW_RESULTS_GROUP, len(results) + 1, 1, True, "rowgroup"))
    seen_groups: set[str] = set()
    for label in results:
        if "/" in label:
            group, sub = label.split("/", 1)
            if group not in seen_groups:
                seen_groups.add(group)
                size = sum(1 for other in results if other.startswith(group + "/"))
                grid.add(Cell(r, 1, group, size, 1, True, "rowgroup"))
            grid.add(Cell(r, 2, sub, header=True, scope="row"))
        else:
            grid.add(Cell(r, 1, label, 1, 2, True, "row"))
        data(r, label)
        r += 1
    grid.add(Cell(r, 1, fmt.ROW_RESULTS_TOTAL, 1, 2, True, "row"))
    data(r, fmt.ROW_RESULTS_TOTAL)
    r += 1
    grid.add(Cell(r, 0, fmt.ROW_CARRIED_OUT, 1, 3, True, "row"))
    data(r, fmt.ROW_CARRIED_OUT)
    return grid


def table4(groups: Mapping[str, Mapping[str, Any]]) -> Grid:
    grid = Grid(rows=4, cols=15, header_rows=3)
    grid.add(Cell(0, 0, "行政复议", 1, 5, True, "colgroup"))
    grid.add(Cell(0, 5, "行政诉讼", 1, 10, True, "colgroup"))
    for i, cell in enumerate(fmt.TABLE4_CELLS):
        grid.add(Cell(1, i, cell, 2, 1, True, "col"))
    grid.add(Cell(1, 5, "未经复议直接起诉", 1, 5, True, "colgroup"))
    grid.add(Cell(1, 10, "复议后起诉", 1, 5, True, "colgroup"))
    for block, start in ((fmt.LITIGATION_DIRECT, 5), (fmt.LITIGATION_AFTER_REVIEW, 10)):
        del block
        for i, cell in enumerate(fmt.TABLE4_CELLS):
            grid.add(Cell(2, start + i, cell, header=True, scope="col"))
    for g, group in enumerate(fmt.TABLE4_GROUPS):
        for i, cell in enumerate(fmt.TABLE4_CELLS):
            value = groups.get(group, {}).get(cell)
            grid.add(Cell(3, g * 5 + i, _text(value), key=(group, cell), value=value))
    return grid


def table2(blocks: Mapping[str, Mapping[str, Mapping[str, Any]]], version: FormatVersion) -> Grid:
    definitions = fmt.TABLE2[version]
    width = 1 + max(len(b.columns) for b in definitions)
    height = sum(2 + len(b.rows) for b in definitions)
    grid = Grid(rows=height, cols=width)
    r = 0
    for block in definitions:
        grid.add(Cell(r, 0, block.item, 1, width, True, "colgroup"))
        r += 1
        grid.add(Cell(r, 0, "信息内容", header=True, scope="col"))
        span = (width - 1) // len(block.columns)
        for i, column in enumerate(block.columns):
            last = i == len(block.columns) - 1
            grid.add(
                Cell(
                    r, 1 + i * span, column, 1, width - 1 - i * span if last else span, True, "col"
                )
            )
        r += 1
        for row in block.rows:
            grid.add(Cell(r, 0, row, header=True, scope="row"))
            for i, column in enumerate(block.columns):
                last = i == len(block.columns) - 1
                value = blocks.get(block.item, {}).get(row, {}).get(column)
                grid.add(
                    Cell(
                        r,
                        1 + i * span,
                        _text(value),
                        1,
                        width - 1 - i * span if last else span,
                        key=(f"{block.item}/{row}", column),
                        value=value,
                    )
                )
            r += 1
    return grid
