"""The ``Content-Disposition`` header of every file Gongkai hands out (RFC 6266): one helper,
so that no name — an uploaded file's, a unit code typed into a filter — can break the header.

A line break in a header value makes Django refuse the response (a 500) and, in a server that
let it through, would start a header of the attacker's choosing; a quote or a backslash would
end the name early; a slash would let the browser suggest a folder. The name is cleaned of all
of these, then sent twice: ``filename="…"`` in ASCII for old clients, and ``filename*`` in UTF-8
(RFC 8187) with the Chinese name, which every current browser prefers.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote

from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404

MAX_NAME = 150
DEFAULT_NAME = "download"
_UNSAFE = re.compile(r'["\\/:*?<>|;]')
_NOT_ASCII_WORD = re.compile(r"[^A-Za-z0-9._-]+")


def safe_filename(name: str, default: str = DEFAULT_NAME) -> str:
    """``name`` without control or format characters (line breaks among them), quotes,
    slashes and the other characters Windows refuses in a name; trimmed and capped at
    MAX_NAME characters, keeping the extension. An empty result gives ``default``."""
    kept = "".join(
        " " if unicodedata.category(c) in ("Zl", "Zp") else c
        for c in name
        if unicodedata.category(c) not in ("Cc", "Cf", "Cs", "Cn", "Co")
    )
    kept = _UNSAFE.sub("_", kept).strip(" .")
    if len(kept) > MAX_NAME:
        stem, dot, ext = kept.rpartition(".")
        kept = (
            stem[: MAX_NAME - len(ext) - 1] + "." + ext
            if dot and 0 < len(ext) <= 10
            else kept[:MAX_NAME]
        )
    return kept or default


def ascii_filename(name: str) -> str:
    """An ASCII stand-in for ``name`` (already safe): letters, digits, dot, minus, underscore;
    a name with no ASCII word keeps its extension after ``download``."""
    stem, dot, ext = name.rpartition(".")
    if not (dot and stem and ext.isascii() and ext.isalnum()):
        stem, ext = name, ""
    stem = _NOT_ASCII_WORD.sub("_", stem).strip("._")
    if not re.search(r"[A-Za-z0-9]", stem):
        stem = DEFAULT_NAME
    return f"{stem}.{ext}" if ext else stem


def content_disposition(name: str, *, inline: bool = False) -> str:
    """The header value for a download of a file to be saved as ``name``."""
    safe = safe_filename(name)
    fallback = ascii_filename(safe)
    header = f'{"inline" if inline else "attachment"}; filename="{fallback}"'
    if fallback != safe:
        header += f"; filename*=UTF-8''{quote(safe, safe='')}"
    return header


def stored_file(file: FieldFile, *, name: str, content_type: str) -> FileResponse:
    """A stored upload handed out to be saved as ``name``, with the type it was checked as.
    A row whose file is gone from storage is a 404, not a 500. ``nosniff`` on the response
    itself: the type is the one the upload was accepted with, and no browser may guess another
    from the content."""
    try:
        handle = file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, as_attachment=True)
    response["Content-Disposition"] = content_disposition(name)
    response["Content-Type"] = content_type
    response["X-Content-Type-Options"] = "nosniff"
    return response
