"""The hash chain of the audit log. Pure: rows in, hashes and findings out.

Each audit row carries its place in the chain (``seq``, 1, 2, 3 …), the hash of the row before
it (``prev_hash``; the first row links to :data:`GENESIS`) and its own hash: SHA-256 over a
canonical serialization of its fields and ``prev_hash``. Changing a row changes its hash;
deleting one leaves a gap in the numbers and a link that points nowhere; a row slipped in
breaks the numbering or the link, or stands beyond the chain head (the last number and hash,
kept in a row of its own that every append updates). A forger who recomputes every later hash
and the head is caught only by an anchor (a number and its hash noted outside the database,
docs/deployment.md).
"""

from __future__ import annotations

import datetime as dt
import decimal
import hashlib
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

GENESIS = "0" * 64
VERSION = 1
# A row stamped earlier than the row before it by more than this is reported as back-dated. Rows
# are stamped by the database's clock after the chain is locked, so later rows never have an
# earlier time unless that clock is stepped back (then the report says so, too).
CLOCK_TOLERANCE = dt.timedelta(seconds=1)
_PRECISE = decimal.Context(prec=1000)


@dataclass(frozen=True)
class Row:
    """An audit row as the chain sees it (``gongkai.audit.models.AuditEvent``)."""

    id: int
    seq: int
    at: dt.datetime
    actor_id: int | None
    actor_label: str
    action: str
    object_type: str
    object_id: str
    object_label: str
    unit_id: int | None
    summary: str
    legal_basis: str
    changes: Any
    prev_hash: str
    hash: str


# The fields of :class:`Row` in the order the database is read in (``values_list``).
FIELDS = tuple(Row.__dataclass_fields__)


def _number(value: int | float) -> str:
    """One spelling per number: PostgreSQL's jsonb returns ``1e100`` as ``1000…0`` and ``1.0``
    as ``1.0``, SQLite as written; the normalized decimal is the same for all of them."""
    return format(_PRECISE.normalize(decimal.Decimal(repr(value))), "E")


def _canonical_json(value: Any) -> str:
    """JSON with sorted keys, no spaces, numbers in one spelling; strings as they are."""
    if isinstance(value, dict):
        items = sorted((str(k), v) for k, v in value.items())
        return "{" + ",".join(f"{_string(k)}:{_canonical_json(v)}" for k, v in items) + "}"
    if isinstance(value, list | tuple):
        return "[" + ",".join(_canonical_json(v) for v in value) + "]"
    if isinstance(value, bool) or value is None:
        return json.dumps(value)
    if isinstance(value, int | float):
        return _number(value)
    return _string(str(value))


def _string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def stamp(at: dt.datetime) -> str:
    """The time in UTC with microseconds (what both databases store)."""
    if at.tzinfo is None:
        raise ValueError("audit time must be aware")
    return at.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def canonical(row: Row) -> bytes:
    """What the hash covers: every field but the row's id and its own hash."""
    fields = {
        "v": VERSION,
        "seq": row.seq,
        "at": stamp(row.at),
        "actor_id": row.actor_id,
        "actor_label": row.actor_label,
        "action": row.action,
        "object_type": row.object_type,
        "object_id": row.object_id,
        "object_label": row.object_label,
        "unit_id": row.unit_id,
        "summary": row.summary,
        "legal_basis": row.legal_basis,
        "changes": row.changes,
        "prev_hash": row.prev_hash,
    }
    return _canonical_json(fields).encode("utf-8")


def digest(row: Row) -> str:
    return hashlib.sha256(canonical(row)).hexdigest()


@dataclass(frozen=True)
class Head:
    """The chain head: the last row's number and hash. Rows numbered up to ``backfilled`` were
    chained when the chain was introduced; their times came from the application's clock, so
    their order in time is not checked."""

    seq: int
    hash: str
    backfilled: int = 0


@dataclass(frozen=True)
class Anchor:
    """A row's number and hash noted outside the database (printed by ``gongkai audit verify``)."""

    seq: int
    hash: str


