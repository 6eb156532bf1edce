"""Charts as SVG, drawn on the server: no JavaScript, no library, nothing fetched. Pure.

Each chart is one ``<svg role="img">`` named by its ``<title>`` and described by its ``<desc>``
(``aria-labelledby`` points at both), so a screen reader announces it as one image; the page
puts a table with the same numbers beside it. Colours are set by attributes, not by ``style``
(the Content-Security-Policy allows no inline style), and every text is escaped.

- :func:`bar_chart`: one horizontal bar per value (``class="bar"``), its label on the left and
  its number at its end; long Chinese labels fit better across than under a bar.
- :func:`line_chart`: one polyline per series over labelled points (``class="point"``), with a
  legend.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

PALETTE = ("#1f5fa8", "#b3541e", "#2f7d32", "#7b3fa0", "#8a6d00")
INK = "#222222"
GRID = "#c8c8c8"
WIDTH = 640
_ID = re.compile(r"^[A-Za-z][\w-]{0,60}$")
# characters XML 1.0 cannot hold (C0 controls but tab and line breaks, U+FFFE/U+FFFF, surrogates)
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _text(value: object) -> str:
    return html.escape(_ILLEGAL.sub("", str(value)), quote=True)


def _check(chart_id: str, labels: Sequence[str], values: Sequence[Sequence[int]]) -> None:
    if not _ID.match(chart_id):
        raise ValueError(f"图表标识不合法：{chart_id!r}")
    for series in values:
        if len(series) != len(labels):
            raise ValueError("数据个数与标签个数不一致")
        if any(v < 0 for v in series):
            raise ValueError("图表不显示负数")


def _open(chart_id: str, title: str, desc: str, height: int) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" id="{chart_id}" '
        f'viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
        f'font-family="sans-serif" font-size="13">',
        f'<title id="{chart_id}-title">{_text(title)}</title>',
        f'<desc id="{chart_id}-desc">{_text(desc)}</desc>',
    ]


def _label_width(labels: Sequence[str]) -> int:
    # a CJK character is about one em (13 px), a Latin one about half
    widest = max((sum(13 if ord(c) > 0x2E7F else 7 for c in s) for s in labels), default=0)
    return min(max(widest + 12, 60), WIDTH // 2)


def bar_chart(
    *,
    chart_id: str,
    title: str,
    desc: str,
    labels: Sequence[str],
    values: Sequence[int],
    unit: str = "",
) -> str:
    """One horizontal bar per value, the longest across the available width."""
    _check(chart_id, labels, [values])
    row, top = 26, 8
    height = top * 2 + row * max(len(values), 1)
    left = _label_width(labels)
    room = WIDTH - left - 70
    most = max(values, default=0) or 1
    out = _open(chart_id, title, desc, height)
    out.append(f'<line x1="{left}" y1="{top}" x2="{left}" y2="{height - top}" stroke="{GRID}" />')
    for i, (label, value) in enumerate(zip(labels, values, strict=True)):
        y = top + i * row
        # a value too small to draw still shows: at least one pixel, never none
        length = max(round(room * value / most, 1), 1) if value else 0
        out.append(
            f'<text x="{left - 6}" y="{y + 17}" text-anchor="end" fill="{INK}">'
            f"{_text(label)}</text>"
        )
        out.append(
            f'<rect class="bar" x="{left}" y="{y + 4}" width="{length}" height="{row - 8}" '
            f'fill="{PALETTE[0]}" data-value="{value}" />'
        )
        out.append(
            f'<text x="{left + length + 6}" y="{y + 17}" fill="{INK}">{value}{_text(unit)}</text>'
        )
    out.append("</svg>")
    return "".join(out)


def line_chart(
    *,
    chart_id: str,
    title: str,
    desc: str,
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[int]]],
) -> str:
    """One line per series over the labels (the months of a year, say), with a legend."""
    if len(series) > len(PALETTE):
        raise ValueError(f"一张图最多{len(PALETTE)}条线")
    _check(chart_id, labels, [values for _, values in series])
    height, left, right, top, bottom = 260, 44, 16, 30, 30
    inner_w, inner_h = WIDTH - left - right, height - top - bottom
    most = max((v for _, values in series for v in values), default=0) or 1
    step = inner_w / max(len(labels) - 1, 1)
    out = _open(chart_id, title, desc, height)
    for fraction in (0, 0.5, 1):  # the grid: 0, half and the most
        y = round(top + inner_h * (1 - fraction), 1)
        out.append(f'<line x1="{left}" y1="{y}" x2="{WIDTH - right}" y2="{y}" stroke="{GRID}" />')
        value = most * fraction
        shown = f"{value:g}" if value != int(value) else str(int(value))
        out.append(
            f'<text x="{left - 6}" y="{y + 4}" text-anchor="end" fill="{INK}">{shown}</text>'
        )
    for i, label in enumerate(labels):
        x = round(left + i * step, 1)
        out.append(
            f'<text x="{x}" y="{height - 10}" text-anchor="middle" fill="{INK}">'
            f"{_text(label)}</text>"
        )
    legend_x = left
    for n, (name, values) in enumerate(series):
        colour = PALETTE[n]
        points = [
            (round(left + i * step, 1), round(top + inner_h * (1 - v / most), 1))
            for i, v in enumerate(values)
        ]
        path = " ".join(f"{x},{y}" for x, y in points)
        out.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2" />')
        for (x, y), value in zip(points, values, strict=True):
            out.append(
                f'<circle class="point" cx="{x}" cy="{y}" r="3" fill="{colour}" '
                f'data-value="{value}" />'
            )
        out.append(
            f'<rect x="{legend_x}" y="8" width="12" height="12" fill="{colour}" />'
            f'<text x="{legend_x + 16}" y="19" fill="{INK}">{_text(name)}</text>'
        )
        legend_x += 32 + _label_width([name])
    out.append("</svg>")
    return "".join(out)
