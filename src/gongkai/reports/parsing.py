"""From the lines of a report (:mod:`reading`) to its tables, in the shape of the JSON files of
published reports: exact labels of the format as keys, ``None`` for a blank cell. Pure.

How a table is found: sections 二, 三 and 四 by their titles (by their words, not their
numbers, since reports renumber them); in each, the rows whose cells after the row label are all
numbers, blanks or placeholders. Table 三 has a fixed order of rows (23 in the 2019 format, 25 in
2021), so its rows are aligned to the format by order, with the printed labels as evidence: a
row whose label is lost or garbled (OCR) still takes its place in the order, and the choice is
reported as a note. Where the order cannot settle it (rows missing or extra), nothing is guessed:
the row is reported missing.

Each cell is read as a number, a blank (``None``), a placeholder ("/", "—", "-", "无": also
``None``, recorded with its mark) or text (kept as printed and reported).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field, replace
from difflib import SequenceMatcher
from typing import Any

from gongkai import report_format as fmt
from gongkai.report_format import FormatVersion
from gongkai.reports import ocr, reading
from gongkai.reports.identities import NOTE, UNREAD, WARNING, Finding
from gongkai.reports.reading import Document, Line, ReadError, TooComplex, normalise

# --- cells --------------------------------------------------------------------------------------
MARKS = frozenset({"/", "\\", "—", "——", "-", "--", "–", "―", "一", "无", "×", "x", "X", "*"})
_OCR_DIGITS = str.maketrans({"O": "0", "o": "0", "〇": "0", "l": "1", "I": "1", "|": "1"})
_NUMBER = re.compile(r"-?\d+(\.\d+)?")


@dataclass(frozen=True)
class Cell:
    kind: str  # number, blank, mark, text
    value: int | float | str | None
    text: str
    repaired: bool = False  # read through OCR noise (O for 0, l for 1, …)
    ocr: bool = False  # read from a scan by OCR (reading.Line.confidence)
    confidence: float | None = None  # OCR's confidence (0-100); None: no ink at all


def _scanned(cells: tuple[Cell, ...], line: Line, start: int) -> tuple[Cell, ...]:
    """The cells of a line read by OCR, from its ``start``-th, with their confidences."""
    if line.confidence is None:
        return cells
    confidences = line.confidence
    if len(confidences) == 1 and len(line.cells) == 1:  # a line split on spaces: one for all
        confidences = confidences * (start + len(cells))
    return tuple(
        replace(
            cell,
            ocr=True,
            confidence=confidences[start + i] if 0 <= start + i < len(confidences) else None,
        )
        for i, cell in enumerate(cells)
    )


def read_cell(text: str) -> Cell:
    raw = text.strip()
    if not raw:
        return Cell("blank", None, "")
    folded = unicodedata.normalize("NFKC", raw).replace(" ", "")
    folded = re.sub(r"(?<=\d),(?=\d{3}(\D|$))", "", folded)  # thousands separators
    if folded in MARKS or set(folded) <= {"-", "—", "–", "―"}:
        return Cell("mark", None, raw)
    # a count of more than 15 digits is no count (and Python refuses to read 4,300 digits)
    if len(folded) <= 16 and _NUMBER.fullmatch(folded):
        number = float(folded) if "." in folded else int(folded)
        return Cell("number", number, raw)
    repaired = folded.translate(_OCR_DIGITS)
    # ASCII only: "፩".isdigit() is true, but int() cannot read it
    if (
        repaired.isascii()
        and repaired.isdigit()
        and len(repaired) <= 9
        and any(c.isdigit() for c in folded)
    ):
        return Cell("number", int(repaired), raw, repaired=True)
    return Cell("text", raw, raw)


def _is_value(cell: Cell) -> bool:
    return cell.kind in ("number", "mark", "blank")


@dataclass(frozen=True)
class Row:
    label: str
    values: tuple[Cell, ...]
    explicit: bool  # cell boundaries known (a table row), not split on spaces
    grid: bool


def split_row(line: Line) -> Row | None:
    """A row label and the value cells after it; None when text follows the label (a header)."""
    if line.loose:  # rejoined from one cell per line: the label, then the values as printed
        values = tuple(read_cell(c) for c in line.cells[1:])
        return Row(line.cells[0], values, False, False)
    if not line.table:
        tokens = line.cells[0].split(" ")
        i = len(tokens)
        while i > 0 and read_cell(tokens[i - 1]).kind in ("number", "mark"):
            i -= 1
        values = _scanned(tuple(read_cell(t) for t in tokens[i:]), line, i)
        return Row("".join(tokens[:i]), values, False, False)
    cells = list(line.cells)
    first = next((c for c in cells if c), "")
    last_label = -1
    if read_cell(first).kind == "text":
        for i, cell in enumerate(cells):
            kind = read_cell(cell).kind
            if kind == "text":
                last_label = i
            elif kind != "blank":
                break
    label = "".join(c for c in cells[: last_label + 1] if c)
    values = _scanned(tuple(read_cell(c) for c in cells[last_label + 1 :]), line, last_label + 1)
    if not all(_is_value(v) for v in values):
        # a header; but in a row read by OCR where most cells are numbers, a cell that is not
        # is a misreading to report, not a reason to lose the row
        numbers = sum(1 for v in values if v.kind == "number")
        if line.confidence is None or numbers * 2 < len(values):
            return None
    return Row(label, values, True, line.grid)


def _fit(row: Row, width: int) -> tuple[tuple[Cell, ...], bool]:
    """The row's cells cut to ``width``: extra blanks dropped (trailing ones for a table copied as
    text, leading ones for a grid, where label columns come first). False when it does not fit."""
    values = list(row.values)
    if row.grid and len(values) > width:
        values = values[-width:]
    while len(values) > width and values[-1].kind == "blank":
        values.pop()
    while len(values) > width and values[0].kind == "blank":
        values.pop(0)
    if len(values) > width:
        return tuple(values[:width]), False
    if len(values) < width:
        return (*values, *([Cell("blank", None, "")] * (width - len(values)))), False
    return tuple(values), True


# --- tables printed one cell per line -----------------------------------------------------------
# A row label of table 三 starts with its number (一、 （一） 1.); a cell after such a label is part
# of it (a label wrapped over two lines), a cell before it is a group or a header.
_ROW_START = re.compile(
    r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[）)]|\d+[.．、])"
)


# a number with its unit ("73802895.90元") is a value cell, kept as printed, not a label
_AMOUNT = re.compile(r"^-?[\d,]+(?:\.\d+)?\s*(?:万元|元|件|条|个|项)$")


def _single(line: Line) -> list[str] | None:
    """The cells of a line that holds one cell of a table printed one cell per line (or a run of
    values split on spaces); None for a line that is a row by itself (several cells, or a label
    followed by its values on the same line)."""
    if line.table:
        return [line.cells[0]] if len(line.cells) == 1 else None
    tokens = line.cells[0].split(" ")
    kinds = [read_cell(t).kind for t in tokens]
    if all(k in ("number", "mark") for k in kinds):
        return tokens
    if len(tokens) > 1 and kinds[-1] in ("number", "mark"):
        return None  # "行政许可 97": a label and its values
    return [line.cells[0]]


def _label_start(texts: list[str]) -> int:
    """Where the label of a row rejoined from cells begins: at the last cell that starts a row
    label of the format (the group cell and header cells before it are not part of it), else at
    the first text cell (header words of table 四, or of table 二 before 规章)."""
    starts = [i for i, text in enumerate(texts) if _ROW_START.match(normalise(text))]
    return starts[-1] if starts else 0


def rejoin(lines: list[Line]) -> tuple[list[Line], list[int]]:
    """Rows printed one cell per line (a table copied from a page as text: every cell on a line
    of its own) put back together: the text cells before a run of value cells are the row's
    label, the value cells its values. Lines that are rows already pass through, and so do text
    cells that no value follows (headers, paragraphs). A row rejoined from cells that carry no
    mark for a blank cell (plain lines, not ``|``-ended cells) is ``loose``: if it has fewer
    values than the table has columns, which column each stands in is not known.

    Returns the lines and, for each, the index of the last input line it was made from."""
    out: list[Line] = []
    origin: list[int] = []
    texts: list[tuple[int, Line]] = []
    values: list[str] = []
    marked = True  # every value cell came from a table line (blank cells kept)
    last = -1

    def flush() -> None:
        nonlocal marked
        if values:
            start = _label_start([line.cells[0] for _, line in texts])
            for index, line in texts[:start]:
                out.append(line)
                origin.append(index)
            label = "".join(line.cells[0] for _, line in texts[start:])
            if not marked:
                out.append(Line((label, *values), table=True, loose=True))
            else:
                out.append(Line(((label,) if label else ()) + tuple(values), table=True))
            origin.append(last)
        else:
            for index, line in texts:
                out.append(line)
                origin.append(index)
        texts.clear()
        values.clear()
        marked = True

    for index, line in enumerate(lines):
        cells = _single(line)
        if cells is None:
            flush()
            out.append(line)
            origin.append(index)
            continue
        if len(cells) == 1 and read_cell(cells[0]).kind == "text" and not _AMOUNT.match(cells[0]):
            if values:
                flush()
            texts.append((index, line))
        else:
            values.extend(cells)
            marked = marked and line.table
        last = index
    flush()
    return out, origin


# --- sections -----------------------------------------------------------------------------------
_NUMBERED = re.compile(r"^[一二三四五六七八九十]+[、.．]")


def _heading(line: Line) -> str | None:
    filled = [c for c in line.cells if c]
    if len(filled) != 1:  # a title may sit alone in a row (a sheet's first row)
        return None
    text = normalise(filled[0])
    if len(text) > 40 or not _NUMBERED.match(text):
        return None
    if "主动公开政府信息" in text:
        return "二"
    if "收到" in text and "申请" in text:
        return "三"
    if "复议" in text and "诉讼" in text:  # 四、政府信息公开行政法复议、行政诉讼情况 (2022 平潭)
        return "四"
    if "问题" in text and ("改进" in text or "整改" in text):
        return "五"
    if "其他需要报告" in text:
        return "六"
    return None


@dataclass
class Sections:
    start: dict[str, int] = field(default_factory=dict)

    def region(self, name: str, lines: list[Line]) -> tuple[int, int]:
        order = ["二", "三", "四", "五", "六"]
        begin = self.start[name]
        later = [self.start[n] for n in order[order.index(name) + 1 :] if n in self.start]
        later = [i for i in later if i > begin]
        return begin + 1, min(later) if later else len(lines)


def find_sections(lines: list[Line]) -> Sections:
    sections = Sections()
    for i, line in enumerate(lines):
        name = _heading(line)
        if name and name not in sections.start:
            sections.start[name] = i
    if "三" not in sections.start:  # a title lost: start at the first row of the table
        for i, line in enumerate(lines):
            if "本年新收" in normalise(line.text):
                sections.start["三"] = i - 1
                break
    return sections


# --- title --------------------------------------------------------------------------------------
_TITLE = re.compile(
    r"(?P<pre>[\u4e00-\u9fff（）()]{0,40}?)(?P<year>(?:19|20)\d{2})年度?"
    r"(?P<post>[\u4e00-\u9fff（）()]{0,40}?)(?:政府信息公开|政务公开|信息公开)(?:工作)?年度?报告"
)


# words before an agency's name in a sentence that names the report ("现公布区统计局2023年…")
_LEAD = re.compile(r"^(?:特此|现将|现予|现|特向社会)?(?:公布|发布|编制)?(?:了)?")


def find_title(lines: list[Line]) -> tuple[str, int | None]:
    """The agency and year, from the title (``X2024年政府信息公开工作年度报告`` and variants)."""
    texts = [normalise(c) for line in lines[:40] for c in line.cells if c][:60]
    for i, text in enumerate(texts):
        tries = [text]
        if i > 0:
            tries.append(texts[i - 1] + text)
        if i + 1 < len(texts):
            tries.append(text + texts[i + 1])
        found_year: int | None = None
        for attempt in tries:
            match = _TITLE.search(attempt)
            if match:
                found_year = int(match.group("year"))
                agency = _LEAD.sub("", match.group("pre") or match.group("post"))[:60]
                if agency:
                    return agency, found_year
        if found_year is not None:
            return "", found_year
    for line in lines[:60]:
        match = re.search(r"((?:19|20)\d{2})\s*年", line.text)
        if match:
            return "", int(match.group(1))
    return "", None


# --- the parsed report --------------------------------------------------------------------------
@dataclass
class Parsed:
    kind: str
    agency: str
    year: int | None
    format: FormatVersion
    layout: FormatVersion | None  # the rows table 三 actually has
    proactive: dict[str, dict[str, dict[str, Any]]]
    rows: dict[str, dict[str, Any]]
    review: dict[str, dict[str, Any]]
    prose: str
    findings: list[Finding] = field(default_factory=list)
    marks: list[dict[str, str]] = field(default_factory=list)
    # every cell read by OCR: table, row, column, text, value (as read), confidence (0-100;
    # None for a cell without ink)
    ocr: list[dict[str, Any]] = field(default_factory=list)

    def tables(self) -> dict[str, Any]:
        return {
            "applications": {"rows": self.rows},
            "review_litigation": self.review,
            "proactive": self.proactive,
        }


def _record(parsed: Parsed, table: str, row: str, column: str, cell: Cell) -> Any:
    if cell.ocr:
        parsed.ocr.append(
            {
                "table": table,
                "row": row,
                "column": column,
                "text": cell.text,
                "value": cell.value,
                "confidence": None if cell.confidence is None else round(cell.confidence),
            }
        )
    if cell.kind == "mark":
        parsed.marks.append(
            {"table": table, "row": row, "column": column, "text": cell.text, "read_as": "空白"}
        )
    elif cell.repaired:
        parsed.marks.append(
            {
                "table": table,
                "row": row,
                "column": column,
                "text": cell.text,
                "read_as": str(cell.value),
            }
        )
    elif cell.kind == "text":
        parsed.marks.append(
            {"table": table, "row": row, "column": column, "text": cell.text, "read_as": "文字"}
        )
    return cell.value


# --- table 二 ----------------------------------------------------------------------------------
_T2_2021 = ("本年制发件数", "本年处理决定数量", "本年收费金额")
_T2_2019 = ("本年新制作数量", "上一年项目数量", "采购项目数量", "对外公开总数量")
_T2_ROWS = {
    row: (version, block)
    for version, blocks in fmt.TABLE2.items()
    for block in blocks
    for row in block.rows
}


def _t2_version(lines: list[Line]) -> FormatVersion | None:
    text = normalise(" ".join(line.text for line in lines))
    if any(word in text for word in _T2_2021):
        return FormatVersion.V2021
    if any(word in text for word in _T2_2019):
        return FormatVersion.V2019
    return None


_T2_LONGEST_FIRST = sorted(_T2_ROWS, key=len, reverse=True)


def _t2_row(label: str) -> str | None:
    """The row of table 二 a label names: the label itself, or the row it ends with when header
    cells printed before it were joined to it (a table printed one cell per line: "信息内容本年
    制发件数…规章"); the longest such row, so that 行政规范性文件 is not read as 规范性文件."""
    if label in _T2_ROWS:
        return label
    return next((row for row in _T2_LONGEST_FIRST if label.endswith(row)), None)


def _table2(parsed: Parsed, lines: list[Line], version: FormatVersion) -> None:
    blocks = {b.item: b for b in fmt.TABLE2[version]}
    found: dict[str, dict[str, dict[str, Any]]] = {}
    for line in lines:
        if line.table:
            cells = list(line.cells)
            while cells and not cells[0]:
                cells.pop(0)
            if not cells:
                continue
            label, raw = normalise(cells[0]), cells[1:]
        else:
            tokens = line.cells[0].split(" ")
            label, raw = normalise(tokens[0]), tokens[1:]
        row_name = _t2_row(label)
        if row_name is None:
            continue
        label = row_name
        _version, definition = _T2_ROWS[label]
        block = blocks.get(definition.item)
        if block is None:  # a row the other format has (第（九）项 in a 2021 report)
            block = definition
        values = [read_cell(c) for c in raw if c or line.table]
        if line.confidence is not None:  # read by OCR: the cells' confidences, in order
            start = len(line.cells) - len(values) if line.table else 0
            values = list(_scanned(tuple(values), line, start))
        while len(values) > len(block.columns) and values[-1].kind == "blank":
            values.pop()
        if line.loose and len(values) < len(block.columns):
            parsed.findings.append(
                Finding(
                    "read.row_width",
                    "二",
                    f"{block.item}/{label}",
                    "",
                    len(block.columns),
                    len(values),
                    UNREAD,
                    f"表二“{label}”一行读到 {len(values)} 个数，应为 {len(block.columns)} 个，"
                    "各数所在的列无法确定",
                )
            )
            continue
        shown = label
        cells_out: dict[str, Any] = {}
        for i, column in enumerate(block.columns):
            cell = values[i] if i < len(values) else Cell("blank", None, "")
            cells_out[column] = _record(parsed, "二", f"{block.item}/{shown}", column, cell)
        found.setdefault(block.item, {})[shown] = cells_out
    order = [b.item for b in fmt.TABLE2[version]]
    parsed.proactive = {item: found[item] for item in sorted(found, key=_index_in(order))}
    said = {f.row for f in parsed.findings if f.table == "二"}
    if not found and not said:
        parsed.findings.append(
            Finding("read.table2", "二", "", "", None, None, UNREAD, "未能读取表二的数字")
        )
        return
    for block in fmt.TABLE2[version]:
        for row in block.rows:
            names = {row, *_T2_SAME.get(row, ())}
            if not names & set(found.get(block.item, {})) and f"{block.item}/{row}" not in said:
                parsed.findings.append(
                    Finding(
                        "read.table2",
                        "二",
                        f"{block.item}/{row}",
                        "",
                        None,
                        None,
                        UNREAD,
                        f"未能读取表二“{row}”一行",
                    )
                )


# the same row under the name of the other format (a 2021 report that still prints 规范性文件)
_T2_SAME = {"行政规范性文件": ("规范性文件",), "规范性文件": ("行政规范性文件",)}


def _index_in(order: list[str]) -> Any:
    return lambda item: order.index(item) if item in order else len(order)


# --- table 三 ----------------------------------------------------------------------------------
def _forms(label: str) -> list[str]:
    forms = [normalise(label.replace("/", ""))]
    if "/" in label:
        forms.append(normalise(label.split("/", 1)[1]))
    return forms


_FORMS = {version: [_forms(r) for r in fmt.table3_rows(version)] for version in FormatVersion}


def _similarity(label: str, forms: list[str]) -> float:
    """How well ``label`` fits a row of the format (its ``forms``), from 0 to 1. A report
    compares each row label with every row of both formats, and the labels of the format recur
    in every report: a label of up to 200 characters is compared once per process."""
    if len(label) > 200:
        return _similarity_of(label, tuple(forms))
    return _remembered_similarity(label, tuple(forms))


def _similarity_of(label: str, forms: tuple[str, ...]) -> float:
    if not label:
        return 0.5
    text = normalise(label)
    best = 0.0
    for form in forms:
        if form and form in text:
            return 1.0
        # SequenceMatcher is quadratic in the length: a label is at most a few dozen
        # characters, anything beyond 100 is not a label of the format anyway
        best = max(best, SequenceMatcher(None, text[:100], form, autojunk=False).ratio())
    return best


_remembered_similarity = functools.lru_cache(maxsize=16_384)(_similarity_of)


def _align(rows: list[Row], version: FormatVersion) -> tuple[float, list[int | None]]:
    """Rows to the format's rows in order (Needleman-Wunsch): a matched row scores 1 plus how
    well its label fits, a skipped row (extra or missing) −1. Returns the score and, for each
    format row, the index of the row read for it (None: missing)."""
    forms = _FORMS[version]
    n, m = len(rows), len(forms)
    sims = [[_similarity(r.label, f) for f in forms] for r in rows]
    score = [[0.0] * (m + 1) for _ in range(n + 1)]
    move = [[""] * (m + 1) for _ in range(n + 1)]
    for i in range(1, n + 1):
        score[i][0], move[i][0] = -float(i), "up"
    for j in range(1, m + 1):
        score[0][j], move[0][j] = -float(j), "left"
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            label = rows[i - 1].label
            fit = 1.0 + (2 * sims[i - 1][j - 1] - 1 if label else 0.0)
            options = (
                (score[i - 1][j - 1] + fit, "diag"),
                (score[i - 1][j] - 1.0, "up"),
                (score[i][j - 1] - 1.0, "left"),
            )
            score[i][j], move[i][j] = max(options, key=lambda o: o[0])
    assigned: list[int | None] = [None] * m
    i, j = n, m
    while i > 0 or j > 0:
        step = move[i][j]
        if step == "diag":
            assigned[j - 1] = i - 1
            i, j = i - 1, j - 1
        elif step == "up":
            i -= 1
        else:
            j -= 1
    return score[n][m], assigned


def _reaches_other(assigned: list[int | None], version: FormatVersion) -> bool:
    """Whether any row was read from （六）其他处理 on, where the two layouts differ."""
    labels = fmt.table3_rows(version)
    first = next(i for i, label in enumerate(labels) if label.startswith("（六）"))
    return any(chosen is not None for chosen in assigned[first:])


def _data_rows(lines: list[Line], width: int, *, minimum: int) -> tuple[list[Row], list[Row]]:
    """The rows of numbers to align with the format's rows, and apart the short rows: a label
    of the format followed by fewer numbers than the columns, where blank cells left no trace
    (a table printed one cell per line, or split on spaces). A short row takes no part in the
    alignment; it only says why a row the alignment left empty could not be read."""
    rows: list[Row] = []
    short: list[Row] = []
    for line in lines:
        row = split_row(line)
        if row is None or not row.values:
            continue
        labelled = bool(row.label) and (
            max(_similarity(row.label, f) for v in FormatVersion for f in _FORMS[v]) >= 0.75
        )
        if len(row.values) < minimum:
            if labelled and not row.explicit and len(short) < reading.LIMITS.table3_rows:
                short.append(row)
            continue
        filled = any(v.kind != "blank" for v in row.values)
        if filled or labelled:
            rows.append(row)
            if len(rows) > reading.LIMITS.table3_rows:
                # each row is aligned against every row of both formats
                raise TooComplex(
                    f"表三部分读到超过 {reading.LIMITS.table3_rows} 行数字（格式中只有 25 行）"
                )
    return rows, short


def _table3(parsed: Parsed, lines: list[Line], prefer: FormatVersion) -> None:
    rows, short = _data_rows(lines, len(fmt.COLUMNS), minimum=len(fmt.COLUMNS) - 1)
    said = len(parsed.findings)
    if not rows and short:
        _short_rows(parsed, fmt.table3_rows(prefer), short)
    glued = _GLUED.search(" ".join(line.text for line in lines)) if not rows else None
    if glued:
        parsed.findings.append(
            Finding(
                "read.glued",
                "三",
                "",
                "",
                None,
                None,
                UNREAD,
                f"表格各单元格的文字连在一起（如“{glued.group(0)}”），数与数之间没有分隔，"
                "无法分开：请使用原网页（HTML）、PDF 或 DOCX",
            )
        )
    elif not rows and len(parsed.findings) == said:
        parsed.findings.append(
            Finding("read.table3", "三", "", "", None, None, UNREAD, "未能读到表三的数字")
        )
    if not rows:
        return
    results = {v: _align(rows, v) for v in FormatVersion}
    best = max(results[v][0] for v in FormatVersion)
    candidates = [v for v in FormatVersion if results[v][0] == best]
    layout = prefer if prefer in candidates else candidates[0]
    if not any(_reaches_other(results[v][1], v) for v in FormatVersion):
        # a table read only in part, that stops before （六）其他处理 (where the two layouts
        # differ), says nothing of its layout: the shorter one must not win by default
        layout = prefer
    parsed.layout = layout
    _, assigned = results[layout]
    labels = fmt.table3_rows(layout)
    used = {i for i in assigned if i is not None}
    for index, row in enumerate(rows):
        if index not in used:
            shown = row.label or " ".join(v.text or "空" for v in row.values)
            parsed.findings.append(
                Finding(
                    "read.extra_row",
                    "三",
                    shown[:60],
                    "",
                    None,
                    None,
                    WARNING,
                    f"表三中“{shown[:60]}”一行无法对应到格式中的行，未计入",
                )
            )
    for label, chosen in zip(labels, assigned, strict=True):
        if chosen is None:
            continue  # reported as missing by the identities
        row = rows[chosen]
        values, fits = _fit(row, len(fmt.COLUMNS))
        if not fits:
            parsed.findings.append(
                Finding(
                    "read.row_width",
                    "三",
                    label,
                    "",
                    len(fmt.COLUMNS),
                    len(row.values),
                    WARNING if row.explicit else UNREAD,
                    (
                        f"表三“{label}”一行读到 {len(row.values)} 个单元格，"
                        f"应为 {len(fmt.COLUMNS)} 个，缺少的按空白处理"
                    )
                    if row.explicit
                    else f"表三“{label}”一行只读到 {len(row.values)} 个数，"
                    f"应为 {len(fmt.COLUMNS)} 个，各数所在的列无法确定",
                )
            )
            if not row.explicit:
                continue  # the row is not read: no guessing which column each number is in
        # A row read by its place in the fixed order rather than by its name is noted.
        if not row.label:
            by_order = f"“{label}”一行的行名未能读出，按格式固定的行序确定"
        elif _similarity(row.label, _forms(label)) < 0.6:
            by_order = f"按格式固定的行序，将标为“{row.label[:40]}”的一行读作“{label}”"
        else:
            by_order = ""
        if by_order:
            parsed.findings.append(
                Finding("read.by_order", "三", label, "", None, None, NOTE, by_order)
            )
        parsed.rows[label] = {
            column: _record(parsed, "三", label, column, cell)
            for column, cell in zip(fmt.COLUMNS, values, strict=True)
        }
    _short_rows(parsed, [label for label in labels if label not in parsed.rows], short)


_MANY_UNPLACED = 5
# a row label of table 三 run into its seven counts with nothing between them: a page's text
# taken without the cell borders ("一、本年新收政府信息公开申请数量801000081")
_GLUED = re.compile(r"(?:本年新收|上年结转)政府信息公开申请数量 ?\d{7,}")


def _short_rows(parsed: Parsed, empty: list[str] | tuple[str, ...], short: list[Row]) -> None:
    """Why rows of the format left empty were not read, when a short row carries their label:
    it has fewer numbers than columns, and which column each stands in cannot be known."""
    unplaced: list[Finding] = []
    for label in empty:
        found = [r for r in short if _similarity(r.label, _forms(label)) >= 0.75]
        if not found:
            continue
        row = max(found, key=lambda r: _similarity(r.label, _forms(label)))
        unplaced.append(
            Finding(
                "read.row_width",
                "三",
                label,
                "",
                len(fmt.COLUMNS),
                len(row.values),
                UNREAD,
                f"表三“{label}”一行只读到 {len(row.values)} 个数，应为 {len(fmt.COLUMNS)} 个，"
                "各数所在的列无法确定",
            )
        )
    if len(unplaced) > _MANY_UNPLACED:  # said once: blank cells left no trace in the whole table
        parsed.findings.append(
            Finding(
                "read.row_width",
                "三",
                "",
                "",
                len(fmt.COLUMNS),
                None,
                UNREAD,
                f"表三有 {len(unplaced)} 行读到的数少于 7 个（如“{unplaced[0].row}”），"
                "空白单元格未留下痕迹，各数所在的列无法确定",
            )
        )
    else:
        parsed.findings += unplaced


# --- table 四 ----------------------------------------------------------------------------------
# Which group of table 四 a row of five is, from its label or the header text just above it
# (reports print the table as one row of 15, or as three small tables of five, each with its
# header: 行政复议 / 行政诉讼 未经复议直接起诉 / 复议后起诉).
_T4_GROUP_WORDS = (
    (fmt.LITIGATION_AFTER_REVIEW, ("复议后起诉",)),
    (fmt.LITIGATION_DIRECT, ("未经复议直接起诉", "直接起诉", "未经复议")),
    (fmt.REVIEW, ("行政复议",)),
)


def _t4_group(text: str) -> str | None:
    """The group a header text names, by the last group word in it (a header that reads
    "行政复议 行政诉讼 未经复议直接起诉" is above the direct suits)."""
    text = normalise(text)
    best: tuple[int, str] | None = None
    for group, words in _T4_GROUP_WORDS:
        for word in words:
            at = text.rfind(word)
            if at >= 0 and (best is None or at > best[0]):
                best = (at, group)
            if at >= 0:
                break  # the longest word of the group found: shorter ones are inside it
    return best[1] if best else None


def _t4_record(parsed: Parsed, group: str, values: tuple[Cell, ...]) -> None:
    parsed.review[group] = {
        cell: _record(parsed, "四", group, cell, values[i])
        for i, cell in enumerate(fmt.TABLE4_CELLS)
    }


def _table4(parsed: Parsed, lines: list[Line]) -> int | None:
    """Table 四 from section 四: the first row of at least 15 values (its label, if any, is the
    header above the numbers), else rows of five (or ten: both kinds of suit) each under its
    group's header. Returns the index of the last line read, None when nothing was."""
    width = len(fmt.TABLE4_GROUPS) * len(fmt.TABLE4_CELLS)
    rows = [(offset, split_row(line)) for offset, line in enumerate(lines)]
    for offset, row in rows:
        if row is None or len(row.values) < width:
            continue
        if not any(v.kind != "blank" for v in row.values):
            continue
        values, fits = _fit(row, width)
        if not fits:
            parsed.findings.append(
                Finding(
                    "read.row_width",
                    "四",
                    "",
                    "",
                    width,
                    len(row.values),
                    WARNING,
                    f"表四读到 {len(row.values)} 个单元格，应为 {width} 个",
                )
            )
        for g, group in enumerate(fmt.TABLE4_GROUPS):
            _t4_record(parsed, group, values[g * 5 : g * 5 + 5])
        return offset
    return _table4_in_parts(parsed, lines, rows)


def _table4_in_parts(
    parsed: Parsed, lines: list[Line], rows: list[tuple[int, Row | None]]
) -> int | None:
    size = len(fmt.TABLE4_CELLS)
    context = ""  # the header text since the last row of numbers
    last: int | None = None
    for offset, row in rows:
        filled = row is not None and any(v.kind != "blank" for v in row.values)
        if row is None or not filled:
            context += lines[offset].text
            continue
        if row.label:
            context += row.label
        values = list(row.values)
        while len(values) % size and values and values[-1].kind == "blank":
            values.pop()
        group = _t4_group(context)
        context = ""
        if (
            len(values) == 2 * size
            and group in (fmt.LITIGATION_DIRECT, None)
            and fmt.LITIGATION_DIRECT not in parsed.review
        ):
            targets = [fmt.LITIGATION_DIRECT, fmt.LITIGATION_AFTER_REVIEW]
        elif len(values) == size and group is not None and group not in parsed.review:
            targets = [group]
        else:
            continue
        for n, group in enumerate(targets):
            _t4_record(parsed, group, tuple(values[n * size : n * size + size]))
        last = offset
        if len(parsed.review) == len(fmt.TABLE4_GROUPS):
            break
    if not parsed.review:
        return None
    parsed.review = {g: parsed.review[g] for g in fmt.TABLE4_GROUPS if g in parsed.review}
    return last


# --- everything ---------------------------------------------------------------------------------
_SENTENCE_END = frozenset("。！？；!?;")
_HEADING = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[）)])")


