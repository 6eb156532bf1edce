"""The search index follows the catalog: what it holds of each published item
(:func:`documents`), and the receiver that brings it up to date when the catalog announces a
change (:data:`gongkai.catalog.signals.items_changed`, connected in ``SearchConfig.ready``).
Search reads the catalog; the catalog does not know the index exists (docs/architecture.md)."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from gongkai.catalog.models import Item
from gongkai.catalog.services import plain_text
from gongkai.search import engine

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
    after the commit that changed them)."""
    present = list(Item.objects.public().filter(pk__in=ids).only(*engine.SOURCE_FIELDS))
    if present:
        _safely(engine.index_items, documents(present))
    gone = set(ids) - {item.pk for item in present}
    if gone:
        _safely(engine.remove_items, sorted(gone))
