"""The states of a catalog item and the only transitions allowed between them. Pure.

Draft → submitted (the clerk) → published (the reviewer, after the 保密审查) → withdrawn (with a
reason). A submitted item may be returned to draft. A withdrawn item stays withdrawn: its 索引号
is never reused, and a corrected version is a new item. The model's check constraint lists the
states; every service checks :func:`can_move` first; the tests walk the table.
"""

from __future__ import annotations

from enum import StrEnum


class State(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    PUBLISHED = "published"
    WITHDRAWN = "withdrawn"

    @property
    def label(self) -> str:
        return LABELS[self]


LABELS = {
    State.DRAFT: "草稿",
    State.SUBMITTED: "待审核",
    State.PUBLISHED: "已发布",
    State.WITHDRAWN: "已撤回",
}

TRANSITIONS: dict[State, frozenset[State]] = {
    State.DRAFT: frozenset({State.DRAFT, State.SUBMITTED}),  # edited, or submitted for review
    State.SUBMITTED: frozenset({State.DRAFT, State.PUBLISHED}),  # returned, or published
    State.PUBLISHED: frozenset({State.PUBLISHED, State.WITHDRAWN}),  # revised, or withdrawn
    State.WITHDRAWN: frozenset(),
}

# States whose items the public sees (withdrawn items disappear from the portal and search).
PUBLIC = frozenset({State.PUBLISHED})
# States that hold an index number and a publication date.
NUMBERED = frozenset({State.PUBLISHED, State.WITHDRAWN})


def can_move(source: str, target: str) -> bool:
    return State(target) in TRANSITIONS[State(source)]
