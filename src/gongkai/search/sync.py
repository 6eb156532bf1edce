"""The search index follows the catalog: what it holds of each published item
(:func:`documents`); the change log every host's index follows (:func:`log_changes`, written in
the catalog's transaction when it announces :data:`gongkai.catalog.signals.items_changing`;
:func:`follow`, :func:`catch_up`, :func:`rebuild`, :func:`prune`); and the receiver that brings
this host's index up to date once the change is committed (:func:`items_changed`). Search reads
the catalog; the catalog does not know the index exists (docs/architecture.md, docs/search.md).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from gongkai.catalog.models import Item
from gongkai.catalog.services import plain_text
from gongkai.search import changelog, engine
from gongkai.search.models import IndexChange, LogPruning

log = logging.getLogger(__name__)


def documents(items: Iterable[Item]) -> Iterable[engine.Document]:
    """What the search index holds of each published item."""
    for item in items:
        assert item.published_on is not None
        yield engine.Document(
            id=item.pk,
            title=item.title,
            doc_number=item.doc_number,
            body=plain_text(item.body),
            unit=item.unit_id,
            column=item.column_id,
            year=item.published_on.year,
            validity=item.validity,
            published=item.published_on,
        )


def _safely(write: Any, argument: Any) -> None:
    """Run an index write after commit; if it fails, the record stands and the failure is
    logged — ``gongkai search check`` reports the difference and ``reindex`` repairs it."""
    try:
        write(argument)
    except Exception:
        log.exception("search index update failed; run `gongkai search check`")


def items_changed(sender: Any, *, ids: list[int], **kwargs: Any) -> None:
    """Index again the items that are public, and remove the others (the catalog sends this
    after the commit that changed them). A host that follows the change log applies the log
    instead — this change and any other host's before it — so that every write to its index
    goes through the log, in order (at most ``INLINE`` changes here: a host further behind is
    brought up by its follow thread or task)."""
    if engine.applied_position() is not None:
        _safely(lambda _: follow(rebuild_if_needed=False, limit=INLINE), None)
        return
    present = list(Item.objects.public().filter(pk__in=ids).only(*engine.SOURCE_FIELDS))
    if present:
        _safely(engine.index_items, documents(present))
    gone = set(ids) - {item.pk for item in present}
    if gone:
        _safely(engine.remove_items, sorted(gone))


# --- the change log (docs/search.md, "Several hosts") ---------------------------------------------
# Writers of the log wait for each other from their first row until they commit (PostgreSQL: a
# transaction-level advisory lock; SQLite serializes writing transactions anyway), so positions
# become visible in increasing order: a follower that has seen a position has seen every
# committed one below it, and reading "after my position" loses nothing.
LOG_LOCK = 0x676F6E676B6169  # "gongkai"
BATCH = 1_000  # changes applied per index commit
FAR_BEHIND = 200_000  # further behind than this, a host rebuilds rather than follows
INLINE = 500  # before a search, a host applies at most this many changes itself
KEEP_DAYS = 30  # `gongkai search prune` keeps this many days of the log by default


def log_changes(sender: Any, *, ids: list[int], **kwargs: Any) -> None:
    """Write the change log's rows for ``ids``, in the transaction that changed them (the
    catalog sends :data:`~gongkai.catalog.signals.items_changing` inside it)."""
    if not ids:
        return
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOG_LOCK])
    public = set(Item.objects.public().filter(pk__in=ids).values_list("pk", flat=True))
    IndexChange.objects.bulk_create(
        IndexChange(item_id=i, op=changelog.UPSERT if i in public else changelog.REMOVE)
        for i in dict.fromkeys(ids)
    )


def pruned_through() -> int:
    found = LogPruning.objects.order_by("pk").values_list("pruned_through", flat=True).first()
    return int(found or 0)


def newest_position() -> int:
    """The last position of the log (one indexed query, and one for the pruning mark)."""
    last = IndexChange.objects.order_by("-position").values_list("position", flat=True).first()
    return changelog.newest(last, pruned_through())


@dataclass(frozen=True)
class Lag:
    """Where this host's index stands against the log (`gongkai search check`)."""

    position: int | None  # the last position applied here
    newest: int  # the log's last position
    behind: int  # changes after this host's position
    oldest: dt.datetime | None  # when the oldest of them was written
    reason: str  # why the host must rebuild before following, or ""


