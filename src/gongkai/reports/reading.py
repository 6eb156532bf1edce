"""Reading a published annual report into lines: the text of the page in reading order, each line
either a paragraph (one cell) or a table row (its cells). Pure: no ORM, no settings.

What is read: HTML (a saved page, Word's "save as web page" included), plain text (cells
separated by ``|`` or tabs, or a table copied as text with numbers separated by spaces), DOCX
(tables read cell by cell, merged cells once), XLSX (Gongkai's own table workbook), PDFs
(pdfplumber: ruled tables as rows, the rest as lines; pages without a readable text layer read
by OCR, :mod:`gongkai.reports.ocr`) and Gongkai's own JSON. A scan where tesseract is not
installed is :class:`NeedsOcr`; nothing is guessed.

Every failure is a :class:`ReadError` with a one-line message in Chinese.

Hostile files (issue 12: a 128 KB PDF that took 184 s and 4.7 GB to read, zip bombs, quadratic
HTML) are refused *before* the expensive parse where the cost can be seen cheaply: the zip
directory and the bytes as they are inflated, the PDF's objects, pages and what each page draws,
the depth and number of HTML elements, the amount of text (:class:`Limits`, refusals are
:class:`TooComplex`). What is not cheap to foresee is stopped by the child process the checker
runs in (:mod:`gongkai.reports.sandbox`).
"""

from __future__ import annotations

import functools
import io
import json
import re
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from gongkai.reports.ocr import Scan

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """What the reader accepts: each far above what a real annual report needs (the PDF reports
    of the fixtures draw at most some 1,400 bytes of text and 1,700 path segments a page,
    Gongkai's HTML report has some 600 elements) and low enough that reading stays within the
    child's memory and time (docs/checker.md, "Limits")."""

    max_bytes: int = 50 * MB
    zip_parts: int = 1000
    zip_part_bytes: int = 32 * MB  # one part, inflated
    zip_total_bytes: int = 128 * MB  # every part, inflated
    zip_ratio: int = 100  # inflated / compressed, for parts over 1 MB inflated
    xml_tags: int = 1_000_000  # tags in the XML parts of a DOCX or XLSX
    xlsx_cells: int = 1_000_000
    pdf_pages: int = 300
    pdf_objects: int = 100_000
    pdf_stream_bytes: int = 16 * MB  # one content or object stream, inflated
    pdf_content_bytes: int = 64 * MB  # the content streams of every page, inflated
    pdf_page_glyphs: int = 40_000  # bytes of text shown on one page (2 a character in CJK fonts)
    pdf_page_paths: int = 20_000  # path segments (lines, rectangles, curves) drawn on one page
    pdf_glyphs: int = 2_000_000  # bytes of text shown in the whole file
    pdf_paths: int = 200_000  # path segments drawn in the whole file
    # pixels of the images one page paints (a scan of A4 at 600 dpi has 35 million): what
    # rendering the page for OCR decodes
    pdf_page_pixels: int = 50_000_000
    text_bytes: int = 16 * MB  # an HTML, text or JSON file
    html_depth: int = 400
    html_pieces: int = 500_000  # elements and runs of text
    text_chars: int = 2_000_000  # characters of the lines read, any kind of file
    lines: int = 100_000
    table3_rows: int = 300  # rows of numbers in section 三 to align (25 in the format)


LIMITS = Limits()
# For measuring what the caps save (bench/hostile.py): nothing refused for its size.
UNLIMITED = Limits(*(1 << 62 for _ in Limits.__dataclass_fields__))

MAX_BYTES = LIMITS.max_bytes
MAX_PDF_PAGES = LIMITS.pdf_pages


class ReadError(Exception):
    """The file cannot be read as a report (exit status 2)."""


class NeedsOcr(ReadError):
    """A PDF without a text layer (a scan) where OCR is not available (no tesseract)."""


class TooComplex(ReadError):
    """The file exceeds one of the :class:`Limits`: refused before it is parsed (exit status 3).
    The message says which limit, in Chinese."""

    def __init__(self, reason: str) -> None:
        super().__init__(f"文件过于复杂：{reason}")


def _size(n: int) -> str:
    return f"{n / MB:.0f} MB" if n >= MB else f"{n // 1024} KB"


def _many(n: int, unit: str) -> str:
    """``_many(20000, "段")`` → "2 万段", ``_many(300, "页")`` → "300 页"."""
    return f"{n // 10_000} 万{unit}" if n >= 10_000 and n % 10_000 == 0 else f"{n} {unit}"


