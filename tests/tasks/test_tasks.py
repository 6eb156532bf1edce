"""Background tasks (docs/tasks.md): each is idempotent — running it twice is running it once —
and without a broker runs at once in the process that asks for it. One test runs a real Celery
worker process against a real redis-server."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import subprocess
import sys
import time

import pytest
from django.core.management import call_command
from django.utils import timezone

from gongkai.inspections import services as inspections
from gongkai.search import engine, sync
from gongkai.tasks import jobs, runs
from gongkai.tasks.models import RunState, TaskRun
from tests.accounts.test_ratelimit import ROOT, data_dir, process_env, redis_url
from tests.factories import columns_of, publish

__all__ = ["data_dir", "redis_url"]  # the fixtures, reused


# --- once per key ---------------------------------------------------------------------------------
@pytest.mark.django_db
def test_a_key_runs_once_a_failure_runs_again_a_dead_claim_is_taken_over():
    calls: list[int] = []

    def work() -> dict:
        calls.append(1)
        return {"n": len(calls)}

    first = runs.once("k1", "test", work)
    second = runs.once("k1", "test", work)
    assert (first.ran, second.ran) == (True, False)
    assert second.result == {"n": 1}
    assert calls == [1]

    def broken() -> dict:
        raise RuntimeError("磁盘已满")

    with pytest.raises(RuntimeError):
        runs.once("k2", "test", broken)
    assert TaskRun.objects.get(key="k2").state == RunState.FAILED
    assert runs.once("k2", "test", work).ran  # a failed run is run again
    assert TaskRun.objects.get(key="k2").attempts == 2

    # a claim being run elsewhere is left alone; one older than the lease is a dead worker's
    TaskRun.objects.create(key="k3", name="test", state=RunState.RUNNING)
    assert not runs.once("k3", "test", work).ran
    TaskRun.objects.filter(key="k3").update(started_at=timezone.now() - runs.LEASE * 2)
    assert runs.once("k3", "test", work).ran
    with pytest.raises(ValueError, match="idempotency key"):
        runs.once("", "test", work)


# --- each task, in-process (no broker), twice -----------------------------------------------------
@pytest.fixture
def items(clerk_a, reviewer_a, unit_a):
    news = columns_of(unit_a)["news"]
    return [
        publish(clerk_a.user, reviewer_a.user, unit_a, news, title=f"秸秆禁烧{n}") for n in "12"
    ]


@pytest.mark.django_db
def test_search_tasks_are_idempotent(items, monkeypatch):
    first = jobs.search_follow.delay().get()
    assert first["rebuilt"]  # a new host rebuilds first
    assert jobs.search_follow.delay().get() == {**first, "rebuilt": "", "applied": 0}
    rebuilt: list[int] = []
    real = sync.rebuild
    monkeypatch.setattr(sync, "rebuild", lambda: rebuilt.append(1) or real())
    assert jobs.search_reindex.delay(key="r1").get() == {"count": 2}
    assert jobs.search_reindex.delay(key="r1").get() == {"count": 2}
    assert rebuilt == [1]
    assert engine.search("秸秆").total == 2
    assert jobs.search_prune.delay(day="2026-01-05").get() == {"deleted": 0}
    assert TaskRun.objects.filter(key="search.prune:2026-01-05").count() == 1


@pytest.mark.django_db
def test_the_site_check_runs_once_a_day(settings, tmp_path, items):
    settings.DATA_DIR = tmp_path
    first = jobs.sitecheck.delay(day="2026-03-02").get()
    path = tmp_path / "tasks" / "sitecheck-2026-03-02.json"
    stamp = path.stat().st_mtime_ns
    assert first["file"] == path.name
    assert first["verdict"]
    time.sleep(0.01)
    assert jobs.sitecheck.delay(day="2026-03-02").get() == first
    assert path.stat().st_mtime_ns == stamp  # not written again
    out = io.StringIO()
    call_command("tasks", "run", "sitecheck", "--date", "2026-03-02", stdout=out)
    assert "已在本进程执行" in out.getvalue()
    assert TaskRun.objects.filter(name="sitecheck").count() == 1


@pytest.mark.django_db
def test_a_report_and_a_notice_are_generated_once(settings, tmp_path, office, unit_a, unit_b):
    settings.DATA_DIR = tmp_path
    report = jobs.report_generate.delay(key="fgw-2025", year=2025, unit="fgw", suffix=".json").get()
    path = tmp_path / "tasks" / report["file"]
    assert path.read_bytes()[:1] == b"{"
    stamp = path.stat().st_mtime_ns
    again = jobs.report_generate.delay(key="fgw-2025", year=2025, unit="fgw", suffix=".json")
    assert again.get() == report
    assert path.stat().st_mtime_ns == stamp

    inspection = inspections.inspection_create(
        actor=office.user, title="2025年度政府信息公开工作检查",
        start_on=dt.date(2025, 9, 15), end_on=dt.date(2025, 9, 19), units=[unit_a, unit_b],
        scope="依申请公开办理", inspectors="公开办甲",
    )  # fmt: skip
    inspections.finding_add(
        actor=office.user, inspection=inspection, unit=unit_a, kind="wrong_article",
        description="答复告知书引用条款不准确",
    )  # fmt: skip
    issued = inspections.rectification_issue(
        actor=office.user, inspection=inspection, unit=unit_a, on=dt.date(2025, 9, 26)
    )
    notice = jobs.rectification_notice.delay(issued.pk).get()
    assert (tmp_path / "tasks" / notice["file"]).read_bytes()[:2] == b"PK"  # a DOCX
    assert jobs.rectification_notice.delay(issued.pk).get() == notice
    assert TaskRun.objects.filter(name="inspections.notice").count() == 1


def test_without_a_broker_tasks_run_in_process_and_the_worker_refuses(capsys):
    from gongkai.tasks.celery_app import app

    assert app.conf.task_always_eager
    with pytest.raises(SystemExit):
        call_command("tasks", "worker")
    assert "GONGKAI_BROKER_URL" in capsys.readouterr().err


# --- a real worker --------------------------------------------------------------------------------
STATE = """
import json, sys, django; django.setup()
from gongkai.tasks.models import TaskRun
run = TaskRun.objects.filter(key=sys.argv[1]).first()
print(json.dumps(None if run is None else [run.state, run.attempts, run.result]))
"""

SEND = """
import sys, django; django.setup()
from gongkai.tasks import jobs
jobs.search_reindex.delay(key=sys.argv[1])
jobs.search_reindex.delay(key=sys.argv[1])  # delivered twice: run once
"""


FROM_A_PAGE = """
import sys, django; django.setup()
from django.contrib.auth.models import AnonymousUser
from gongkai.tasks import services
asked = services.sitecheck_request(sys.argv[1])
print(asked.key)
for _ in range(2):  # a double click
    run, queued = services.run_queue(actor=AnonymousUser(), request=asked)
    print(queued)  # the worker may have claimed the run already: its state is not asked
