"""Annual reports generated from the records: the counting rules, the mapping, the records
behind each number, the workflow and the lock it puts on a year, and the outputs."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import os
import shutil
import subprocess
import zipfile

import pytest
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from docx import Document as Docx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from gongkai import report_format as fmt
from gongkai.appeals import services as appeal_services
from gongkai.applications import services as application_services
from gongkai.applications.models import Application
from gongkai.applications.outcomes import Decision, Outcome
from gongkai.audit.models import AuditEvent
from gongkai.core import locks
from gongkai.report_format import FormatVersion
from gongkai.reports import counting, services
from gongkai.reports.identities import ERROR, check_report
from gongkai.reports.locks import locking_report
from gongkai.reports.models import AnnualReport, ReportStatus
from tests.conftest import examples, login
from tests.factories import register

D = dt.date.fromisoformat
SERIAL = itertools.count(1)
ROW_DISCLOSE = "（一）予以公开"
ROW_NOT_HELD = "（四）无法提供/1.本机关不掌握相关政府信息"


def make(
    unit,
    received: str,
    concluded: str | None = None,
    outcome: str = "provided",
    applicant_type: str = "natural",
) -> Application:
    """A bare record for counting (the services are tested elsewhere)."""
    closed = concluded is not None
    return Application.objects.create(
        tracking_number=f"T-{next(SERIAL):06d}",
        query_code_hash="x$y",
        unit=unit,
        channel="in_person",
        receipt_date=D(received),
        receipt_basis="当面提交",
        applicant_type=applicant_type,
        applicant_name="张三",
        id_type="resident_id",
        id_number="11010519491231002X",
        phone="1",
        provision_form="paper",
        delivery_method="post",
        status="closed" if closed else "processing",
        outcome=outcome if closed else "",
        concluded_on=D(concluded) if closed else None,
        due_date=D(received),
    )


def table(unit_id, year=2025, version=FormatVersion.V2021):
    return counting.table3(counting.Scope(year, unit_id), version, services.DEFAULT_MAPPING)


@pytest.mark.django_db
def test_the_four_counts_follow_the_documented_rules(unit_a, unit_b):
    make(unit_a, "2024-12-20")  # open since last year, still open: 二 and 四
    make(unit_a, "2024-12-18", "2025-01-10")  # carried in, concluded: 二 and （一）
    make(unit_a, "2025-03-03", "2025-03-20", "not_exist")  # 一 and 四1
    make(unit_a, "2025-12-30")  # received late in the year: 一 and 四
    make(unit_a, "2025-12-01", "2026-01-05", applicant_type="commercial")  # 一 and 四
    make(unit_a, "2024-05-01", "2024-06-01")  # concluded last year: not counted
    make(unit_a, "2026-01-02")  # next year: not counted
    make(unit_b, "2025-04-01", "2025-04-20")  # another unit
    rows = table(unit_a.pk)
    assert rows[fmt.ROW_NEW]["总计"] == 3
    assert rows[fmt.ROW_NEW]["商业企业"] == 1
    assert rows[fmt.ROW_CARRIED_IN]["总计"] == 2
    assert rows[ROW_DISCLOSE]["总计"] == 1
    assert rows[ROW_NOT_HELD]["总计"] == 1
    assert rows[fmt.ROW_RESULTS_TOTAL]["总计"] == 2
    assert rows[fmt.ROW_CARRIED_OUT]["总计"] == 3
    assert table(None)[fmt.ROW_NEW]["总计"] == 4  # the district counts every unit
    assert (
        check_report(
            {
                "format": "2021",
                "applications": {"rows": rows},
                "review_litigation": fmt.empty_table4(),
            }
        )
        == []
    )


@pytest.mark.django_db
def test_the_2019_format_folds_the_other_rows_into_one(unit_a):
    make(unit_a, "2020-03-02", "2020-03-20", "no_correction")
    make(unit_a, "2020-03-02", "2020-03-25", "withdrawn")
    rows = table(unit_a.pk, 2020, FormatVersion.V2019)
    assert rows["（六）其他处理"]["总计"] == 2
    assert len(rows) == 23
    rows_2021 = table(unit_a.pk, 2020, FormatVersion.V2021)
    assert (
        rows_2021[
            "（六）其他处理/1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"
        ]["总计"]
        == 1
    )
    assert rows_2021["（六）其他处理/3.其他"]["总计"] == 1


@pytest.mark.django_db
def test_every_number_leads_to_the_records_it_counts(unit_a, office):
    counted = make(unit_a, "2025-03-03", "2025-03-20", "not_exist", "commercial")
    make(unit_a, "2025-03-03", "2025-03-20", "provided")
    report = services.report_create(actor=office.user, year=2025, unit=unit_a).report
    assert list(services.records_for_cell(report, ROW_NOT_HELD, "商业企业")) == [counted]
    assert services.records_for_cell(report, fmt.ROW_NEW, "总计").count() == 2
    page = login(office).get(reverse("staff:report", args=[report.pk])).content.decode()
    link = reverse("staff:report_cell", args=[report.pk])
    assert link in page
    cell = login(office).get(link, {"table": "三", "row": ROW_NOT_HELD, "col": "商业企业"})
    assert counted.tracking_number in cell.content.decode()
    assert login(office).get(link, {"table": "三", "row": "bogus", "col": "x"}).status_code == 404


@pytest.mark.django_db
def test_the_office_remaps_an_outcome_and_only_unpublished_reports_follow(unit_a, office):
    make(unit_a, "2025-03-03", "2025-03-20", "withdrawn")
    with pytest.raises(services.ReportError, match="理由"):
        services.mapping_save(actor=office.user, changes={"withdrawn": "other"}, note="")
    saved = services.mapping_save(
        actor=office.user, changes={"withdrawn": "reject_repeat"}, note="按本地规定计入重复申请"
    )
    assert saved.version == 1
    _, current = services.mapping()
    rows = counting.table3(counting.Scope(2025, unit_a.pk), FormatVersion.V2021, current)
    assert rows["（五）不予处理/2.重复申请"]["总计"] == 1
    assert services.mapping(0)[1]["withdrawn"] == "other"
    assert AuditEvent.objects.filter(action="report_mapping.save").exists()
    with pytest.raises(services.ReportError, match="不认识"):
        services.mapping_save(actor=office.user, changes={"withdrawn": "nowhere"}, note="x")


@pytest.mark.django_db
@pytest.mark.parametrize("counting_rule", ["filed", "active"])
def test_table_4_counts_the_years_appeals_with_their_result_at_year_end(
    unit_a, office, settings, counting_rule
):
    settings.GONGKAI_APPEAL_COUNTING = counting_rule

    def appeal(kind, filed, route="", result=None, decided=None):
        created = appeal_services.appeal_record(
            actor=office.user,
            data={
                "kind": kind,
                "route": route,
                "unit": unit_a,
                "body": "x",
                "appellant": "y",
                "filed_on": D(filed),
                "summary": "z",
            },
        )
        if result:
            appeal_services.appeal_decide(
                actor=office.user, appeal=created, result=result, decided_on=D(decided)
            )

    appeal("reconsideration", "2025-02-01", result="upheld", decided="2025-03-01")
    appeal("reconsideration", "2025-11-01", result="corrected", decided="2026-01-10")
    appeal("reconsideration", "2024-11-01", result="upheld", decided="2025-01-10")
    appeal("litigation", "2025-05-01", "direct", result="other", decided="2025-06-01")
    appeal("litigation", "2025-05-01", "after_review")
    appeal("complaint", "2025-05-01")
    four = counting.table4(counting.Scope(2025, unit_a.pk))
    review = four["行政复议"]
    if counting_rule == "filed":
        assert review == {"结果维持": 1, "结果纠正": 0, "其他结果": 0, "尚未审结": 1, "总计": 2}
    else:  # the one pending from 2024 and decided in 2025 is counted too
        assert review == {"结果维持": 2, "结果纠正": 0, "其他结果": 0, "尚未审结": 1, "总计": 3}
    assert four["行政诉讼/未经复议直接起诉"]["其他结果"] == 1
    assert four["行政诉讼/复议后起诉"]["尚未审结"] == 1


@pytest.mark.django_db
def test_a_report_is_drafted_submitted_and_published_and_locks_its_year(
    unit_a, clerk_a, reviewer_a, office
):
    application = register(clerk_a.user, unit_a)  # received 2025-03-03, open
    created = services.report_create(actor=clerk_a.user, year=2025, unit=unit_a)
    report = created.report
    assert created.created
    assert "共收到政府信息公开申请1件" in report.overview
    assert services.report_create(actor=clerk_a.user, year=2025, unit=unit_a).report == report
    with pytest.raises(services.ReportError, match="须先由单位报送"):
        services.report_publish(actor=office.user, report=report)
    services.report_submit(actor=reviewer_a.user, report=report)
    with pytest.raises(services.ReportError, match="只有草稿可以修改"):
        services.report_update(
            actor=clerk_a.user, report=report, overview="x", problems="y", other="z", proactive={}
        )
    services.report_publish(actor=office.user, report=report)
    report.refresh_from_db()
    assert report.status == ReportStatus.PUBLISHED
    assert report.snapshot["applications"]["rows"][fmt.ROW_NEW]["总计"] == 1
    assert report.mapping_version == 0
    # The year is locked: a step dated in 2025 is refused, one dated in 2026 is not counted there.
    with pytest.raises(application_services.ApplicationError, match="已锁定"):
        application_services.application_propose_decision(
            actor=clerk_a.user,
            application=application,
            on=D("2025-03-20"),
            decision=Decision(Outcome.PROVIDED),
        )
    with pytest.raises(application_services.ApplicationError, match="已锁定"):
        register(clerk_a.user, unit_a, received=D("2025-06-02"))
    services.report_reopen(actor=office.user, report=report, reason="补录一件漏登的申请")
    register(clerk_a.user, unit_a, received=D("2025-06-02"))
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT
    assert services.build(report)["applications"]["rows"][fmt.ROW_NEW]["总计"] == 2
    actions = list(
        AuditEvent.objects.filter(action__startswith="report.")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == ["report.create", "report.submit", "report.publish", "report.reopen"]
    reopened = AuditEvent.objects.get(action="report.reopen")
    assert "补录" in reopened.summary
    assert reopened.changes["published"]["applications"]["rows"][fmt.ROW_NEW]["总计"] == 1


def test_the_closed_year_lock_asks_the_reports_app_and_never_guesses_open(monkeypatch):
    """The lock sits below the apps that ask it (gongkai.core.locks); the reports app tells it,
    when Django starts, which report locks a year. Without that answer it refuses to say."""
    assert locks._finder is locking_report
    monkeypatch.setattr(locks, "_finder", lambda unit_id, year: f"{year}年度报告")
    with pytest.raises(locks.YearLocked, match="2025年度报告已发布，2025年度的记录已锁定"):
        locks.check_open(1, D("2025-05-06"))
    monkeypatch.setattr(locks, "_finder", None)
    with pytest.raises(RuntimeError, match="INSTALLED_APPS"):
        locks.check_open(1, D("2025-05-06"))


@pytest.mark.django_db
def test_a_report_that_fails_cannot_be_published_and_says_why_in_chinese(
    unit_a, clerk_a, reviewer_a
):
    make(unit_a, "2025-03-03", "2025-03-20")
    report = services.report_create(actor=clerk_a.user, year=2025, unit=unit_a).report
    services.report_update(
        actor=clerk_a.user,
        report=report,
        overview="2025年共收到政府信息公开申请3件。",
        problems="无",
        other="",
        proactive={"第二十条第（五）项": {"行政许可": {"本年处理决定数量": -4}}},
    )
    report.refresh_from_db()
    findings = services.validate(report)
    messages = [f.message for f in findings if f.severity == ERROR]
    assert any("称“收到政府信息公开申请3件”，表格中本年新收申请为 1" in m for m in messages)
    assert any("“六、其他需要报告的事项”尚未填写" in m for m in messages)
    assert any("行政许可" in m for m in messages)
    with pytest.raises(services.ReportError, match="报告未通过校验"):
        services.report_submit(actor=reviewer_a.user, report=report)


@pytest.mark.django_db
def test_a_carry_over_that_disagrees_with_last_years_published_report_is_an_error(
    unit_a, clerk_a, reviewer_a, office
):
    make(unit_a, "2024-12-20")
    last = services.report_create(actor=clerk_a.user, year=2024, unit=unit_a).report
    services.report_submit(actor=reviewer_a.user, report=last)
    services.report_publish(actor=office.user, report=last)
    last.refresh_from_db()
    snapshot = last.snapshot
    snapshot["applications"]["rows"][fmt.ROW_CARRIED_OUT]["自然人"] = 0
    snapshot["applications"]["rows"][fmt.ROW_CARRIED_OUT]["总计"] = 0
    AnnualReport.objects.filter(pk=last.pk).update(snapshot=snapshot)  # as published then
    report = services.report_create(actor=clerk_a.user, year=2025, unit=unit_a).report
    carry = [f for f in services.validate(report) if f.check == "cross_year.carry_over"]
    assert {f.column for f in carry} == {"自然人", "总计"}


@pytest.mark.django_db
@pytest.mark.slow
def test_outputs_json_docx_xlsx_html(unit_a, clerk_a, tmp_path):
    make(unit_a, "2025-03-03", "2025-03-20", "not_exist", "commercial")
    register(clerk_a.user, unit_a)
    services.report_create(actor=clerk_a.user, year=2025, unit=unit_a)
    for suffix in ("json", "docx", "xlsx", "html"):
        call_command(
            "annual_report",
            "--year",
            "2025",
            "--unit",
            "fgw",
            "--output",
            str(tmp_path / f"r.{suffix}"),
        )
    data = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    rows = data["applications"]["rows"]
    assert list(rows) == list(fmt.table3_rows(FormatVersion.V2021))
    assert list(rows[fmt.ROW_NEW]) == list(fmt.COLUMNS)
    assert rows[ROW_NOT_HELD]["商业企业"] == 1
    assert list(data["review_litigation"]) == [
        "行政复议",
        "行政诉讼/未经复议直接起诉",
        "行政诉讼/复议后起诉",
    ]
    assert list(data["proactive"]) == [
        "第二十条第（一）项",
        "第二十条第（五）项",
        "第二十条第（六）项",
        "第二十条第（八）项",
    ]
    document = Docx(str(tmp_path / "r.docx"))
    assert len(document.tables) == 3
    xml = zipfile.ZipFile(tmp_path / "r.docx").read("word/document.xml").decode()
    assert 'w:vMerge w:val="restart"' in xml
    assert "w:gridSpan" in xml
    texts = [p.text for p in document.paragraphs]
    assert fmt.SECTION_TITLES[4] in texts
    book = load_workbook(tmp_path / "r.xlsx")
    assert book.sheetnames == ["表二", "表三", "表四"]
    assert "A2:C4" in {str(r) for r in book["表三"].merged_cells.ranges}  # the caption cell
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert '<th scope="rowgroup" rowspan="22">三、本年度办理结果</th>' in page
    for args in (
        ["--year", "2025", "--output", str(tmp_path / "r.pdf")],
        ["--year", "20x5", "--output", "x.json"],
        ["--year", "2025", "--unit", "nope", "--output", "x.json"],
    ):
        with pytest.raises(SystemExit) as info:
            call_command("annual_report", *args)
        assert info.value.code == 2


@pytest.mark.django_db
def test_the_2019_format_html_spans_20_rows(unit_a, clerk_a, tmp_path):
    call_command("annual_report", "--year", "2019", "--output", str(tmp_path / "r.html"))
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert 'rowspan="20">三、本年度办理结果' in page
    assert "第二十条第（九）项" in page


@pytest.mark.office
@pytest.mark.django_db
def test_the_report_docx_opens_in_libreoffice(unit_a, clerk_a, tmp_path):
    soffice = shutil.which("soffice")
    if soffice is None:
        if os.environ.get("GONGKAI_REQUIRE_SYSTEM_TOOLS"):
            pytest.fail("LibreOffice is required here but not installed")
        pytest.skip("LibreOffice is not installed on this machine (CI installs it)")
    make(unit_a, "2025-03-03", "2025-03-20", "not_exist")
    call_command("annual_report", "--year", "2025", "--output", str(tmp_path / "r.docx"))
    result = subprocess.run(
        [
            soffice,
            "--headless",
            "--convert-to",
            "txt:Text",
            "--outdir",
            str(tmp_path),
            str(tmp_path / "r.docx"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "HOME": str(tmp_path)},
    )
    assert result.returncode == 0, result.stderr
    text = (tmp_path / "r.txt").read_text(encoding="utf-8", errors="replace")
    assert "三、收到和处理政府信息公开申请情况" in text
    assert "1.本机关不掌握相关政府信息" in text


@pytest.mark.django_db
def test_the_pages_dashboard_report_and_portal(unit_a, unit_b, clerk_a, reviewer_a, office, client):
    make(unit_a, "2025-03-03", "2025-03-20")
    client_office = login(office)
    page = client_office.get(reverse("staff:reports"), {"year": "2025"}).content.decode()
    assert unit_a.name in page
    assert unit_b.name in page
    assert "本级政府（全区汇总）" in page
    response = client_office.post(reverse("staff:report_create"), {"year": "2025", "unit": ""})
    district = AnnualReport.objects.get(unit=None)
    assert response["Location"] == reverse("staff:report", args=[district.pk])
    clerk = login(clerk_a)
    clerk.post(reverse("staff:report_create"), {"year": "2025", "unit": unit_a.code})
    report = AnnualReport.objects.get(unit=unit_a)
    assert (
        clerk.post(reverse("staff:report_create"), {"year": "2025", "unit": ""}).status_code == 404
    )
    detail = clerk.get(reverse("staff:report", args=[report.pk])).content.decode()
    assert "表格由记录实时统计" in detail
    edit = clerk.post(
        reverse("staff:report", args=[report.pk]),
        {
            "overview": "2025年共收到政府信息公开申请1件。",
            "problems": "无。",
            "other": "无。",
            "p-第二十条第（五）项|行政许可|本年处理决定数量": "12",
            "p-第二十条第（八）项|行政事业性收费|本年收费金额（单位：万元）": "3.5",
        },
    )
    assert edit.status_code == 302
    report.refresh_from_db()
    assert (
        report.proactive["第二十条第（八）项"]["行政事业性收费"]["本年收费金额（单位：万元）"]
        == 3.5
    )
    bad = clerk.post(
        reverse("staff:report", args=[report.pk]),
        {
            "overview": "x",
            "p-第二十条第（五）项|行政许可|本年处理决定数量": "-1",
        },
    )
    assert bad.status_code == 400
    assert "不能为负数" in bad.content.decode()
    login(reviewer_a).post(reverse("staff:report_act", args=[report.pk, "submit"]))
    client_office.post(reverse("staff:report_act", args=[report.pk, "publish"]))
    report.refresh_from_db()
    assert report.status == ReportStatus.PUBLISHED
    archive = client.get(reverse("portal:reports")).content.decode()
    assert report.title in archive
    public = client.get(reverse("portal:report", args=[report.pk])).content.decode()
    assert '<th scope="col"' in public
    assert "12" in public
    assert client.get(reverse("portal:report", args=[district.pk])).status_code == 404  # draft
    download = client.get(reverse("portal:report_download", args=[report.pk, "xlsx"]))
    assert download["Content-Type"].startswith("application/vnd.openxmlformats")
    assert client.get(reverse("portal:report_download", args=[report.pk, "exe"])).status_code == 404


@pytest.mark.django_db
def test_unit_staff_cannot_publish_and_the_supervisor_cannot_act(unit_a, clerk_a, supervisor):
    report = services.report_create(actor=clerk_a.user, year=2025, unit=unit_a).report
    for member, action in ((clerk_a, "publish"), (clerk_a, "submit")):
        login(member).post(reverse("staff:report_act", args=[report.pk, action]))
    assert (
        login(supervisor).post(reverse("staff:report_act", args=[report.pk, "publish"])).status_code
        == 403
    )
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT


outcomes = st.sampled_from([o.value for o in Outcome])
types = st.sampled_from(
    ["natural", "commercial", "research", "public_interest", "legal_service", "other"]
)
days = st.dates(min_value=D("2023-06-01"), max_value=D("2026-06-30"))


@settings(
    max_examples=examples(25),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    st.lists(
        st.tuples(days, st.one_of(st.none(), st.integers(0, 400)), outcomes, types, st.booleans()),
        max_size=40,
    ),
    st.sampled_from([2024, 2025]),
    st.sampled_from(list(FormatVersion)),
)
@pytest.mark.django_db
def test_every_generated_report_satisfies_every_identity(unit_a, unit_b, records, year, version):
    with transaction.atomic():
        for received, lasted, outcome, kind, other_unit in records:
            concluded = None if lasted is None else (received + dt.timedelta(days=lasted))
            make(
                unit_b if other_unit else unit_a,
                received.isoformat(),
                concluded.isoformat() if concluded else None,
                outcome,
                kind,
            )
        for unit_id in (unit_a.pk, None):
            scope = counting.Scope(year, unit_id)
            built = {
                "format": version.value,
                "applications": {"rows": counting.table3(scope, version, services.DEFAULT_MAPPING)},
                "review_litigation": counting.table4(scope),
            }
            assert check_report(built) == []
        previous = counting.table3(
            counting.Scope(year - 1, None), version, services.DEFAULT_MAPPING
        )
        current = counting.table3(counting.Scope(year, None), version, services.DEFAULT_MAPPING)
        assert current[fmt.ROW_CARRIED_IN] == previous[fmt.ROW_CARRIED_OUT]
        transaction.set_rollback(True)
