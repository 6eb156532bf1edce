"""The bulk downloads written as they are read: CSV (UTF-8 with a byte-order mark, so that
Excel and WPS open the Chinese right, every cell neutralised against formulas by
gongkai.core.spreadsheet) and JSON (an object whose list of records is written record by
record). Neither ever holds the whole download: a year of 11,006 items goes out in chunks of
a few hundred rows. Pure."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from gongkai.core.spreadsheet import safe_cell

BOM = "\ufeff"
CHUNK_ROWS = 200  # rows per chunk sent to the server


def _text(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    return value


def csv_chunks(columns: Sequence[str], rows: Iterable[Mapping[str, Any]]) -> Iterator[bytes]:
    """The rows under a header of ``columns``, a cell per column (missing keys empty), as
    UTF-8 bytes in chunks; the first chunk starts with the byte-order mark."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    buffer.write(BOM)
    writer.writerow([safe_cell(c) for c in columns])
    for count, row in enumerate(rows, 1):
        writer.writerow([safe_cell(_text(row.get(column))) for column in columns])
        if count % CHUNK_ROWS == 0:
            yield buffer.getvalue().encode("utf-8")
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode("utf-8")


def json_chunks(
    head: Mapping[str, Any], key: str, records: Iterable[Mapping[str, Any]]
) -> Iterator[bytes]:
    """``{**head, key: [record, …]}`` as UTF-8 JSON, written record by record."""
    opening = json.dumps(dict(head), ensure_ascii=False)
    assert opening.endswith("}")
    parts: list[str] = [opening[:-1] + ("," if head else "") + json.dumps(key) + ":["]
    for count, record in enumerate(records, 1):
        parts.append(("," if count > 1 else "") + json.dumps(record, ensure_ascii=False))
        if count % CHUNK_ROWS == 0:
            yield "".join(parts).encode("utf-8")
            parts = []
    parts.append("]}")
    yield "".join(parts).encode("utf-8")
