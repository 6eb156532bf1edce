"""Benchmark: hostile files through the report checker, with and without its limits.

Generates files built to exhaust a parser (sized like the ones of issue 12: a ~128 KB PDF, a
~485 KB DOCX, a ~400 KB HTML page; plus zip bombs, a PDF of thousands of pages or a quarter of a
million objects, self-multiplying PDF forms, deeply nested and quadratic HTML, huge text), then
runs each one twice, each in a child process measured by ``os.wait4``:

- **capped**: :func:`gongkai.reports.sandbox.check_bytes`, what the staff page and
  ``gongkai check_report`` do (the reading caps, then a child with RLIMIT_AS / RLIMIT_CPU and a
  wall-clock timeout);
- **baseline**: the same checker in a child with the reading caps lifted
  (``reading.UNLIMITED``) and no resource limits, only a hard outer timeout
  (``--baseline-seconds``) and, to spare the machine, an address-space guard
  (``--baseline-memory-mb``); a baseline that hits either is reported as such. The fixes of
  what was quadratic stay in it; ``--baseline-rev REV`` runs the code of a git revision
  instead (the one before the caps, to see the HTML cases as they were).

The generators are also used, at a smaller scale, by ``tests/reports/test_hostile_files.py``.

Run:  .venv/bin/python bench/hostile.py [--no-baseline] [--baseline-seconds 60] [--baseline-rev REV]
The last line of output is one JSON object.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import signal
import struct
import sys
import tempfile
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT / "src") not in sys.path:
    sys.path.insert(0, str(ROOT / "src"))

KB = 1024
MB = 1024 * 1024


# --- PDF ----------------------------------------------------------------------------------------
def _pdf(objects: list[bytes], *, root: int = 1) -> bytes:
    """A PDF from object bodies (object n is ``objects[n - 1]``), with a classic xref table."""
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root %d 0 R >>\n" % (len(objects) + 1, root))
    out.write(b"startxref\n%d\n%%%%EOF\n" % xref)
    return out.getvalue()


def _stream(data: bytes, extra: bytes = b"", *, compress: bool = True) -> bytes:
    if compress:
        data = zlib.compress(data, 9)
        extra += b" /Filter /FlateDecode"
    return b"<< /Length %d%s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"


_FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def _one_page(content: bytes, *, resources: bytes = b"/Font << /F1 4 0 R >>") -> list[bytes]:
    return [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << %s >> "
        b"/Contents 5 0 R >>" % resources,
        _FONT,
        _stream(content),
    ]


def pdf_text_bomb(target: int = 128 * KB) -> bytes:
    """One page whose compressed content stream draws millions of characters."""
    run = b"BT /F1 6 Tf 20 400 Td (" + b"0123456789" * 8 + b") Tj ET\n"
    # a Flate stream of repeated text shrinks about 300 times; grow it to the target size
    count = max(1, target * 290 // len(run))
    return _pdf(_one_page(run * count))


def pdf_line_bomb(target: int = 128 * KB) -> bytes:
    """One page of short ruled lines, each at its own place: a table finder's worst case."""
    parts = []
    n = 0
    while True:
        x, y = 20 + (n * 7) % 550, 20 + (n * 13) % 800
        parts.append(b"%d %d m %d %d l S %d %d m %d %d l S\n" % (x, y, x + 3, y, x, y, x, y + 3))
        n += 1
        if n % 2000 == 0 and len(zlib.compress(b"".join(parts), 9)) > target:
            break
    return _pdf(_one_page(b"".join(parts)))


def pdf_many_pages(pages: int = 5_000) -> bytes:
    """A page tree of ``pages`` pages (each a tiny page of its own) in a few hundred KB."""
    kids = b" ".join(b"%d 0 R" % (n + 4) for n in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, pages),
        _stream(b"BT /F1 12 Tf 72 720 Td (page) Tj ET"),
    ]
    for _ in range(pages):
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R >>")
    return _pdf(objects)


