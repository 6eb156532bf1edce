"""Adding up a unit's score sheet and ranking the units. Pure: numbers in, numbers out.

An item not yet scored (a manual item the office has not scored, a third-party score not yet
imported) counts nothing and leaves the sheet incomplete; the sheet says so rather than show a
total that looks final. Units with equal totals share a rank, and the next rank skips as many
places as shared it (1, 2, 2, 4: the ranking every office table uses).
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TypeVar

K = TypeVar("K", bound=Hashable)


@dataclass(frozen=True)
class Line:
    item_id: str
    section_id: str
    points: Decimal
    score: Decimal | None  # None: not scored yet


@dataclass(frozen=True)
class Totals:
    sections: dict[str, Decimal]
    total: Decimal
    pending: tuple[str, ...]  # the items not scored yet

    @property
    def complete(self) -> bool:
        return not self.pending


def clamp(score: Decimal, points: Decimal) -> Decimal:
    """A score within 0 and the item's points."""
    return min(max(score, Decimal(0)), points)


def add_up(lines: Sequence[Line]) -> Totals:
    sections: dict[str, Decimal] = {}
    pending: list[str] = []
    for line in lines:
        sections.setdefault(line.section_id, Decimal(0))
        if line.score is None:
            pending.append(line.item_id)
            continue
        sections[line.section_id] += clamp(line.score, line.points)
    return Totals(sections, sum(sections.values(), Decimal(0)), tuple(pending))


def rank(totals: Mapping[K, Decimal]) -> dict[K, int]:
    """Competition ranking, highest total first: equal totals share a rank (1, 2, 2, 4)."""
    ordered = sorted(totals.values(), reverse=True)
    first_place: dict[Decimal, int] = {}
    for place, value in enumerate(ordered, start=1):
        first_place.setdefault(value, place)
    return {key: first_place[value] for key, value in totals.items()}