@dataclass(frozen=True)
class Line:
    cells: tuple[str, ...]
    table: bool = False  # a row of a real table (cell boundaries known)
    grid: bool = False  # every row of its table has the same columns (DOCX, XLSX, PDF)
    # a row put back together from a table printed one cell per line where blank cells left no
    # trace (parsing.rejoin): its cells are known, the columns they stood in are not
    loose: bool = False
    # read by OCR: each cell's confidence (0-100, the lowest of its words; None for a blank
    # cell that shows no ink). None when the line was not read by OCR
    confidence: tuple[float | None, ...] | None = None

    @property
    def text(self) -> str:
        return " ".join(c for c in self.cells if c)


@dataclass
class Document:
    kind: str  # html, text, docx, xlsx, pdf, json
    lines: list[Line]
    data: dict[str, Any] | None = None  # a JSON report, read as it is
    ocr: Scan | None = None  # the pages of a PDF read by OCR (a scan), if any


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
_CELL_TEXT = 60  # a line longer than this is prose, not a cell


def _pipes_only(line: str) -> bool:
    return "|" in line and not line.replace("|", "").strip()


def _ended_cell(line: str) -> bool:
    """``规章 |`` or ``0 ||``: one cell's text ended by pipes (a table copied one cell per line)."""
    return (
        not line.startswith("|")
        and line.endswith("|")
        and sum(1 for piece in line.split("|") if piece.strip()) == 1
        and len(line) <= _CELL_TEXT
    )


def _cell_run(raws: list[str], start: int) -> int:
    """The end of a run of lines that print a table one cell per line with pipes, from
    ``start`` (``start`` itself when there is none). Two ways are seen in copies of published
    pages: every cell's text ended by a pipe on its line (``规章 |``, ``/ |``, a lone ``|`` for a
    blank cell, ``||`` for the positions a merged cell covers), or the cell's text on one line
    and a pipe on the next (``规章`` / ``|``). Either way a pipe ends a cell."""
    end = start
    pipes = 0
    while end < len(raws):
        line = raws[end]
        if _pipes_only(line) or _ended_cell(line):
            pipes += 1
        elif not _in_cell(raws, end, inside=end > start):
            break
        end += 1
    return end if pipes >= 3 and end - start >= 4 else start


_SECTION_START = re.compile(r"^[一二三四五六七八九十]+[、.．]")


def _in_cell(raws: list[str], at: int, *, inside: bool) -> bool:
    """A line of a cell's text in a run of cells followed by pipe lines: the line before a pipe
    line, or, inside a run, one of up to three lines of one cell's text (``商业`` / ``企业`` /
    ``|``) unless it starts like a section title (which is no cell)."""

    def text(line: str) -> bool:
        return "|" not in line and "\t" not in line and len(line) <= _CELL_TEXT

    if not text(raws[at]):
        return False
    if at + 1 < len(raws) and _pipes_only(raws[at + 1]):
        return True
    if not inside or _SECTION_START.match(raws[at]):
        return False
    for k in (2, 3):
        if at + k < len(raws) and _pipes_only(raws[at + k]):
            return all(text(raws[i]) for i in range(at + 1, at + k))
    return False


def _cells_of_run(raws: list[str]) -> list[Line]:
    """The cells of a run (:func:`_cell_run`), one line each, blank cells kept as blank cells:
    the text between two pipes is one cell, over several lines if a cell's text wrapped."""
    pieces = "\n".join(raws).split("|")
    return [Line((clean(piece.replace("\n", "")),), table=True) for piece in pieces[:-1]]


def text_lines(text: str) -> list[Line]:
    lines: list[Line] = []
    raws = [raw.strip() for raw in text.splitlines()]
    raws = [raw for raw in raws if raw and not _MD_RULE.match(raw)]
    i = 0
    while i < len(raws):
        end = _cell_run(raws, i)
        if end > i:
            lines += _cells_of_run(raws[i:end])
            i = end
            continue
        stripped = raws[i]
        i += 1
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


@dataclass(eq=False, slots=True)
class _Node:
    tag: str
    children: list[_Node | str]
    parent: _Node | None = None
    depth: int = 0
    holds_table: bool = False  # a table somewhere below


