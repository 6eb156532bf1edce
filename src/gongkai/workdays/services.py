"""The calendar in force, loading a new year's arrangement, and recomputing what depends on it.

The calendar in force is the baseline shipped with Gongkai overridden, year by year, by the
newest version the office loaded. It is built once per process and rebuilt when the stored
versions change.

Apps that store due dates connect to :data:`calendar_changed`; a receiver recomputes the due
dates that depend on the years named and returns how many it recomputed. The load and every
recomputation run in one transaction: either all of it is stored or none.
"""

from __future__ import annotations

import datetime as dt
import getpass
import hashlib
import json
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Max
from django.dispatch import Signal
from django.utils import timezone

from gongkai import law
from gongkai.audit.actions import AuditAction
from gongkai.audit.services import actor_label, record
from gongkai.core.updates import next_version
from gongkai.workdays import clock
from gongkai.workdays.arrangement import ArrangementError, YearArrangement
from gongkai.workdays.baseline import baseline_arrangements, baseline_source
from gongkai.workdays.calendar import DayKind, WorkdayCalendar
from gongkai.workdays.models import ArrangementVersion

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

# Sent inside the load's transaction with ``years`` (frozenset[int]), ``calendar`` (the new
# calendar in force) and ``actor``. Each receiver returns the number of due dates recomputed.
calendar_changed = Signal()

_lock = threading.Lock()
_cached: tuple[tuple[tuple[int, str], ...], WorkdayCalendar] | None = None


def _stored_key() -> tuple[tuple[int, str], ...]:
    return tuple(ArrangementVersion.objects.order_by("id").values_list("id", "sha256"))


def in_force() -> dict[int, tuple[YearArrangement, ArrangementVersion | None]]:
    """Each year's arrangement in force, with the stored version (None for the baseline)."""
    years: dict[int, tuple[YearArrangement, ArrangementVersion | None]] = {
        a.year: (a, None) for a in baseline_arrangements()
    }
    latest = ArrangementVersion.objects.values("year").annotate(v=Max("version"))
    wanted = {(row["year"], row["v"]) for row in latest}
    for version in ArrangementVersion.objects.filter(year__in=[y for y, _ in wanted]):
        if (version.year, version.version) in wanted:
            years[version.year] = (version.arrangement(), version)
    return dict(sorted(years.items()))


def current_calendar() -> WorkdayCalendar:
    """The calendar in force (the baseline when the tables do not exist yet)."""
    global _cached
    if ArrangementVersion._meta.db_table not in _table_names():
        return baseline_calendar()
    key = _stored_key()
    if not key:  # nothing loaded: the baseline, built once per process
        return baseline_calendar()
    with _lock:
        if _cached is not None and _cached[0] == key:
            return _cached[1]
    calendar = WorkdayCalendar(a for a, _ in in_force().values())
    with _lock:
        _cached = (key, calendar)
    return calendar


_tables: set[str] = set()


def _table_names() -> set[str]:
    # Once the table exists it stays; only look again while it is missing.
    if ArrangementVersion._meta.db_table not in _tables:
        _tables.update(connection.introspection.table_names())
    return _tables


_baseline: WorkdayCalendar | None = None


def baseline_calendar() -> WorkdayCalendar:
    global _baseline
    if _baseline is None:
        _baseline = WorkdayCalendar(baseline_arrangements())
    return _baseline


def clock_options() -> dict[str, Any]:
    """The configured readings of the rules the spec marks unverified (docs/settings.md)."""
    return {
        "boundary": clock.PauseBoundary(settings.GONGKAI_PAUSE_BOUNDARY),
        "fee_pauses": settings.GONGKAI_FEE_PAUSES_CLOCK,
    }


def compute(received: dt.date, events: list[clock.ClockEvent], **kwargs: Any) -> clock.ClockResult:
    """The statutory clock under the calendar in force and the configured options."""
    return clock.compute(current_calendar(), received, events, **(clock_options() | kwargs))


