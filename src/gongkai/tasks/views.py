"""The staff pages of the background tasks (docs/tasks.md, "On the staff pages"): the buttons
that queue a task, the office's list of recent runs, a run's state and its file.

A file is only ever handed out by :func:`run_file`, after the run's record has been checked by
its own guarded getter (tasks/access.py); the name comes from the run's result, never from the
request."""

from __future__ import annotations

import secrets

from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseNotAllowed,
)
from django.shortcuts import redirect, render

from gongkai.accounts.access import Action, can, staff_view
from gongkai.core import params
from gongkai.core.downloads import content_disposition
from gongkai.inspections.access import get_rectification
from gongkai.reports.access import get_report
from gongkai.reports.output import FORMATS
from gongkai.tasks import jobs, services
from gongkai.tasks.access import get_run, visible_runs
from gongkai.tasks.models import RunState
from gongkai.units.models import Staff

KINDS = ("report", "notice", "sitecheck")
SHOWN = 50  # the list's latest runs
# The types a run's file is handed out as, by suffix (what reports.output and the notice write)
CONTENT_TYPES = {suffix: content_type for suffix, (content_type, _make) in FORMATS.items()}


def form_token() -> str:
    """The self-check page's token: the page's form carries it, so that a double click or a
    resubmitted form asks for the same run (tasks/services.py)."""
    return secrets.token_hex(8)


def _bad(message: str) -> HttpResponse:
    return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")


@staff_view(Action.RUN_TASKS)
def run_queue(request: HttpRequest, staff: Staff) -> HttpResponse:
    """A button: queue the task that makes the file of a record the staff member may read.
    Without a broker it has run already: straight to the file."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    kind = params.choice(request.POST, "kind", KINDS)
    if kind == "report":
        pk = params.ident(request.POST, "id")
        suffix = "." + params.choice(request.POST, "format", [s.lstrip(".") for s in FORMATS])
        if pk is None or suffix == ".":
            return _bad("请选择报告和文件格式")
        asked = services.report_request(get_report(staff, pk), suffix)
    elif kind == "notice":
        pk = params.ident(request.POST, "id")
        if pk is None:
            return _bad("请选择整改通知")
        asked = services.notice_request(get_rectification(staff, pk))
    elif kind == "sitecheck":
        if not can(staff, Action.VIEW_SITECHECK):
            raise Http404
        try:
            asked = services.sitecheck_request(params.text(request.POST, "token", max_length=32))
        except ValueError as exc:
            return _bad(str(exc))
    else:
        return _bad("未知的后台任务")
    run, _queued = services.run_queue(actor=request.user, request=asked)
    if run.state == RunState.DONE and services.served_name(run):
        return redirect("staff:task_file", pk=run.pk)
    return redirect("staff:task", pk=run.pk)


@staff_view(Action.VIEW_TASKS)
def run_list(request: HttpRequest, staff: Staff) -> HttpResponse:
    return render(request, "tasks/list.html", {"runs": visible_runs(staff)[:SHOWN]})


@staff_view(Action.VIEW_TASKS)
def run_detail(request: HttpRequest, staff: Staff, pk: int) -> HttpResponse:
    run = get_run(staff, pk)
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET"])
    waiting = run.state in (RunState.QUEUED, RunState.RUNNING)
    return render(
        request,
        "tasks/detail.html",
        {"run": run, "waiting": waiting, "file": services.served_name(run)},
    )


@staff_view(Action.VIEW_TASKS)
def run_file(request: HttpRequest, staff: Staff, pk: int) -> FileResponse:
    run = get_run(staff, pk)
    name = services.served_name(run) if run.state == RunState.DONE else ""
    if not name:
        raise Http404
    try:
        handle = (jobs.output_dir() / name).open("rb")
    except FileNotFoundError:  # the folder was cleaned: asking again makes it again
        raise Http404 from None
    suffix = "." + name.rsplit(".", 1)[-1]
    response = FileResponse(handle, as_attachment=True)
    response["Content-Disposition"] = content_disposition(run.filename or name)
    response["Content-Type"] = CONTENT_TYPES.get(suffix, "application/octet-stream")
    response["X-Content-Type-Options"] = "nosniff"
    return response
