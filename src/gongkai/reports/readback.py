"""Reading back what Gongkai generates: every output of a report (JSON, DOCX, XLSX, HTML) goes
through the same checker that reads published reports, and what it reads must equal the
report's own tables, cell by cell. A renderer that drops, shifts or mislabels a cell is found
here, before the file is published.

:func:`read_back` and :func:`read_back_file` are pure (no ORM, no settings). :func:`cached`
keeps the result of :func:`read_back` per content of the report, because rendering and reading
four files takes seconds: a staff page shows a result without recomputing it on every view.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from gongkai.reports import checker, render
from gongkai.reports.identities import ERROR, Finding
from gongkai.reports.output import FORMATS, produce

MISSING = "（未读到）"
# Part of the cache key: a new version of the renderers or the checker must not reuse old results.
VERSION = 2
CACHE_SECONDS = 24 * 3600


@dataclass(frozen=True)
class Difference:
    kind: str  # the output: json, docx, xlsx, html
    table: str  # 二, 三, 四, or 标题 for agency, year and format
    row: str
    column: str
    expected: Any
    found: Any

    @property
    def where(self) -> str:
        parts = [f"表{self.table}" if self.table in ("二", "三", "四") else self.table]
        if self.row:
            parts.append(f"“{self.row}”")
        if self.column:
            parts.append(f"“{self.column}”")
        return " ".join(parts)

    def text(self) -> str:
        return (
            f"{self.kind.upper()} {self.where}：应为 {_shown(self.expected)}，"
            f"读回 {_shown(self.found)}"
        )


def _shown(value: Any) -> str:
    return "空白" if value is None else str(value)


@dataclass
class ReadBack:
    kinds: list[str]
    differences: list[Difference] = field(default_factory=list)
    unreadable: list[tuple[str, str]] = field(default_factory=list)  # (kind, why)
    errors: list[tuple[str, Finding]] = field(default_factory=list)  # what the checker found

    @property
    def consistent(self) -> bool:
        return not self.differences and not self.unreadable

    def verdict(self) -> str:
        """One line in Chinese."""
        if self.consistent:
            return f"读回一致（{'、'.join(k.upper() for k in self.kinds)}）"
        parts = [f"{kind.upper()} 无法读回：{why}" for kind, why in self.unreadable]
        if self.differences:
            first = self.differences[0]
            parts.append(f"{len(self.differences)} 处与报告不同，如 {first.text()}")
        return "读回不一致：" + "；".join(parts)


def _cells(
    kind: str, table: str, expected: Mapping[str, Any], found: Mapping[str, Any], prefix: str = ""
) -> Iterable[Difference]:
    """Row → column → value, compared over the rows and columns of both sides."""
    for row in dict.fromkeys([*expected, *found]):
        want, got = expected.get(row), found.get(row)
        if not isinstance(want, Mapping) or not isinstance(got, Mapping):
            if want != got:
                found_value = MISSING if got is None else got
                yield Difference(kind, table, prefix + row, "", want, found_value)
            continue
        for column in dict.fromkeys([*want, *got]):
            if column not in got:
                yield Difference(kind, table, prefix + row, column, want.get(column), MISSING)
            elif want.get(column) != got[column]:
                yield Difference(kind, table, prefix + row, column, want.get(column), got[column])


def compare(built: Mapping[str, Any], result: checker.Result, kind: str) -> list[Difference]:
    """Where what the checker read differs from the report."""
    parsed = result.parsed
    assert parsed is not None
    out: list[Difference] = []
    for name, want, got in (
        ("单位", built.get("agency"), parsed.agency),
        ("年度", built.get("year"), parsed.year),
        ("格式", str(built.get("format")), parsed.format.value),
    ):
        if want != got:
            out.append(Difference(kind, "标题", name, "", want, got))
    out += _cells(kind, "三", built["applications"]["rows"], parsed.rows)
    out += _cells(kind, "四", built["review_litigation"], parsed.review)
    proactive: Mapping[str, Any] = built.get("proactive") or {}
    for item in dict.fromkeys([*proactive, *parsed.proactive]):
        out += _cells(
            kind,
            "二",
            proactive.get(item) or {},
            parsed.proactive.get(item) or {},
            prefix=f"{item}/",
        )
    return out


def read_back_file(built: Mapping[str, Any], content: bytes, suffix: str) -> ReadBack:
    """One output file, already produced, read back and compared with the report."""
    kind = suffix.lstrip(".")
    outcome = ReadBack(kinds=[kind])
    result = checker.check_bytes(content, f"report{suffix}")
    if not result.readable:
        outcome.unreadable.append((kind, result.error))
        return outcome
    outcome.differences += compare(built, result, kind)
    outcome.errors += [(kind, f) for f in result.findings if f.severity == ERROR]
    return outcome


def read_back(built: dict[str, Any], suffixes: Iterable[str] = FORMATS) -> ReadBack:
    """Every output of the report, produced and read back."""
    outcome = ReadBack(kinds=[])
    for suffix in suffixes:
        _, content = produce(built, suffix)
        one = read_back_file(built, content, suffix)
        outcome.kinds += one.kinds
        outcome.differences += one.differences
        outcome.unreadable += one.unreadable
        outcome.errors += one.errors
    return outcome


def content_key(built: dict[str, Any]) -> str:
    digest = hashlib.sha256(render.to_json(built).encode("utf-8")).hexdigest()
    return f"gongkai:readback:{VERSION}:{digest}"


def cached(built: dict[str, Any], *, run: bool) -> ReadBack | None:
    """The read-back of this content of the report: from the cache, or computed when ``run``
    (then cached); None when neither. A draft's tables follow the records, so the key is the
    report's content, not its id: any change to a number or a sentence asks for a new read."""
    from django.core.cache import cache

    key = content_key(built)
    found = cache.get(key)
    if isinstance(found, ReadBack):
        return found
    if not run:
        return None
    outcome = read_back(built)
    cache.set(key, outcome, CACHE_SECONDS)
    return outcome
