"""Pure. How a host follows the index's change log (docs/search.md, "Several hosts").

The log is an ordered list of changes — (position, item, upsert|remove) — written in the same
transaction as the catalog change that causes it; positions commit in increasing order (the
writers of the log are serialized until they commit), so a reader that has seen a position has
seen every committed position below it. Each host's index records the last position it applied.

Here are the decisions, without a database or an index: whether a host can follow the log from
where it stands or must rebuild first (:func:`rebuild_reason`), and what one batch of changes
asks of the index (:func:`plan`). Applying a change reads the item *as it is now*, so applying
a batch twice, or a change that a rebuild already holds, gives the same index: a host killed in
the middle of a batch applies it again from its recorded position and converges.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

UPSERT = "upsert"
REMOVE = "remove"
OPS = (UPSERT, REMOVE)

# Reasons to rebuild rather than follow (shown by `gongkai search check`/`follow`).
NEVER = "本机索引未记录已应用的位置（新建或旧版索引）"
AHEAD = "本机索引的位置超过数据库日志（数据库可能已从较早的备份恢复）"
PRUNED = "本机索引落后于已清理的日志"
FAR = "本机索引落后太多，重建比逐条应用更快"


@dataclass(frozen=True)
class Change:
    position: int
    item: int
    op: str  # UPSERT or REMOVE

    def __post_init__(self) -> None:
        if self.op not in OPS:
            raise ValueError(f"unknown change {self.op!r}")


@dataclass(frozen=True)
class Plan:
    """One batch: the items to read again (and index if public, else remove), the items to
    remove, and the position the host stands at once they are written."""

    upserts: tuple[int, ...]
    removes: tuple[int, ...]
    position: int

    @property
    def empty(self) -> bool:
        return not self.upserts and not self.removes


def newest(last_row: int | None, pruned_through: int) -> int:
    """The newest position of the log: its last row, or the pruning mark when every row has
    been pruned (positions are never reused)."""
    return max(last_row or 0, pruned_through)


def rebuild_reason(
    applied: int | None, *, newest: int, pruned_through: int, far_behind: int
) -> str:
    """Why the host must rebuild before it can follow the log, or "" when it can follow."""
    if applied is None:
        return NEVER
    if applied > newest:
        return AHEAD
    if applied < pruned_through:
        return PRUNED
    if newest - applied > far_behind:
        return FAR
    return ""


def plan(changes: Iterable[Change], applied: int) -> Plan:
    """What a batch read after ``applied`` asks of the index: for each item its last change
    wins (an upsert reads the item as it is now, so an earlier one adds nothing); changes at or
    below ``applied`` are already in the index and are skipped."""
    last: dict[int, Change] = {}
    position = applied
    for change in sorted(changes, key=lambda c: c.position):
        if change.position <= applied:
            continue
        last[change.item] = change
        position = change.position
    upserts = tuple(sorted(i for i, c in last.items() if c.op == UPSERT))
    removes = tuple(sorted(i for i, c in last.items() if c.op == REMOVE))
    return Plan(upserts, removes, position)