class _TreeBuilder(HTMLParser):
    """A forgiving element tree: unclosed cells, rows and paragraphs close as browsers do.

    Linear in the size of the page: the open elements of each tag are kept in stacks, so
    closing an element (or finding that none is open) never walks up the chain of ancestors
    that may hold thousands of unclosed ``<span>`` (issue 12: quadratic before)."""

    def __init__(self, limits: Limits) -> None:
        super().__init__(convert_charrefs=True)
        self.limits = limits
        self.root = _Node("#root", [])
        self.current = self.root
        self.skipping = 0
        self.pieces = 0
        self.open: dict[str, list[_Node]] = {}  # the open elements of each tag, deepest last

    def _add(self, child: _Node | str) -> None:
        self.pieces += 1
        if self.pieces > self.limits.html_pieces:
            raise TooComplex(f"网页的元素和文字段超过 {_many(self.limits.html_pieces, '个')}")
        self.current.children.append(child)

    def _close(self, tag: str, *, stop_at: tuple[str, ...] = ()) -> None:
        """Close the innermost open ``tag`` and everything inside it, unless one of ``stop_at``
        is open inside it (a cell of an inner table does not close the outer one)."""
        found = self.open.get(tag)
        if not found:
            return
        target = found[-1]
        for stop in stop_at:
            inner = self.open.get(stop)
            if inner and inner[-1].depth > target.depth:
                return
        node = self.current
        while node is not target:
            self.open[node.tag].pop()
            node = node.parent or self.root
        self.open[tag].pop()
        self.current = target.parent or self.root

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
        node = _Node(tag, [], self.current, self.current.depth + 1)
        self._add(node)
        if tag == "table":
            above: _Node | None = self.current
            while above is not None and not above.holds_table:
                above.holds_table = True
                above = above.parent
        if tag not in _VOID:
            if node.depth > self.limits.html_depth:
                raise TooComplex(f"网页元素嵌套超过 {self.limits.html_depth} 层")
            self.open.setdefault(tag, []).append(node)
            self.current = node

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        tag = tag.lower().split(":")[-1]
        if not self.skipping:
            self._add(_Node(tag, [], self.current, self.current.depth + 1))

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
            self._add(data)

    def parse_marked_section(self, i: int, report: bool = True) -> int:
        # ``<![`` not followed by a known keyword makes Python's parser raise AssertionError;
        # read it as browsers do, as a bogus comment up to the next ">"
        try:
            return int(super().parse_marked_section(i, report))
        except AssertionError:
            return int(self.parse_bogus_comment(i))

    def close(self) -> None:
        # What is left unparsed after the whole page is fed starts with a comment, tag or
        # script that is never closed: browsers take it to run to the end of the page.
        # Python's parser before 3.13.5 instead rescans the rest once for every "<" in it
        # (quadratic: 100,000 unclosed "<!--" took minutes).
        if self.rawdata.startswith("<") or self.cdata_elem:
            self.rawdata = ""
        super().close()


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
        elif child.tag == "table" and not child.holds_table:
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


def html_lines(text: str, limits: Limits | None = None) -> list[Line]:
    builder = _TreeBuilder(limits or LIMITS)
    builder.feed(text)
    builder.close()
    lines: list[Line] = []
    _walk(builder.root, lines, [])
    return lines


# --- DOCX and XLSX ------------------------------------------------------------------------------
def zip_check(data: bytes, limits: Limits | None = None) -> str:
    """The kind of an Office file (``docx`` or ``xlsx``), once its zip is known to inflate to a
    bounded size: the directory's figures first (number of parts, each part's size and
    compression ratio, the total), then every part inflated in chunks and counted, since a
    directory can lie; the tags of the XML parts are counted on the way (python-docx holds them
    all in memory)."""
    limits = limits or LIMITS
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        raise ReadError("文件像是压缩包，但已损坏") from None
    names = {info.filename for info in infos}
    if "word/document.xml" in names:
        kind = "docx"
    elif "xl/workbook.xml" in names:
        kind = "xlsx"
    else:
        raise ReadError("不支持的压缩文件：只能读取 DOCX 和 XLSX")
    label = kind.upper()
    if len(infos) > limits.zip_parts:
        raise TooComplex(f"{label} 由 {len(infos)} 个部件组成，超过 {limits.zip_parts} 个")
    declared = 0
    for info in infos:
        if info.file_size > limits.zip_part_bytes:
            raise TooComplex(
                f"{label} 中的 {info.filename[:60]} 解压后 {_size(info.file_size)}，"
                f"超过每个部件 {_size(limits.zip_part_bytes)} 的上限"
            )
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > MB and ratio > limits.zip_ratio:
            raise TooComplex(
                f"{label} 中的 {info.filename[:60]} 压缩比为 {ratio:.0f} 倍，"
                f"超过 {limits.zip_ratio} 倍（疑似压缩炸弹）"
            )
        declared += info.file_size
    if declared > limits.zip_total_bytes:
        raise TooComplex(
            f"{label} 解压后共 {_size(declared)}，超过 {_size(limits.zip_total_bytes)} 的上限"
        )
    total = tags = 0
    try:
        for info in infos:
            size = 0
            xml = info.filename.endswith((".xml", ".rels"))
            with archive.open(info) as part:
                while chunk := part.read(MB):
                    size += len(chunk)
                    total += len(chunk)
                    if size > max(info.file_size, 0) or size > limits.zip_part_bytes:
                        raise TooComplex(
                            f"{label} 中的 {info.filename[:60]} 解压后超过压缩包目录所写的大小"
                        )
                    if total > limits.zip_total_bytes:
                        raise TooComplex(
                            f"{label} 解压后超过 {_size(limits.zip_total_bytes)} 的上限"
                        )
                    if xml:
                        tags += chunk.count(b"<")
    except TooComplex:
        raise
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, NotImplementedError, RuntimeError):
        raise ReadError(f"{label} 文件已损坏，无法解压") from None
    except zlib.error:
        raise ReadError(f"{label} 文件已损坏，无法解压") from None
    if tags > limits.xml_tags:
        raise TooComplex(f"{label} 的 XML 中有 {tags} 个标记，超过 {_many(limits.xml_tags, '个')}")
    return kind


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
# Elements that only wrap content: a content control (w:sdt, its w:sdtContent; WPS and Word
# templates put titles, tables, rows and cells in them), custom XML, smart tags, a tracked
# insertion. What they wrap is read as if they were not there.
_WRAPPERS = frozenset(
    _W + name for name in ("sdt", "sdtContent", "customXml", "smartTag", "ins", "moveTo")
)
# Not read as text: a content control's properties (its placeholder text), deleted text, the
# fallback copy of a drawing (mc:Fallback repeats mc:Choice: a text box would be read twice),
# a text box (its content is read as blocks of its own, after its paragraph)
_SKIPPED = frozenset({_W + "sdtPr", _W + "sdtEndPr", _W + "del", _W + "moveFrom", _MC + "Fallback"})


