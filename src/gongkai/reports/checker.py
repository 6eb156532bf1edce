"""Checking a published annual report: read it (:mod:`reading`, :mod:`parsing`), then every
identity of the format (:mod:`identities`), the figures in its prose (:mod:`prose`), its
placeholders and, with the year before, the carry-over. Pure: no ORM, no settings.

    result = check_file(Path("report.pdf"), previous=Path("last-year.pdf"))
    result.findings, result.verdict, result.as_dict(), summary_text([result])

Each report gets one of three verdicts (docs/checker.md, "Verdicts"): 一致 (everything read, no
error), 有错误 (an error among what was read: errors win over parts that could not be read) and
无法完整读取 (the file, or a part of it, could not be read, and nothing read is wrong). A part not
read is a finding of severity ``unread``; it is never counted as an error.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gongkai import report_format as fmt
from gongkai.core.spreadsheet import safe_cell as _safe
from gongkai.report_format import ROW_CARRIED_IN, ROW_CARRIED_OUT, FormatVersion
from gongkai.reports import identities, parsing, reading
from gongkai.reports.identities import ERROR, NOTE, UNREAD, WARNING, Finding
from gongkai.reports.prose import check_prose

SUFFIXES = (".html", ".htm", ".shtml", ".txt", ".text", ".docx", ".pdf", ".json", ".xlsx")
SEVERITY_LABEL = {ERROR: "错误", WARNING: "警告", NOTE: "提示", UNREAD: "未能读取"}

# The three verdicts, and the exit status of ``gongkai check_report`` for each (2 is a usage
# error: nothing was checked).
CONSISTENT, ERRORS, INCOMPLETE = "consistent", "errors", "incomplete"
VERDICT_LABEL = {CONSISTENT: "一致", ERRORS: "有错误", INCOMPLETE: "无法完整读取"}
EXIT_STATUS = {CONSISTENT: 0, ERRORS: 1, INCOMPLETE: 3}
EXIT_USAGE = 2
KIND_LABEL = {
    "html": "网页",
    "text": "文本",
    "docx": "DOCX",
    "xlsx": "XLSX",
    "pdf": "PDF",
    "json": "JSON",
}


@dataclass
class Result:
    name: str
    readable: bool
    error: str = ""
    parsed: parsing.Parsed | None = None
    findings: list[Finding] = field(default_factory=list)
    # refused for its size or complexity (reading.TooComplex) or stopped by the child's limits
    # (sandbox): exit status 3, a form error on the staff page
    too_complex: bool = False

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    @property
    def errors(self) -> int:
        return self.count(ERROR)

    @property
    def warnings(self) -> int:
        return self.count(WARNING)

    @property
    def verdict(self) -> str:
        """有错误 when anything read is wrong, even if a part could not be read (an error found
        is a fact about the published report; what was not read is listed beside it);
        无法完整读取 when the file or a part of it could not be read; 一致 otherwise."""
        if self.readable and self.errors:
            return ERRORS
        if not self.readable or self.count(UNREAD):
            return INCOMPLETE
        return CONSISTENT

    @property
    def verdict_label(self) -> str:
        return VERDICT_LABEL[self.verdict]

    @property
    def missing(self) -> list[str]:
        """What could not be read, in Chinese: the reader's message for a file not read at
        all, else each part not read."""
        if not self.readable:
            return [self.error or "无法读取"]
        return [f.message for f in self.findings if f.severity == UNREAD]

    def as_dict(self) -> dict[str, Any]:
        parsed = self.parsed
        return {
            "file": self.name,
            "verdict": self.verdict,
            "verdict_label": self.verdict_label,
            "missing": self.missing,
            "readable": self.readable,
            "error": self.error or None,
            "too_complex": self.too_complex,
            "kind": parsed.kind if parsed else None,
            "agency": parsed.agency if parsed else None,
            "year": parsed.year if parsed else None,
            "format": parsed.format.value if parsed else None,
            "tables": parsed.tables() if parsed else None,
            "placeholders": parsed.marks if parsed else [],
            "ocr": parsed.ocr if parsed else [],
            "findings": [f.as_dict() for f in self.findings],
            "errors": self.errors,
            "warnings": self.warnings,
            "notes": self.count(NOTE),
            "unread": self.count(UNREAD),
        }


# --- prose --------------------------------------------------------------------------------------
_SENTENCE = re.compile(r"[^。；;！!？?\n]+")
# A sentence about what an office did on behalf of its government ("区政府办代表区政府受理……")
# may count only the government's own applications, while a consolidated report's table counts
# every department: a disagreement there is a warning, not an error.
_PART_SCOPE = re.compile(r"代表|本级|政府办|办公室|办公厅")
_ALL_DONE = re.compile(
    r"(?:所有|全部)(?:政府信息公开)?申请(?:均|都|全部)?已?(?:按要求|按时)?(?:办理完成|办结|办理完毕|答复完毕)"
)


def prose_findings(
    text: str, tables: dict[str, Any], *, tables_read: frozenset[str] = frozenset({"三", "四"})
) -> list[Finding]:
    findings: list[Finding] = []
    squeezed = re.sub(r"(?<![A-Za-z0-9]) +| +(?![A-Za-z0-9])", "", text)
    carried = (
        identities.effective_value(tables["applications"]["rows"], "四、结转下年度继续办理", "总计")
        if "三" in tables_read
        else 0
    )
    for match in _SENTENCE.finditer(squeezed):
        sentence = match.group(0)
        for finding in check_prose(sentence, tables, tables_read=tables_read):
            if finding.severity == ERROR and _PART_SCOPE.search(sentence):
                finding = Finding(
                    finding.check,
                    finding.table,
                    finding.row,
                    finding.column,
                    finding.expected,
                    finding.found,
                    WARNING,
                    finding.message + "（该句所述可能只是本机关自身的口径）",
                )
            findings.append(finding)
        done = _ALL_DONE.search(sentence)
        if done and carried:
            findings.append(
                Finding(
                    "prose.all_concluded",
                    "正文",
                    done.group(0),
                    "结转下年度",
                    0,
                    int(carried),
                    WARNING,
                    f"正文称“{done.group(0)}”，但表三中结转下年度继续办理 {int(carried)} 件",
                )
            )
    return findings


# --- checks -------------------------------------------------------------------------------------
def _mark_findings(parsed: parsing.Parsed) -> list[Finding]:
    """One note per table and kind of mark, so a report that writes "/" everywhere says so once."""
    findings: list[Finding] = []
    groups: dict[tuple[str, str], list[dict[str, str]]] = {}
    for mark in parsed.marks:
        kind = (
            "文字" if mark["read_as"] == "文字" else "空白" if mark["read_as"] == "空白" else "OCR"
        )
        groups.setdefault((mark["table"], kind), []).append(mark)
    for (table, kind), marks in groups.items():
        first = marks[0]
        texts = "、".join(f"“{t}”" for t in sorted({m["text"] for m in marks}))
        if kind == "空白":
            message = f"表{table}有 {len(marks)} 个单元格填写 {texts}，不是数字，按空白（0）计"
            severity = NOTE
        elif kind == "OCR":
            message = (
                f"表{table}有 {len(marks)} 个单元格含识别噪声（{texts}），"
                f"如“{first['text']}”读作 {first['read_as']}"
            )
            severity = NOTE
        else:
            message = f"表{table}有 {len(marks)} 个单元格不是数字：{texts}"
            severity = WARNING if table != "二" else NOTE
        findings.append(
            Finding(
                f"cell.{ {'空白': 'placeholder', 'OCR': 'ocr', '文字': 'text'}[kind] }",
                table,
                first["row"],
                first["column"],
                None,
                None,
                severity,
                message,
            )
        )
    blanks = sum(
        1
        for cells in parsed.rows.values()
        for column, value in cells.items()
        if value is None and column != "总计"
    )
    if blanks:
        findings.append(
            Finding(
                "cell.blank",
                "三",
                "",
                "",
                None,
                None,
                NOTE,
                f"表三有 {blanks} 个单元格空白（不含总计列），按 0 计",
            )
        )
    return findings


# What the identities call missing in a table read from a published file is a part the reader
# could not read (it cannot tell a row left out of the report from a row it failed to find).
_UNREAD_CHECKS = frozenset({"table3.missing_row", "table4.missing_group"})
_MANY_ROWS = 5  # more rows missing than this: one finding lists them


def _unread(findings: list[Finding]) -> list[Finding]:
    """Missing rows and groups as parts not read (severity ``unread``); many missing rows of
    table 三 as one finding that names them, so a table read in part is said once."""
    kept: list[Finding] = []
    rows: list[Finding] = []
    for finding in findings:
        if finding.check not in _UNREAD_CHECKS:
            kept.append(finding)
        elif finding.check == "table3.missing_row":
            rows.append(finding)
        else:
            kept.append(_as_unread(finding, f"未能读取表四“{finding.row}”的数字"))
    if len(rows) > _MANY_ROWS:
        names = "、".join(f"“{f.row}”" for f in rows[:3])
        kept.append(
            Finding(
                "table3.missing_row",
                "三",
                "",
                "",
                None,
                len(rows),
                UNREAD,
                f"表三有 {len(rows)} 行未能读取（{names}等）",
            )
        )
    else:
        kept += [_as_unread(f, f"未能读取表三“{f.row}”一行") for f in rows]
    return kept


def _as_unread(finding: Finding, message: str) -> Finding:
    return Finding(
        finding.check,
        finding.table,
        finding.row,
        finding.column,
        finding.expected,
        finding.found,
        UNREAD,
        message,
    )


def unchecked_carry_over(reason: str) -> Finding:
    """--previous was given but the carry-over could not be checked."""
    return Finding(
        "cross_year.unchecked",
        "三",
        ROW_CARRIED_IN,
        "",
        None,
        None,
        UNREAD,
        f"未能核对上年结转：{reason}",
    )


def check_parsed(
    parsed: parsing.Parsed,
    previous: parsing.Parsed | None = None,
    *,
    previous_error: str = "",
) -> list[Finding]:
    """Every check of a report read; ``previous`` the year before, or ``previous_error`` why
    the year before, though given, could not be read."""
    findings = list(parsed.findings)
    layout = parsed.layout or parsed.format
    said = {f.row for f in parsed.findings if f.severity == UNREAD and f.table == "三"}
    if parsed.rows:
        findings += _unread(
            [
                f
                for f in identities.check_table3(parsed.rows, layout)
                if not (f.check == "table3.missing_row" and f.row in said)
            ]
        )
    if parsed.review:
        findings += _unread(identities.check_table4(parsed.review))
    if parsed.layout is not None and parsed.layout is not parsed.format:
        findings.append(
            Finding(
                "format.table3_layout",
                "三",
                "（六）其他处理",
                "",
                None,
                None,
                WARNING,
                f"报告采用{parsed.format.value}年格式，表三却按{parsed.layout.value}年格式排列"
                + (
                    "（“（六）其他处理”未分为三项）"
                    if parsed.format is FormatVersion.V2021
                    else "（“（六）其他处理”分为三项）"
                ),
            )
        )
    findings += _mark_findings(parsed)
    read = {
        table
        for table, complete in (
            ("三", parsed.rows and all(r in parsed.rows for r in fmt.table3_rows(layout))),
            ("四", parsed.review and all(g in parsed.review for g in fmt.TABLE4_GROUPS)),
        )
        if complete
    }
    if read:  # each figure against a table read in full (a table not read says nothing)
        findings += prose_findings(parsed.prose, parsed.tables(), tables_read=frozenset(read))
    if previous_error:
        findings.append(unchecked_carry_over(previous_error))
    elif previous is not None and ROW_CARRIED_IN not in parsed.rows:
        findings.append(
            unchecked_carry_over("本报告表三“二、上年结转政府信息公开申请数量”一行未能读取")
        )
    elif previous is not None and ROW_CARRIED_OUT not in previous.rows:
        findings.append(
            unchecked_carry_over("上一年度报告表三“四、结转下年度继续办理”一行未能读取")
        )
    elif previous is not None:
        related = (
            previous.year is None or parsed.year is None or previous.year == parsed.year - 1
        ) and _same_agency(previous.agency, parsed.agency)
        if not related:
            findings.append(
                Finding(
                    "cross_year.not_previous",
                    "三",
                    "",
                    "",
                    None,
                    None,
                    WARNING,
                    f"--previous 指定的报告（{previous.agency or '单位不明'}"
                    f"{previous.year or ''}年）似乎不是同一单位上一年度的报告",
                )
            )
        straddles = previous.format is not parsed.format
        findings += identities.check_carry_over(
            parsed.rows,
            previous.rows,
            severity=ERROR if related and not straddles else WARNING,
        )
    order = {ERROR: 0, UNREAD: 1, WARNING: 2, NOTE: 3}
    return sorted(findings, key=lambda f: order.get(f.severity, 4))


def _same_agency(one: str, other: str) -> bool:
    """Names as printed vary ("洪泽区人民政府", "淮安市洪泽区人民政府"): one inside the other."""
    return not one or not other or one in other or other in one


def parse_bytes(data: bytes, name: str = "") -> parsing.Parsed:
    document = reading.read_bytes(data, name)
    if document.kind == "json":
        return parsing.from_json(document)
    return parsing.parse(document)


def _load(path: Path) -> bytes:
    try:
        if path.is_dir():
            raise reading.ReadError("这是一个文件夹")
        return path.read_bytes()
    except FileNotFoundError:
        raise reading.ReadError("文件不存在") from None
    except PermissionError:
        raise reading.ReadError("没有读取该文件的权限") from None
    except OSError as exc:
        raise reading.ReadError(f"无法读取文件（{exc.strerror or type(exc).__name__}）") from None


def check_bytes(
    data: bytes,
    name: str = "",
    previous: parsing.Parsed | None = None,
    *,
    previous_error: str = "",
) -> Result:
    try:
        parsed = parse_bytes(data, name)
    except reading.TooComplex as exc:
        return Result(name, False, str(exc), too_complex=True)
    except reading.ReadError as exc:
        return Result(name, False, str(exc))
    except RecursionError:
        return Result(name, False, "文件结构嵌套过深，无法读取")
    findings = check_parsed(parsed, previous, previous_error=previous_error)
    return Result(name, True, parsed=parsed, findings=findings)


def previous_unreadable(name: str, prior: Result) -> str:
    """Why the year before could not be used, for :func:`unchecked_carry_over`."""
    return f"上一年度报告 {name} 无法读取（{prior.error}）"


def check_file(path: Path, previous: Path | None = None) -> Result:
    """One report, with the year before if given. A year before that cannot be read leaves the
    report checked and the carry-over said to be unchecked (verdict 无法完整读取, unless the
    report has errors)."""
    before: parsing.Parsed | None = None
    previous_error = ""
    if previous is not None:
        prior = check_path(previous)
        if prior.readable:
            before = prior.parsed
        else:
            previous_error = previous_unreadable(previous.name, prior)
    try:
        data = _load(path)
    except reading.ReadError as exc:
        result = Result(str(path), False, str(exc))
    else:
        result = check_bytes(data, str(path), before, previous_error=previous_error)
    if previous is not None and not result.readable:
        not_read(result)
    return result


def not_read(result: Result) -> Result:
    """A report not read at all, with the year before given: the carry-over is said to be
    unchecked too (it could not be compared with anything)."""
    result.findings.append(unchecked_carry_over("本报告无法读取"))
    return result


def exit_status(results: list[Result]) -> int:
    """0 when every report is 一致, 1 when any has an error (errors win), else 3 when any
    could not be read in full."""
    verdicts = {r.verdict for r in results}
    for verdict in (ERRORS, INCOMPLETE):
        if verdict in verdicts:
            return EXIT_STATUS[verdict]
    return EXIT_STATUS[CONSISTENT]


def check_path(
    path: Path, previous: parsing.Parsed | None = None, *, previous_error: str = ""
) -> Result:
    try:
        data = _load(path)
    except reading.ReadError as exc:
        return Result(str(path), False, str(exc))
    return check_bytes(data, str(path), previous, previous_error=previous_error)


def report_files(folder: Path) -> list[Path]:
    """The reports in a folder (not its subfolders), by name; JSON files that sit beside a report
    of the same name are descriptions of it and are left out."""
    files = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in SUFFIXES)
    stems = {p.stem for p in files if p.suffix.lower() != ".json"}
    return [p for p in files if not (p.suffix.lower() == ".json" and p.stem in stems)]


# --- output -------------------------------------------------------------------------------------
def _where(finding: Finding) -> str:
    parts = [f"表{finding.table}" if len(finding.table) == 1 else finding.table]
    if finding.row:
        parts.append(f"“{finding.row}”")
    if finding.column:
        parts.append(f"“{finding.column}”列" if finding.table == "三" else f"“{finding.column}”")
    return " ".join(p for p in parts if p)


def _value(value: Any) -> str:
    return "空白" if value is None else str(value)


def summary_text(results: list[Result]) -> str:
    out: list[str] = []
    for result in results:
        out.append(f"== {result.name} ==")
        out.append(f"结论：{conclusion(result)}")
        if not result.readable or result.parsed is None:
            out.append(f"无法读取：{result.error}")
            out += [_line(f) for f in result.findings]
            out.append("")
            continue
        parsed = result.parsed
        out.append(
            f"{parsed.agency or '（未能识别单位）'} {parsed.year or '????'}年度报告"
            f"，{parsed.format.value}年格式，{KIND_LABEL.get(parsed.kind, parsed.kind)}"
        )
        out.append(
            f"错误 {result.errors} 项，未能读取 {result.count(UNREAD)} 项，"
            f"警告 {result.warnings} 项，提示 {result.count(NOTE)} 项"
        )
        out += [_line(f) for f in result.findings]
        if result.verdict == CONSISTENT:
            out.append("各表均已读取，数字相互吻合。")
        out.append("")
    if len(results) > 1:
        out.append(folder_summary(results))
    return "\n".join(out).rstrip() + "\n"


def _line(finding: Finding) -> str:
    detail = ""
    if finding.expected is not None:
        detail = f"（应为 {_value(finding.expected)}，实为 {_value(finding.found)}）"
    label = SEVERITY_LABEL.get(finding.severity, finding.severity)
    return f"[{label}] {_where(finding)}：{finding.message}{detail}"


def conclusion(result: Result) -> str:
    """The verdict in one line: 有错误 (and what else could not be read), 无法完整读取 and
    what was missing, or 一致."""
    missing = "；".join(result.missing)
    if result.verdict == ERRORS:
        return "有错误" + (f"（另有未能读取的部分：{missing}）" if missing else "")
    if result.verdict == INCOMPLETE:
        return f"无法完整读取（{missing}）"
    return "一致"


def folder_summary(results: list[Result]) -> str:
    """ "共检查 5 份：2 份一致，1 份有错误，2 份无法完整读取。" """
    counted = Counter(r.verdict for r in results)
    parts = [f"{counted[v]} 份{VERDICT_LABEL[v]}" for v in (CONSISTENT, ERRORS, INCOMPLETE)]
    partial = sum(1 for r in results if r.verdict == ERRORS and r.count(UNREAD))
    tail = f"（其中 {partial} 份另有未能读取的部分）" if partial else ""
    return f"共检查 {len(results)} 份：{'，'.join(parts)}{tail}。"


SUMMARY_COLUMNS = ("文件", "单位", "年度", "格式", "错误", "警告", "提示", "结论", "未能读取")


def summary_rows(results: list[Result]) -> list[list[Any]]:
    rows: list[list[Any]] = []
    for result in results:
        parsed = result.parsed
        missing = "；".join(result.missing)
        if not result.readable or parsed is None:
            rows.append(
                [Path(result.name).name, "", "", "", "", "", "", result.verdict_label, missing]
            )
            continue
        rows.append(
            [
                Path(result.name).name,
                parsed.agency,
                parsed.year or "",
                parsed.format.value,
                result.errors,
                result.warnings,
                result.count(NOTE),
                result.verdict_label,
                missing,
            ]
        )
    return rows


def summary_csv(results: list[Result]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(SUMMARY_COLUMNS)
    for row in summary_rows(results):
        writer.writerow([_safe(v) for v in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")  # the BOM lets Excel and WPS read UTF-8


def summary_xlsx(results: list[Result]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "年报检查"
    sheet.append(list(SUMMARY_COLUMNS))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in summary_rows(results):
        sheet.append([_safe(v) for v in row])
    for letter, width in zip("ABCDEFGHI", (36, 30, 8, 8, 8, 8, 8, 14, 40), strict=True):
        sheet.column_dimensions[letter].width = width
    detail = book.create_sheet("问题明细")
    detail.append(["文件", "级别", "检查", "表", "行", "列", "应为", "实为", "说明"])
    for cell in detail[1]:
        cell.font = Font(bold=True)
    for result in results:
        if not result.readable:
            detail.append(
                [_safe(Path(result.name).name), SEVERITY_LABEL[UNREAD], "read.file"]
                + [""] * 5
                + [_safe(result.error)]
            )
        for f in result.findings:
            detail.append(
                [
                    _safe(Path(result.name).name),
                    SEVERITY_LABEL.get(f.severity, f.severity),
                    f.check,
                    f.table,
                    _safe(f.row),
                    _safe(f.column),
                    _safe(_value(f.expected)),
                    _safe(_value(f.found)),
                    _safe(f.message),
                ]
            )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def counts(results: list[Result]) -> Counter[str]:
    return Counter(f.check for r in results for f in r.findings)
