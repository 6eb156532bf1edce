"""What the catalog does when a layer below it announces a change it cannot see itself
(connected in ``CatalogConfig.ready``; docs/architecture.md)."""

from __future__ import annotations

from typing import Any

from gongkai.catalog import signals
from gongkai.catalog.models import Item

BATCH = 500  # ids per announcement: each receiver reads them back with one IN (…) query


def _published_ids(unit_id: int) -> list[int]:
    return list(
        Item.objects.published().filter(unit_id=unit_id).order_by("pk").values_list("pk", flat=True)
    )


def unit_switching(sender: Any, *, unit_id: int, **kwargs: Any) -> None:
    """Inside the transaction that switches a unit: announce its published items
    (items_changing), for the search index's change log."""
    ids = _published_ids(unit_id)
    for start in range(0, len(ids), BATCH):
        signals.items_changing.send(sender=Item, ids=ids[start : start + BATCH])


def unit_switched(sender: Any, *, unit_id: int, **kwargs: Any) -> None:
    """A unit switched off takes its published items off the portal and out of search, and
    switched on again brings them back: the catalog announces them (items_changed), and the
    index reads each again and keeps what is public (Item.objects.public())."""
    ids = _published_ids(unit_id)
    for start in range(0, len(ids), BATCH):
        signals.items_changed.send(sender=Item, ids=ids[start : start + BATCH])
