"""``gongkai demo`` builds the district of the seed, with records that state the seed's
figures, and can be run again safely. The demo is built once for this module (it takes a while)
and every test runs in a transaction on top of it."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections import Counter
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.test import override_settings

from gongkai.appeals.models import Appeal, AppealKind, AppealResult, LitigationRoute
from gongkai.applications.models import Application
from gongkai.audit.models import AuditEvent
from gongkai.catalog import selectors
from gongkai.catalog.models import Column, Guide, Item
from gongkai.reports import services as report_services
from gongkai.reports.models import AnnualReport
from gongkai.search import engine
from gongkai.units.codes import uscc_problem
from gongkai.units.models import Role, Staff, Unit, UnitKind
from gongkai.units.selectors import venue_on
from gongkai.workdays import services as workdays

# The demo takes the better part of a minute to build, and two tests build it again.
pytestmark = pytest.mark.slow

OUTPUT: dict[str, Any] = {}


@pytest.fixture(scope="module", autouse=True)
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    # The flush runs even when the build fails, so that a failure here does not
    # leave rows behind for every later test module.
    index = tmp_path_factory.mktemp("demo-search")
    with django_db_blocker.unblock():
        try:
            out = StringIO()
            with override_settings(SEARCH_INDEX_DIR=index):
                engine.clear_cache()
                call_command("demo", stdout=out, stderr=StringIO())
            engine.clear_cache()
            OUTPUT["first"] = out.getvalue()
            OUTPUT["index"] = index
            yield
        finally:
            call_command("flush", interactive=False, verbosity=0)


def run_demo() -> str:
    out = StringIO()
    call_command("demo", stdout=out, stderr=StringIO())
    return out.getvalue()


@pytest.mark.django_db
def test_the_demo_builds_62_units_as_the_seed_describes():
    assert Unit.objects.count() == 62
    kinds = Counter(Unit.objects.values_list("kind", flat=True))
    assert kinds == {
        UnitKind.DISTRICT: 1,
        UnitKind.DEPARTMENT: 43,
        UnitKind.TOWNSHIP: 15,
        UnitKind.STREET: 3,
    }
    district = Unit.objects.get(kind=UnitKind.DISTRICT)
    assert district.name == "北京市延庆区人民政府"
    assert Unit.objects.exclude(pk=district.pk).filter(parent=district).count() == 61
    assert all(uscc_problem(code) is None for code in Unit.objects.values_list("uscc", flat=True))
    assert "公开单位：62个（新建62个" in OUTPUT["first"]


@pytest.mark.django_db
def test_every_unit_has_a_clerk_and_a_reviewer_and_the_office_and_supervisor_exist():
    for unit in Unit.objects.all():
        roles = set(unit.staff.values_list("role", flat=True))
        assert {Role.CLERK, Role.REVIEWER} <= roles, unit.name
    assert Staff.objects.filter(role=Role.OFFICE).count() == 2
    assert Staff.objects.filter(role=Role.SUPERVISOR).count() == 1
    assert "全部演示账号的密码：gongkai-demo" in OUTPUT["first"]
    assert "fgw.clerk" in OUTPUT["first"]
    assert "http://127.0.0.1:8000/accounts/login/" in OUTPUT["first"]


@pytest.mark.django_db
def test_the_2019_records_state_the_seeds_figures():
    received = Application.objects.filter(receipt_date__year=2019)
    assert received.count() == 271
    assert Counter(received.values_list("applicant_type", flat=True)) == {
        "natural": 260,
        "commercial": 11,
    }
    district = received.filter(unit__code="qzf")
    assert district.count() == 136
    in_2019 = district.filter(concluded_on__year=2019)
    assert in_2019.count() == 119
    assert all(a.delivered_on is None or a.delivered_on <= a.due_date for a in in_2019)
    assert district.filter(concluded_on__year=2020).count() == 17
    others = received.exclude(unit__code="qzf")
    assert others.count() == 135
    assert others.filter(concluded_on__year=2019).count() == 135
    subjects = set(received.values_list("subject", flat=True))
    assert {"land", "demolition", "housing", "own_records"} <= subjects


@pytest.mark.django_db
def test_every_2019_answer_was_in_time_under_the_text_in_force_at_receipt():
    """Before 2019-05-15 the 2007 Regulation gave 15 working days (+15 extended), after it the
    2019 text 20 (+20): each case's delivery is checked against its own period, counted here
    from the events rather than read from the stored due date."""
    calendar = workdays.current_calendar()
    early = 0
    for case in Application.objects.filter(receipt_date__year=2019).prefetch_related("events"):
        events = list(case.events.order_by("seq"))
        restart = [e.occurred_on for e in events if e.kind == "correction_received"]
        anchor = restart[-1] if restart else case.receipt_date
        old = case.receipt_date < dt.date(2019, 5, 15)
        period = 15 if old else 20
        period += sum(int(e.data["days"]) for e in events if e.kind == "extension_approved")
        paused = 0
        for start, end in _consultations(events):
            paused += max(0, calendar.count(start, end - dt.timedelta(days=1)))
        if case.delivered_on is None:
            continue
        used = calendar.count(anchor, case.delivered_on) - paused
        assert used <= period, (case.tracking_number, used, period)
        if old:
            early += 1
            reply = case.documents.get(notice_kind="reply")
            text = "".join(t for _, t in reply.rendered)
            assert "（国务院令第492号）" in text, case.tracking_number
            assert "第三十六条" not in text
    assert early > 30  # the demo does have applications of the first months of 2019


def _consultations(events):
    start = None
    for event in events:
        if event.kind == "consultation_started":
            start = event.occurred_on
        elif event.kind == "consultation_ended" and start is not None:
            yield start, event.occurred_on
            start = None


@pytest.mark.django_db
def test_every_reply_names_the_body_recorded_for_its_unit_on_its_date():
    for case in Application.objects.exclude(decided_on=None).select_related("unit")[:400]:
        approved = case.events.get(kind="decision_approved")
        venue = venue_on(case.unit, case.decided_on)
        assert approved.data["venue"]["bodies"] == list(venue.bodies)
        reply = "".join(t for _, t in case.documents.get(notice_kind="reply").rendered)
        assert venue.bodies[0] in reply


@pytest.mark.django_db
def test_the_2019_reconsiderations_lawsuits_and_complaint():
    filed = Appeal.objects.filter(filed_on__year=2019)
    reviews = filed.filter(kind=AppealKind.RECONSIDERATION)
    assert reviews.count() == 7

    def at_end_of_2019(appeal: Appeal) -> str:
        if appeal.decided_on is None or appeal.decided_on.year > 2019:
            return AppealResult.PENDING
        return appeal.result

    assert Counter(at_end_of_2019(a) for a in reviews) == {
        "upheld": 3,
        "corrected": 1,
        "pending": 3,
    }
    suits = filed.filter(kind=AppealKind.LITIGATION)
    assert Counter(at_end_of_2019(a) for a in suits) == {"upheld": 2, "corrected": 2, "other": 1}
    assert suits.filter(route=LitigationRoute.AFTER_REVIEW).count() == 2
    assert all(s.previous is not None for s in suits.filter(route=LitigationRoute.AFTER_REVIEW))
    assert filed.filter(kind=AppealKind.COMPLAINT).count() == 1


@pytest.mark.django_db
def test_the_export_of_2019_shows_the_seeds_figures(capsysbinary):
    call_command("applications", "export", "--year", "2019", "--format", "csv")
    text = capsysbinary.readouterr().out.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    received = [r for r in rows if r["收到申请之日"].startswith("2019")]
    assert len(received) == 271
    assert Counter(r["申请人类型"] for r in received) == {"自然人": 260, "商业企业": 11}
    district = [r for r in received if r["办理单位"] == "北京市延庆区人民政府"]
    assert len(district) == 136
    assert sum(r["办结日期"].startswith("2019") for r in district) == 119
    assert all(r["是否超期"] == "否" for r in received)
    assert all("*" in r["证件号码"] for r in rows)  # masked unless the office asks


@pytest.mark.django_db
def test_there_are_open_cases_for_today():
    from gongkai.applications.services import today

    open_cases = Application.objects.open()
    assert open_cases.overdue(today()).count() >= 2
    assert open_cases.filter(status="unrouted").count() == 1
    assert open_cases.filter(status="awaiting_correction").exists()
    assert open_cases.filter(status="decision_pending").exists()


@pytest.mark.django_db
def test_running_the_demo_again_duplicates_nothing():
    counts = (
        Unit.objects.count(),
        Staff.objects.count(),
        Application.objects.count(),
        Appeal.objects.count(),
        Item.objects.count(),
        Column.objects.count(),
        Guide.objects.count(),
        AuditEvent.objects.count(),
    )
    output = run_demo()
    assert (
        Unit.objects.count(),
        Staff.objects.count(),
        Application.objects.count(),
        Appeal.objects.count(),
        Item.objects.count(),
        Column.objects.count(),
        Guide.objects.count(),
        AuditEvent.objects.count(),
    ) == counts
    assert "新建0个" in output
    assert "已建立，保持不变" in output


@pytest.mark.django_db
def test_the_demo_repairs_what_was_changed_by_hand(client):
    Unit.objects.filter(code="fgw").update(name="被改动的名称")
    Staff.objects.filter(user__username="office").update(role=Role.CLERK)
    run_demo()
    assert Unit.objects.get(code="fgw").name == "北京市延庆区发展和改革委员会"
    assert Staff.objects.get(user__username="office").role == Role.OFFICE
    assert client.login(username="office", password="gongkai-demo")


@pytest.mark.django_db
def test_the_consolidated_2019_report_states_the_seeds_figures():
    from gongkai.reports import services as reports
    from gongkai.reports.identities import check_report
    from gongkai.units.models import Staff as StaffModel

    office = StaffModel.objects.get(user__username="office").user
    report = reports.report_create(actor=office, year=2019, unit=None).report  # the demo's draft
    built = reports.build(report)
    assert built["proactive"]["第二十条第（一）项"]["规范性文件"]["本年新制作数量"] == 3
    assert built["format"] == "2019"
    rows = built["applications"]["rows"]
    assert rows["一、本年新收政府信息公开申请数量"]["总计"] == 271
    assert rows["一、本年新收政府信息公开申请数量"]["自然人"] == 260
    assert rows["一、本年新收政府信息公开申请数量"]["商业企业"] == 11
    four = built["review_litigation"]
    assert four["行政复议"] == {
        "结果维持": 3,
        "结果纠正": 1,
        "其他结果": 0,
        "尚未审结": 3,
        "总计": 7,
    }
    lawsuits = [four["行政诉讼/未经复议直接起诉"], four["行政诉讼/复议后起诉"]]
    assert sum(g["总计"] for g in lawsuits) == 5
    assert sum(g["结果维持"] for g in lawsuits) == 2
    assert sum(g["结果纠正"] for g in lawsuits) == 2
    assert sum(g["其他结果"] for g in lawsuits) == 1
    assert check_report(built) == []
    assert "共收到政府信息公开申请271件" in built["sections"]["一、总体情况"]
    assert "11006" in built["sections"]["一、总体情况"]
    # the training of the seed, counted from the training records
    assert "（6月25日），全区62家公开单位189名工作人员参加" in built["sections"]["一、总体情况"]
    assert not [f for f in reports.validate(report) if f.severity == "error"]
    # The office validates and publishes it.
    reports.report_publish(actor=office, report=report)
    report.refresh_from_db()
    assert report.status == "published"


@pytest.mark.django_db
def test_the_seeds_training_of_2019_with_its_handout():
    from gongkai.training import selectors as training
    from gongkai.training.models import Session

    figures = training.year_figures(2019)
    assert (figures.sessions, figures.units, figures.people) == (1, 62, 189)
    assert figures.dates == (dt.date(2019, 6, 25),)
    assert Session.objects.get().materials.count() == 1


@pytest.mark.django_db
def test_the_district_governments_own_reports_for_2019_and_2020():
    from gongkai.reports import services as reports

    unit = Unit.objects.get(code="qzf")
    clerk = Staff.objects.get(user__username="qzf.clerk").user
    rows = reports.build(reports.report_create(actor=clerk, year=2019, unit=unit).report)[
        "applications"
    ]["rows"]
    assert rows["一、本年新收政府信息公开申请数量"]["总计"] == 136
    assert rows["（七）总计"]["总计"] == 119
    assert rows["四、结转下年度继续办理"]["总计"] == 17
    rows_2020 = reports.build(reports.report_create(actor=clerk, year=2020, unit=unit).report)[
        "applications"
    ]["rows"]
    assert rows_2020["二、上年结转政府信息公开申请数量"]["总计"] == 17
    assert rows_2020["（七）总计"]["总计"] >= 17


# --- the catalog --------------------------------------------------------------------------------
@pytest.mark.django_db
def test_the_2019_catalog_states_the_seeds_figures():
    counts = selectors.year_counts(2019)
    assert dict(counts["rows"]) == {
        "法规文件": 53,
        "规范性文件": 3,
        "区政府动态信息": 222,
        "区政府其他信息": 0,
        "委、办、局(中心)信息": 6828,
        "乡镇(街道)信息": 3900,
        "其他单位信息": 0,
    }
    assert counts["total"] == 11006
    assert counts["interpretations"] == 15
    by_level = Counter()
    for row in counts["transfers"]:
        by_level[row["level"]] += row["copies"]
    assert by_level == {"district": 576, "municipal": 306}
    assert len({row["place"] for row in counts["transfers"]}) == 6
    assert Column.objects.filter(shared=True).count() == 38
    assert "11006 条" in OUTPUT["first"]


@pytest.mark.django_db
def test_every_2019_normative_document_has_its_interpretation():
    normative = Item.objects.filter(column__kind="normative", published_on__year=2019)
    assert normative.count() == 3
    for item in normative:
        assert item.interpretations.filter(status="published").exists(), item.title
    interpretations = Item.objects.filter(interprets__isnull=False, published_on__year=2019)
    assert interpretations.count() == 15
    assert not interpretations.filter(unit__kind=UnitKind.DISTRICT).exists()  # 谁起草、谁解读


@pytest.mark.django_db
def test_every_demo_item_was_reviewed_by_another_person_and_the_audit_chain_holds():
    from django.db.models import F

    from gongkai.audit.services import verify

    published = Item.objects.filter(status="published")
    assert published.count() > 11006
    assert not published.filter(reviewed_by_label="").exists()
    assert not published.filter(created_by_label=F("reviewed_by_label")).exists()
    checked = verify()
    assert checked.problems == []
    assert checked.rows == AuditEvent.objects.count()


@pytest.mark.django_db
def test_every_unit_has_its_tree_and_its_2019_guide():
    for unit in Unit.objects.all():
        assert Column.objects.filter(unit=unit, code="news").exists(), unit.name
        first = Guide.objects.get(unit=unit, version=1)
        assert first.published_at.date() == dt.date(2019, 5, 15)


@pytest.mark.django_db
def test_index_numbers_are_unique_and_in_the_configured_pattern():
    numbers = list(Item.objects.filter(status="published").values_list("index_number", flat=True))
    assert len(numbers) == len(set(numbers))
    qzf = Unit.objects.get(code="qzf")
    first = Item.objects.filter(unit=qzf, published_on__year=2019).order_by("index_number").first()
    assert first.index_number == f"{qzf.uscc}/2019-00001"


@pytest.mark.django_db
def test_the_search_index_holds_the_catalog_and_traditional_finds_simplified(settings):
    settings.SEARCH_INDEX_DIR = OUTPUT["index"]
    engine.clear_cache()
    assert engine.document_count() == Item.objects.public().count()
    simplified = engine.search("补偿")
    traditional = engine.search("補償")
    assert simplified.total > 10
    assert traditional.total == simplified.total
    assert traditional.ids == simplified.ids


@pytest.mark.django_db
def test_the_2019_report_takes_the_normative_documents_from_the_catalog():
    report = AnnualReport.objects.get(year=2019, unit__isnull=True)
    row = report_services.build(report)["proactive"]["第二十条第（一）项"]["规范性文件"]
    assert row == {"本年新制作数量": 3, "本年新公开数量": 3, "对外公开总数量": 3}


@pytest.mark.django_db
def test_the_office_monitoring_has_something_to_show_today():
    rows = selectors.monitoring(Unit.objects.all(), year=dt.date.today().year)  # noqa: DTZ011
    assert any(r.stale for r in rows)
    assert any(not r.guide.ok for r in rows)
    assert sum(len(r.overdue) for r in rows) >= 1
    assert any(r.problems == 0 for r in rows)


@pytest.mark.django_db
def test_the_2019_inspection_found_problems_and_every_unit_concerned_rectified_them():
    from gongkai.inspections.models import Finding, Inspection, Rectification

    inspection = Inspection.objects.get(start_on__year=2019)
    assert inspection.units.count() == 62
    assert Rectification.objects.exclude(status="closed").count() == 0
    assert all(r.on_time for r in Rectification.objects.all())
    # the findings point at the records they concern: 2019 cases and columns of the unit
    linked = Finding.objects.filter(application__isnull=False)
    assert linked.exists()
    assert all(f.application.unit_id == f.unit_id for f in linked)
    assert Finding.objects.filter(column__code="news").count() == 2


def test_the_2019_assessment_of_the_62_units_is_scored_and_locked():
    from gongkai.assessment import selectors as assessment_selectors
    from gongkai.assessment.models import Assessment

    assessment = Assessment.objects.get(year=2019)
    assert assessment.is_locked
    assert assessment.as_of == dt.date(2019, 12, 31)
    rows = assessment_selectors.ranking(assessment)
    assert len(rows) == 62
    assert all(row["complete"] for row in rows)
    assert rows[0]["rank"] == 1
    assert [r["rank"] for r in rows] == sorted(r["rank"] for r in rows)
    district = Unit.objects.get(kind=UnitKind.DISTRICT)
    sheet = assessment_selectors.sheet(assessment, district)
    items = {i["id"]: i for s in sheet["sections"] for i in s["items"]}
    # 区政府 concluded its 119 answers of 2019 within the period (the seed), its guide was renewed
    # on 2019-05-15, and its replies are complete
    assert items["A1"]["score"] == "12"
    assert "119" in items["A1"]["summary"] or "办结申请" in items["A1"]["summary"]
    assert items["B3"]["score"] == "4"
    assert items["A2"]["score"] == "8"
    assert items["P7"]["source_name"].endswith(".xlsx")


@pytest.mark.django_db
def test_the_public_questions_of_a_working_day():
    from gongkai.questions import selectors as questions
    from gongkai.questions.models import Question
    from gongkai.questions.services import today

    assert Question.objects.filter(kind="question").count() == 8
    published = list(questions.published())
    assert len(published) == 3
    for question in published:
        assert question.asker_name not in question.public_text + question.public_asker
        assert "13901234567" not in question.public_text
    asked = Question.objects.filter(kind="question")
    assert asked.filter(status="answered").count() == 1
    assert asked.filter(status="received").count() == 1
    # 我为政府网站找错: one answered to its reporter, one waiting for the office
    errors = Question.objects.filter(kind="site_error")
    assert sorted(errors.values_list("status", flat=True)) == ["answered", "received"]
    assert all(e.tracking_number.startswith("ZC-") for e in errors)
    assert Question.objects.overdue(today()).count() >= 1
    converted = Question.objects.get(status="converted")
    assert converted.application.receipt_date == converted.received_on


@pytest.mark.django_db
def test_three_units_publish_their_register_and_a_repeated_request_is_public():
    from gongkai.reuse import selectors as reuse_selectors
    from gongkai.reuse.models import RegisterSetting, RequestLink

    assert RegisterSetting.objects.filter(enabled=True).count() == 3
    entries = reuse_selectors.register_entries()
    assert entries
    names = set(
        Application.objects.filter(unit_id__in=reuse_selectors.register_unit_ids()).values_list(
            "applicant_name", flat=True
        )
    )
    for entry in entries:
        assert not any(name in entry.summary or name in entry.notice for name in names)
    published = reuse_selectors.converted_items()
    assert published.count() == 1
    assert RequestLink.objects.filter(item=published.get()).count() >= 2


def test_the_2019_website_return_is_published_from_the_records():
    from gongkai.websitereport import services as website_return
    from gongkai.websitereport.models import ConcernResponse, WebsiteReturn

    ret = WebsiteReturn.objects.get(year=2019)
    assert ret.is_published
    figures = website_return.values(website_return.build(ret))
    # the seed: 15 interpretations, two 一图读懂 and one 20问; the 落石 responses
    assert figures["interp_total"] == 15
    assert figures["interp_products"] == 2
    assert figures["responses"] == ConcernResponse.objects.filter(responded_on__year=2019).count()
    assert figures["responses"] == 5
    assert figures["topics_kept"] == "38"
    published = Item.objects.published().filter(published_on__year=2019).count()
    assert figures["info_total"] == published  # every column counts in one category by default
