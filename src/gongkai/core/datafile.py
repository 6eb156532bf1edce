"""Reading a data file an operator loads (a year's holiday arrangement, an assessment rubric):
YAML, or JSON for a file named *.json, with a size limit and the reason in Chinese when it cannot
be read. What the data must contain is checked by its own parser. Pure."""

from __future__ import annotations

import json
from typing import Any

import yaml


class DataFileError(ValueError):
    """The file cannot be read as data; the message says why, in Chinese."""


def read(text: str | bytes, *, filename: str = "", max_bytes: int) -> Any:
    """The data of a YAML or JSON text (bytes are read as UTF-8, a BOM allowed)."""
    too_big = f"文件过大（不超过 {max_bytes // 1024} KB）"
    if isinstance(text, bytes):
        if len(text) > max_bytes:
            raise DataFileError(too_big)
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise DataFileError("文件不是 UTF-8 编码的文本") from None
    if len(text.encode("utf-8")) > max_bytes:
        raise DataFileError(too_big)
    try:
        return json.loads(text) if filename.lower().endswith(".json") else yaml.safe_load(text)
    except json.JSONDecodeError as exc:
        raise DataFileError(f"无法读取 JSON 文件（第{exc.lineno}行）") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"（第{mark.line + 1}行）" if mark is not None else ""
        raise DataFileError(f"无法读取文件{where}：应为 YAML 或 JSON 格式") from None
