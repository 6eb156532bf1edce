"""What the catalog announces to the apps above it, which it does not import
(docs/architecture.md): today the search index listens (gongkai.search.sync)."""

from __future__ import annotations

from django.dispatch import Signal

# Sent once the transaction that made the change has committed, with ``ids``: the items whose
# public face may have changed (published, revised, re-dated, withdrawn, their validity or their
# column switched on or off). A receiver reads them again; an item no longer public
# (Item.objects.public()) is to be forgotten.
items_changed = Signal()

# Sent *inside* the transaction that makes the change, with the same ``ids``, so that a receiver
# can write what it must in the same transaction: the search index's change log
# (gongkai.search.sync.log_changes), which every host's index follows.
items_changing = Signal()