def canonical_sha256(arrangement: YearArrangement) -> str:
    text = json.dumps(arrangement.to_mapping(), ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class DayChange:
    day: dt.date
    before: DayKind
    after: DayKind
    name: str


def changed_days(calendar: WorkdayCalendar, arrangement: YearArrangement) -> list[DayChange]:
    """The days whose status the arrangement would change, compared with ``calendar``."""
    after = WorkdayCalendar([arrangement])
    first = min(
        [dt.date(arrangement.year, 1, 1)]
        + [h.start for h in arrangement.holidays]
        + [m.day for m in arrangement.makeup_days]
    )
    last = dt.date(arrangement.year, 12, 31)
    out = []
    for offset in range((last - first).days + 1):
        day = first + dt.timedelta(days=offset)
        old, new = calendar.info(day), after.info(day)
        if old.is_working != new.is_working or old.kind != new.kind:
            out.append(DayChange(day, old.kind, new.kind, new.name or old.name))
    return out


@dataclass(frozen=True)
class LoadResult:
    version: ArrangementVersion
    recomputed: int
    changes: list[DayChange]


def describe(version: ArrangementVersion | None) -> str:
    if version is None:
        return f"基线数据（{baseline_source()}）"
    return f"第{version.version}版，{version.loaded_at:%Y-%m-%d} 由 {version.loaded_by_label} 载入"


@transaction.atomic
def arrangement_load(
    *,
    actor: AbstractBaseUser | AnonymousUser | None,
    arrangement: YearArrangement,
    source_name: str,
    note: str = "",
) -> LoadResult:
    """Load a year's holiday arrangement as a new version, recompute every stored due date that
    depends on that year, and audit it (《全国年节及纪念日放假办法》 and the year's notice)."""
    global _cached
    # Serialise loads: the version number is taken under the lock of the year's newest row.
    number = next_version(ArrangementVersion.objects.filter(year=arrangement.year))
    current = current_calendar()
    previous = in_force().get(arrangement.year)
    sha = canonical_sha256(arrangement)
    if previous is not None and canonical_sha256(previous[0]) == sha:
        raise ArrangementError([f"{arrangement.year}年的安排与现行安排完全相同，无需重新载入"])
    changes = changed_days(current, arrangement)
    label = ""
    if actor is None or not actor.is_authenticated:
        label = f"命令行（{_os_user()}）"

    version = ArrangementVersion.objects.create(
        year=arrangement.year,
        version=number,
        notice=arrangement.notice,
        payload=arrangement.to_mapping(),
        sha256=sha,
        source_name=source_name[:200],
        note=note[:300],
        loaded_by_id=actor.pk if actor is not None and actor.is_authenticated else None,
        loaded_by_label=label or actor_label(actor),
    )
    with _lock:
        _cached = None
    calendar = current_calendar()
    responses = calendar_changed.send(
        sender=ArrangementVersion,
        years=frozenset({arrangement.year}),
        calendar=calendar,
        actor=actor,
    )
    recomputed = 0
    for _receiver, response in responses:
        if isinstance(response, int):
            recomputed += response
    record(
        actor=actor,
        label=label,
        action=AuditAction.CALENDAR_LOAD,
        obj=version,
        summary=(
            f"载入{arrangement.year}年节假日安排（{arrangement.notice}），第{version.version}版；"
            f"{len(changes)}天的工作日状态改变；重新计算期限{recomputed}件"
        ),
        basis=f"{law.HOLIDAY_MEASURE}；{arrangement.notice}",
        changes={
            "days": {c.day.isoformat(): [c.before.value, c.after.value] for c in changes},
            "recomputed": recomputed,
            "source": source_name[:200],
        },
    )
    return LoadResult(version=version, recomputed=recomputed, changes=changes)


def _os_user() -> str:
    try:
        return getpass.getuser()
    except Exception:
        return "未知用户"


def years_overview(first: int = 2004) -> list[dict[str, Any]]:
    """Every year from ``first`` to next year, newest first, with the source of its data."""
    forced = in_force()
    last = max([timezone.localdate().year + 1, *forced])
    rows = []
    for year in range(last, first - 1, -1):
        arrangement, version = forced.get(year, (None, None))
        rows.append(
            {
                "year": year,
                "arrangement": arrangement,
                "version": version,
                "source": describe(version) if arrangement else "",
                "known": arrangement is not None,
            }
        )
    return rows


def missing_next_year() -> int | None:
    """Next year, when its arrangement is not loaded yet (the office should load it)."""
    year = timezone.localdate().year + 1
    return None if year in current_calendar().known_years else year