"""


def _done(key: str, env: dict[str, str], worker: subprocess.Popen) -> str | None:
    """The run of ``key`` as STATE prints it, once done (or after a minute)."""
    state = None
    for _ in range(300):
        probe = subprocess.run(
            [sys.executable, "-c", STATE, key], cwd=ROOT, env=env, capture_output=True,
            text=True, timeout=120,
        )  # fmt: skip
        assert probe.returncode == 0, probe.stderr
        state = probe.stdout.strip().splitlines()[-1]
        if '"done"' in state:
            break
        assert worker.poll() is None, worker.stderr.read() if worker.stderr else ""
        time.sleep(0.2)
    return state


@pytest.mark.slow
def test_a_celery_worker_runs_queued_tasks_once(data_dir, redis_url, tmp_path):
    broker = redis_url.rsplit("/", 1)[0] + "/1"
    env = process_env(
        data_dir, GONGKAI_BROKER_URL=broker, DJANGO_SETTINGS_MODULE="gongkai.settings"
    )
    env["GONGKAI_SEARCH_INDEX_DIR"] = str(tmp_path / "worker-index")
    worker = subprocess.Popen(
        [sys.executable, "-m", "gongkai", "tasks", "worker"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        key = f"worker-{os.getpid()}"
        sent = subprocess.run(
            [sys.executable, "-c", SEND, key], cwd=ROOT, env=env, capture_output=True, text=True,
            timeout=120,
        )  # fmt: skip
        assert sent.returncode == 0, sent.stderr
        state = _done(f"search.reindex:{key}", env, worker)
        if state is None or not state.startswith('["done", 1, {"count": '):  # run once
            worker.terminate()
            raise AssertionError(f"{state}: {worker.communicate(timeout=30)[1][-3000:]}")
        assert (tmp_path / "worker-index").exists()  # in the worker's process

        # a staff page's button (tasks/services.py): the run written "queued", the task sent;
        # the same form again queues nothing; the worker claims the queued run and runs it once
        queued = subprocess.run(
            [sys.executable, "-c", FROM_A_PAGE, f"{os.getpid():016x}"[-16:]], cwd=ROOT, env=env,
            capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        assert queued.returncode == 0, queued.stderr
        run_key, first, second = queued.stdout.strip().splitlines()[-3:]
        assert (first, second) == ("True", "False")
        state = _done(run_key, env, worker)
        if state is None or not state.startswith('["done", 1, {'):
            worker.terminate()
            raise AssertionError(f"{state}: {worker.communicate(timeout=30)[1][-3000:]}")
        sheet = json.loads(state)[2]["xlsx"]
        assert (data_dir / "tasks" / sheet).read_bytes()[:2] == b"PK"  # the 自查表, an XLSX
    finally:
        worker.terminate()
        worker.wait(timeout=30)