def pdf_many_objects(count: int = 250_000) -> bytes:
    """A one-page PDF whose cross-reference stream lists ``count`` objects (a few KB)."""
    body = _one_page(b"BT /F1 12 Tf 72 720 Td (x) Tj ET")
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n")
    offsets = []
    for number, obj in enumerate(body, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + obj + b"\nendobj\n")
    xref_number = len(body) + 1
    xref_at = out.tell()
    rows = [struct.pack(">BIH", 0, 0, 65535)]
    rows += [struct.pack(">BIH", 1, offset, 0) for offset in offsets]
    rows.append(struct.pack(">BIH", 1, xref_at, 0))
    # every further object in use, at the place of the first: a table of a quarter of a million
    # objects in a few KB
    rows += [struct.pack(">BIH", 1, offsets[0], 0)] * (count - len(rows))
    data = zlib.compress(b"".join(rows), 9)
    out.write(
        b"%d 0 obj\n<< /Type /XRef /Size %d /W [1 4 2] /Root 1 0 R /Filter /FlateDecode "
        b"/Length %d >>\nstream\n"
        % (xref_number, count, len(data))
        + data
        + b"\nendstream\nendobj\n"
    )
    out.write(b"startxref\n%d\n%%%%EOF\n" % xref_at)
    return out.getvalue()


def pdf_form_bomb(levels: int = 7, fanout: int = 10) -> bytes:
    """A page that draws a form ten times, which draws the next form ten times, …: a few KB
    that expand to ``fanout ** levels`` strings of text ("billion laughs" for PDF)."""
    first = 6  # form objects 6, 7, …
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> /XObject << /X0 %d 0 R >> >> /Contents 5 0 R >>"
        % first,
        _FONT,
        _stream(b"/X0 Do\n" * fanout),
    ]
    for level in range(levels):
        if level + 1 < levels:
            content = b"/X0 Do\n" * fanout
            resources = b"/XObject << /X0 %d 0 R >>" % (first + level + 1)
        else:
            content = b"BT /F1 8 Tf 30 30 Td (" + b"tables 3 and 4" * 4 + b") Tj ET\n"
            resources = b"/Font << /F1 4 0 R >>"
        objects.append(
            _stream(
                content,
                b" /Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << %s >>"
                % resources,
            )
        )
    return _pdf(objects)


