"""Shared fixtures: a small district with named personas.

- ``office``: the district's disclosure office (公开办), sees and manages every unit;
- ``supervisor``: reads everything, changes nothing;
- ``clerk_a`` / ``reviewer_a``: staff of unit A (区发展改革委);
- ``clerk_b``: staff of unit B (康庄镇), an outsider to unit A;
- ``citizen``: a logged-in account with no staff role.

Hypothesis runs under one of two profiles, chosen by the environment variable
``HYPOTHESIS_PROFILE``: ``ci`` (the default, and what ``make test`` and ``.ci/run`` use) runs
every test with its full number of examples and no deadline, since a shared CI machine's timings
say nothing about the code; ``dev`` (``make quick``) runs a twentieth of them. A test that sets its
own number writes it as ``examples(n)``, so that it shrinks with the profile too.
"""

from __future__ import annotations

import datetime as dt
import gc
import itertools
import os

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.test import Client
from hypothesis import settings as hypothesis_settings

from gongkai.regions import services as regions_services
from gongkai.remedies import VenueRule
from gongkai.search import engine
from gongkai.units.codes import ORGAN, make_uscc
from gongkai.units.models import RemedyVenue, Role, Staff, Unit, UnitKind
from gongkai.workdays import services as workday_services

PASSWORD = "correct-horse-battery"

# --- hypothesis profiles ------------------------------------------------------------------------
hypothesis_settings.register_profile("ci", max_examples=100, deadline=None, print_blob=True)
hypothesis_settings.register_profile("dev", max_examples=5, deadline=None)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or "ci")


