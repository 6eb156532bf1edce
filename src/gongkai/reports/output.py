"""Choosing an output by file suffix, shared by the command line and the download links."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from gongkai.reports import render


def _json(report: dict[str, Any]) -> bytes:
    return render.to_json(report).encode("utf-8")


def _html(report: dict[str, Any]) -> bytes:
    return render.to_html_page(report).encode("utf-8")


FORMATS: dict[str, tuple[str, Callable[[dict[str, Any]], bytes]]] = {
    ".json": ("application/json; charset=utf-8", _json),
    ".docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        render.to_docx,
    ),
    ".xlsx": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        render.to_xlsx,
    ),
    ".html": ("text/html; charset=utf-8", _html),
}


def produce(report: dict[str, Any], suffix: str) -> tuple[str, bytes]:
    content_type, make = FORMATS[suffix]
    return content_type, make(report)
