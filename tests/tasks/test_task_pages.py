"""The staff pages' buttons queue their tasks (docs/tasks.md, "On the staff pages"): without a
broker the task has run by the time the page answers and the user is sent to the file; a
double click or a resubmitted form runs once; only who may read the record queues its task or
downloads its result, an outsider gets 404."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import openpyxl
import pytest
from django.urls import reverse
from docx import Document
from hypothesis import given
from hypothesis import strategies as st

from gongkai.audit.actions import AuditAction
from gongkai.audit.models import AuditEvent
from gongkai.core.downloads import content_disposition
from gongkai.inspections import notice
from gongkai.inspections import services as inspections
from gongkai.reports import services as reports
from gongkai.tasks import jobs, services
from gongkai.tasks.models import RunState, Subject, TaskRun
from tests.conftest import login

QUEUE = reverse("staff:task_queue")


@pytest.fixture
def data(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    return tmp_path


@pytest.fixture
def report(office, unit_a):
    return reports.report_create(actor=office.user, year=2025, unit=unit_a).report


@pytest.fixture
def rectification(office, unit_a, unit_b):
    inspection = inspections.inspection_create(
        actor=office.user, title="2025年度政府信息公开工作检查",
        start_on=dt.date(2025, 9, 15), end_on=dt.date(2025, 9, 19), units=[unit_a, unit_b],
        scope="依申请公开办理", inspectors="公开办甲",
    )  # fmt: skip
    inspections.finding_add(
        actor=office.user, inspection=inspection, unit=unit_a, kind="wrong_article",
        description="答复告知书引用条款不准确",
    )  # fmt: skip
    return inspections.rectification_issue(
        actor=office.user, inspection=inspection, unit=unit_a, on=dt.date(2025, 9, 26)
    )


def _download(client, response) -> bytes:
    """Follow the queue's redirect to the file, which is served through the staff view."""
    assert response.status_code == 302
    location = response["Location"]
    assert re.fullmatch(r"/staff/tasks/\d+/file/", location), location
    got = client.get(location)
    assert got.status_code == 200
    return b"".join(got.streaming_content)


def _queued() -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=AuditAction.TASK_QUEUE.value))


# --- the eager path, end to end through the views -------------------------------------------------
@pytest.mark.django_db
def test_a_reports_docx_and_xlsx_are_made_by_the_task_and_open(data, report, clerk_a):
    client = login(clerk_a)
    page = client.get(reverse("staff:report", args=[report.pk])).content.decode()
    assert f'action="{QUEUE}"' in page
    assert 'value="docx"' in page
    docx = _download(
        client, client.post(QUEUE, {"kind": "report", "id": report.pk, "format": "docx"})
    )
    text = "\n".join(p.text for p in Document(io.BytesIO(docx)).paragraphs)
    assert "2025年" in text
    assert "年度报告" in text
    xlsx = _download(
        client, client.post(QUEUE, {"kind": "report", "id": report.pk, "format": "xlsx"})
    )
    assert openpyxl.load_workbook(io.BytesIO(xlsx)).sheetnames
    runs = TaskRun.objects.filter(name="reports.file").order_by("pk")
    assert [r.state for r in runs] == [RunState.DONE, RunState.DONE]
    assert {r.requested_by_id for r in runs} == {clerk_a.user.pk}
    assert all((data / "tasks" / r.result["file"]).is_file() for r in runs)
    # the file the old download link gives is the same file
    old = client.get(reverse("staff:report_download", args=[report.pk, "xlsx"])).content
    assert (
        openpyxl.load_workbook(io.BytesIO(old)).sheetnames
        == openpyxl.load_workbook(io.BytesIO(xlsx)).sheetnames
    )
    events = _queued()
    assert len(events) == 2
    assert events[0].unit_id == report.unit_id
    assert "第四十九条" in events[0].legal_basis


@pytest.mark.django_db
def test_the_rectification_notice_is_made_by_the_task(data, rectification, clerk_a):
    client = login(clerk_a)
    page = client.get(reverse("staff:rectification", args=[rectification.pk])).content.decode()
    assert "下载整改通知书（DOCX）" in page
    docx = _download(client, client.post(QUEUE, {"kind": "notice", "id": rectification.pk}))
    text = "\n".join(p.text for p in Document(io.BytesIO(docx)).paragraphs)
    assert rectification.number in text
    assert "整改通知书" in text
    run = TaskRun.objects.get(name="inspections.notice")
    got = client.get(reverse("staff:task_file", args=[run.pk]))
    # saved under the notice's own name, as the old link gave it
    assert got["Content-Disposition"] == content_disposition(notice.filename(rectification))
    old = client.get(reverse("staff:rectification_notice", args=[rectification.pk]))
    assert old["Content-Disposition"] == got["Content-Disposition"]