def examples(n: int) -> int:
    """A test's own number of examples, ``n`` under the profile ``ci`` and in proportion under
    the others (a twentieth under ``dev``), never fewer than one."""
    return max(1, n * hypothesis_settings.default.max_examples // 100)


@pytest.fixture(autouse=True)
def _fresh_caches():
    """Each test sees the calendar of its own database state and a fresh rate limit."""
    workday_services._cached = None
    regions_services.reset()
    cache.clear()
    yield
    workday_services._cached = None
    regions_services.reset()


@pytest.fixture(scope="session")
def _search_indexes(tmp_path_factory):
    return tmp_path_factory.mktemp("search")


_index_numbers = itertools.count(1)


@pytest.fixture(autouse=True)
def _own_search_index(request, settings, _search_indexes):
    """Each test writes to a search index of its own: in its temporary folder when it has one
    (where a child process it starts finds it), otherwise in a folder of its own under one for
    the session, made only if the test indexes something. (A temporary folder made for each of
    some 2,600 tests, and removed by a later run, took seconds of each run.)"""
    if "tmp_path" in request.fixturenames:
        settings.SEARCH_INDEX_DIR = request.getfixturevalue("tmp_path") / "search"
    else:
        settings.SEARCH_INDEX_DIR = _search_indexes / str(next(_index_numbers))
    engine.clear_cache()
    yield
    engine.clear_cache()


# The reconsideration rule of a unit by its kind, under the 2017 and the 2023 text of the
# 《行政复议法》, and the body it names.
VENUE_RULES = {
    UnitKind.DISTRICT: (
        VenueRule.LOWER_GOVERNMENT_2017,
        VenueRule.LOWER_GOVERNMENT,
        "北京市人民政府",
    ),
    UnitKind.DEPARTMENT: (VenueRule.DEPARTMENT_2017, VenueRule.DEPARTMENT, "北京市延庆区人民政府"),
    UnitKind.TOWNSHIP: (
        VenueRule.LOWER_GOVERNMENT_2017,
        VenueRule.LOWER_GOVERNMENT,
        "北京市延庆区人民政府",
    ),
    UnitKind.STREET: (
        VenueRule.DISPATCHED_ORGAN_2017,
        VenueRule.DISPATCHED_ORGAN,
        "北京市延庆区人民政府",
    ),
}
ONLINE_CHANNEL = "北京市延庆区人民政府门户网站“行政复议网上申请”栏目"


def make_unit(
    code: str,
    name: str,
    kind: str = UnitKind.DEPARTMENT,
    serial: int = 1,
    *,
    venues: bool = True,
    **extra,
):
    """A unit; with ``venues`` (the default) also its reconsideration body and court under
    both texts of the 《行政复议法》, as every unit needs before it can reply."""
    unit = Unit.objects.create(
        code=code,
        name=name,
        short_name=extra.pop("short_name", name[-6:]),
        kind=kind,
        uscc=make_uscc(ORGAN, "110119", 20_000_000 + serial),
        **extra,
    )
    if venues:
        old, new, body = VENUE_RULES[UnitKind(kind)]
        court = "北京市第四中级人民法院" if kind == UnitKind.DISTRICT else "北京市延庆区人民法院"
        for rule, valid_from in ((old, dt.date(2008, 5, 1)), (new, dt.date(2024, 1, 1))):
            RemedyVenue.objects.create(
                unit=unit,
                valid_from=valid_from,
                rule=rule.value,
                body=body,
                online_channel=ONLINE_CHANNEL,
                court=court,
                created_by_label="测试",
            )
    return unit


def make_staff(username: str, role: str, unit: Unit | None, name: str = "测试") -> Staff:
    user = get_user_model().objects.create_user(username=username, password=PASSWORD)
    return Staff.objects.create(user=user, name=name, role=role, unit=unit)


def make_district() -> Unit:
    return make_unit(
        "qzf", "北京市延庆区人民政府", UnitKind.DISTRICT, serial=1, short_name="区政府"
    )


def make_unit_a(district: Unit) -> Unit:
    return make_unit(
        "fgw", "北京市延庆区发展和改革委员会", serial=2, parent=district, short_name="区发展改革委"
    )


def make_unit_b(district: Unit) -> Unit:
    return make_unit(
        "kzz",
        "北京市延庆区康庄镇人民政府",
        UnitKind.TOWNSHIP,
        serial=3,
        parent=district,
        short_name="康庄镇",
    )


# The staff personas: username, role, the unit (by its fixture's name) and name.
PERSONAS: dict[str, tuple[str, str, str | None, str]] = {
    "office": ("office", Role.OFFICE, "district", "公开办甲"),
    "supervisor": ("supervisor", Role.SUPERVISOR, None, "监督乙"),
    "clerk_a": ("clerk.a", Role.CLERK, "unit_a", "经办丙"),
    "reviewer_a": ("reviewer.a", Role.REVIEWER, "unit_a", "审核丁"),
    "clerk_b": ("clerk.b", Role.CLERK, "unit_b", "经办戊"),
}


def make_persona(key: str, unit: Unit | None) -> Staff:
    username, role, _unit, name = PERSONAS[key]
    return make_staff(username, role, unit, name)


def make_citizen():
    return get_user_model().objects.create_user(username="citizen", password=PASSWORD)


@pytest.fixture
def district(db):
    return make_district()


@pytest.fixture
def unit_a(district):
    return make_unit_a(district)


@pytest.fixture
def unit_b(district):
    return make_unit_b(district)


@pytest.fixture
def office(district):
    return make_persona("office", district)


@pytest.fixture
def supervisor(db):
    return make_persona("supervisor", None)


@pytest.fixture
def clerk_a(unit_a):
    return make_persona("clerk_a", unit_a)


@pytest.fixture
def reviewer_a(unit_a):
    return make_persona("reviewer_a", unit_a)


@pytest.fixture
def clerk_b(unit_b):
    return make_persona("clerk_b", unit_b)


@pytest.fixture
def citizen(db):
    return make_citizen()


def login(user_or_staff) -> Client:
    user = getattr(user_or_staff, "user", user_or_staff)
    client = Client()
    client.force_login(user)
    return client


def pytest_collection_finish(session):
    """What is imported and collected by now (Django, the package, the tests, the syntax trees
    of tests/sources.py) lives to the end of the run: the garbage collector's full rounds need
    not walk it again each time (gc.freeze); in make quick they walked it some 25 times."""
    gc.freeze()
