"""The calendar of a unit's region, and the office's entries of the region's own days.

A unit's calendar is the national calendar in force (gongkai.workdays.services.current_calendar)
with the days every government above the unit added, the highest first, so that a county's
entry wins over its province's on the same day. Every due date of a unit's application, question,
correction, extension or rectification is counted on it: the domain asks :func:`calendar_for`
(or :func:`calendars` for many units at once, or :func:`compute` for the statutory clock).

Calendars are built once per process and region: they are kept under the national calendar
object (itself built once and rebuilt only when a year is loaded), the version of the regional
days (:func:`_version`, a number that grows with every entry and withdrawal) and the governments
of the region. A deployment without regional days pays one small query and gets the national
calendar itself.

An entry or a withdrawal recomputes, in the same transaction, the stored due dates of the open
cases and questions of the government's subtree: apps connect to :data:`regional_days_changed`.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db import connection, transaction
from django.db.models import Count, Max, Q
from django.dispatch import Signal
from django.utils import timezone

from gongkai.audit.actions import AuditAction
from gongkai.audit.services import actor_label, record
from gongkai.regions.models import RegionalDay, RegionalDayKind
from gongkai.units import tree
from gongkai.units.models import GOVERNMENT_KINDS, Unit
from gongkai.workdays import clock
from gongkai.workdays import services as workdays
from gongkai.workdays.calendar import FIRST_DAY, LAST_DAY, LocalDay, WorkdayCalendar

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    Actor = AbstractBaseUser | AnonymousUser | None

# 《全国年节及纪念日放假办法》第三条: the local governments of the areas where a minority lives
# fix the days off of its festivals.
MEASURE_ART3 = (
    "《全国年节及纪念日放假办法》第三条"
    "（少数民族习惯的节日，由各少数民族聚居地区的地方人民政府规定放假日期）"
)

# Sent inside the entry's transaction with ``unit_ids`` (frozenset[int], the government's subtree),
# ``day`` (dt.date) and ``actor``. Each receiver returns the number of due dates recomputed.
regional_days_changed = Signal()


class RegionalDayError(ValueError):
    """An entry that cannot be made; the message says why, in Chinese."""


# --- the calendar of a unit ---------------------------------------------------------------------
Version = tuple[int, int, Any, Any]


@dataclass
class _Cache:
    national: WorkdayCalendar
    version: Version
    days: dict[int, list[LocalDay]]  # the active entries of each government
    units: tuple[Any, ...] = ()  # the stamp of the registry the regions below were read under
    regions: dict[int, tuple[int, ...]] = field(default_factory=dict)
    calendars: dict[tuple[int, ...], WorkdayCalendar] = field(default_factory=dict)


_lock = threading.Lock()
_cache: _Cache | None = None
_tables: set[str] = set()


def reset() -> None:
    """Forget the calendars built (tests; a restored backup)."""
    global _cache
    with _lock:
        _cache = None


def _version() -> Version | None:
    """A key that changes whenever an entry is made or withdrawn; None when there never was one
    (or the table does not exist yet)."""
    if RegionalDay._meta.db_table not in _tables:
        _tables.update(connection.introspection.table_names())
        if RegionalDay._meta.db_table not in _tables:
            return None
    row = RegionalDay.objects.aggregate(
        n=Count("id"), w=Count("withdrawn_at"), e=Max("entered_at"), x=Max("withdrawn_at")
    )
    if not row["n"]:
        return None
    return (row["n"], row["w"], row["e"], row["x"])


def _units_stamp() -> tuple[Any, ...]:
    row = Unit.objects.aggregate(n=Count("id"), at=Max("updated_at"), top=Max("id"))
    return (row["n"], row["at"], row["top"])


def _state(national: WorkdayCalendar, version: Version) -> _Cache:
    global _cache
    with _lock:
        cached = _cache
    if cached is None or cached.national is not national or cached.version != version:
        days: dict[int, list[LocalDay]] = {}
        for entry in RegionalDay.objects.active().order_by("day", "id"):
            days.setdefault(entry.government_id, []).append(
                LocalDay(entry.day, entry.is_makeup, entry.name, entry.basis)
            )
        cached = _Cache(national, version, days)
    stamp = _units_stamp()
    if cached.units != stamp:
        parent_of = tree.parents()
        governments = set(
            Unit.objects.filter(kind__in=GOVERNMENT_KINDS, pk__in=list(cached.days)).values_list(
                "pk", flat=True
            )
        )
        regions = {}
        for unit_id in parent_of:
            chain = tree.ancestors(parent_of, unit_id)
            regions[unit_id] = tuple(g for g in reversed(chain) if g in governments)
        # A new object: a thread still reading the old one sees it whole.
        cached = _Cache(national, version, cached.days, stamp, regions, cached.calendars)
    with _lock:
        _cache = cached
    return cached


def _calendar_of(state: _Cache, region: tuple[int, ...]) -> WorkdayCalendar:
    if not region:
        return state.national
    found = state.calendars.get(region)
    if found is None:
        found = state.national.overlay(day for g in region for day in state.days.get(g, ()))
        with _lock:
            state.calendars[region] = found
    return found


def calendars() -> Callable[[int | None], WorkdayCalendar]:
    """A look-up of the calendar of any unit id (None: no unit, the national calendar), read
    now: for pages and recomputations that count for many units at once."""
    national = workdays.current_calendar()
    version = _version()
    if version is None:
        return lambda unit_id: national
    state = _state(national, version)

    def lookup(unit_id: int | None) -> WorkdayCalendar:
        if unit_id is None:
            return national
        return _calendar_of(state, state.regions.get(unit_id, ()))

    return lookup


def calendar_for(unit: Unit | int | None) -> WorkdayCalendar:
    """The calendar of ``unit``'s region: the national one with the days of every government at
    and above the unit."""
    unit_id = unit.pk if isinstance(unit, Unit) else unit
    return calendars()(unit_id)


def region_of(unit: Unit | int) -> list[Unit]:
    """The governments whose days the unit's calendar holds, the highest first."""
    unit_id = unit.pk if isinstance(unit, Unit) else unit
    chain = list(reversed(tree.ancestors(tree.parents(), unit_id)))
    found = {u.pk: u for u in Unit.objects.filter(pk__in=chain, kind__in=GOVERNMENT_KINDS)}
    return [found[pk] for pk in chain if pk in found]


