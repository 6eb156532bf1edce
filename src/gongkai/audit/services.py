"""Writing the audit log. Every service that changes state calls :func:`record` inside its
transaction, so the change and its audit row are stored together or not at all."""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db import connection, models, transaction
from django.db.models.functions import Now
from django.utils import timezone

from gongkai import law
from gongkai.audit import chain
from gongkai.audit.actions import RETIRED, AuditAction
from gongkai.audit.models import AuditChainHead, AuditEvent

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    from gongkai.units.models import Unit

SYSTEM = "系统"


def actor_label(user: AbstractBaseUser | AnonymousUser | None) -> str:
    if user is None or not user.is_authenticated:
        return SYSTEM
    staff = getattr(user, "staff", None)
    if staff is not None:
        where = f"{staff.unit.short_name}·" if staff.unit_id else ""
        return f"{staff.name}（{where}{staff.get_role_display()}）"
    return str(user.get_username())


def record(
    *,
    actor: AbstractBaseUser | AnonymousUser | None,
    action: AuditAction,
    summary: str,
    basis: law.Basis | str,
    obj: models.Model | None = None,
    object_type: str = "",
    object_id: str = "",
    object_label: str = "",
    unit: Unit | None = None,
    changes: Mapping[str, Any] | None = None,
    label: str = "",
) -> AuditEvent:
    """Append one audit row. ``action`` is a member of the closed list (gongkai.audit.actions);
    ``label`` names an actor who is not a user (e.g. the command line)."""
    action = _known(action)
    if obj is not None:
        object_type = object_type or obj._meta.model_name or ""
        object_id = object_id or str(obj.pk)
        object_label = object_label or str(obj)[:300]
    user = actor if actor is not None and actor.is_authenticated else None
    return AuditEvent.objects.create(
        actor_id=user.pk if user is not None else None,
        actor_label=label or actor_label(actor),
        action=action.value,
        object_type=object_type,
        object_id=object_id,
        object_label=object_label,
        unit=unit,
        summary=summary,
        legal_basis=str(basis),
        changes=dict(changes or {}),
    )


def _known(action: object) -> AuditAction:
    """``action`` if it is a member of the list; a string, even one of the values, is refused (a
    type checker misses callers it does not check: tests, scripts, the shell)."""
    if isinstance(action, AuditAction):
        if action in RETIRED:
            raise ValueError(f"审计操作 AuditAction.{action.name} 已停用，只保留给已有的记录")
        return action
    if isinstance(action, str) and action in AuditAction.values:
        raise TypeError(
            f"审计操作须写作 AuditAction.{AuditAction(action).name}，而不是字符串“{action}”"
        )
    raise ValueError(
        f"未知的审计操作 {action!r}：操作须是 gongkai.audit.actions.AuditAction 的成员"
        "（新的操作先加入该列表和 docs/audit.md）"
    )


@dataclass
class Verification:
    """What ``gongkai audit verify`` found: the problems (empty when the chain is intact), the
    number of rows walked and the chain's end (to note outside the database as an anchor)."""

    problems: list[chain.Problem] = field(default_factory=list)
    rows: int = 0
    last_seq: int = 0
    last_hash: str = chain.GENESIS

    @property
    def intact(self) -> bool:
        return not self.problems


def verify(anchors: Iterable[chain.Anchor] = ()) -> Verification:
    """Walk the whole audit chain against the chain head, both read from one snapshot of the
    database, without holding up writers."""
    with _snapshot():
        stored = AuditChainHead.objects.filter(pk=1).annotate(now=Now()).first()
        now = stored.now if stored is not None else timezone.now()
        head = (
            chain.Head(stored.seq, stored.hash, stored.backfilled) if stored is not None else None
        )
        rows = (
            chain.Row(*values)
            for values in AuditEvent.objects.order_by("seq", "id")
            .values_list(*chain.FIELDS)
            .iterator(chunk_size=5000)
        )
        summary = chain.Summary()
        problems = list(chain.check(rows, head, now=now, anchors=list(anchors), summary=summary))
    return Verification(problems, summary.rows, summary.last_seq, summary.last_hash)


@contextlib.contextmanager
def _snapshot() -> Iterator[None]:
    """A read-only transaction that sees one state of the database throughout: PostgreSQL's
    REPEATABLE READ; on SQLite a DEFERRED transaction, which in WAL mode reads a snapshot and
    takes no write lock (Gongkai's own transactions begin IMMEDIATE, which would block every
    writer for as long as the walk takes). Inside a transaction already open, that one."""
    if connection.in_atomic_block:
        yield
        return
    if connection.vendor == "postgresql":
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            yield
        return
    connection.ensure_connection()
    with connection.cursor() as cursor:
        cursor.execute("BEGIN DEFERRED")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("ROLLBACK")  # nothing was written