@pytest.mark.django_db
def test_the_website_self_check_runs_now_and_gives_its_sheet(data, office):
    client = login(office)
    page = client.get(reverse("staff:sitecheck")).content.decode()
    token = re.search(r'name="token" value="([0-9a-f]{16})"', page)[1]
    sheet = _download(client, client.post(QUEUE, {"kind": "sitecheck", "token": token}))
    assert openpyxl.load_workbook(io.BytesIO(sheet)).sheetnames
    run = TaskRun.objects.get(name="sitecheck")
    assert run.result["verdict"]
    assert run.result["file"].endswith(".json")
    detail = client.get(reverse("staff:task", args=[run.pk])).content.decode()
    assert "已完成" in detail
    assert "自查结论" in detail
    # a new page, a new form: the check is run again, as it stands now
    token2 = re.search(
        r'name="token" value="([0-9a-f]{16})"',
        client.get(reverse("staff:sitecheck")).content.decode(),
    )[1]
    assert token2 != token
    client.post(QUEUE, {"kind": "sitecheck", "token": token2})
    assert TaskRun.objects.filter(name="sitecheck").count() == 2
    # a forged or missing token is refused, in Chinese, not a 500
    refused = client.post(QUEUE, {"kind": "sitecheck", "token": "../../etc"})
    assert refused.status_code == 400
    assert "表单已失效" in refused.content.decode()


# --- idempotency: a double click runs once --------------------------------------------------------
@pytest.mark.django_db
def test_a_double_submit_runs_the_task_once_and_is_audited_once(data, report, office, reviewer_a):
    client = login(office)
    form = {"kind": "report", "id": report.pk, "format": "docx"}
    first = client.post(QUEUE, form)
    run = TaskRun.objects.get(name="reports.file")
    path = data / "tasks" / run.result["file"]
    stamp = path.stat().st_mtime_ns
    second = client.post(QUEUE, form)
    assert first["Location"] == second["Location"]
    assert TaskRun.objects.filter(name="reports.file").count() == 1
    assert TaskRun.objects.get(pk=run.pk).attempts == 1
    assert path.stat().st_mtime_ns == stamp  # not written again
    assert len(_queued()) == 1
    # a colleague asking for the same content gets the same run
    assert login(reviewer_a).post(QUEUE, form)["Location"] == first["Location"]
    assert len(_queued()) == 1
    # the report changes: its content does, so does the key — a new run
    reports.report_update(
        actor=office.user, report=report, overview="新的概述。", problems=report.problems,
        other=report.other, proactive=report.proactive,
    )  # fmt: skip
    client.post(QUEUE, form)
    assert TaskRun.objects.filter(name="reports.file").count() == 2
    # the file gone from the folder (cleaned): asking again makes it again, in the same run
    latest = TaskRun.objects.filter(name="reports.file").latest("pk")
    (data / "tasks" / latest.result["file"]).unlink()
    assert client.get(reverse("staff:task_file", args=[latest.pk])).status_code == 404
    _download(client, client.post(QUEUE, form))
    latest.refresh_from_db()
    assert latest.attempts == 2
    assert latest.state == RunState.DONE


@pytest.mark.django_db
def test_with_a_broker_the_button_shows_the_runs_state(data, report, office, monkeypatch):
    """With a worker, the task runs later: the page shows the run queued, then done, and its
    link; a second click queues nothing more."""
    sent: list[dict] = []
    monkeypatch.setattr(jobs.report_file, "delay", lambda **kwargs: sent.append(kwargs))
    client = login(office)
    form = {"kind": "report", "id": report.pk, "format": "xlsx"}
    response = client.post(QUEUE, form)
    run = TaskRun.objects.get(name="reports.file")
    assert response["Location"] == reverse("staff:task", args=[run.pk])
    page = client.get(response["Location"]).content.decode()
    assert "排队中" in page
    assert 'http-equiv="refresh"' in page
    assert client.get(reverse("staff:task_file", args=[run.pk])).status_code == 404
    client.post(QUEUE, form)
    assert len(sent) == 1
    jobs.report_file(**sent[0])  # the worker
    page = client.get(reverse("staff:task", args=[run.pk])).content.decode()
    assert "已完成" in page
    assert reverse("staff:task_file", args=[run.pk]) in page
    assert 'http-equiv="refresh"' not in page
    listed = client.get(reverse("staff:tasks")).content.decode()
    assert run.label in listed
    assert "已完成" in listed


