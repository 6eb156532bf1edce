"""What the units app announces to the apps above it, which it does not import
(docs/architecture.md): today the catalog listens (gongkai.catalog.receivers), and through it the
search index."""

from __future__ import annotations

from django.dispatch import Signal

# Sent once the transaction that switched a unit on or off has committed, with ``unit_id`` and
# ``is_active``: what the public sees of the unit (its published items, Item.objects.public())
# changed with it.
unit_switched = Signal()

# Sent *inside* that transaction, with the same arguments, for what must be written with it (the
# search index's change log, through the catalog).
unit_switching = Signal()
