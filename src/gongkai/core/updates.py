"""Two things every app's services do, written once.

- :func:`model_update`: set the fields a form gave on a row and say what changed, as the audit
  row stores it (``{field: [old, new]}``). After HackSoft's ``model_update``; unlike it, it
  does not save: each service first checks the row (and some refuse an update that changes
  nothing), and several set derived fields before saving the whole row (an item's summary and
  publication deadline).
- :func:`create_version`: store a new version of a record kept in numbered versions (notice
  templates, disclosure guides, the report's row mapping; the holiday calendar takes its
  number with :func:`next_version`). The service then writes the audit row, which names the
  new number.

Nothing here writes the audit log: ``core`` imports no app.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from django.db import models
from django.db.models import QuerySet

M = TypeVar("M", bound=models.Model)


def _plain(value: Any) -> Any:
    """A value as the audit row stores it (JSON): dates as ISO text, rows by their name."""
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    if isinstance(value, Mapping):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return str(value)


def diff(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, list[Any]]:
    """The fields whose value changed, as {field: [old, new]}."""
    return {
        key: [_plain(before.get(key)), _plain(after.get(key))]
        for key in sorted(set(before) | set(after))
        if _plain(before.get(key)) != _plain(after.get(key))
    }


def snapshot(obj: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    return {name: _plain(getattr(obj, name)) for name in fields}


@dataclass(frozen=True)
class Update:
    """The fields of one row being updated, and their values before (none for a new row)."""

    instance: models.Model
    fields: tuple[str, ...]
    before: dict[str, Any]

    def changes(self, also: Mapping[str, tuple[Any, Any]] | None = None) -> dict[str, list[Any]]:
        """What changed so far, as {field: [old, new]}: asked once the service has cleaned the
        row (cleaning may convert a value). ``also``: {name: (old, new)} of values kept
        elsewhere (a staff member's account being active), listed with the row's fields."""
        before, after = dict(self.before), snapshot(self.instance, self.fields)
        for name, (old, new) in (also or {}).items():
            before[name], after[name] = old, new
        return diff(before, after)


def model_update(
    instance: models.Model, *, fields: Iterable[str], data: Mapping[str, Any]
) -> Update:
    """Set on ``instance`` each of ``fields`` that ``data`` has; ``.changes()`` of the result
    then says what changed. A row not stored yet had nothing before: every field it has is new.
    Nothing is saved."""
    names = tuple(fields)
    before = {} if instance._state.adding else snapshot(instance, names)
    for name in names:
        if name in data:
            setattr(instance, name, data[name])
    return Update(instance, names, before)


def next_version(versions: QuerySet[Any]) -> int:
    """The number of a new version among ``versions`` (the stored versions of one thing): one
    more than the newest, 1 for the first. The newest row stays locked until the transaction
    ends, so that two saves at once cannot take the same number."""
    newest = (
        versions.select_for_update().order_by("-version").values_list("version", flat=True).first()
    )
    return int(newest) + 1 if newest is not None else 1


def create_version(model: type[M], *, of: Mapping[str, Any] | None = None, **values: Any) -> M:
    """Store the next version of the thing ``of`` names (the fields its versions share, e.g.
    ``{"kind": …}``; none when the model versions one thing), with ``values``. Call it inside
    the service's transaction."""
    scope = dict(of or {})
    manager = model._default_manager
    return manager.create(**scope, version=next_version(manager.filter(**scope)), **values)
