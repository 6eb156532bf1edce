"""Reading scanned pages (文字识别, OCR): a PDF page without a text layer is rendered to an image
(pypdfium2), straightened, its ruled tables found from their rules, the rules erased, and the
words read by the ``tesseract`` command (Debian's ``tesseract-ocr`` with
``tesseract-ocr-chi-sim``) with their boxes and confidences, each table cell apart from the
others. The words are put back into lines as :mod:`reading` gives them for a text PDF: a table
row as cells (a merged cell once, where it starts), the text around the tables as lines, in page
order. Pure: no ORM, no settings; the options come from the caller (the checker's child process
sets them from the settings, :mod:`gongkai.reports.sandbox`).

Every cell read this way carries its confidence (0–100: the lowest of its words; for a number,
that of its second reading on digits alone, or the higher of the two when both readings agree),
so that :mod:`parsing` can mark each cell as read by OCR and report the numbers below
``Options.min_confidence`` instead of taking them silently; a cell that shows ink but gives no
word is read as blank with confidence 0 (so it is reported too).

Each page is read by a ``tesseract`` process of its own, with its own CPU limit
(``Options.seconds_per_page``) and a wall-clock timeout; it inherits the child's address-space
limit. Before the pages are read, :data:`budget_hook` is told how many there are, so that the
checker's child process raises its own CPU limit and the parent extends its wall clock (the
sandbox sets it).
"""

from __future__ import annotations

import contextlib
import functools
import io
import os
import re
import resource
import shutil
import signal
import subprocess
from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import pairwise
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from PIL import Image

    from gongkai.reports.identities import Finding
    from gongkai.reports.reading import Line

LANGUAGE = "chi_sim"
NOT_INSTALLED = "需要文字识别但本机未安装 tesseract"
INSTALL_HINT = "（请安装 tesseract-ocr 和 tesseract-ocr-chi-sim）"


@dataclass(frozen=True)
class Options:
    """How scanned pages are read. The defaults are those of the settings (docs/settings.md)."""

    min_confidence: int = 70  # GONGKAI_OCR_MIN_CONFIDENCE: a number read below it is reported
    seconds_per_page: int = 20  # GONGKAI_OCR_SECONDS_PER_PAGE: CPU seconds of tesseract a page
    max_pages: int = 20  # GONGKAI_OCR_MAX_PAGES: more pages to read by OCR: too complex
    dpi: int = 300  # tesseract reads best at some 300 dots per inch
    max_pixels: int = 20_000_000  # a page larger than A3 at 300 dpi is rendered at a lower dpi

    @property
    def wall_seconds_per_page(self) -> float:
        """What a page may take by the clock: its tesseract CPU time, twice over for a busy
        machine, plus rendering and the rest."""
        return self.seconds_per_page * 2 + 5.0


# CPU seconds of the checker's own process a scanned page may take besides tesseract's: to
# render it, straighten it, find its rules, cut out its cells (some 0.8 s a page here)
PYTHON_SECONDS_PER_PAGE = 3

OPTIONS = Options()
# Told how many pages are about to be read by OCR, before they are: the sandbox child raises its
# own CPU limit and asks the parent to extend its wall clock accordingly.
budget_hook: Callable[[int], None] | None = None


def configure(options: Options, hook: Callable[[int], None] | None = None) -> None:
    """The options of this process (the checker's child sets them from its header)."""
    global OPTIONS, budget_hook
    OPTIONS = options
    budget_hook = hook


@functools.cache
def tesseract() -> str | None:
    """The ``tesseract`` command, when it is installed with the Simplified Chinese model."""
    path = shutil.which("tesseract")
    if path is None:
        return None
    try:
        listed = subprocess.run(  # noqa: S603 - the tesseract found on PATH, fixed arguments
            [path, "--list-langs"], capture_output=True, timeout=30, check=False, env=_env()
        )
    except (OSError, subprocess.SubprocessError):
        return None
    languages = (listed.stdout + listed.stderr).decode("utf-8", "replace").split()
    return path if LANGUAGE in languages else None


def available() -> bool:
    return tesseract() is not None


def _env() -> dict[str, str]:
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LC_ALL": "C", "OMP_THREAD_LIMIT": "1"}
    if "TESSDATA_PREFIX" in os.environ:
        env["TESSDATA_PREFIX"] = os.environ["TESSDATA_PREFIX"]
    return env


