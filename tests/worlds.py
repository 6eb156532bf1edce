"""Records built once for a module of tests, as Django's ``setUpTestData`` builds them for a
class: in a transaction rolled back after the module's last test. Each test runs in a savepoint
inside it (pytest-django's ``db``), so whatever a test changes is gone before the next one, and
each test reads its own instances afresh from the database.

    @pytest.fixture(scope="module")
    def stored(django_db_setup, django_db_blocker):
        with rolled_back_after(django_db_blocker):
            with django_db_blocker.unblock():
                people = district_and_people()
                ...  # the records the module's tests read
            yield keys(people | records)

    unit_a, clerk_a = read_from_world("unit_a", "clerk_a")  # in place of tests/conftest.py's

The outsider sweep (tests/accounts/test_access.py) and the portal's class
(tests/catalog/test_catalog_pages.py) build their worlds the same way.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

import pytest
from django.db import transaction
from django.db.models import Model

from tests.conftest import (
    PERSONAS,
    make_citizen,
    make_district,
    make_persona,
    make_unit_a,
    make_unit_b,
)

# A record of the world by name: its model and primary key.
Stored = dict[str, tuple[type[Model], Any]]


@contextlib.contextmanager
def rolled_back_after(django_db_blocker) -> Iterator[None]:
    """A transaction open while the module's tests run, rolled back after the last one."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
    try:
        yield
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def district_and_people() -> dict[str, Model]:
    """The district, units A and B, the staff personas and the citizen of tests/conftest.py."""
    district = make_district()
    units: dict[str, Any] = {
        "district": district,
        "unit_a": make_unit_a(district),
        "unit_b": make_unit_b(district),
    }
    people = {
        key: make_persona(key, units[unit] if unit else None)
        for key, (_username, _role, unit, _name) in PERSONAS.items()
    }
    return units | people | {"citizen": make_citizen()}


def keys(records: dict[str, Model]) -> Stored:
    return {name: (type(record), record.pk) for name, record in records.items()}


def fresh(stored: Stored, name: str) -> Any:
    model, pk = stored[name]
    return model._default_manager.get(pk=pk)


def read_from_world(*names: str) -> list[Any]:
    """Fixtures named ``names`` that read the module's record of that name afresh for each
    test (from its ``stored`` fixture), in place of those of tests/conftest.py."""

    def reader(name: str) -> Any:
        @pytest.fixture(name=name)
        def read(db, stored):
            return fresh(stored, name)

        return read

    return [reader(name) for name in names]