def compute(
    unit: Unit | int | None,
    received: dt.date,
    events: list[clock.ClockEvent],
    **kwargs: Any,
) -> clock.ClockResult:
    """The statutory clock on the calendar of ``unit``'s region, with the configured options."""
    return clock.compute(
        calendar_for(unit), received, events, **(workdays.clock_options() | kwargs)
    )


def due_by(
    today: dt.date,
    days: int,
    *,
    due: str = "due_date",
    unit: str = "unit_id",
    government: str = "",
) -> Q:
    """The rows whose ``due`` date is at most ``days`` working days after ``today``, each on its
    unit's calendar (the "due soon" of the monitoring pages); with ``government``, a row of no
    unit on the calendar of the government it was sent to (Application.holder_id)."""
    lookup = calendars()
    national = lookup(None)
    limit = national.add(today, days)
    regional: dict[dt.date, list[int]] = {}
    for unit_id in Unit.objects.values_list("pk", flat=True) if _version() else ():
        calendar = lookup(unit_id)
        if calendar is not national:
            regional.setdefault(calendar.add(today, days), []).append(unit_id)
    if not regional:
        return Q(**{f"{due}__lte": limit})

    def held(pks: list[int]) -> Q:
        found = Q(**{f"{unit}__in": pks})
        if government:
            found |= Q(**{f"{unit}__isnull": True, f"{government}__in": pks})
        return found

    others = [pk for pks in regional.values() for pk in pks]
    nowhere = Q(**{f"{unit}__isnull": True})
    if government:
        nowhere &= Q(**{f"{government}__isnull": True}) | ~Q(**{f"{government}__in": others})
    out = Q(**{f"{due}__lte": limit}) & (
        nowhere | (Q(**{f"{unit}__isnull": False}) & ~Q(**{f"{unit}__in": others}))
    )
    for date, pks in regional.items():
        out |= Q(**{f"{due}__lte": date}) & held(pks)
    return out


# --- the office's entries -------------------------------------------------------------------------
def government_problem(government: Unit) -> str | None:
    if government.kind not in GOVERNMENT_KINDS:
        return f"{government.name}不是一级政府（省、市、区、县），不能登记地方节假日"
    return None


@dataclass(frozen=True)
class Changed:
    entry: RegionalDay
    recomputed: int


