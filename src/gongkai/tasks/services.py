"""Queueing a task from a staff page (docs/tasks.md, "On the staff pages").

A button does not make the file in the request: :func:`run_queue` writes the run's row
(``queued``) under an idempotency key derived from what is asked — the report and the digest
of its content, the notice and its number, the self-check page's form token — appends the
audit row and sends the task. A second click, a resubmitted form, a colleague asking for the
same file finds the row and queues nothing: the task runs once (tasks/runs.py). Without a broker
the task has run when :func:`run_queue` returns, so the page sends the user to the file at once.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from gongkai import law
from gongkai.audit.actions import AuditAction
from gongkai.audit.services import record
from gongkai.inspections import notice
from gongkai.inspections.models import Rectification
from gongkai.inspections.services import BASIS as INSPECTION_BASIS
from gongkai.reports import services as reports
from gongkai.reports.models import AnnualReport
from gongkai.tasks import jobs
from gongkai.tasks.models import RunState, Subject, TaskRun
from gongkai.tasks.runs import LEASE

if TYPE_CHECKING:
    from celery import Task  # type: ignore[import-untyped]
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    from gongkai.units.models import Unit

logger = logging.getLogger(__name__)

# The self-check page's form token: a resubmitted form carries the same one (forms.py makes it)
TOKEN = re.compile(r"[0-9a-f]{16}")


@dataclass(frozen=True)
class RunRequest:
    """What a button asks for: the task, its arguments, the run's key, and what the run is
    about (for access, the list and the audit row)."""

    task: Task
    kwargs: dict[str, Any]
    key: str
    name: str  # the run's name, as the task's once() names it (tasks/jobs.py)
    subject: Subject
    subject_id: int | None
    label: str
    filename: str
    basis: law.Basis | str
    unit: Unit | None = None


def content_digest(built: dict[str, Any]) -> str:
    """A report's content as a short digest: a draft's tables follow the records, so its id and
    the time it was saved do not say whether the file would be the same; its content does."""
    text = json.dumps(built, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def report_request(report: AnnualReport, suffix: str) -> RunRequest:
    digest = content_digest(reports.build(report))
    key = f"{report.pk}-{digest}-{suffix.lstrip('.')}"
    scope = report.unit.code if report.unit else "district"
    scope += "-consolidated" if report.consolidated else ""
    return RunRequest(
        task=jobs.report_file,
        kwargs={"key": key, "report_id": report.pk, "suffix": suffix},
        key=jobs.report_file_key(key),
        name="reports.file",
        subject=Subject.REPORT,
        subject_id=report.pk,
        label=f"{report}（{suffix.lstrip('.').upper()}）"[:300],
        filename=f"annual-report-{report.year}-{scope}{suffix}",
        basis=law.ART49_ANNUAL_REPORT,
        unit=report.unit,
    )


def notice_request(rectification: Rectification) -> RunRequest:
    return RunRequest(
        task=jobs.rectification_notice,
        kwargs={"rectification_id": rectification.pk},
        key=jobs.notice_key(rectification.pk, rectification.number),
        name="inspections.notice",
        subject=Subject.RECTIFICATION,
        subject_id=rectification.pk,
        label=f"整改通知书 {rectification.number}（{rectification.unit}）"[:300],
        filename=notice.filename(rectification),
        basis=INSPECTION_BASIS,
        unit=rectification.unit,
    )


def sitecheck_request(token: str) -> RunRequest:
    """The day's self-check as it stands now, once per form (``token``)."""
    from gongkai.sitecheck import thresholds

    if not TOKEN.fullmatch(token):
        raise ValueError("表单已失效，请刷新页面后重新提交")
    on = timezone.localdate()
    return RunRequest(
        task=jobs.sitecheck,
        kwargs={"day": on.isoformat(), "key": token},
        key=jobs.sitecheck_key(on, token),
        name="sitecheck",
        subject=Subject.SITECHECK,
        subject_id=None,
        label=f"政府网站自查（{on:%Y-%m-%d}）",
        filename=f"website-selfcheck-{on.isoformat()}.xlsx",
        basis=thresholds.load().source,
    )


def _requeue(run: TaskRun, now: dt.datetime) -> bool:
    """Whether a second request for the key sends the task again: after a failure, after a
    run that a worker never finished (the lease), or when its file has gone from the folder."""
    if run.state == RunState.FAILED:
        return True
    if run.state in (RunState.QUEUED, RunState.RUNNING):
        return bool(now - run.started_at >= LEASE)
    name = served_name(run)
    return bool(name) and not (jobs.output_dir() / name).is_file()


def _user_id(actor: AbstractBaseUser | AnonymousUser) -> int | None:
    return actor.pk if actor.is_authenticated else None


def run_queue(
    *, actor: AbstractBaseUser | AnonymousUser, request: RunRequest
) -> tuple[TaskRun, bool]:
    """Queue ``request``'s task unless its key has a run already (done, or queued or running
    now); the run, and whether this request queued it. Audited when it queues."""
    now = timezone.now()
    with transaction.atomic():
        run = TaskRun.objects.select_for_update().filter(key=request.key).first()
        if run is not None and not _requeue(run, now):
            return run, False
        if run is None:
            try:
                with transaction.atomic():
                    run = TaskRun.objects.create(
                        key=request.key,
                        name=request.name,
                        state=RunState.QUEUED,
                        started_at=now,
                        subject=request.subject,
                        subject_id=request.subject_id,
                        label=request.label,
                        filename=request.filename,
                        requested_by_id=_user_id(actor),
                    )
            except IntegrityError:  # the same request, a moment earlier (a double click)
                return TaskRun.objects.get(key=request.key), False
        else:
            run.state, run.started_at, run.finished_at = RunState.QUEUED, now, None
            run.requested_by_id = _user_id(actor)
            run.save(update_fields=["state", "started_at", "finished_at", "requested_by"])
        record(
            actor=actor,
            action=AuditAction.TASK_QUEUE,
            summary=f"提交后台任务：{request.label}",
            basis=request.basis,
            obj=run,
            object_label=request.label,
            unit=request.unit,
            changes={"task": request.task.name, "key": request.key},
        )
    try:
        request.task.delay(**request.kwargs)  # without a broker: runs here, now
    except Exception as exc:  # the work failed in-process, or the broker cannot be reached
        logger.exception("task %s failed to run or to be sent", request.key)
        TaskRun.objects.filter(pk=run.pk, state=RunState.QUEUED).update(
            state=RunState.FAILED,
            result={"error": f"任务未能提交：{str(exc)[:300]}"},
            finished_at=timezone.now(),
        )
    run.refresh_from_db()
    return run, True


def served_name(run: TaskRun) -> str:
    """The name of the file a done run gives for download, in the tasks folder: the self-check's
    sheet (its JSON is for machines), otherwise the file it wrote. Only a plain name: a result
    is never taken for a path."""
    result = run.result if isinstance(run.result, dict) else {}
    name = result.get("xlsx") if run.subject == Subject.SITECHECK else result.get("file")
    if not isinstance(name, str) or not name or name[0] == "." or set(name) & {"/", "\\", "\x00"}:
        return ""
    return name