def _unwrapped(element: Any, wanted: str) -> Any:
    """The children of ``element`` that are ``wanted`` elements, looking through wrappers."""
    for child in element.iterchildren():
        if child.tag == wanted:
            yield child
        elif child.tag in _WRAPPERS:
            yield from _unwrapped(child, wanted)


def _blocks(element: Any) -> Any:
    """The paragraphs and tables of a body, a cell or a text box, in order, through wrappers."""
    for child in element.iterchildren():
        if child.tag in (_W + "p", _W + "tbl"):
            yield child
        elif child.tag in _WRAPPERS:
            yield from _blocks(child)


def _text_and_boxes(element: Any) -> tuple[str, list[Any]]:
    """The text of a paragraph or cell, and the text boxes (w:txbxContent) it anchors, each
    once: the fallback copy that Word and WPS write for older readers is skipped."""
    parts: list[str] = []
    boxes: list[Any] = []
    stack = [element]
    while stack:
        node = stack.pop()
        tag = node.tag
        if tag == _W + "t":
            parts.append(node.text or "")
            continue
        if tag in (_W + "tab", _W + "br", _W + "cr") and node is not element:
            parts.append(" ")
            continue
        if tag == _W + "txbxContent":
            boxes.append(node)
            continue
        if tag in _SKIPPED:
            continue
        stack.extend(reversed(list(node.iterchildren())))
    return "".join(parts), boxes