def _recompute(government: Unit, day: dt.date, actor: Actor) -> int:
    responses = regional_days_changed.send(
        sender=RegionalDay,
        unit_ids=frozenset(tree.subtree_ids(government)),
        day=day,
        actor=actor,
    )
    recomputed = 0
    for _receiver, response in responses:
        if isinstance(response, int):
            recomputed += response
    return recomputed


def _label(actor: Actor) -> str:
    return actor_label(actor)


@transaction.atomic
def regional_day_add(
    *,
    actor: Actor,
    government: Unit,
    day: dt.date,
    kind: RegionalDayKind | str,
    name: str,
    basis: str,
) -> Changed:
    """Enter a day the government adds to the calendar of its region (a holiday of its own, or a
    weekend day made a working day), recompute the due dates of its subtree, and audit it with
    the document that set it."""
    kind = RegionalDayKind(kind)
    name, basis = name.strip(), basis.strip()
    problems = []
    problem = government_problem(government)
    if problem:
        problems.append(problem)
    if not name:
        problems.append("请填写节日名称")
    if not basis:
        problems.append("请填写依据（文件名称及文号）")
    if not FIRST_DAY <= day <= LAST_DAY:
        problems.append(f"日期应在{FIRST_DAY.year}年至{LAST_DAY.year}年之间")
    elif kind is RegionalDayKind.MAKEUP and day.weekday() < 5:
        problems.append(f"{day.isoformat()}不是星期六或星期日，不能登记为调休上班日")
    # Serialise entries of one government: its row is locked until the transaction ends.
    Unit.objects.select_for_update().filter(pk=government.pk).first()
    if RegionalDay.objects.active().filter(government=government, day=day).exists():
        problems.append(f"{government.short_name}已登记了{day.isoformat()}，如需更正请先撤销原登记")
    if problems:
        raise RegionalDayError("；".join(problems))
    user = actor if actor is not None and actor.is_authenticated else None
    entry = RegionalDay.objects.create(
        government=government,
        day=day,
        kind=kind.value,
        name=name[:50],
        basis=basis[:200],
        entered_by_id=user.pk if user is not None else None,
        entered_by_label=_label(actor),
    )
    recomputed = _recompute(government, day, actor)
    record(
        actor=actor,
        action=AuditAction.REGIONAL_DAY_ADD,
        obj=entry,
        unit=government,
        summary=(
            f"登记{government.short_name}{kind.label}日：{day.isoformat()}（{entry.name}）；"
            f"重新计算期限{recomputed}件"
        ),
        basis=f"{MEASURE_ART3}；{entry.basis}",
        changes={"day": day.isoformat(), "kind": kind.value, "recomputed": recomputed},
    )
    return Changed(entry, recomputed)


@transaction.atomic
def regional_day_withdraw(*, actor: Actor, entry: RegionalDay, reason: str) -> Changed:
    """Withdraw an entry made in error (the row is kept, marked withdrawn with who, when and
    why), recompute the due dates of the government's subtree, and audit it."""
    reason = reason.strip()
    if not reason:
        raise RegionalDayError("请填写撤销理由及依据")
    entry = RegionalDay.objects.select_for_update().select_related("government").get(pk=entry.pk)
    if entry.withdrawn_at is not None:
        raise RegionalDayError("该登记已撤销")
    user = actor if actor is not None and actor.is_authenticated else None
    entry.withdrawn_at = timezone.now()
    entry.withdrawn_by_id = user.pk if user is not None else None
    entry.withdrawn_by_label = _label(actor)
    entry.withdrawn_reason = reason[:300]
    entry.save(
        update_fields=["withdrawn_at", "withdrawn_by", "withdrawn_by_label", "withdrawn_reason"]
    )
    recomputed = _recompute(entry.government, entry.day, actor)
    record(
        actor=actor,
        action=AuditAction.REGIONAL_DAY_WITHDRAW,
        obj=entry,
        unit=entry.government,
        summary=(
            f"撤销{entry.government.short_name}{entry.get_kind_display()}日：{entry.day.isoformat()}"
            f"（{entry.name}）；重新计算期限{recomputed}件"
        ),
        basis=f"{MEASURE_ART3}；{entry.basis}；撤销理由：{entry.withdrawn_reason}",
        changes={"day": entry.day.isoformat(), "recomputed": recomputed},
    )
    return Changed(entry, recomputed)
