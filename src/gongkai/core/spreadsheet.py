"""Cells of the spreadsheets Gongkai writes (CSV and XLSX): text a spreadsheet would run as a
formula is written with a leading apostrophe, which Excel, WPS and LibreOffice show as text and
never evaluate (CSV/formula injection: an applicant's ``=HYPERLINK(…)`` must stay words). Pure."""

from __future__ import annotations

from typing import TypeVar

from gongkai.core.chars import strip_illegal

# What makes Excel, WPS or LibreOffice read a cell as a formula (or a DDE call): the ASCII signs
# and their full-width forms, which a Chinese input method types and some programs also accept.
FORMULA_SIGNS = frozenset("=+-@＝＋－＠")
# A cell starting with one of these is trimmed by some programs before the sign is looked at.
LEADING_CONTROLS = frozenset("\t\r\n")

T = TypeVar("T")


def is_formula_like(text: str) -> bool:
    """Whether a spreadsheet could take ``text`` for a formula."""
    if not text:
        return False
    return text[0] in LEADING_CONTROLS or text.lstrip()[:1] in FORMULA_SIGNS


def safe_cell(value: T) -> T | str:
    """The value to write into a cell: text loses the characters an XLSX file cannot hold
    (gongkai.core.chars: openpyxl would refuse the whole workbook) — before the formula test,
    so that a control character cannot hide a leading ``=`` — and formula-like text gets a
    leading apostrophe; anything else (numbers, dates) is returned unchanged."""
    if isinstance(value, str):
        text = strip_illegal(value)
        return "'" + text if is_formula_like(text) else text
    return value


def safe_row(values: list[T]) -> list[T | str]:
    return [safe_cell(v) for v in values]
