"""The background tasks (docs/tasks.md). Each is idempotent — running it twice is running it
once: following the search log by the index's recorded position; the others by a key, run once
(tasks/runs.py). Their files go to the data folder's ``tasks/``, shared by every host."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import re
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.utils import timezone

from gongkai.tasks.celery_app import app
from gongkai.tasks.runs import once


def output_dir() -> Path:
    folder = Path(settings.DATA_DIR) / "tasks"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _store(name: str, content: bytes) -> dict[str, Any]:
    """Write a task's file in one step (a reader sees the whole file or none)."""
    path = output_dir() / name
    partial = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    partial.write_bytes(content)
    os.replace(partial, path)
    return {"file": path.name, "bytes": len(content), "sha256": hashlib.sha256(content).hexdigest()}


def _safe(key: str) -> str:
    return re.sub(r"[^0-9A-Za-z._-]", "_", key)[:120]


def _day(day: str | None) -> dt.date:
    return dt.date.fromisoformat(day) if day else timezone.localdate()


# The keys of the runs a staff page asks for: the page writes the run's row under the same key
# before it sends the task (tasks/services.py), so the two must agree.
def sitecheck_key(on: dt.date, key: str | None = None) -> str:
    return f"sitecheck:{on}" + (f":{key}" if key else "")


def report_file_key(key: str) -> str:
    return f"report-file:{key}"


def notice_key(rectification_id: int, number: str) -> str:
    return f"notice:{rectification_id}:{number}"


@app.task(name="gongkai.search.follow")
def search_follow() -> dict[str, Any]:
    """This host's index up to the change log: idempotent by the position the index records."""
    from gongkai.search import sync

    done = sync.follow()
    return {"rebuilt": done.rebuilt, "applied": done.applied, "position": done.position}


@app.task(name="gongkai.search.reindex")
def search_reindex(key: str) -> dict[str, Any]:
    """Rebuild this host's index, once per request ``key``."""
    from gongkai.search import sync

    return once(f"search.reindex:{key}", "search.reindex", lambda: {"count": sync.rebuild()}).result


@app.task(name="gongkai.search.prune")
def search_prune(day: str | None = None) -> dict[str, Any]:
    """Prune the search change log, once a day."""
    from gongkai.search import sync

    on = _day(day)
    return once(f"search.prune:{on}", "search.prune", lambda: {"deleted": sync.prune()}).result


@app.task(name="gongkai.sitecheck.run")
def sitecheck(day: str | None = None, key: str | None = None) -> dict[str, Any]:
    """The website self-check of a day, once: its JSON and its 自查表 (XLSX) in the tasks folder,
    its verdict here. The schedule's run is once a day; a run asked for on the staff page ("run
    it now") is once per request ``key``, the day's check as it stands then."""
    from gongkai.sitecheck import export, selectors, thresholds
    from gongkai.sitecheck.management.commands.sitecheck import as_json

    on = _day(day)
    stem = f"sitecheck-{on}" + (f"-{_safe(key)}" if key else "")

    def work() -> dict[str, Any]:
        checked = selectors.run(today=on, th=thresholds.load())
        report = as_json(checked)
        content = json.dumps(report, ensure_ascii=False, indent=2).encode()
        stored = _store(f"{stem}.json", content)
        sheet = _store(f"{stem}.xlsx", export.workbook(checked, site_name=selectors.site_name()))
        return {
            **stored,
            "xlsx": sheet["file"],
            "verdict": report["verdict"],
            "vetoes": report["vetoes"],
        }

    return once(sitecheck_key(on, key), "sitecheck", work).result


@app.task(name="gongkai.reports.file")
def report_file(key: str, report_id: int, suffix: str = ".docx") -> dict[str, Any]:
    """A stored annual report (draft, submitted or published) as a file — what its staff page's
    download gives (reports.output.produce) — once per ``key``."""
    from gongkai.reports import services
    from gongkai.reports.models import AnnualReport
    from gongkai.reports.output import produce

    def work() -> dict[str, Any]:
        report = AnnualReport.objects.select_related("unit").get(pk=report_id)
        _, content = produce(services.build(report), suffix)
        return _store(f"report-file-{_safe(key)}{suffix}", content)

    return once(report_file_key(key), "reports.file", work).result


@app.task(name="gongkai.reports.generate")
def report_generate(
    key: str, year: int, unit: str | None = None, suffix: str = ".docx"
) -> dict[str, Any]:
    """An annual report as a file (what `gongkai annual_report` writes), once per ``key``."""

    def work() -> dict[str, Any]:
        name = f"report-{_safe(key)}{suffix}"
        target = output_dir() / f".{name}.part{suffix}"
        args = ["--year", str(year), "--output", str(target)]
        if unit:
            args += ["--unit", unit]
        call_command("annual_report", *args, stdout=io.StringIO())
        content = target.read_bytes()
        target.unlink()
        return _store(name, content)

    return once(f"report:{key}", "reports.generate", work).result


@app.task(name="gongkai.inspections.notice")
def rectification_notice(rectification_id: int) -> dict[str, Any]:
    """The rectification notice (整改通知书) of an inspection's finding as DOCX, once per notice."""
    from gongkai.inspections.models import Rectification
    from gongkai.inspections.notice import notice_docx

    def work() -> dict[str, Any]:
        rectification = Rectification.objects.get(pk=rectification_id)
        return _store(f"notice-{rectification_id}.docx", notice_docx(rectification))

    number = Rectification.objects.values_list("number", flat=True).get(pk=rectification_id)
    return once(notice_key(rectification_id, number), "inspections.notice", work).result