def docx_lines(data: bytes) -> list[Line]:
    """A DOCX body in order: paragraphs as lines, table rows as rows of cells, each cell once —
    a horizontally merged cell (gridSpan, or the older hMerge that WPS and converted documents
    still write) is one cell, the continuation of a vertically merged one (vMerge) an empty
    cell, and the grid columns a row skips (gridBefore, gridAfter) empty cells. Content
    controls (w:sdt) around paragraphs, tables, rows, cells or runs are looked through; a table
    in a text box is read after the paragraph that anchors it, once."""
    from docx import Document as open_docx

    try:
        document = open_docx(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many kinds on a damaged file
        raise ReadError(f"无法打开 DOCX 文件（{type(exc).__name__}），文件可能已损坏") from None
    val = _W + "val"
    lines: list[Line] = []

    def skipped_columns(tr: Any, name: str) -> int:
        found = tr.find(f"{_W}trPr/{_W}{name}")
        try:
            return max(int(found.get(val, "0")), 0) if found is not None else 0
        except ValueError:
            return 0

    def table(tbl: Any) -> None:
        for tr in _unwrapped(tbl, _W + "tr"):
            cells: list[str] = [""] * min(skipped_columns(tr, "gridBefore"), 63)
            later: list[Any] = []
            for tc in _unwrapped(tr, _W + "tc"):
                properties = tc.find(_W + "tcPr")
                vmerge = properties.find(_W + "vMerge") if properties is not None else None
                hmerge = properties.find(_W + "hMerge") if properties is not None else None
                if hmerge is not None and hmerge.get(val) in (None, "continue"):
                    continue  # part of the cell before it
                if any(inner.tag == _W + "tbl" for inner in _blocks(tc)):
                    # a layout cell holding a table: its content read as blocks
                    later.append(tc)
                    continue
                continued = vmerge is not None and vmerge.get(val) in (None, "continue")
                text, boxes = _text_and_boxes(tc)
                cells.append("" if continued else text)
                later.extend(boxes)
            cells += [""] * min(skipped_columns(tr, "gridAfter"), 63)
            line = _row(cells, grid=True)
            if line is not None:
                lines.append(line)
            for container in later:
                blocks(container)

    def blocks(container: Any) -> None:
        for block in _blocks(container):
            if block.tag == _W + "tbl":
                table(block)
                continue
            text, boxes = _text_and_boxes(block)
            line = _paragraph(text)
            if line is not None:
                lines.append(line)
            for box in boxes:
                blocks(box)

    blocks(document.element.body)
    return lines


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def xlsx_lines(data: bytes, limits: Limits | None = None) -> list[Line]:
    from openpyxl import load_workbook

    limits = limits or LIMITS

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on a damaged file
        raise ReadError(f"无法打开 XLSX 文件（{type(exc).__name__}），文件可能已损坏") from None
    lines: list[Line] = []
    title = _paragraph(book.properties.title or "")
    if title is not None:
        lines.append(title)
    cells = 0
    for sheet in book.worksheets:
        # openpyxl fills the grid up to the sheet's stated dimension: two cells at A1 and
        # XFD1048576 would make 17 billion; counted as they come
        for values in sheet.iter_rows(values_only=True):
            cells += len(values)
            if cells > limits.xlsx_cells:
                book.close()
                raise TooComplex(f"XLSX 的单元格超过 {_many(limits.xlsx_cells, '个')}")
            line = _row([_cell_text(v) for v in values], grid=True)
            if line is not None:
                lines.append(line)
    book.close()
    return lines


# --- PDF ----------------------------------------------------------------------------------------
PAGE_NUMBER = re.compile(r"^[-—－\s]*(第\s*)?\d{1,3}(\s*页)?[-—－\s]*$|^\d+\s*/\s*\d+$")


def _inflated(stream: Any, cap: int) -> bytes | None:
    """A PDF stream's data, inflated as far as ``cap + 1`` bytes and no further (pdfminer
    inflates a stream whole, bomb or not): more than ``cap`` bytes returned means too large.
    None when it cannot be read (pdfminer then reads what it can, or nothing)."""
    from pdfminer.pdftypes import LITERALS_FLATE_DECODE

    raw = stream.rawdata
    if raw is None:  # decoded already
        return bytes(stream.data or b"")
    if stream.decipher and stream.objid is not None and stream.genno is not None:
        raw = stream.decipher(stream.objid, stream.genno, raw, stream.attrs)
    filters = [f for f, _params in stream.get_filters()]
    if not filters:
        return bytes(raw)
    if len(filters) == 1 and filters[0] in LITERALS_FLATE_DECODE:
        try:
            return zlib.decompressobj().decompress(raw, cap + 1)
        except zlib.error:
            return None
    # other codecs (ASCII85, LZW, …) are rare in content streams and expand little
    try:
        data = stream.get_data()
    except Exception:  # pdfminer raises many kinds on a damaged stream
        return None
    return bytes(data)


# What a content stream draws, counted without running it: the bytes of its strings (the
# characters shown, two bytes each in CJK fonts), its path operators (a rectangle counts as its
# four edges, as the table finder sees it) and the forms it paints by name.
_PDF_STRING = re.compile(rb"\((?:[^\\()]|\\.)*\)", re.DOTALL)
_PDF_HEX = re.compile(rb"<([0-9A-Fa-f\s]*)>")
_PDF_PATH = re.compile(rb"(?:(?<=\s)|^)(re|[mlcvy])(?=[\s/\[(<%]|$)")
_PDF_DO = re.compile(rb"/([^\s/\[\]()<>{}%]+)\s*Do(?=[\s/\[(<%]|$)")


class _PdfBudget:
    """The drawing of each page, with the forms it paints multiplied out, against the limits."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.inflated = 0  # bytes of content inflated, all pages (a stream shared is counted again)
        self.glyphs = 0
        self.paths = 0
        self.forms: dict[int, tuple[int, int, int]] = {}

    def _content(self, stream: Any, where: str) -> bytes:
        data = _inflated(stream, self.limits.pdf_stream_bytes)
        if data is None:
            return b""
        if len(data) > self.limits.pdf_stream_bytes:
            raise TooComplex(f"{where}的内容解压后超过 {_size(self.limits.pdf_stream_bytes)}")
        self.inflated += len(data)
        if self.inflated > self.limits.pdf_content_bytes:
            raise TooComplex(f"PDF 的页面内容解压后共超过 {_size(self.limits.pdf_content_bytes)}")
        return data

    def drawing(
        self, streams: list[Any], resources: Any, where: str, seen: tuple[int, ...]
    ) -> tuple[int, int, int]:
        """The bytes of text, the path segments and the pixels of images the streams paint."""
        from pdfminer.pdftypes import PDFStream, dict_value, int_value, resolve1

        glyphs = paths = pixels = 0
        names: dict[bytes, int] = {}
        for ref in streams:
            stream = resolve1(ref)
            if not isinstance(stream, PDFStream):
                continue
            data = self._content(stream, where)
            glyphs += sum(len(m) - 2 for m in _PDF_STRING.findall(data))
            glyphs += sum(len(m) // 2 for m in _PDF_HEX.findall(data))
            paths += sum(4 if op == b"re" else 1 for op in _PDF_PATH.findall(data))
            for name in _PDF_DO.findall(data):
                names[name] = names.get(name, 0) + 1
        xobjects = dict_value(dict_value(resources).get("XObject")) if resources else {}
        for name, times in names.items():
            ref = xobjects.get(name.decode("latin-1"))
            form = resolve1(ref)
            kind = getattr(form.get("Subtype"), "name", "") if isinstance(form, PDFStream) else ""
            if kind == "Image":  # its size as declared: what a renderer decodes
                width, height = int_value(form.get("Width", 0)), int_value(form.get("Height", 0))
                pixels += times * max(width, 0) * max(height, 0)
                continue
            if kind != "Form":
                continue
            objid = getattr(ref, "objid", None) or id(form)
            if objid in seen:
                raise TooComplex(f"{where}的图形引用了自身")
            if objid not in self.forms:
                self.forms[objid] = self.drawing(
                    [form], form.get("Resources") or resources, where, (*seen, objid)
                )
            form_glyphs, form_paths, form_pixels = self.forms[objid]
            glyphs += times * form_glyphs
            paths += times * form_paths
            pixels += times * form_pixels
            if (
                glyphs > self.limits.pdf_page_glyphs
                or paths > self.limits.pdf_page_paths
                or pixels > self.limits.pdf_page_pixels
            ):
                break  # the page check below says which
        return glyphs, paths, pixels

    def page(self, number: int, page: Any) -> None:
        where = f"PDF 第 {number} 页"
        glyphs, paths, pixels = self.drawing(list(page.contents), page.resources, where, ())
        if pixels > self.limits.pdf_page_pixels:
            raise TooComplex(
                f"{where}的图像共有 {pixels // 10_000} 万像素，"
                f"超过 {_many(self.limits.pdf_page_pixels, '像素')}"
            )
        if glyphs > self.limits.pdf_page_glyphs:
            raise TooComplex(f"{where}的文字超过 {_many(self.limits.pdf_page_glyphs, '个字节')}")
        if paths > self.limits.pdf_page_paths:
            raise TooComplex(f"{where}的线条图形超过 {_many(self.limits.pdf_page_paths, '段')}")
        self.glyphs += glyphs
        if self.glyphs > self.limits.pdf_glyphs:
            raise TooComplex(f"PDF 的文字共超过 {_many(self.limits.pdf_glyphs, '个字节')}")
        self.paths += paths
        if self.paths > self.limits.pdf_paths:
            raise TooComplex(f"PDF 的线条图形共超过 {_many(self.limits.pdf_paths, '段')}")


def pdf_check(data: bytes, limits: Limits | None = None) -> None:
    """A PDF within the limits, or :class:`TooComplex`, found before pdfplumber builds an object
    for every character and line: its objects counted in the cross-reference tables, the object
    streams that pack objects measured inflated, its pages counted (stopping one past the
    limit), and what each page draws counted in its content streams, each measured before it
    is inflated whole, with the forms it paints multiplied out (:class:`_PdfBudget`)."""
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import PDFStream

    limits = limits or LIMITS
    try:
        document = PDFDocument(PDFParser(io.BytesIO(data)))
    except Exception as exc:  # pdfminer raises many kinds on a damaged or encrypted file
        raise ReadError(
            f"无法打开 PDF 文件（{type(exc).__name__}），文件可能已损坏或加密"
        ) from None
    try:
        objects = 0
        packs: set[int] = set()
        for xref in document.xrefs:
            for objid in xref.get_objids():
                objects += 1
                if objects > limits.pdf_objects:
                    raise TooComplex(f"PDF 的对象超过 {_many(limits.pdf_objects, '个')}")
                pack, _index, _gen = xref.get_pos(objid)
                if pack is not None:
                    packs.add(pack)
        for pack in sorted(packs):
            stream = document.getobj(pack)
            if isinstance(stream, PDFStream):
                inflated = _inflated(stream, limits.pdf_stream_bytes)
                if inflated is not None and len(inflated) > limits.pdf_stream_bytes:
                    raise TooComplex(f"PDF 的对象流解压后超过 {_size(limits.pdf_stream_bytes)}")
        budget = _PdfBudget(limits)
        for number, page in enumerate(PDFPage.create_pages(document), start=1):
            if number > limits.pdf_pages:
                raise TooComplex(f"PDF 超过可检查的 {limits.pdf_pages} 页")
            budget.page(number, page)
    except (ReadError, MemoryError):
        raise
    except RecursionError:
        raise TooComplex("PDF 的页面树或图形嵌套过深") from None
    except Exception as exc:
        raise ReadError(f"读取 PDF 时出错（{type(exc).__name__}），文件可能已损坏") from None


def paragraph(text: str, confidence: float | None = None) -> Line | None:
    """A line of text of a PDF page; with its confidence when it was read by OCR."""
    line = _paragraph(text)
    if line is not None and confidence is not None:
        line = Line(line.cells, confidence=(confidence,))
    return line


def table_row(cells: list[str | None], confidence: list[float | None] | None = None) -> Line | None:
    """A row of a ruled table as pdfplumber gives it: None where a merged cell started in an
    earlier column or row covers the position, "" for an empty cell. A "table" of one filled
    column is prose in a frame. ``confidence``: each cell's, when it was read by OCR."""
    present = [i for i, c in enumerate(cells) if c is not None]
    if len(present) == 1:
        only = present[0]
        return paragraph(
            str(cells[only]).replace("\n", ""), confidence[only] if confidence else None
        )
    line = _row([(c or "").replace("\n", "") for c in cells], grid=True)
    if line is not None and confidence is not None:
        if line.table:
            line = Line(line.cells, table=True, grid=True, confidence=tuple(confidence))
        else:
            known = [c for c in confidence if c is not None]
            line = Line(line.cells, confidence=(min(known) if known else None,))
    return line


def _outside(obj: dict[str, Any], boxes: list[tuple[float, float, float, float]]) -> bool:
    """Whether the middle of a PDF object (a character) is outside all the boxes."""
    if "x0" not in obj or "top" not in obj:
        return True
    x = (float(obj["x0"]) + float(obj["x1"])) / 2
    y = (float(obj["top"]) + float(obj["bottom"])) / 2
    return not any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)


