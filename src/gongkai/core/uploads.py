"""Checking uploaded files by their content, not only by their name. Pure. Shared by the
applications (what an applicant or a clerk attaches) and the catalog (an item's attachments)."""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from dataclasses import dataclass

# What each accepted type starts with, and the extensions it may carry.
_SIGNATURES: tuple[tuple[str, bytes, tuple[str, ...], str], ...] = (
    ("pdf", b"%PDF-", (".pdf",), "application/pdf"),
    ("jpeg", b"\xff\xd8\xff", (".jpg", ".jpeg"), "image/jpeg"),
    ("png", b"\x89PNG\r\n\x1a\n", (".png",), "image/png"),
)
_OFFICE = {
    "docx": (
        "word/",
        (".docx",),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    "xlsx": (
        "xl/",
        (".xlsx",),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
}

PUBLIC_TYPES = frozenset({"pdf", "jpeg", "png"})
STAFF_TYPES = PUBLIC_TYPES | {"docx", "xlsx"}


class UploadError(ValueError):
    pass


@dataclass(frozen=True)
class CheckedFile:
    name: str  # a safe file name with the right extension
    kind: str
    content_type: str
    size: int
    sha256: str


def _detect(content: bytes) -> tuple[str, tuple[str, ...], str] | None:
    for kind, magic, extensions, content_type in _SIGNATURES:
        if content.startswith(magic):
            return kind, extensions, content_type
    if content.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(content)) as archive:
                names = archive.namelist()
        except zipfile.BadZipFile:
            return None
        if "[Content_Types].xml" in names:
            for kind, (prefix, extensions, content_type) in _OFFICE.items():
                if any(n.startswith(prefix) for n in names):
                    return kind, extensions, content_type
    return None


def safe_name(name: str, extension: str) -> str:
    stem = name.rsplit("/", 1)[-1].rsplit("\\", 1)[-1]
    stem = stem.rsplit(".", 1)[0] if "." in stem else stem
    stem = re.sub(r"[^\w\u4e00-\u9fff-]+", "_", stem).strip("._")[:60] or "file"
    return f"{stem}{extension}"


def check(name: str, content: bytes, *, allowed: frozenset[str], max_bytes: int) -> CheckedFile:
    if not content:
        raise UploadError(f"文件“{name[:60]}”是空的")
    if len(content) > max_bytes:
        raise UploadError(
            f"文件“{name[:60]}”过大：{len(content) / 1048576:.1f} MB，"
            f"上限 {max_bytes // 1048576} MB"
        )
    found = _detect(content)
    accepted = "、".join(sorted(k.upper() for k in allowed))
    if found is None or found[0] not in allowed:
        raise UploadError(f"文件“{name[:60]}”的内容不是允许的类型（只接受 {accepted}）")
    kind, extensions, content_type = found
    lower = name.lower()
    if "." in lower and not lower.endswith(extensions):
        raise UploadError(f"文件“{name[:60]}”的扩展名与内容不符（内容为 {kind.upper()}）")
    return CheckedFile(
        name=safe_name(name, extensions[0]),
        kind=kind,
        content_type=content_type,
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
    )