class OcrFailed(Exception):
    """tesseract could not read a page (it was stopped by its limits, or failed)."""


# --- what was read ------------------------------------------------------------------------------
@dataclass(frozen=True)
class Word:
    text: str
    confidence: float
    left: int
    top: int
    right: int
    bottom: int
    line: tuple[int, int, int, int]  # tesseract's page (image), block, paragraph and line

    @property
    def cx(self) -> float:
        return (self.left + self.right) / 2

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass
class PageText:
    """The lines of one page read by OCR, each with ``(top, line)`` for page order."""

    number: int  # 1-based
    items: list[tuple[float, Line]] = field(default_factory=list)
    words: int = 0
    angle: float = 0.0  # degrees the page was turned to straighten it
    seconds: float = 0.0  # tesseract's CPU time on it


@dataclass(frozen=True)
class Scan:
    """What the reader tells the parser about the pages read by OCR."""

    pages: tuple[int, ...]  # 1-based numbers of the pages read by OCR
    min_confidence: int
    seconds: float  # tesseract's CPU time, all pages


# --- rendering ----------------------------------------------------------------------------------
def render(data: bytes, numbers: Iterable[int], options: Options) -> Iterable[Image.Image]:
    """The pages (1-based numbers) as greyscale images at ``options.dpi``, or lower for a page
    so large that it would exceed ``options.max_pixels``."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(data)
    try:
        for number in numbers:
            page = document[number - 1]
            try:
                width, height = page.get_size()  # points
                scale = options.dpi / 72
                pixels = width * height * scale * scale
                if pixels > options.max_pixels:
                    scale *= (options.max_pixels / pixels) ** 0.5
                bitmap = page.render(scale=scale, grayscale=True, may_draw_forms=False)
                image = bitmap.to_pil().convert("L")
                bitmap.close()
                image.info["dpi"] = (scale * 72, scale * 72)
            finally:
                page.close()
            yield image
    finally:
        document.close()


# --- straightening and binarising ---------------------------------------------------------------
def _otsu(image: Image.Image) -> int:
    """The grey level that best separates ink from paper (Otsu's method on the histogram)."""
    histogram = image.histogram()[:256]
    total = sum(histogram)
    weighted = sum(i * n for i, n in enumerate(histogram))
    below = below_weighted = 0.0
    best, threshold = -1.0, 128
    for level in range(256):
        below += histogram[level]
        if below == 0:
            continue
        above = total - below
        if above == 0:
            break
        below_weighted += level * histogram[level]
        mean_below = below_weighted / below
        mean_above = (weighted - below_weighted) / above
        between = below * above * (mean_below - mean_above) ** 2
        if between > best:
            best, threshold = between, level
    return threshold


def ink(image: Image.Image) -> Image.Image:
    """Ink as 255, paper as 0 (mode L)."""
    threshold = min(_otsu(image), 200)
    return image.point([255 if v <= threshold else 0 for v in range(256)])


def _sharpness(marks: Image.Image, angle: float) -> float:
    from PIL import Image as PILImage

    turned = marks.rotate(angle, resample=PILImage.Resampling.NEAREST, fillcolor=0)
    rows = turned.resize((1, turned.height), PILImage.Resampling.BOX).tobytes()
    return float(sum((a - b) ** 2 for a, b in pairwise(rows)))


def skew(marks: Image.Image) -> float:
    """The angle (degrees) that makes the lines of text and the table rules horizontal: the one
    whose rows of ink are sharpest, searched coarse then fine on a reduced image."""
    small = marks.reduce(4) if min(marks.size) > 800 else marks
    small = small.point([0 if v < 64 else 255 for v in range(256)])
    if small.getbbox() is None:
        return 0.0
    coarse: list[float] = [a / 2 for a in range(-8, 9)]
    best = max(coarse, key=lambda a: _sharpness(small, a))
    fine = [round(best + a / 10, 2) for a in range(-5, 6)]  # a tenth of a degree: enough
    return max(fine, key=lambda a: _sharpness(small, a))


# --- table rules --------------------------------------------------------------------------------
@dataclass
class Rule:
    """A horizontal rule (``at`` = y, spans along x) or a vertical one (``at`` = x, spans along
    y), found as runs of ink at least a minimum length long."""

    at: float
    spans: list[tuple[int, int]]
    runs: list[tuple[int, int, int]]  # (across, start, end) in pixels, to erase

    @property
    def start(self) -> int:
        return min(s for s, _ in self.spans)

    @property
    def end(self) -> int:
        return max(e for _, e in self.spans)

    def covers(self, a: float, b: float) -> float:
        """The share of [a, b] this rule covers."""
        if b <= a:
            return 0.0
        covered = sum(max(0.0, min(b, e) - max(a, s)) for s, e in self.spans)
        return covered / (b - a)


def _merge_spans(spans: list[tuple[int, int]], gap: int) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if merged and s <= merged[-1][1] + gap:
            merged[-1] = (merged[-1][0], max(merged[-1][1], e))
        else:
            merged.append((s, e))
    return merged


def rules(marks: Image.Image, length: int, scale: int = 1) -> list[Rule]:
    """The horizontal rules of an ink image (255 = ink): runs of at least ``length`` pixels in a
    row, gathered into rules across neighbouring rows (a rule is a few pixels thick). For the
    vertical rules, pass the image transposed. ``scale``: the image is reduced by that much,
    and the rules are given in the pixels of the full image."""
    width, height = marks.size
    data = marks.tobytes()
    needle = b"\xff" * length
    runs: list[tuple[int, int, int]] = []
    for y in range(height):
        row = data[y * width : (y + 1) * width]
        x = row.find(needle)
        while x >= 0:
            end = row.find(b"\x00", x + length)
            end = width if end < 0 else end
            runs.append((y, x, end))
            x = row.find(needle, end)
    found: list[Rule] = []
    active: list[tuple[int, Rule, list[int]]] = []  # (last row, rule, rows)
    for y, x0, x1 in runs:
        active = [a for a in active if y - a[0] <= 3]
        for i, (_last, rule, rows) in enumerate(active):
            if x0 <= rule.end + 8 and x1 >= rule.start - 8:
                rule.spans = _merge_spans([*rule.spans, (x0, x1)], 8)
                rule.runs.append((y, x0, x1))
                rows.append(y)
                active[i] = (y, rule, rows)
                break
        else:
            rule = Rule(float(y), [(x0, x1)], [(y, x0, x1)])
            found.append(rule)
            active.append((y, rule, [y]))
    for rule in found:
        ys = [r[0] for r in rule.runs]
        rule.at = (min(ys) + max(ys)) / 2 * scale + (scale - 1) / 2
        rule.spans = [(s * scale, e * scale) for s, e in rule.spans]
        rule.runs = [
            (y * scale + k, s * scale, e * scale) for y, s, e in rule.runs for k in range(scale)
        ]
    return found


@dataclass
class Table:
    """A ruled table: its row and column boundaries and its cells, merged where a rule is
    missing between two of them."""

    ys: list[float]
    xs: list[float]
    owner: dict[tuple[int, int], tuple[int, int]]  # each grid cell -> the cell it belongs to
    rules: list[tuple[Rule, bool]] = field(default_factory=list)  # (rule, vertical)

    @property
    def box(self) -> tuple[float, float, float, float]:
        return self.xs[0], self.ys[0], self.xs[-1], self.ys[-1]

    def contains(self, x: float, y: float) -> bool:
        left, top, right, bottom = self.box
        return left <= x <= right and top <= y <= bottom

    def cell_at(self, x: float, y: float) -> tuple[int, int]:
        r = min(max(bisect_right(self.ys, y) - 1, 0), len(self.ys) - 2)
        c = min(max(bisect_right(self.xs, x) - 1, 0), len(self.xs) - 2)
        return self.owner[(r, c)]

    def extent(self, anchor: tuple[int, int]) -> tuple[float, float, float, float]:
        cells = [k for k, v in self.owner.items() if v == anchor]
        r0, r1 = min(r for r, _ in cells), max(r for r, _ in cells)
        c0, c1 = min(c for _, c in cells), max(c for _, c in cells)
        return self.xs[c0], self.ys[r0], self.xs[c1 + 1], self.ys[r1 + 1]


def _cluster(values: list[tuple[float, int]], tolerance: float) -> list[tuple[float, list[int]]]:
    """Positions within ``tolerance`` of each other as one, with the indexes they gather."""
    groups: list[tuple[float, list[int]]] = []
    for value, index in sorted(values):
        if groups and value - groups[-1][0] <= tolerance:
            position, members = groups[-1]
            members.append(index)
            groups[-1] = ((position * (len(members) - 1) + value) / len(members), members)
        else:
            groups.append((value, [index]))
    return groups


def _ruled(rules_at: list[Rule], a: float, b: float) -> bool:
    """Whether the rules at one position draw at least half of the edge from a to b."""
    return sum(r.covers(a, b) for r in rules_at) >= 0.5


def _prune(
    ys: list[float], xs: list[float], row_rules: list[list[Rule]], col_rules: list[list[Rule]]
) -> None:
    """Boundaries that bound no cell taken away (the lists are changed): a stroke of a heading
    that touches the table, a line beside it."""
    while len(ys) > 2 and len(xs) > 2:
        idle_x = {
            c
            for c in range(len(xs))
            if not any(_ruled(col_rules[c], ys[r], ys[r + 1]) for r in range(len(ys) - 1))
        }
        idle_y = {
            r
            for r in range(len(ys))
            if not any(_ruled(row_rules[r], xs[c], xs[c + 1]) for c in range(len(xs) - 1))
        }
        if not idle_x and not idle_y:
            return
        xs[:] = [x for c, x in enumerate(xs) if c not in idle_x]
        col_rules[:] = [v for c, v in enumerate(col_rules) if c not in idle_x]
        ys[:] = [y for r, y in enumerate(ys) if r not in idle_y]
        row_rules[:] = [h for r, h in enumerate(row_rules) if r not in idle_y]


def _merge(
    ys: list[float], xs: list[float], row_rules: list[list[Rule]], col_rules: list[list[Rule]]
) -> dict[tuple[int, int], tuple[int, int]]:
    """Each cell of the grid to the cell it is merged into (its top left one): two neighbours
    without a rule between them are one cell."""
    roots = {(r, c): (r, c) for r in range(len(ys) - 1) for c in range(len(xs) - 1)}

    def root(key: tuple[int, int]) -> tuple[int, int]:
        while roots[key] != key:
            roots[key] = roots[roots[key]]
            key = roots[key]
        return key

    def join_cells(one: tuple[int, int], other: tuple[int, int]) -> None:
        a, b = root(one), root(other)
        roots[max(a, b)] = min(a, b)

    for r in range(len(ys) - 1):
        for c in range(len(xs) - 1):
            if c > 0 and not _ruled(col_rules[c], ys[r], ys[r + 1]):
                join_cells((r, c), (r, c - 1))
            if r > 0 and not _ruled(row_rules[r], xs[c], xs[c + 1]):
                join_cells((r, c), (r - 1, c))
    return {key: root(key) for key in roots}


def tables(horizontal: list[Rule], vertical: list[Rule], tolerance: float = 8) -> list[Table]:
    """The tables the rules make: sets of horizontal and vertical rules that cross each other,
    each with at least two of each."""
    n = len(horizontal)
    parent = list(range(n + len(vertical)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, h in enumerate(horizontal):
        for j, v in enumerate(vertical):
            if (
                h.start - tolerance <= v.at <= h.end + tolerance
                and v.start - tolerance <= h.at <= v.end + tolerance
            ):
                parent[find(i)] = find(n + j)
    groups: dict[int, tuple[list[Rule], list[Rule]]] = {}
    for i, h in enumerate(horizontal):
        groups.setdefault(find(i), ([], []))[0].append(h)
    for j, v in enumerate(vertical):
        groups.setdefault(find(n + j), ([], []))[1].append(v)
    found: list[Table] = []
    for hs, vs in groups.values():
        rows = _cluster([(h.at, i) for i, h in enumerate(hs)], tolerance)
        cols = _cluster([(v.at, i) for i, v in enumerate(vs)], tolerance)
        ys, xs = [y for y, _ in rows], [x for x, _ in cols]
        row_rules = [[hs[i] for i in members] for _, members in rows]
        col_rules = [[vs[i] for i in members] for _, members in cols]
        _prune(ys, xs, row_rules, col_rules)
        if len(ys) < 2 or len(xs) < 2:
            continue
        owner = _merge(ys, xs, row_rules, col_rules)
        drawn = [(h, False) for group in row_rules for h in group]
        drawn += [(v, True) for group in col_rules for v in group]
        found.append(Table(ys, xs, owner, drawn))
    return sorted(found, key=lambda t: t.ys[0])


def erase(image: Image.Image, found: Iterable[tuple[Rule, bool]]) -> None:
    """Paint the rules of the tables white (the image is changed), so that tesseract reads only
    the text. Long runs of ink outside a table (an underline, a seal) are left as they are."""
    from PIL import ImageDraw

    draw = ImageDraw.Draw(image)
    for rule, vertical in found:
        for across, start, end in rule.runs:
            if vertical:
                draw.rectangle((across - 2, start - 1, across + 2, end + 1), fill=255)
            else:
                draw.rectangle((start - 1, across - 2, end + 1, across + 2), fill=255)


# --- tesseract ----------------------------------------------------------------------------------
def _limits(seconds: int) -> Callable[[], None]:
    def apply() -> None:
        # in the tesseract process, before it runs: its own CPU time for this page (within
        # the hard limit it inherits), no core file; the address space is inherited as is
        _soft, hard = resource.getrlimit(resource.RLIMIT_CPU)
        soft = seconds if hard == resource.RLIM_INFINITY else min(seconds, max(hard - 1, 1))
        resource.setrlimit(resource.RLIMIT_CPU, (soft, hard))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))

    return apply


def recognise(
    images: list[Image.Image],
    options: Options,
    *,
    dpi: int = 300,
    language: str = LANGUAGE,
    characters: str | None = None,
) -> tuple[list[Word], float]:
    """The words of some images read by one ``tesseract`` process (``--psm 6``: each image one
    block of text), and its CPU seconds. Each word's ``line[0]`` is the (1-based) image it is
    on. ``characters``: the only ones to read (the digits of a number)."""
    command = tesseract()
    if command is None:
        raise OcrFailed(NOT_INSTALLED)
    picture = io.BytesIO()
    # a multi-page TIFF on stdin, uncompressed: nothing to spend compressing it
    images[0].save(picture, format="TIFF", save_all=True, append_images=images[1:])
    arguments = [command, "stdin", "stdout", "-l", language, "--psm", "6", "--dpi", str(dpi)]
    if characters:
        arguments += ["-c", f"tessedit_char_whitelist={characters}"]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    try:
        done = subprocess.run(  # noqa: S603 - a fixed command, the images on stdin
            [*arguments, "tsv"],
            input=picture.getvalue(),
            capture_output=True,
            timeout=options.wall_seconds_per_page,
            env=_env(),
            preexec_fn=_limits(options.seconds_per_page),  # the child is single-threaded
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise OcrFailed(f"文字识别一页用时超过 {options.wall_seconds_per_page:.0f} 秒") from None
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    seconds = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    if done.returncode in (-signal.SIGXCPU, -signal.SIGKILL):
        raise OcrFailed(f"文字识别一页的计算时间超过 {options.seconds_per_page} 秒")
    if done.returncode < 0:  # std::bad_alloc ends in abort(): the address space ran out
        raise OcrFailed(f"文字识别一页时进程异常终止（{signal.Signals(-done.returncode).name}）")
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise OcrFailed("文字识别失败：" + (message[-1][:200] if message else str(done.returncode)))
    return parse_tsv(done.stdout.decode("utf-8", "replace")), seconds


def parse_tsv(text: str) -> list[Word]:
    words: list[Word] = []
    for row in text.splitlines()[1:]:
        parts = row.split("\t")
        if len(parts) < 12 or parts[0] != "5":
            continue
        word = parts[11].strip()
        if not word:
            continue
        with contextlib.suppress(ValueError):
            left, top, width, height = (int(p) for p in parts[6:10])
            words.append(
                Word(
                    word,
                    max(float(parts[10]), 0.0),
                    left,
                    top,
                    left + width,
                    top + height,
                    (int(parts[1]), int(parts[2]), int(parts[3]), int(parts[4])),
                )
            )
    return words


# --- words to lines -----------------------------------------------------------------------------
def join(words: list[Word]) -> str:
    """Words in reading order as text: a space only between two ASCII letters or digits
    (tesseract gives each Chinese character or two as a word of its own)."""
    out = ""
    for word in words:
        if (
            out
            and out[-1].isascii()
            and out[-1].isalnum()
            and word.text[0].isascii()
            and (word.text[0].isalnum())
        ):
            out += " "
        out += word.text
    return out


def _ink(marks: Image.Image, box: tuple[int, int, int, int]) -> int:
    """Pixels of ink inside a box."""
    left, top, right, bottom = box
    if right <= left or bottom <= top:
        return 0
    return int(marks.crop(box).histogram()[255])


INSET = 5  # pixels kept off a cell's rules when it is cut out
GAP = 40  # pixels between two pieces on a sheet
SHEET = 3000  # the greatest height of a sheet of pieces
DIGITS = "0123456789,./-"  # what the second reading of a number may see
# What the Chinese model reads for a digit, in a cell of numbers: to compare its reading with
# the second one (the digits are taken from the second)
_LOOKALIKE = str.maketrans(
    {**dict.fromkeys("][|lI丨】工", "1"), **dict.fromkeys("Oo〇", "0"), "S": "5", "了": "7"}
)
_CJK = re.compile(r"[\u3400-\u9fff]")


def _numeric(text: str) -> bool:
    """A cell's first reading looks like a number or a dash (no Chinese beyond a lookalike)."""
    squeezed = text.replace(" ", "")
    return len(squeezed) <= 16 and not _CJK.search(squeezed.translate(_LOOKALIKE).replace("一", ""))


@dataclass
class _Piece:
    sheet: int = 0  # the image it is on (1-based, as tesseract counts them)
    top: int = 0
    height: int = 0
    words: list[Word] = field(default_factory=list)


def _sheets(crops: list[Image.Image], first: int) -> tuple[list[Image.Image], list[_Piece]]:
    """Pieces of a page (table cells, numbers) laid one under the other on sheets, so that
    tesseract reads each apart from its neighbours (read in place, a label over two lines and
    the numbers beside it run together). ``first``: the number of the first sheet."""
    from PIL import Image as PILImage

    pieces = [_Piece(height=crop.height) for crop in crops]
    groups: list[list[int]] = []
    height = SHEET
    for i, piece in enumerate(pieces):
        if not groups or height + piece.height + GAP > SHEET:
            groups.append([])
            height = GAP
        piece.sheet, piece.top = first + len(groups) - 1, height
        groups[-1].append(i)
        height += piece.height + GAP
    sheets: list[Image.Image] = []
    for members in groups:
        width = max(crops[i].width for i in members) + 2 * GAP
        last = pieces[members[-1]]
        sheet = PILImage.new("L", (width, last.top + last.height + GAP), 255)
        for i in members:
            sheet.paste(crops[i], (GAP, pieces[i].top))
        sheets.append(sheet)
    return sheets, pieces


def _place(words: list[Word], pieces: list[_Piece]) -> list[Word]:
    """Each word to the piece it was read on; the words on no piece are returned."""
    by_sheet: dict[int, list[_Piece]] = {}
    for piece in pieces:
        by_sheet.setdefault(piece.sheet, []).append(piece)
    rest: list[Word] = []
    for word in words:
        on = by_sheet.get(word.line[0], [])
        at = bisect_right([p.top for p in on], word.cy) - 1
        if at >= 0 and word.cy <= on[at].top + on[at].height + GAP / 2:
            on[at].words.append(word)
        else:
            rest.append(word)
    return rest


@dataclass
class _Reading:
    text: str
    confidence: float | None


def _agree(first: _Reading, digits: list[Word]) -> _Reading:
    """A cell of numbers read twice: by the Chinese model, then by the English one on digits
    alone (which tells 5 from 3 and 6 from 0 where the Chinese one does not). The digits are
    the second reading's; its confidence, or the first one's when both read the same."""
    if any(any(ch.isdigit() for ch in w.text) for w in digits):
        # a speck read as a point or a comma of its own, beside the digits
        digits = [w for w in digits if w.text.strip(".,-")]
    if not digits:
        return first
    text = join(digits)
    core = text.strip(".,")
    if core != text and core[:1].isdigit() and core[-1:].isdigit():
        text = core  # a speck beside the number, read as a point or a comma
    confidence = min(w.confidence for w in digits)
    if first.text.replace(" ", "").translate(_LOOKALIKE) == text.replace(" ", ""):
        confidence = max(confidence, first.confidence or 0.0)
    return _Reading(text, confidence)


def page_lines(image: Image.Image, number: int, options: Options) -> PageText:
    """One scanned page read into lines: tables as rows of cells, the rest as lines."""
    from PIL import Image as PILImage

    from gongkai.reports import reading

    page = PageText(number)
    dpi = int(image.info.get("dpi", (options.dpi,))[0])
    marks = ink(image)
    angle = skew(marks)
    if abs(angle) >= 0.05:
        image = image.rotate(angle, resample=PILImage.Resampling.BICUBIC, fillcolor=255)
        marks = ink(image)
        page.angle = angle
    # at half the resolution, where a scanned rule has no gaps left (and there is a quarter of
    # the pixels to look at): ink where two pixels of a 2 × 2 square are
    half = marks.reduce(2).point([255 if v >= 100 else 0 for v in range(256)])
    horizontal = rules(half, max(int(dpi * 0.15), 20), 2)
    vertical = rules(half.transpose(PILImage.Transpose.TRANSPOSE), max(int(dpi * 0.1), 15), 2)
    found = tables(horizontal, vertical)
    # paper made white (shading, the grey of a scan), the rules of the tables erased, dust
    # removed
    threshold = min(_otsu(image), 200)
    clean = image.point([v if v <= threshold else 255 for v in range(256)])
    erase(clean, [rule for table in found for rule in table.rules])
    marks = ink(clean)
    dust = despeckle(marks)
    clean.paste(255, mask=dust)
    marks.paste(0, mask=dust)
    text_part = clean.copy()
    for table in found:  # read apart, cell by cell
        left, top, right, bottom = table.box
        text_part.paste(255, (int(left) - 4, int(top) - 4, int(right) + 5, int(bottom) + 5))

    # the cells that show ink, each cut out; the others are blank
    keys: list[tuple[int, tuple[int, int]]] = []
    crops: list[Image.Image] = []
    least = max(int((dpi / 100) ** 2 * 4), 4)
    for t, table in enumerate(found):
        for anchor in sorted(set(table.owner.values())):
            left, top, right, bottom = table.extent(anchor)
            box = (int(left) + INSET, int(top) + INSET, int(right) - INSET, int(bottom) - INSET)
            if _ink(marks, box) >= least:
                keys.append((t, anchor))
                crops.append(clean.crop(box))
    sheets, pieces = (_sheets(crops, 2)) if crops else ([], [])
    words, page.seconds = recognise([text_part, *sheets], options, dpi=dpi)
    page.words = len(words)
    outside = [w for w in _place(words, pieces) if w.line[0] == 1]
    readings: dict[tuple[int, tuple[int, int]], _Reading] = {}
    for key, piece in zip(keys, pieces, strict=True):
        held = piece.words
        readings[key] = _Reading(
            join(held), min((w.confidence for w in held), default=0.0)
        )  # ink, yet no word: blank with confidence 0, so that it is said

    # the numbers of the cells read a second time, by digits alone (those of the text are left
    # as the Chinese model read them: cut out of a line, a digit's box takes in a piece of the
    # character beside it, which the digits-only reading then takes for a digit)
    again = [
        (key, crop) for key, crop in zip(keys, crops, strict=True) if _numeric(readings[key].text)
    ]
    if again:
        sheets, pieces = _sheets([crop for _, crop in again], 1)
        digits, seconds = recognise(sheets, options, dpi=dpi, language="eng", characters=DIGITS)
        page.seconds += seconds
        _place(digits, pieces)
        for (key, _crop), piece in zip(again, pieces, strict=True):
            readings[key] = _agree(readings[key], piece.words)

    for t, table in enumerate(found):
        for r in range(len(table.ys) - 1):
            texts: list[str | None] = []
            confidences: list[float | None] = []
            for c in range(len(table.xs) - 1):
                anchor = table.owner[(r, c)]
                if anchor != (r, c):
                    texts.append(None)
                    confidences.append(None)
                    continue
                read = readings.get((t, anchor), _Reading("", None))
                texts.append(read.text)
                confidences.append(read.confidence)
            line = reading.table_row(texts, confidences)
            if line is not None:
                page.items.append((table.ys[r] + 0.001, line))
    lines: dict[tuple[int, int, int, int], list[Word]] = {}
    for word in outside:
        lines.setdefault(word.line, []).append(word)
    for words_of_line in lines.values():
        ordered = sorted(words_of_line, key=lambda w: w.left)
        text = join(ordered)
        if reading.PAGE_NUMBER.match(text.strip()):
            continue
        digits_read = [w.confidence for w in ordered if any(ch.isdigit() for ch in w.text)]
        confidence = min(digits_read) if digits_read else min(w.confidence for w in ordered)
        line = reading.paragraph(text, confidence)
        if line is not None:
            page.items.append((min(w.top for w in ordered), line))
    page.items.sort(key=lambda item: item[0])
    return page


def despeckle(marks: Image.Image) -> Image.Image:
    """The dust of a scan (255): ink with hardly any other ink within some 6 pixels (at 300
    dpi: less than an eighth of a millimetre across), where a character's strokes always have
    their neighbours."""
    from PIL import ImageChops, ImageFilter

    near = marks.filter(ImageFilter.BoxBlur(6)).point([255 if v < 20 else 0 for v in range(256)])
    return ImageChops.multiply(marks, near)


def read_pages(data: bytes, numbers: list[int], options: Options | None = None) -> list[PageText]:
    """The scanned pages of a PDF (1-based numbers) read by OCR, in order."""
    options = options or OPTIONS
    if budget_hook is not None:
        budget_hook(len(numbers))
    pages: list[PageText] = []
    for number, image in zip(numbers, render(data, numbers, options), strict=True):
        pages.append(page_lines(image, number, options))
    return pages


# --- what the checker says ----------------------------------------------------------------------
NOTED_CELLS = 50  # at most this many cells named one by one; the rest counted


def findings(cells: list[dict[str, Any]], scan: Scan) -> list[Finding]:
    """A note that the report was read by OCR (which pages, how many cells), then one note for
    each number read with a confidence below the threshold, or a cell that shows ink where
    nothing could be read: the number is kept, never taken silently."""
    from gongkai.reports.identities import NOTE, Finding

    def where(cell: dict[str, Any]) -> str:
        column = f"“{cell['column']}”列" if cell["table"] == "三" else f"“{cell['column']}”"
        return f"表{cell['table']}“{cell['row']}”{column}"

    doubtful = [
        c for c in cells if c["confidence"] is not None and c["confidence"] < scan.min_confidence
    ]
    pages = "、".join(str(n) for n in scan.pages)
    out = [
        Finding(
            "read.ocr",
            "",
            "",
            "",
            None,
            None,
            NOTE,
            f"PDF 第 {pages} 页没有文字层（扫描件），经文字识别（OCR）读取："
            f"表中 {len(cells)} 个单元格由识别得出，"
            + (
                f"其中 {len(doubtful)} 个的识别置信度低于 {scan.min_confidence}%，已逐一列出"
                if doubtful
                else f"置信度均不低于 {scan.min_confidence}%"
            ),
        )
    ]
    for cell in doubtful[:NOTED_CELLS]:
        if cell["text"]:
            message = (
                f"{where(cell)}经文字识别读作“{cell['text']}”，置信度 {cell['confidence']}%"
                f"（低于 {scan.min_confidence}%），请对照原件核对"
            )
        else:
            message = f"{where(cell)}有字迹但未能识别，按空白计，请对照原件核对"
        out.append(
            Finding(
                "ocr.low_confidence",
                cell["table"],
                cell["row"],
                cell["column"],
                None,
                cell["value"] if isinstance(cell["value"], int | float) else None,
                NOTE,
                message,
            )
        )
    if len(doubtful) > NOTED_CELLS:
        out.append(
            Finding(
                "ocr.low_confidence",
                "",
                "",
                "",
                None,
                None,
                NOTE,
                f"另有 {len(doubtful) - NOTED_CELLS} 个单元格的识别置信度低于 "
                f"{scan.min_confidence}%，未逐一列出",
            )
        )
    return out
