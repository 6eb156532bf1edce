"""Reading a published annual report into lines: the text of the page in reading order, each line
either a paragraph (one cell) or a table row (its cells). Pure: no ORM, no settings.

What is read: HTML (a saved page, Word's "save as web page" included), plain text (cells
separated by ``|`` or tabs, or a table copied as text with numbers separated by spaces), DOCX
(tables read cell by cell, merged cells once), XLSX (Gongkai's own table workbook), text PDFs
(pdfplumber: ruled tables as rows, the rest as lines) and Gongkai's own JSON. A PDF without a
text layer is reported as needing OCR (:class:`NeedsOcr`); nothing is guessed.

Every failure is a :class:`ReadError` with a one-line message in Chinese.
"""

from __future__ import annotations

import io
import json
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

MAX_BYTES = 50 * 1024 * 1024
MAX_PDF_PAGES = 300


class ReadError(Exception):
    """The file cannot be read as a report (exit status 2)."""


class NeedsOcr(ReadError):
    """A PDF without a text layer (a scan): it needs OCR first."""


@dataclass(frozen=True)
class Line:
    cells: tuple[str, ...]
    table: bool = False  # a row of a real table (cell boundaries known)
    grid: bool = False  # every row of its table has the same columns (DOCX, XLSX, PDF)

    @property
    def text(self) -> str:
        return " ".join(c for c in self.cells if c)


@dataclass
class Document:
    kind: str  # html, text, docx, xlsx, pdf, json
    lines: list[Line]
    data: dict[str, Any] | None = None  # a JSON report, read as it is


_CONTROL = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]"
)
_SPACES = re.compile(r"[ \t\u00a0\u3000\u2002-\u200a]+")


def clean(text: str) -> str:
    """One cell or line: invisible and control characters removed, runs of spaces made one."""
    return _SPACES.sub(" ", _CONTROL.sub("", text)).strip()


def _paragraph(text: str) -> Line | None:
    text = clean(text)
    return Line((text,)) if text else None


def _row(cells: list[str], *, grid: bool = False) -> Line | None:
    cleaned = [clean(c) for c in cells]
    filled = [c for c in cleaned if c]
    if not filled:
        return None
    if len(filled) == 1 and len(cleaned) == 1:
        return Line((filled[0],))
    return Line(tuple(cleaned), table=True, grid=grid)


# --- bytes to text ------------------------------------------------------------------------------
_META_CHARSET = re.compile(rb"""charset\s*=\s*["']?([A-Za-z0-9_\-]+)""", re.IGNORECASE)


def decode(data: bytes, *, html: bool = False) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    if html:
        found = _META_CHARSET.search(data[:4096])
        if found:
            name = found.group(1).decode("ascii").lower()
            if name in ("gb2312", "gbk", "gb18030", "x-gbk"):
                name = "gb18030"
            try:
                return data.decode(name)
            except (LookupError, UnicodeDecodeError):
                pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        raise ReadError("无法识别文件的文字编码（既不是 UTF-8 也不是 GBK）") from None


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 9 or 13 < b < 32)
    return controls > len(sample) // 20


# --- plain text ---------------------------------------------------------------------------------
_MD_RULE = re.compile(r"^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?$")


def text_lines(text: str) -> list[Line]:
    lines: list[Line] = []
    for raw in text.splitlines():
        stripped = raw.strip()
        if not stripped or _MD_RULE.match(stripped):
            continue
        if "|" in stripped or "\t" in stripped:
            if "|" in stripped:
                if stripped.startswith("|") and stripped.endswith("|") and len(stripped) > 1:
                    stripped = stripped[1:-1]
                cells = stripped.split("|")
            else:
                cells = stripped.split("\t")
            line = _row(cells)
        else:
            line = _paragraph(stripped)
        if line is not None:
            lines.append(line)
    return lines


# --- HTML ---------------------------------------------------------------------------------------
_VOID = frozenset(
    "area base br col embed hr img input link meta param source track wbr".split()  # noqa: SIM905
)
_SKIP = frozenset({"script", "style", "noscript", "template", "xml", "svg"})
_BLOCK = frozenset(
    "address article aside blockquote body center dd div dl dt figcaption figure footer form "  # noqa: SIM905
    "h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section title ul caption".split()
)


@dataclass
class _Node:
    tag: str
    children: list[_Node | str]
    parent: _Node | None = None


