"""A lower government's consolidated report submitted up the tree (国办公开办函〔2021〕30号's
roll-up, docs/rollup.md): the district's office submits it to the city's office, which reads it,
returns it for correction with a reason or accepts it; the top government has nothing to submit
to; the progress page shows each state with its date and counts lateness against the level's
date."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai import law
from gongkai.audit.actions import AuditAction
from gongkai.audit.models import AuditEvent
from gongkai.reports import selectors, services
from gongkai.reports.models import AnnualReport, ReportStatus
from gongkai.units.models import Role, UnitKind
from tests.conftest import login, make_staff, make_unit
from tests.reports.test_rollup import city_office, city_tree  # noqa: F401 - fixtures

D = dt.date.fromisoformat
YEAR = 2025


def consolidated(unit, actor) -> AnnualReport:
    return services.report_create(actor=actor, year=YEAR, unit=unit, consolidated=True).report


def act(staff, report: AnnualReport, step: str, **data: str):
    return login(staff).post(reverse("staff:report_act", args=[report.pk, step]), data)


def page(staff, report: AnnualReport):
    return login(staff).get(reverse("staff:report", args=[report.pk]))


def fresh(report: AnnualReport) -> AnnualReport:
    return AnnualReport.objects.get(pk=report.pk)


def events(report: AnnualReport, action: AuditAction) -> list[AuditEvent]:
    return list(
        AuditEvent.objects.filter(
            object_type="annualreport", object_id=str(report.pk), action=action.value
        ).order_by("id")
    )


@pytest.fixture
def district_report(city_tree, office):  # noqa: F811
    return consolidated(city_tree["district"], office.user)


# --- submitting, returning, accepting ------------------------------------------------------------
@pytest.mark.django_db
def test_the_district_office_submits_its_consolidated_report_to_the_city(
    city_tree,  # noqa: F811
    office,
    city_office,  # noqa: F811
    district_report,
):
    text = page(office, district_report).content.decode()
    assert "报送北京市人民政府</button>" in text
    # the city's office sees the draft but does not submit it: the district's office does
    assert "报送北京市人民政府</button>" not in page(city_office, district_report).content.decode()
    assert act(city_office, district_report, "submit").status_code == 404
    assert fresh(district_report).status == ReportStatus.DRAFT

    assert act(office, district_report, "submit").status_code == 302
    report = fresh(district_report)
    assert report.status == ReportStatus.SUBMITTED
    assert report.submitted_at is not None
    (event,) = events(report, AuditAction.REPORT_SUBMIT)
    assert event.actor_id == office.user.pk
    assert event.legal_basis == law.REPORT_ROLLUP.citation
    assert "第五十条" in event.legal_basis
    assert "30号" in event.legal_basis
    assert "向北京市人民政府政府信息公开工作主管部门报送" in event.summary
    # submitted: neither office edits it, nor may the district's office publish it now
    assert page(office, report).status_code == 200
    assert "<h2>编辑</h2>" not in page(office, report).content.decode()
    with pytest.raises(services.ReportError, match="待上级接收或退回"):
        services.report_publish(actor=office.user, report=report)
    assert act(office, report, "submit").status_code == 302  # a second submission: refused
    assert len(events(report, AuditAction.REPORT_SUBMIT)) == 1


@pytest.mark.django_db
def test_the_city_office_reads_the_submitted_report_and_its_files(
    city_office,  # noqa: F811
    office,
    district_report,
):
    services.report_submit(actor=office.user, report=district_report)
    response = page(city_office, district_report)
    assert response.status_code == 200
    text = response.content.decode()
    assert "<h2>编辑</h2>" not in text  # read-only
    assert "三、收到和处理政府信息公开申请情况" in text  # its tables
    assert ">接收</button>" in text
    assert ">退回修改</button>" in text
    assert "审核通过并发布" not in text  # not the receiver's to publish, not while in its hands
    for ext in ("json", "xlsx"):
        download = login(city_office).get(
            reverse("staff:report_download", args=[district_report.pk, ext])
        )
        assert download.status_code == 200
    # the district's own office has no accept or return buttons on its own submitted report
    own = page(office, district_report).content.decode()
    assert ">接收</button>" not in own
    assert ">退回修改</button>" not in own


@pytest.mark.django_db
def test_the_city_office_returns_it_with_a_reason_and_the_district_resubmits(
    city_office,  # noqa: F811
    office,
    district_report,
):
    services.report_submit(actor=office.user, report=district_report)
    act(city_office, district_report, "return", reason="   ")
    assert fresh(district_report).status == ReportStatus.SUBMITTED  # a reason is required
    assert events(district_report, AuditAction.REPORT_RETURN) == []

    act(city_office, district_report, "return", reason="表四的行政诉讼数字与正文不一致")
    report = fresh(district_report)
    assert report.status == ReportStatus.DRAFT
    assert report.submitted_at is None
    assert report.returned_at is not None
    assert report.return_reason == "表四的行政诉讼数字与正文不一致"
    (event,) = events(report, AuditAction.REPORT_RETURN)
    assert event.actor_id == city_office.user.pk
    assert event.legal_basis == law.REPORT_ROLLUP.citation
    text = page(office, report).content.decode()
    assert "退回修改：表四的行政诉讼数字与正文不一致" in text
    assert "<h2>编辑</h2>" in text  # the district's office edits it again …
    services.report_update(
        actor=office.user,
        report=report,
        overview=report.overview + "\n已核对。",
        problems=report.problems,
        other=report.other,
        proactive=report.proactive,
    )
    act(office, report, "submit")  # … and submits it again
    report = fresh(report)
    assert report.status == ReportStatus.SUBMITTED
    assert (report.returned_at, report.return_reason) == (None, "")
    assert len(events(report, AuditAction.REPORT_SUBMIT)) == 2


@pytest.mark.django_db
def test_the_city_office_accepts_it_and_the_district_then_publishes(
    city_office,  # noqa: F811
    office,
    district_report,
):
    with pytest.raises(services.ReportError, match="只有已报送的汇总报告可以接收"):
        services.report_accept(actor=city_office.user, report=district_report)
    services.report_submit(actor=office.user, report=district_report)
    act(city_office, district_report, "accept")
    report = fresh(district_report)
    assert report.status == ReportStatus.ACCEPTED
    assert report.accepted_at is not None
    (event,) = events(report, AuditAction.REPORT_ACCEPT)
    assert event.actor_id == city_office.user.pk
    assert event.legal_basis == law.REPORT_ROLLUP.citation
    with pytest.raises(services.ReportError, match="只有已报送的报告可以退回"):
        services.report_return(actor=city_office.user, report=report, reason="晚了")
    with pytest.raises(services.ReportError, match="只有草稿可以修改"):
        services.report_update(
            actor=office.user, report=report, overview="x", problems="y", other="z", proactive={}
        )
    services.report_publish(actor=office.user, report=report)
    report = fresh(report)
    assert report.status == ReportStatus.PUBLISHED
    assert report.submitted_at is not None
    assert report.accepted_at is not None
    services.report_reopen(actor=office.user, report=report, reason="更正")
    assert fresh(report).accepted_at is None  # changed after acceptance: accepted again


@pytest.mark.django_db
def test_a_units_report_is_never_accepted(unit_a, reviewer_a, office):
    report = services.report_create(actor=reviewer_a.user, year=YEAR, unit=unit_a).report
    services.report_submit(actor=reviewer_a.user, report=report)
    with pytest.raises(services.ReportError, match="没有上一级政府"):
        services.report_accept(actor=office.user, report=report)
    assert act(office, report, "accept").status_code == 404
    assert fresh(report).status == ReportStatus.SUBMITTED


# --- who acts ------------------------------------------------------------------------------------
@pytest.mark.django_db
def test_only_the_parent_governments_office_acts_on_a_submitted_report(
    city_tree,  # noqa: F811
    office,
    city_office,  # noqa: F811
    district_report,
):
    province = make_unit("prov", "河北省人民政府", UnitKind.PROVINCE, serial=60, venues=False)
    city_tree["city"].parent = province
    city_tree["city"].save()
    province_office = make_staff("province_office", Role.OFFICE, province)
    sibling_office = make_staff("cp_office", Role.OFFICE, city_tree["other"])
    district_clerk = make_staff("qzf_clerk", Role.CLERK, city_tree["district"])
    district_supervisor = make_staff("qzf_supervisor", Role.SUPERVISOR, city_tree["district"])
    services.report_submit(actor=office.user, report=district_report)
    for outsider in (sibling_office, district_clerk):
        assert page(outsider, district_report).status_code == 404
        for step in ("accept", "return", "submit"):
            assert act(outsider, district_report, step, reason="x").status_code == 404
    # the province's office sees the district's report but receives only its cities'
    assert page(province_office, district_report).status_code == 200
    # the district's own office does not accept or return what it sent
    for staff in (province_office, office):
        for step in ("accept", "return"):
            assert act(staff, district_report, step, reason="x").status_code == 404
    assert act(district_supervisor, district_report, "accept").status_code == 403
    assert fresh(district_report).status == ReportStatus.SUBMITTED
    assert events(district_report, AuditAction.REPORT_ACCEPT) == []
    # the city's report goes to the province's office, now the government above it
    city_report = consolidated(city_tree["city"], city_office.user)
    assert services.receiving_unit_id(city_report) == province.pk
    assert act(city_office, city_report, "submit").status_code == 302
    assert act(office, city_report, "accept").status_code == 404
    assert act(province_office, city_report, "accept").status_code == 302
    assert fresh(city_report).status == ReportStatus.ACCEPTED


@pytest.mark.django_db
def test_the_top_government_has_nothing_to_submit_to(district, office):
    top = consolidated(district, office.user)
    assert top.unit is None  # the single district is the top
    assert services.receiving_unit_id(top) is None
    text = page(office, top).content.decode()
    assert "报送公开办</button>" not in text
    assert "报送" + district.name not in text
    with pytest.raises(services.ReportError, match="没有上一级政府"):
        services.report_submit(actor=office.user, report=top)
    response = act(office, top, "submit")
    assert response.status_code == 302
    assert fresh(top).status == ReportStatus.DRAFT
    assert events(top, AuditAction.REPORT_SUBMIT) == []


@pytest.mark.django_db
def test_cities_side_by_side_have_nothing_above_them(city_tree, city_office):  # noqa: F811
    other_city = make_unit("tj", "天津市人民政府", UnitKind.CITY, serial=70, venues=False)
    assert services.top_government() is None
    report = consolidated(city_tree["city"], city_office.user)
    assert report.unit == city_tree["city"]  # no single top: the city's report names it
    assert "报送" not in page(city_office, report).content.decode().split("校验")[1][:400]
    with pytest.raises(services.ReportError, match="没有上一级政府"):
        services.report_submit(actor=city_office.user, report=report)
    assert other_city.pk  # kept: the second city is what makes the first one a top


# --- the progress page ---------------------------------------------------------------------------
@pytest.mark.django_db
def test_the_progress_page_shows_each_state_with_its_date_and_lateness(
    city_tree,  # noqa: F811
    office,
    city_office,  # noqa: F811
    district_report,
):
    other = consolidated(city_tree["other"], office.user)
    at = dt.datetime(2026, 2, 25, 10, tzinfo=dt.UTC)  # five days after the districts' 2月20日
    AnnualReport.objects.filter(pk=district_report.pk).update(
        status=ReportStatus.ACCEPTED, submitted_at=at, accepted_at=at + dt.timedelta(days=3)
    )
    AnnualReport.objects.filter(pk=other.pk).update(
        returned_at=dt.datetime(2026, 2, 18, 9, tzinfo=dt.UTC), return_reason="缺少第六部分"
    )
    summary = selectors.rollup_of(
        city_tree["city"], YEAR, top_id=city_tree["city"].pk, today=D("2026-02-26")
    )
    rows = {row.label: row for row in summary.rows if row.consolidated}
    accepted = rows[f"{city_tree['district'].name}（全区汇总）"]
    assert (accepted.state, accepted.state_label) == ("accepted", "已接收")
    assert accepted.since == D("2026-02-28")
    assert accepted.done == D("2026-02-25")  # the submission counts, not the acceptance
    assert (accepted.late, accepted.days_late) == (True, 5)
    returned = rows[f"{city_tree['other'].name}（全区汇总）"]
    assert (returned.state, returned.state_label) == ("returned", "已退回修改")
    assert returned.since == D("2026-02-18")
    assert returned.done is None
    assert (returned.late, returned.days_late) == (True, 6)  # not submitted again by the date
    assert (summary.accepted, summary.returned) == (1, 1)
    text = (
        login(city_office)
        .get(reverse("staff:reports_rollup"), {"year": YEAR, "government": "city"})
        .content.decode()
    )
    assert "已接收" in text
    assert "2026-02-28" in text
    assert "已退回修改" in text
    assert "缺少第六部分" in text


# --- the steps in any order ----------------------------------------------------------------------
STEPS = ("submit", "return", "accept", "publish", "reopen", "edit")


@pytest.mark.django_db
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=st.lists(st.sampled_from(STEPS), max_size=8))
def test_any_order_of_steps_keeps_the_states_and_audits_each_change(
    city_office,  # noqa: F811
    office,
    district_report,
    steps,
):
    """Whatever is tried in whatever order, a step either changes the state as the roll-up
    says and writes one audit row, or is refused in Chinese and changes nothing; the dates
    always agree with the state."""
    allowed = {
        "submit": {ReportStatus.DRAFT: ReportStatus.SUBMITTED},
        "return": {ReportStatus.SUBMITTED: ReportStatus.DRAFT},
        "accept": {ReportStatus.SUBMITTED: ReportStatus.ACCEPTED},
        "publish": {
            ReportStatus.DRAFT: ReportStatus.PUBLISHED,
            ReportStatus.ACCEPTED: ReportStatus.PUBLISHED,
        },
        "reopen": {ReportStatus.PUBLISHED: ReportStatus.DRAFT},
        "edit": {ReportStatus.DRAFT: ReportStatus.DRAFT},
    }
    report = fresh(district_report)
    for step in steps:
        before = report.status
        audited = AuditEvent.objects.count()
        refusal = ""
        try:
            if step == "submit":
                services.report_submit(actor=office.user, report=report)
            elif step == "return":
                services.report_return(actor=city_office.user, report=report, reason="请更正")
            elif step == "accept":
                services.report_accept(actor=city_office.user, report=report)
            elif step == "publish":
                services.report_publish(actor=office.user, report=report)
            elif step == "reopen":
                services.report_reopen(actor=office.user, report=report, reason="更正")
            else:
                services.report_update(
                    actor=office.user,
                    report=report,
                    overview=report.overview + "。",
                    problems=report.problems,
                    other=report.other,
                    proactive=report.proactive,
                )
        except services.ReportError as exc:
            refusal = str(exc)
        if refusal:
            assert before not in allowed[step]
            assert any("\u4e00" <= ch <= "\u9fff" for ch in refusal)
            assert fresh(report).status == before
            assert AuditEvent.objects.count() == audited
        else:
            assert allowed[step][before] == fresh(report).status
            assert AuditEvent.objects.count() == audited + 1
        report = fresh(report)
        assert (report.status == ReportStatus.SUBMITTED) <= (report.submitted_at is not None)
        assert (report.status == ReportStatus.ACCEPTED) == (report.accepted_at is not None) or (
            report.status == ReportStatus.PUBLISHED
        )
        assert (report.return_reason != "") <= (report.status == ReportStatus.DRAFT)
    AnnualReport.objects.filter(pk=district_report.pk).update(
        status=ReportStatus.DRAFT,
        snapshot=None,
        submitted_at=None,
        accepted_at=None,
        returned_at=None,
        return_reason="",
        published_at=None,
    )
