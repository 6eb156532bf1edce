"""Running a task once per idempotency key (docs/tasks.md).

:func:`once` claims the key in its own committed transaction, runs the work outside it and
stores the result: a second run with the same key — a duplicate delivery, a retry after the
work succeeded, an operator's second click — returns the stored result without doing the work.
A run that failed, or whose worker died mid-way (its claim older than the lease), is run again.
A run queued from a staff page (tasks/services.py) waits as ``queued`` until a worker claims it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from gongkai.tasks.models import RunState, TaskRun

# A claim older than this is taken to be a worker that died (no task runs for longer).
LEASE = dt.timedelta(hours=2)


@dataclass(frozen=True)
class Outcome:
    key: str
    ran: bool  # False: the key was done already (or is being run elsewhere now)
    state: str
    result: dict[str, Any]


def _claim(key: str, name: str) -> tuple[bool, TaskRun]:
    now = timezone.now()
    with transaction.atomic():
        run = TaskRun.objects.select_for_update().filter(key=key).first()
        if run is None:
            try:
                with transaction.atomic():
                    run = TaskRun.objects.create(
                        key=key, name=name, state=RunState.RUNNING, attempts=1, started_at=now
                    )
            except IntegrityError:  # another worker claimed it just now
                return False, TaskRun.objects.get(key=key)
            return True, run
        if run.state == RunState.DONE:
            return False, run
        # queued (a staff page wrote the row before sending the task), failed, or a dead claim
        if run.state == RunState.RUNNING and now - run.started_at < LEASE:
            return False, run
        run.state, run.started_at, run.finished_at = RunState.RUNNING, now, None
        run.attempts += 1
        run.save(update_fields=["state", "started_at", "finished_at", "attempts"])
        return True, run


def once(key: str, name: str, work: Callable[[], dict[str, Any]]) -> Outcome:
    """Run ``work`` unless the run of ``key`` is done (or running elsewhere); store its result."""
    if not key or len(key) > 200:
        raise ValueError("an idempotency key of 1–200 characters")
    claimed, run = _claim(key, name)
    if not claimed:
        return Outcome(key, False, run.state, run.result)
    try:
        result = work()
    except Exception as exc:
        TaskRun.objects.filter(pk=run.pk).update(
            state=RunState.FAILED, result={"error": str(exc)[:500]}, finished_at=timezone.now()
        )
        raise
    TaskRun.objects.filter(pk=run.pk).update(
        state=RunState.DONE, result=result, finished_at=timezone.now()
    )
    return Outcome(key, True, RunState.DONE, result)