def join_fragments(texts: list[str]) -> str:
    """Paragraphs as lines, a sentence cut over several lines put back together: a page copied
    as text can put every span of a paragraph on a line of its own ("共收到申请" / "302" / "件"),
    which would leave each figure apart from its noun. A line that does not end a sentence runs
    on into the next, unless either is a numbered heading or both meet digit to digit."""
    out: list[str] = []
    for text in texts:
        if (
            out
            and out[-1][-1:] not in _SENTENCE_END
            and not _HEADING.match(out[-1])
            and not _HEADING.match(text)
            and not (out[-1][-1:].isdigit() and text[:1].isdigit())
        ):
            out[-1] += text
        else:
            out.append(text)
    return "\n".join(out)


def _prose(lines: list[Line], kind: str) -> str:
    texts = [line.cells[0] for line in lines if not line.table and line.cells[0]]
    if kind == "pdf":  # lines wrapped inside paragraphs
        return "".join(texts)
    return join_fragments(texts)


def parse(document: Document) -> Parsed:
    lines = document.lines
    agency, year = find_title(lines)
    sections = find_sections(lines)
    if not {"二", "三", "四"} & set(sections.start):
        raise ReadError(
            "未找到年度报告的表格（“收到和处理政府信息公开申请情况”等），可能不是年度报告"
        )
    by_year = FormatVersion.for_year(year) if year else FormatVersion.V2021
    t2_lines: list[Line] = []
    if "二" in sections.start:
        begin, end = sections.region("二", lines)
        t2_lines = rejoin(lines[begin:end])[0]
    t2_version = _t2_version(t2_lines)
    parsed = Parsed(
        kind=document.kind,
        agency=agency,
        year=year,
        format=t2_version or by_year,
        layout=None,
        proactive={},
        rows={},
        review={},
        prose="",
    )
    if "三" in sections.start:
        begin, end = sections.region("三", lines)
        _table3(parsed, rejoin(lines[begin:end])[0], t2_version or by_year)
    else:
        parsed.findings.append(
            Finding(
                "read.table3", "三", "", "", None, None, UNREAD, "未找到表三（收到和处理申请情况）"
            )
        )
    if t2_version is None and parsed.layout is not None:
        parsed.format = parsed.layout
    if "二" in sections.start:
        _table2(parsed, t2_lines, parsed.format)
    else:
        parsed.findings.append(
            Finding(
                "read.table2",
                "二",
                "",
                "",
                None,
                None,
                UNREAD,
                "未找到表二（主动公开政府信息情况）",
            )
        )
    tables_end = len(lines)
    if "四" in sections.start:
        begin, end = sections.region("四", lines)
        region, origin = rejoin(lines[begin:end])
        offset = _table4(parsed, region)
        tables_end = begin + origin[offset] + 1 if offset is not None else end
        if offset is None:
            parsed.findings.append(
                Finding("read.table4", "四", "", "", None, None, UNREAD, "未能读到表四的 15 个数")
            )
    else:
        parsed.findings.append(
            Finding(
                "read.table4",
                "四",
                "",
                "",
                None,
                None,
                UNREAD,
                "未找到表四（行政复议、行政诉讼情况）",
            )
        )
    if document.ocr is not None:  # a scan: what was read by OCR, and what is uncertain
        parsed.findings += ocr.findings(parsed.ocr, document.ocr)
    first_table = min(sections.start.get(n, len(lines)) for n in ("二", "三", "四"))
    parsed.prose = _prose(lines[:first_table] + lines[tables_end:], document.kind)
    return parsed