def _needs_ocr(page: Any) -> bool:
    """A page to read by OCR: one with (almost) no text that shows an image or draws the
    outlines of its characters, or whose text cannot be read (glyphs without a mapping to
    characters, "(cid:123)", from fonts embedded without one)."""
    chars = page.chars
    unmapped = sum(1 for c in chars if str(c.get("text", "")).startswith("(cid:"))
    readable = len(chars) - unmapped
    if unmapped > readable:
        return True
    if readable >= 20:
        return False
    return bool(page.images) or len(page.curves) >= 20


def pdf_lines(data: bytes, limits: Limits | None = None) -> list[Line]:
    return pdf_document(data, limits).lines


def pdf_document(data: bytes, limits: Limits | None = None) -> Document:
    """A PDF's lines: the text layer read with pdfplumber (ruled tables as rows, the rest as
    lines), pages without a readable text layer (scans) read by OCR (:mod:`ocr`)."""
    import pdfplumber

    from gongkai.reports import ocr

    pdf_check(data, limits)
    pages: list[list[Line] | None] = []  # None: a page to read by OCR
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except Exception as exc:  # pdfminer raises many kinds on a damaged or encrypted file
        raise ReadError(
            f"无法打开 PDF 文件（{type(exc).__name__}），文件可能已损坏或加密"
        ) from None
    try:
        for page in pdf.pages:
            if _needs_ocr(page):
                pages.append(None)
                page.close()
                continue
            try:
                tables = page.find_tables()
            except Exception:  # a page whose drawing cannot be analysed: read it as text
                tables = []
            items: list[tuple[float, int, Line]] = []
            for n, found in enumerate(tables):
                for r, row in enumerate(found.extract()):
                    line = table_row(row)
                    if line is not None:
                        items.append((found.bbox[1] + r * 0.001, n, line))
            # the text outside the tables: a character is in a table when its middle is (a
            # heading set close under a table reaches a point into its box, and was lost)
            boxes = [found.bbox for found in tables]
            rest = page.filter(functools.partial(_outside, boxes=boxes)) if boxes else page
            for entry in rest.extract_text_lines():
                text = str(entry.get("text", ""))
                if PAGE_NUMBER.match(text.strip()):
                    continue
                line = _paragraph(text)
                if line is not None:
                    items.append((float(entry["top"]), -1, line))
            items.sort(key=lambda item: item[0])
            pages.append([line for _top, _n, line in items])
            page.close()  # its characters and lines, no longer needed: memory stays flat
    except ReadError:
        raise
    except Exception as exc:
        raise ReadError(f"读取 PDF 时出错（{type(exc).__name__}），文件可能已损坏") from None
    finally:
        pdf.close()
    scanned = [n for n, lines in enumerate(pages, start=1) if lines is None]
    scan: Scan | None = None
    if scanned:
        options = ocr.OPTIONS
        if not ocr.available():
            raise NeedsOcr(
                f"{ocr.NOT_INSTALLED}（PDF 的第 {_pages(scanned)} 页没有可读取的文字，"
                f"可能是扫描件）{ocr.INSTALL_HINT}"
            )
        if len(scanned) > options.max_pages:
            raise TooComplex(
                f"PDF 中需要文字识别（OCR）的扫描页有 {len(scanned)} 页，"
                f"超过 {options.max_pages} 页的上限"
            )
        try:
            read = ocr.read_pages(data, scanned, options)
        except ocr.OcrFailed as exc:
            raise TooComplex(str(exc)) from None
        except ReadError:
            raise
        except MemoryError:
            raise
        except Exception as exc:  # pdfium on a page it cannot render
            raise ReadError(f"无法将 PDF 页面转为图像（{type(exc).__name__}）") from None
        for page_text in read:
            pages[page_text.number - 1] = [line for _top, line in page_text.items]
        scan = ocr.Scan(
            tuple(scanned), options.min_confidence, round(sum(p.seconds for p in read), 2)
        )
    lines = [line for page_lines in pages for line in page_lines or []]
    text_chars = sum(len(c) for line in lines for c in line.cells)
    if text_chars < 50:
        if scan is not None:
            raise ReadError(
                "PDF 是扫描件，经文字识别（OCR）后仍未读到文字（图像可能空白或过于模糊）"
            )
        raise NeedsOcr("PDF 没有可读取的文字，也没有可供文字识别（OCR）的图像")
    return Document("pdf", lines, ocr=scan)