@pytest.mark.django_db
def test_a_broker_that_cannot_be_reached_fails_the_run_and_a_new_click_queues_again(
    data, report, office, monkeypatch
):
    def down(**kwargs):
        raise ConnectionError("Error 111 connecting to redis")

    monkeypatch.setattr(jobs.report_file, "delay", down)
    client = login(office)
    form = {"kind": "report", "id": report.pk, "format": "json"}
    page = client.get(client.post(QUEUE, form)["Location"]).content.decode()
    assert "失败" in page
    assert "任务未能提交" in page
    monkeypatch.undo()
    _download(client, client.post(QUEUE, form))
    assert TaskRun.objects.get(name="reports.file").state == RunState.DONE
    assert len(_queued()) == 2  # each time it was sent


# --- access ---------------------------------------------------------------------------------------
@pytest.mark.django_db
def test_only_who_reads_the_record_queues_its_task_or_downloads_its_file(
    data, report, rectification, office, clerk_a, clerk_b, supervisor
):
    outsider = login(clerk_b)
    assert (
        outsider.post(QUEUE, {"kind": "report", "id": report.pk, "format": "docx"}).status_code
        == 404
    )
    assert outsider.post(QUEUE, {"kind": "notice", "id": rectification.pk}).status_code == 404
    assert outsider.post(QUEUE, {"kind": "sitecheck", "token": "0" * 16}).status_code == 404
    assert login(clerk_a).post(QUEUE, {"kind": "sitecheck", "token": "0" * 16}).status_code == 404
    assert not TaskRun.objects.exists()
    assert not _queued()
    # the supervisor reads reports: may have one made (it changes no record)
    reader = login(supervisor)
    _download(reader, reader.post(QUEUE, {"kind": "report", "id": report.pk, "format": "json"}))
    notice = login(office).post(QUEUE, {"kind": "notice", "id": rectification.pk})
    for run in TaskRun.objects.all():
        for name in ("staff:task", "staff:task_file"):
            url = reverse(name, args=[run.pk])
            assert outsider.get(url).status_code == 404
            assert login(clerk_a).get(url).status_code == 200
    assert run.label not in outsider.get(reverse("staff:tasks")).content.decode()
    assert notice.status_code == 302
    # bad input: 400 in Chinese, never a 500
    bad_forms = (
        {},
        {"kind": "report"},
        {"kind": "report", "id": "x", "format": "docx"},
        {"kind": "report", "id": report.pk, "format": "exe"},
        {"kind": "notice"},
    )
    for bad in bad_forms:
        assert login(office).post(QUEUE, bad).status_code == 400
    assert login(office).get(QUEUE).status_code == 405


@pytest.mark.django_db
def test_a_result_is_never_taken_for_a_path(data, report, office):
    client = login(office)
    _download(client, client.post(QUEUE, {"kind": "report", "id": report.pk, "format": "json"}))
    run = TaskRun.objects.get()
    (data / "secret.txt").write_text("x")
    for forged in ("../secret.txt", "/etc/passwd", ".hidden", ""):
        TaskRun.objects.filter(pk=run.pk).update(result={"file": forged})
        assert client.get(reverse("staff:task_file", args=[run.pk])).status_code == 404


@given(
    name=st.one_of(st.text(max_size=40), st.integers(), st.none(), st.lists(st.text(max_size=3))),
    subject=st.sampled_from(list(Subject)),
)
def test_the_file_served_is_a_plain_name_in_the_tasks_folder_or_none(name, subject):
    run = TaskRun(subject=subject, result={"file": name, "xlsx": name})
    served = services.served_name(run)
    if served:
        folder = Path("/data/tasks")
        assert (folder / served).resolve().parent == folder
        assert not served.startswith(".")


@given(st.dictionaries(st.text(max_size=5), st.integers() | st.text(max_size=5), max_size=6))
def test_a_reports_key_follows_its_content_not_the_order_it_was_built_in(built):
    again = dict(reversed(list(built.items())))
    assert services.content_digest(built) == services.content_digest(again)
    changed = {**built, "概述": "另一段话"} if built.get("概述") != "另一段话" else {}
    assert services.content_digest(changed) != services.content_digest(built)