def from_json(document: Document) -> Parsed:
    """Gongkai's own JSON output (or a fixture's): the tables as they are."""
    data = document.data or {}
    try:
        version = FormatVersion(str(data.get("format", "")))
    except ValueError:
        year = data.get("year")
        version = FormatVersion.for_year(year) if isinstance(year, int) else FormatVersion.V2021
    rows = data.get("applications", {}).get("rows", {})
    review = data.get("review_litigation", {})
    proactive = data.get("proactive", {})
    if (
        not isinstance(rows, dict)
        or not isinstance(review, dict)
        or not isinstance(proactive, dict)
    ):
        raise ReadError("JSON 文件中的表格结构不正确")
    for table in (rows, review):
        for cells in table.values():
            if not isinstance(cells, dict):
                raise ReadError("JSON 文件中的表格结构不正确")
    sections = data.get("sections", {})
    prose = "\n".join(str(v) for v in sections.values() if v) if isinstance(sections, dict) else ""
    layout = version
    if version is FormatVersion.V2021 and "（六）其他处理" in rows:
        layout = FormatVersion.V2019
    year = data.get("year")
    return Parsed(
        kind="json",
        agency=str(data.get("agency") or "")[:60],
        year=year if isinstance(year, int) else None,
        format=version,
        layout=layout,
        proactive=proactive,
        rows=rows,
        review=review,
        prose=prose,
    )