@dataclass(frozen=True)
class Problem:
    kind: str  # changed | deleted | inserted | link | backdated | future | head | anchor
    row_id: int | None
    message: str  # for the operator, in Chinese


@dataclass
class Summary:
    rows: int = 0
    last_seq: int = 0
    last_hash: str = GENESIS


def check(
    rows: Iterable[Row],
    head: Head | None,
    *,
    now: dt.datetime,
    anchors: Sequence[Anchor] = (),
    summary: Summary | None = None,
) -> Iterator[Problem]:
    """Walk ``rows`` in chain order (by ``seq``, then ``id``) and report every row that was
    changed, deleted, inserted or back-dated, and a head that does not match the last row."""
    summary = summary if summary is not None else Summary()
    expected_seq, expected_prev = 1, GENESIS
    previous: Row | None = None
    latest: dt.datetime | None = None
    pinned = {a.seq: a.hash for a in anchors}
    backfilled = head.backfilled if head is not None else 0
    for row in rows:
        summary.rows += 1
        if row.seq < expected_seq:
            yield Problem("inserted", row.id, f"记录{row.id}：序号{row.seq}重复，是插入的记录")
            continue
        if head is not None and row.seq > head.seq:
            yield Problem(
                "inserted",
                row.id,
                f"记录{row.id}：序号{row.seq}在链头（{head.seq}）之后，是插入的记录",
            )
            continue
        if row.seq > expected_seq:
            before = f"记录{previous.id}与" if previous is not None else "链首与"
            yield Problem(
                "deleted",
                row.id,
                f"{before}记录{row.id}之间缺少序号{_span(expected_seq, row.seq - 1)}：记录已被删除",
            )
        elif row.prev_hash != expected_prev:
            where = f"记录{previous.id}" if previous is not None else "链首"
            yield Problem(
                "link",
                row.id,
                f"记录{row.id}与其前一条（{where}）的哈希不相连：前一条被改动或替换，或此处插入了记录",
            )
        if digest(row) != row.hash:
            yield Problem(
                "changed", row.id, f"记录{row.id}（序号{row.seq}）的内容与其哈希不符：已被改动"
            )
        if row.seq in pinned and pinned[row.seq] != row.hash:
            yield Problem(
                "anchor",
                row.id,
                f"记录{row.id}（序号{row.seq}）的哈希与保存在外的锚点不符：链已被改写",
            )
        if row.seq > backfilled and latest is not None and row.at < latest - CLOCK_TOLERANCE:
            yield Problem(
                "backdated",
                row.id,
                f"记录{row.id}的时间（{stamp(row.at)}）早于前面的记录（{stamp(latest)}）：时间被倒填",
            )
        if row.at > now + CLOCK_TOLERANCE:
            yield Problem(
                "future", row.id, f"记录{row.id}的时间（{stamp(row.at)}）晚于数据库当前时间"
            )
        latest = row.at if latest is None else max(latest, row.at)
        expected_seq, expected_prev, previous = row.seq + 1, row.hash, row
        summary.last_seq, summary.last_hash = row.seq, row.hash
    last = expected_seq - 1
    if head is None:
        if last:
            yield Problem(
                "head", None, "缺少链头记录（审计链的末端）：无法确认末尾的记录是否被删除"
            )
        return
    if last < head.seq:
        after = f"记录{previous.id}之后" if previous is not None else "全部"
        yield Problem(
            "deleted", None, f"{after}缺少序号{_span(last + 1, head.seq)}：链尾的记录已被删除"
        )
    elif expected_prev != head.hash:
        yield Problem(
            "head",
            previous.id if previous is not None else None,
            "最后一条记录的哈希与链头不符：最后一条被改动或替换",
        )
    for seq in sorted(s for s in pinned if s > last):
        yield Problem("anchor", None, f"锚点序号{seq}的记录不存在：链已被截短或改写")


def _span(first: int, last: int) -> str:
    return str(first) if first == last else f"{first}–{last}"