def _pages(numbers: list[int]) -> str:
    """``[1, 2, 3, 5]`` → "1–3、5"."""
    spans: list[list[int]] = []
    for n in numbers:
        if spans and n == spans[-1][1] + 1:
            spans[-1][1] = n
        else:
            spans.append([n, n])
    return "、".join(f"{a}–{b}" if b > a else str(a) for a, b in spans)


# --- dispatch -----------------------------------------------------------------------------------
def read_bytes(data: bytes, name: str = "", *, limits: Limits | None = None) -> Document:
    """The lines of a report file, whatever its kind (chosen by its content, then its name)."""
    limits = limits or LIMITS
    if not data or not data.strip():
        raise ReadError("文件为空")
    if len(data) > limits.max_bytes:
        raise ReadError(f"文件超过 {limits.max_bytes // MB} MB，不予读取")
    lowered = name.lower()
    if data.startswith(b"%PDF"):
        return _within(pdf_document(data, limits), limits)
    if data.startswith(b"PK\x03\x04"):
        kind = zip_check(data, limits)
        lines = docx_lines(data) if kind == "docx" else xlsx_lines(data, limits)
        return _within(Document(kind, lines), limits)
    if lowered.endswith((".pdf", ".docx", ".xlsx")):
        raise ReadError(f"文件扩展名为 {lowered.rsplit('.', 1)[-1].upper()}，但内容不是这种格式")
    if lowered.endswith((".doc", ".wps", ".xls")) or data.startswith(b"\xd0\xcf\x11\xe0"):
        raise ReadError("不支持旧版 Word/WPS/Excel 文件（.doc/.wps/.xls），请另存为 DOCX 或 PDF")
    if _looks_binary(data):
        raise ReadError("不是可读取的文本文件（看起来是二进制数据）")
    if len(data) > limits.text_bytes:
        raise TooComplex(
            f"网页、文本或 JSON 文件有 {_size(len(data))}，超过 {_size(limits.text_bytes)} 的上限"
        )
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
        tags = data.count(b"<")  # each element needs one: too many are refused unparsed
        if tags > limits.html_pieces:
            raise TooComplex(f"网页有 {tags} 个标记，超过 {_many(limits.html_pieces, '个')}")
        try:
            return _within(Document("html", html_lines(text, limits)), limits)
        except AssertionError:  # Python's HTML parser on markup it cannot make sense of
            raise ReadError("网页中有无法解析的标记") from None
    if len(text) > limits.text_chars:
        raise TooComplex(f"文本有 {len(text)} 个字符，超过 {_many(limits.text_chars, '字')}")
    return _within(Document("text", text_lines(text)), limits)


def _within(document: Document, limits: Limits) -> Document:
    """The amount of text read, whatever the kind: what the parser and the prose checks go
    through afterwards (aligning rows, sentence by sentence) grows with it."""
    if len(document.lines) > limits.lines:
        raise TooComplex(f"读到 {len(document.lines)} 行，超过 {_many(limits.lines, '行')}")
    chars = sum(len(cell) for line in document.lines for cell in line.cells)
    if chars > limits.text_chars:
        raise TooComplex(f"报告有 {chars} 个字符，超过 {_many(limits.text_chars, '字')}")
    return document


def normalise(text: str) -> str:
    """For comparing labels: full-width forms folded, spaces and quotes removed, 1、 → 1."""
    text = unicodedata.normalize("NFKC", text)
    text = re.sub(r"[\s\"'“”‘’「」『』]", "", text)
    text = re.sub(r"(\d)[、,，]", r"\1.", text)
    return text