def lag() -> Lag:
    position = engine.applied_position()
    newest = newest_position()
    pending = IndexChange.objects.filter(position__gt=position or 0)
    first = pending.order_by("position").values_list("at", flat=True).first()
    reason = changelog.rebuild_reason(
        position, newest=newest, pruned_through=pruned_through(), far_behind=FAR_BEHIND
    )
    return Lag(position, newest, pending.count() if position is not None else 0, first, reason)


def rebuild(*, progress: Callable[[int], None] | None = None, batch: int = 5000) -> int:
    """Build this host's index afresh from the catalog, and record the log's position read
    *before* the catalog: every change committed after that read has a later position (positions
    commit in order), and following the log from there loses nothing; a change that the rebuild
    already holds is applied once more, which changes nothing."""
    position = newest_position()
    items = Item.objects.public().only(*engine.SOURCE_FIELDS).order_by("pk")

    def load(ids: list[int]) -> Iterable[engine.Document]:
        """Items published, changed or withdrawn while the rebuild ran, as they are now."""
        return documents(Item.objects.public().filter(pk__in=ids).only(*engine.SOURCE_FIELDS))

    return engine.rebuild(
        documents(items.iterator(chunk_size=2000)),
        progress=progress,
        batch=batch,
        load=load,
        position=position,
    )


@dataclass(frozen=True)
class Followed:
    rebuilt: str  # why the host rebuilt first, or ""
    applied: int  # changes read from the log
    position: int | None  # where the host stands now


def _apply_batch(limit: int) -> int:
    """Apply up to ``limit`` changes after this host's position, under the writers' lock."""
    with engine.following() as host:
        if host.position is None:
            return 0
        rows = [
            row.as_change()
            for row in IndexChange.objects.filter(position__gt=host.position)[:limit]
        ]
        if not rows:
            return 0
        plan = changelog.plan(rows, host.position)
        present = list(
            Item.objects.public().filter(pk__in=plan.upserts).only(*engine.SOURCE_FIELDS)
        )
        gone = set(plan.upserts) - {item.pk for item in present}
        host.write(documents(present), sorted(set(plan.removes) | gone), plan.position)
        return len(rows)


def follow(
    *, rebuild_if_needed: bool = True, limit: int | None = None, batch: int = BATCH
) -> Followed:
    """Bring this host's index up to the log: rebuild first when it cannot follow (never
    followed, pruned past, far behind, ahead of a restored database) — unless told not to — then
    apply the changes after its position, a batch per index commit, until none is left (or
    ``limit`` changes). Idempotent: following twice is following once."""
    reason = changelog.rebuild_reason(
        engine.applied_position(),
        newest=newest_position(),
        pruned_through=pruned_through(),
        far_behind=FAR_BEHIND,
    )
    if reason:
        if not rebuild_if_needed:
            return Followed(reason, 0, engine.applied_position())
        log.info("search index: rebuilding (%s)", reason)
        rebuild()
    applied = 0
    while limit is None or applied < limit:
        step = batch if limit is None else min(batch, limit - applied)
        done = _apply_batch(step)
        applied += done
        if done < step:
            break
    return Followed(reason, applied, engine.applied_position())


def catch_up() -> None:
    """Before a search (engine.before_search): a host that follows the log and is a little
    behind applies what it misses, so any host answers with every committed change. Cheap when
    it is up to date: reading a small file and one indexed query. Far behind, it leaves the
    work to `gongkai search follow` (or its task) rather than keep the visitor waiting."""
    position = engine.applied_position()
    if position is None:
        return  # this host does not follow the log
    newest = newest_position()
    if newest == position:
        return
    if newest < position or newest - position > INLINE:
        log.warning("search index %s behind the change log; run `gongkai search follow`", newest)
        return
    follow(rebuild_if_needed=False, limit=INLINE)


def prune(*, keep_days: int = KEEP_DAYS, now: dt.datetime | None = None) -> int:
    """Delete the log's rows older than ``keep_days`` days, and mark up to where: a host still
    standing below the mark rebuilds when it next follows. Returns the rows deleted."""
    cutoff = (now or timezone.now()) - dt.timedelta(days=keep_days)
    with transaction.atomic():
        mark, _ = LogPruning.objects.select_for_update().get_or_create(pk=1)
        old = IndexChange.objects.filter(at__lt=cutoff)
        through = old.order_by("-position").values_list("position", flat=True).first()
        if through is None:
            return 0
        deleted, _ = IndexChange.objects.filter(position__lte=through).delete()
        mark.pruned_through = max(mark.pruned_through, through)
        mark.pruned_at = now or timezone.now()
        mark.save()
    return deleted