def pdf_within_caps(pages: int = 300, lines: int = 300, text: int = 3000) -> bytes:
    """Every cap passed (pages, objects, text and lines per page and in all), yet hundreds of
    pages, each a grid of ruled lines and a screen of text: the work the child's CPU limit
    stops. Every page draws the same content stream."""
    half = lines // 2
    grid = b"".join(b"40 %d m 555 %d l S\n" % (40 + i * 5, 40 + i * 5) for i in range(half))
    grid += b"".join(b"%d 40 m %d 800 l S\n" % (40 + i * 3, 40 + i * 3) for i in range(half))
    words = b"".join(
        b"BT /F1 7 Tf %d %d Td (%s) Tj ET\n" % (50 + (n % 5) * 100, 60 + (n // 5) * 9, b"x" * 20)
        for n in range(text // 20)
    )
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>"
        % (b" ".join(b"%d 0 R" % (n + 5) for n in range(pages)), pages),
        _stream(grid + words),
        _FONT,
    ]
    objects += [
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 3 0 R >>"
    ] * pages
    return _pdf(objects)


def pdf_stream_bomb(megabytes: int = 200) -> bytes:
    """A page whose content stream inflates to ``megabytes`` MB of blanks."""
    return _pdf(_one_page(b" " * (megabytes * MB)))


# --- DOCX and XLSX ------------------------------------------------------------------------------
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    "%s</Types>"
)
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _docx(document: bytes, *, extra: dict[str, bytes] | None = None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr(
            "[Content_Types].xml",
            _CONTENT_TYPES % '<Override PartName="/word/document.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>',
        )
        z.writestr(
            "_rels/.rels",
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
            'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://'
            "schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
            '" Target="word/document.xml"/></Relationships>',
        )
        z.writestr("word/document.xml", document)
        for name, data in (extra or {}).items():
            z.writestr(name, data)
    return out.getvalue()


def docx_paragraph_bomb(target: int = 485 * KB) -> bytes:
    """A DOCX whose document.xml holds millions of tiny paragraphs (tiny once compressed)."""
    paragraph = b"<w:p><w:r><w:t>1</w:t></w:r></w:p>"
    count = max(1, target * 340 // len(paragraph))
    head = f'<?xml version="1.0"?><w:document xmlns:w="{_W}"><w:body>'.encode()
    return _docx(head + paragraph * count + b"</w:body></w:document>")


def docx_zip_bomb(megabytes: int = 300) -> bytes:
    """A DOCX with a part that inflates to ``megabytes`` MB (a few hundred KB on disk)."""
    body = f'<?xml version="1.0"?><w:document xmlns:w="{_W}"><w:body/></w:document>'.encode()
    return _docx(body, extra={"word/media/padding.xml": b" " * (megabytes * MB)})


def docx_many_parts(parts: int = 5000) -> bytes:
    body = f'<?xml version="1.0"?><w:document xmlns:w="{_W}"><w:body/></w:document>'.encode()
    return _docx(body, extra={f"customXml/item{n}.xml": b"<a/>" for n in range(parts)})


def zip_lying_directory(megabytes: int = 64) -> bytes:
    """A DOCX whose directory says its document is 1 KB while its data inflates to much more."""
    data = bytearray(docx_zip_bomb(megabytes))
    real = b"word/media/padding.xml"
    # the central directory entry: signature PK\1\2, uncompressed size at offset 24
    at = data.rfind(b"PK\x01\x02", 0, data.rfind(real))
    struct.pack_into("<I", data, at + 24, 1024)
    return bytes(data)


def _xlsx(sheet: bytes) -> bytes:
    out = io.BytesIO()
    ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr(
            "[Content_Types].xml",
            _CONTENT_TYPES
            % (
                '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.'
                'openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
                '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.'
                'openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            ),
        )
        z.writestr(
            "_rels/.rels",
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
            'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
            'openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
            'Target="xl/workbook.xml"/></Relationships>',
        )
        z.writestr(
            "xl/workbook.xml",
            f'<?xml version="1.0"?><workbook xmlns="{ns}" xmlns:r="{rel}"><sheets>'
            '<sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        z.writestr(
            "xl/_rels/workbook.xml.rels",
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
            f'package/2006/relationships"><Relationship Id="rId1" Type="{rel}/worksheet" '
            'Target="worksheets/sheet1.xml"/></Relationships>',
        )
        z.writestr("xl/worksheets/sheet1.xml", sheet)
    return out.getvalue()


_SHEET = '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'


def xlsx_row_bomb(target: int = 485 * KB) -> bytes:
    """A workbook of millions of rows of one number each."""
    row = b'<row><c t="n"><v>1</v></c></row>'
    count = max(1, target * 410 // len(row))
    return _xlsx(_SHEET.encode() + b"<sheetData>" + row * count + b"</sheetData></worksheet>")


def xlsx_sparse_bomb() -> bytes:
    """Two cells, at A1 and XFD1048576: a reader that fills the grid between makes 17 billion."""
    cells = (
        '<row r="1"><c r="A1" t="n"><v>1</v></c></row>'
        '<row r="1048576"><c r="XFD1048576" t="n"><v>1</v></c></row>'
    )
    return _xlsx(
        (
            _SHEET
            + '<dimension ref="A1:XFD1048576"/><sheetData>'
            + cells
            + "</sheetData></worksheet>"
        ).encode()
    )


# --- HTML and text ------------------------------------------------------------------------------
def html_quadratic(target: int = 400 * KB) -> bytes:
    """Unclosed inline elements, then table cells outside any table: each cell used to look up
    the whole chain of open elements."""
    half = target // 2
    return b"<html><body>" + b"<span>" * (half // 6) + b"<td>x" * (half // 5) + b"</body></html>"


def html_comments(target: int = 400 * KB) -> bytes:
    """Unterminated comments: Python's html.parser before 3.13.5 rescans the rest for each."""
    return b"<html><body><p>x</p>" + b"<!--" * (target // 4)


def html_deep(depth: int = 100_000) -> bytes:
    return b"<html><body>" + b"<div>" * depth + b"x"


def html_many_elements(count: int = 2_000_000) -> bytes:
    return b"<html><body><p>" + b"<br>" * count + b"</p></body></html>"


def text_huge(megabytes: int = 40) -> bytes:
    line = "本年度共收到政府信息公开申请9件，予以公开3件。\n".encode()
    return line * (megabytes * MB // len(line))


def text_table_rows(rows: int = 50_000) -> bytes:
    """A report whose section 三 has tens of thousands of rows of numbers to align."""
    head = "某局2024年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n"
    body = "".join(f"第{n}项 1 2 3 4 5 6 21\n" for n in range(rows))
    return (head + body + "四、政府信息公开行政复议、行政诉讼情况\n").encode()


HOSTILE: dict[str, tuple[str, Callable[[], bytes]]] = {
    "pdf_text_bomb": ("report.pdf", pdf_text_bomb),
    "pdf_line_bomb": ("report.pdf", pdf_line_bomb),
    "pdf_many_pages": ("report.pdf", pdf_many_pages),
    "pdf_many_objects": ("report.pdf", pdf_many_objects),
    "pdf_form_bomb": ("report.pdf", pdf_form_bomb),
    "pdf_stream_bomb": ("report.pdf", pdf_stream_bomb),
    "pdf_within_caps": ("report.pdf", pdf_within_caps),
    "docx_paragraph_bomb": ("report.docx", docx_paragraph_bomb),
    "docx_zip_bomb": ("report.docx", docx_zip_bomb),
    "docx_many_parts": ("report.docx", docx_many_parts),
    "zip_lying_directory": ("report.docx", zip_lying_directory),
    "xlsx_row_bomb": ("report.xlsx", xlsx_row_bomb),
    "xlsx_sparse_bomb": ("report.xlsx", xlsx_sparse_bomb),
    "html_quadratic": ("report.html", html_quadratic),
    "html_comments": ("report.html", html_comments),
    "html_deep": ("report.html", html_deep),
    "html_many_elements": ("report.html", html_many_elements),
    "text_huge": ("report.txt", text_huge),
    "text_table_rows": ("report.txt", text_table_rows),
}


# --- the benchmark ------------------------------------------------------------------------------
_BASELINE = """
import json, resource, sys
memory = int(sys.argv[1]) * 1024 * 1024
resource.setrlimit(resource.RLIMIT_AS, (memory, memory))  # only to spare the machine
from gongkai.reports import checker, reading
if hasattr(reading, "UNLIMITED"):  # the reader of --baseline-rev may have no caps to lift
    reading.LIMITS = reading.UNLIMITED
data = sys.stdin.buffer.read()
try:
    result = checker.check_bytes(data, sys.argv[2])
except MemoryError:
    sys.exit(3)
print(json.dumps({"error": result.error, "readable": result.readable}, ensure_ascii=False))
"""


def baseline(path: Path, seconds: float, memory_mb: int, source: Path) -> dict[str, object]:
    """The checker with the reading caps lifted, in an unlimited child (but for the guards)."""
    import subprocess
    import time

    from gongkai.reports import sandbox

    env = dict(os.environ, PYTHONPATH=str(source))
    with path.open("rb") as given, tempfile.TemporaryFile() as out:
        started = time.monotonic()
        child = subprocess.Popen(
            [sys.executable, "-c", _BASELINE, str(memory_mb), path.name],
            stdin=given,
            stdout=out,
            stderr=subprocess.DEVNULL,
            env=env,
        )
        status, usage, timed_out = sandbox._wait(child, seconds)
        elapsed = time.monotonic() - started
        out.seek(0)
        answer = out.read().decode("utf-8", "replace").strip()
    if timed_out:
        outcome = f"still running after {seconds:.0f} s: killed"
    elif os.WIFEXITED(status) and os.WEXITSTATUS(status) == 3:
        outcome = f"out of the {memory_mb} MB guard"
    elif os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0:
        outcome = "finished: " + str(json.loads(answer).get("error") or "read")[:60]
    elif os.WIFSIGNALED(status):
        # a library that cannot allocate at the memory guard often aborts rather than raising
        outcome = f"ended by {signal.Signals(os.WTERMSIG(status)).name}"
        if usage and usage.ru_maxrss / 1024 > memory_mb * 0.8:
            outcome += f" at the {memory_mb} MB guard"
    else:
        outcome = f"ended with exit status {os.WEXITSTATUS(status)}"
    return {
        "seconds": round(elapsed, 2),
        "peak_mb": round((usage.ru_maxrss if usage else 0) / 1024, 1),
        "outcome": outcome,
        "complete": not timed_out and os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0,
    }


def generate(folder: Path, keys: list[str]) -> None:
    for key in keys:
        name, make = HOSTILE[key]
        (folder / f"{key}{Path(name).suffix}").write_bytes(make())


def main() -> None:
    import shutil
    import subprocess

    parser = argparse.ArgumentParser()
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument("--baseline-seconds", type=float, default=60.0)
    parser.add_argument("--baseline-memory-mb", type=int, default=4096)
    parser.add_argument("--only", help="comma-separated names of hostile files")
    parser.add_argument(
        "--baseline-rev",
        metavar="REV",
        help="run the baseline on the code of this git revision (e.g. the one before the caps) "
        "instead of today's code with its caps lifted",
    )
    parser.add_argument("--generate", metavar="FOLDER", help=argparse.SUPPRESS)
    args = parser.parse_args()
    chosen = args.only.split(",") if args.only else list(HOSTILE)
    if args.generate:
        generate(Path(args.generate), chosen)
        return
    # Linux counts in a child's peak memory (ru_maxrss) the peak of the parent it was forked
    # from: the files are made in another process and given to the children by path, so this
    # one stays small and each child's figure is its own (above this floor).
    folder = Path(tempfile.mkdtemp(prefix="gongkai-bench-hostile-"))
    try:
        subprocess.run(
            [sys.executable, __file__, "--generate", str(folder), "--only", ",".join(chosen)],
            check=True,
        )
        source = ROOT / "src"
        if args.baseline_rev:
            source = folder / "baseline"
            source.mkdir()
            archive = subprocess.run(
                ["git", "-C", str(ROOT), "archive", args.baseline_rev, "src/gongkai"],
                check=True,
                capture_output=True,
            ).stdout
            subprocess.run(["tar", "-x", "-C", str(source)], input=archive, check=True)
            source = source / "src"
        run_all(folder, chosen, args, source)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def run_all(folder: Path, chosen: list[str], args: argparse.Namespace, source: Path) -> None:
    import resource

    from gongkai.reports import sandbox

    limits = sandbox.Limits()  # the defaults of GONGKAI_CHECK_MEMORY_MB / _SECONDS
    target_seconds, target_mb = 10.0, 512.0
    floor_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    rows: dict[str, dict[str, object]] = {}
    for key in chosen:
        path = folder / f"{key}{Path(HOSTILE[key][0]).suffix}"
        run = sandbox.run(None, path.name, path=path, limits=limits)
        capped = {
            "seconds": round(run.seconds, 2),
            "peak_mb": round(run.peak_kb / 1024, 1),
            "outcome": run.outcome,
            "refused": not run.result.readable,
            "message": run.result.error[:90],
        }
        size = path.stat().st_size
        row: dict[str, object] = {"bytes": size, "capped": capped}
        line = (
            f"{key:22} {size / KB:8.0f} KB  capped   {run.seconds:6.2f} s "
            f"{run.peak_kb / 1024:7.1f} MB  {run.result.error[:60] or 'read'}"
        )
        if not args.no_baseline:
            base = baseline(path, args.baseline_seconds, args.baseline_memory_mb, source)
            row["baseline"] = base
            line += (
                f"\n{'':34}baseline {base['seconds']:6.2f} s {base['peak_mb']:7.1f} MB  "
                f"{base['outcome']}"
            )
        print(line, flush=True)
        rows[key] = row

    def capped_of(key: str, field: str) -> float:
        value = rows[key]["capped"][field]  # type: ignore[index]
        return float(value)

    slowest = max(rows, key=lambda k: capped_of(k, "seconds"))
    biggest = max(rows, key=lambda k: capped_of(k, "peak_mb"))
    within = [
        k
        for k in rows
        if capped_of(k, "seconds") < target_seconds and capped_of(k, "peak_mb") < target_mb
    ]
    summary: dict[str, object] = {
        "bench": "hostile",
        "files": len(rows),
        "limits": {"memory_mb": limits.memory_mb, "cpu_seconds": limits.seconds},
        "baseline": (
            f"the code of {args.baseline_rev}"
            if args.baseline_rev
            else "today's code with the reading caps lifted"
        ),
        "peak_floor_mb": round(floor_mb, 1),
        "worst_seconds": capped_of(slowest, "seconds"),
        "worst_seconds_file": slowest,
        "worst_peak_mb": capped_of(biggest, "peak_mb"),
        "worst_peak_file": biggest,
        "within_target": len(within),
        "outside_target": sorted(set(rows) - set(within)),
    }
    if not args.no_baseline:

        def base_of(key: str, field: str) -> float:
            return float(rows[key]["baseline"][field])  # type: ignore[index]

        base_slowest = max(rows, key=lambda k: base_of(k, "seconds"))
        base_biggest = max(rows, key=lambda k: base_of(k, "peak_mb"))
        summary.update(
            {
                "baseline_worst_seconds": base_of(base_slowest, "seconds"),
                "baseline_worst_seconds_file": base_slowest,
                "baseline_worst_peak_mb": base_of(base_biggest, "peak_mb"),
                "baseline_worst_peak_file": base_biggest,
                "baseline_incomplete": sorted(
                    k
                    for k in rows
                    if not rows[k]["baseline"]["complete"]  # type: ignore[index]
                ),
                # lower bounds where the baseline was stopped by its timeout or memory guard
                "ratio_worst_seconds": round(
                    base_of(base_slowest, "seconds") / max(capped_of(slowest, "seconds"), 0.01), 1
                ),
                "ratio_worst_peak_mb": round(
                    base_of(base_biggest, "peak_mb") / max(capped_of(biggest, "peak_mb"), 0.01), 1
                ),
            }
        )
    summary["results"] = rows
    print(json.dumps(summary, ensure_ascii=False))


if __name__ == "__main__":
    main()