class _TreeBuilder(HTMLParser):
    """A forgiving element tree: unclosed cells, rows and paragraphs close as browsers do."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Node("#root", [])
        self.current = self.root
        self.skipping = 0

    def _close(self, tag: str, *, stop_at: tuple[str, ...] = ()) -> None:
        node: _Node | None = self.current
        while node is not None and node.tag != "#root":
            if node.tag in stop_at:
                return
            if node.tag == tag:
                self.current = node.parent or self.root
                return
            node = node.parent

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        tag = tag.lower().split(":")[-1]
        if self.skipping:
            if tag in _SKIP:
                self.skipping += 1
            return
        if tag in _SKIP:
            self.skipping = 1
            return
        if tag in ("td", "th"):
            self._close("td", stop_at=("tr", "table"))
            self._close("th", stop_at=("tr", "table"))
        elif tag == "tr":
            self._close("tr", stop_at=("table",))
        elif tag == "p":
            self._close("p", stop_at=("td", "th", "table", "div"))
        node = _Node(tag, [], self.current)
        self.current.children.append(node)
        if tag not in _VOID:
            self.current = node

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        tag = tag.lower().split(":")[-1]
        if not self.skipping:
            self.current.children.append(_Node(tag, [], self.current))

    def handle_endtag(self, tag: str) -> None:
        tag = tag.lower().split(":")[-1]
        if self.skipping:
            if tag in _SKIP:
                self.skipping -= 1
            return
        if tag in _VOID:
            return
        self._close(tag)

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.current.children.append(data)


def _text_of(node: _Node) -> str:
    parts: list[str] = []
    for child in node.children:
        if isinstance(child, str):
            parts.append(child)
        elif child.tag == "br":
            parts.append(" ")
        else:
            parts.append(_text_of(child))
    return "".join(parts)


def _contains(node: _Node, tag: str) -> bool:
    return any(
        isinstance(child, _Node) and (child.tag == tag or _contains(child, tag))
        for child in node.children
    )


def _rows_of(table: _Node) -> list[_Node]:
    rows: list[_Node] = []
    for child in table.children:
        if isinstance(child, _Node):
            if child.tag == "tr":
                rows.append(child)
            elif child.tag in ("thead", "tbody", "tfoot"):
                rows.extend(_rows_of(child))
    return rows


def _walk(node: _Node, lines: list[Line], buffer: list[str]) -> None:
    def flush() -> None:
        line = _paragraph("".join(buffer))
        buffer.clear()
        if line is not None:
            lines.append(line)

    for child in node.children:
        if isinstance(child, str):
            buffer.append(child)
            continue
        if child.tag == "br":
            flush()
        elif child.tag == "table" and not _contains(child, "table"):
            flush()
            for tr in _rows_of(child):
                cells = [
                    _text_of(c)
                    for c in tr.children
                    if isinstance(c, _Node) and c.tag in ("td", "th")
                ]
                line = _row(cells)
                if line is not None:
                    lines.append(line)
        elif child.tag in _BLOCK or child.tag in ("table", "tr", "td", "th", "tbody", "thead"):
            # a block, or a layout table that holds the real tables: read through it
            flush()
            _walk(child, lines, buffer)
            flush()
        else:
            _walk(child, lines, buffer)
    if node.tag == "#root":
        flush()


def html_lines(text: str) -> list[Line]:
    builder = _TreeBuilder()
    builder.feed(text)
    builder.close()
    lines: list[Line] = []
    _walk(builder.root, lines, [])
    return lines


# --- DOCX and XLSX ------------------------------------------------------------------------------
def docx_lines(data: bytes) -> list[Line]:
    from docx import Document as open_docx
    from docx.oxml.ns import qn

    try:
        document = open_docx(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many kinds on a damaged file
        raise ReadError(f"无法打开 DOCX 文件（{type(exc).__name__}），文件可能已损坏") from None
    p_tag, tbl_tag, tr_tag, tc_tag, t_tag = (qn(x) for x in ("w:p", "w:tbl", "w:tr", "w:tc", "w:t"))
    vmerge_tag, val_attr = qn("w:vMerge"), qn("w:val")

    def text(element: Any) -> str:
        return "".join(t.text or "" for t in element.iter(t_tag))

    lines: list[Line] = []

    def table(tbl: Any) -> None:
        for tr in tbl.findall(tr_tag):
            cells: list[str] = []
            for tc in tr.findall(tc_tag):
                merge = tc.find(f"{qn('w:tcPr')}/{vmerge_tag}")
                continued = merge is not None and merge.get(val_attr) in (None, "continue")
                if tc.find(f".//{tbl_tag}") is not None:  # a layout cell holding a table
                    for inner in tc:
                        if inner.tag == tbl_tag:
                            table(inner)
                        elif inner.tag == p_tag and (line := _paragraph(text(inner))):
                            lines.append(line)
                    continue
                cells.append("" if continued else text(tc))
            line = _row(cells, grid=True)
            if line is not None:
                lines.append(line)

    for child in document.element.body.iterchildren():
        if child.tag == p_tag:
            line = _paragraph(text(child))
            if line is not None:
                lines.append(line)
        elif child.tag == tbl_tag:
            table(child)
    return lines


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def xlsx_lines(data: bytes) -> list[Line]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on a damaged file
        raise ReadError(f"无法打开 XLSX 文件（{type(exc).__name__}），文件可能已损坏") from None
    lines: list[Line] = []
    title = _paragraph(book.properties.title or "")
    if title is not None:
        lines.append(title)
    for sheet in book.worksheets:
        for values in sheet.iter_rows(values_only=True):
            line = _row([_cell_text(v) for v in values], grid=True)
            if line is not None:
                lines.append(line)
    book.close()
    return lines


# --- PDF ----------------------------------------------------------------------------------------
_PAGE_NUMBER = re.compile(r"^[-—－\s]*(第\s*)?\d{1,3}(\s*页)?[-—－\s]*$|^\d+\s*/\s*\d+$")


def pdf_lines(data: bytes) -> list[Line]:
    import pdfplumber

    lines: list[Line] = []
    text_chars = 0
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except Exception as exc:  # pdfminer raises many kinds on a damaged or encrypted file
        raise ReadError(
            f"无法打开 PDF 文件（{type(exc).__name__}），文件可能已损坏或加密"
        ) from None
    try:
        if len(pdf.pages) > MAX_PDF_PAGES:
            raise ReadError(f"PDF 有 {len(pdf.pages)} 页，超过可检查的 {MAX_PDF_PAGES} 页")
        for page in pdf.pages:
            try:
                tables = page.find_tables()
            except Exception:  # a page whose drawing cannot be analysed: read it as text
                tables = []
            items: list[tuple[float, int, Line]] = []
            rest = page
            for n, found in enumerate(tables):
                rest = rest.outside_bbox(found.bbox, strict=False)
                for r, row in enumerate(found.extract()):
                    # None marks a position covered by a merged cell, "" an empty cell; a
                    # "table" of one filled column is prose in a frame
                    present = [c for c in row if c is not None]
                    if len(present) == 1:
                        line = _paragraph(present[0].replace("\n", ""))
                    else:
                        line = _row([(c or "").replace("\n", "") for c in row], grid=True)
                    if line is not None:
                        items.append((found.bbox[1] + r * 0.001, n, line))
            for entry in rest.extract_text_lines():
                text = str(entry.get("text", ""))
                if _PAGE_NUMBER.match(text.strip()):
                    continue
                line = _paragraph(text)
                if line is not None:
                    items.append((float(entry["top"]), -1, line))
            items.sort(key=lambda item: item[0])
            for _top, _n, line in items:
                text_chars += sum(len(c) for c in line.cells)
                lines.append(line)
    except ReadError:
        raise
    except Exception as exc:
        raise ReadError(f"读取 PDF 时出错（{type(exc).__name__}），文件可能已损坏") from None
    finally:
        pdf.close()
    if text_chars < 50:
        raise NeedsOcr("PDF 没有可读取的文字（可能是扫描件），需要先进行文字识别（OCR）")
    return lines


# --- dispatch -----------------------------------------------------------------------------------
def _zip_kind(data: bytes) -> str:
    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except (zipfile.BadZipFile, ValueError, OSError):
        raise ReadError("文件像是压缩包，但已损坏") from None
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    raise ReadError("不支持的压缩文件：只能读取 DOCX 和 XLSX")


def read_bytes(data: bytes, name: str = "") -> Document:
    """The lines of a report file, whatever its kind (chosen by its content, then its name)."""
    if not data or not data.strip():
        raise ReadError("文件为空")
    if len(data) > MAX_BYTES:
        raise ReadError(f"文件超过 {MAX_BYTES // 1024 // 1024} MB，不予读取")
    lowered = name.lower()
    if data.startswith(b"%PDF"):
        return Document("pdf", pdf_lines(data))
    if data.startswith(b"PK\x03\x04"):
        kind = _zip_kind(data)
        return Document(kind, docx_lines(data) if kind == "docx" else xlsx_lines(data))
    if lowered.endswith((".pdf", ".docx", ".xlsx")):
        raise ReadError(f"文件扩展名为 {lowered.rsplit('.', 1)[-1].upper()}，但内容不是这种格式")
    if lowered.endswith((".doc", ".wps", ".xls")) or data.startswith(b"\xd0\xcf\x11\xe0"):
        raise ReadError("不支持旧版 Word/WPS/Excel 文件（.doc/.wps/.xls），请另存为 DOCX 或 PDF")
    if _looks_binary(data):
        raise ReadError("不是可读取的文本文件（看起来是二进制数据）")
    head = data[:4096].lower()
    is_html = lowered.endswith((".html", ".htm", ".shtml", ".mht")) or any(
        mark in head for mark in (b"<html", b"<!doctype html", b"<table", b"<body", b"<p")
    )
    text = decode(data, html=is_html)
    stripped = text.lstrip()
    if lowered.endswith(".json") or (stripped.startswith("{") and not is_html):
        try:
            loaded = json.loads(text)
        except (ValueError, RecursionError):
            if lowered.endswith(".json"):
                raise ReadError("JSON 文件格式不正确") from None
        else:
            if not isinstance(loaded, dict) or not isinstance(loaded.get("applications"), dict):
                raise ReadError("JSON 文件不是年度报告（缺少 applications 表三数据）")
            return Document("json", [], data=loaded)
    if is_html:
        return Document("html", html_lines(text))
    return Document("text", text_lines(text))


def normalise(text: str) -> str:
    """For comparing labels: full-width forms folded, spaces and quotes removed, 1、 → 1."""
    text = unicodedata.normalize("NFKC", text)
    text = re.sub(r"[\s\"'“”‘’「」『』]", "", text)
    text = re.sub(r"(\d)[、,，]", r"\1.", text)
    return text
