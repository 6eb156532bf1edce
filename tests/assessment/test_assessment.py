"""A year's assessment over real records: the indicators fed from the cases and the catalog, the
office's scores, the third-party file, the lock, the spreadsheets and who sees what."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from gongkai.applications.models import Application, ApplicationEvent
from gongkai.assessment import selectors, services, spreadsheets
from gongkai.assessment.indicators import Evidence
from gongkai.assessment.models import Assessment, RubricVersion, Score
from gongkai.assessment.rubric import SHIPPED
from gongkai.assessment.services import AssessmentError, ImportedScore
from gongkai.audit.actions import AuditAction
from gongkai.audit.models import AuditEvent
from gongkai.catalog.models import Column
from gongkai.catalog.selectors import monitoring
from tests.conftest import login
from tests.factories import PNG, columns_of, publish, register

YEAR = 2025
MANUAL = ("B1", "B2", "B4", "P5", "P6", "A4")  # B5 is fed by the inspections
THIRD = ("P7", "A5")
D = Decimal


@pytest.fixture
def assessment(office, unit_a, unit_b) -> Assessment:
    return services.assessment_create(actor=office.user, year=YEAR)


def item_of(sheet: dict, item_id: str) -> dict:
    return next(i for s in sheet["sections"] for i in s["items"] if i["id"] == item_id)


def conclude(app: Application, *, on: dt.date, due: dt.date, decision: dict) -> None:
    Application.objects.filter(pk=app.pk).update(
        status="closed", concluded_on=on, due_date=due, outcome=decision["outcome"],
        decision=decision,
    )  # fmt: skip


def fill(assessment: Assessment, office, units, score: str = "2") -> None:
    for unit in units:
        for item_id in MANUAL:
            services.score_set(actor=office.user, assessment=assessment, unit=unit,
                               item_id=item_id, score=score, note="抽查材料")  # fmt: skip
    services.third_party_import(
        actor=office.user, assessment=assessment, source_name="评估.xlsx",
        rows=[ImportedScore(u, i, D(score), "") for u in units for i in THIRD],
    )  # fmt: skip


# --- the indicators fed from the records ----------------------------------------------------------
@pytest.mark.django_db
def test_answers_notices_and_corrections_are_judged_from_the_cases(assessment, unit_a, clerk_a):
    on_time = register(clerk_a.user, unit_a)
    conclude(on_time, on=dt.date(2025, 3, 20), due=dt.date(2025, 3, 31),
             decision={"outcome": "provided"})  # fmt: skip
    late = register(clerk_a.user, unit_a)
    conclude(late, on=dt.date(2025, 4, 2), due=dt.date(2025, 3, 31),
             decision={"outcome": "partial",
                       "grounds": [{"ground": "withhold_secret", "reason": ""}]})  # fmt: skip
    open_past_due = register(clerk_a.user, unit_a, received=dt.date(2025, 11, 3))
    Application.objects.filter(pk=open_past_due.pk).update(due_date=dt.date(2025, 12, 1))
    ApplicationEvent.objects.create(
        application=on_time, seq=90, kind="correction_requested", occurred_on=dt.date(2025, 3, 20),
        actor_label="经办", summary="告知补正",
    )  # fmt: skip

    sheet = selectors.sheet(assessment, unit_a)
    assert sheet is not None
    a1 = item_of(sheet, "A1")
    assert a1["score"] == "8"  # 12 less 2 for each of the two late ones
    assert [e["ref"] for e in a1["evidence"] if not e["ok"]] == [late.pk, open_past_due.pk]
    assert "仍未办结" in a1["evidence"][1]["note"]
    a2 = item_of(sheet, "A2")
    assert a2["score"] == "7"
    (bad,) = [e for e in a2["evidence"] if not e["ok"]]
    assert bad["ref"] == late.pk
    assert "具体理由" in bad["note"]
    a3 = item_of(sheet, "A3")
    assert a3["score"] == "4"  # asked 13 working days after receipt: late
    assert a3["evidence"][0]["url"] == reverse("staff:case", args=[on_time.pk])


@pytest.mark.django_db
def test_the_catalog_indicators_reuse_the_monitoring(assessment, unit_a, clerk_a, reviewer_a):
    columns = columns_of(unit_a)
    Column.objects.filter(unit=unit_a).update(created_at=dt.datetime(2025, 1, 1, tzinfo=dt.UTC))
    news = columns["news"]
    for n in range(4):
        item = publish(clerk_a.user, reviewer_a.user, unit_a, news, title=f"动态{n}")
        on = dt.date(2025, 12, 1 + n)
        due = on if n else on - dt.timedelta(days=10)  # the first one late
        item.__class__.objects.filter(pk=item.pk).update(published_on=on, publish_due=due)
    sheet = selectors.sheet(assessment, unit_a)
    assert sheet is not None
    p1 = item_of(sheet, "P1")
    assert p1["score"] == "7.5"  # 3 of 4 on time: 75% < 95%
    assert sum(1 for e in p1["evidence"] if not e["ok"]) == 1
    (watched,) = monitoring([unit_a], year=YEAR, today=dt.date(2025, 12, 31))
    p2 = item_of(sheet, "P2")
    assert {e["ref"] for e in p2["evidence"]} == {s.column.pk for s in watched.stale}
    assert p2["evidence"], "the standard tree's columns went a year without news"
    p3 = item_of(sheet, "P3")
    assert news.pk not in {e["ref"] for e in p3["evidence"]}
    assert all(e["url"] == reverse("staff:columns", args=[unit_a.pk]) for e in p3["evidence"])
    b3 = item_of(sheet, "B3")
    assert (b3["score"], b3["summary"]) == ("0", "尚未发布政府信息公开指南")


@pytest.mark.django_db
def test_a_later_publication_does_not_hide_a_column_stale_on_the_assessments_day(
    unit_a, clerk_a, reviewer_a
):
    columns = columns_of(unit_a)
    Column.objects.filter(unit=unit_a).update(created_at=dt.datetime(2024, 1, 1, tzinfo=dt.UTC))
    item = publish(clerk_a.user, reviewer_a.user, unit_a, columns["news"])
    item.__class__.objects.filter(pk=item.pk).update(published_on=dt.date(2026, 1, 5))
    (row,) = monitoring([unit_a], year=2025, today=dt.date(2025, 12, 31))
    assert columns["news"].pk in {s.column.pk for s in row.stale}


@pytest.mark.django_db
def test_the_rectifications_item_is_the_offices_until_a_feed_is_registered(
    assessment, office, unit_a, monkeypatch
):
    # An indicator without a feed (here the rectifications', whose feed is taken away)
    monkeypatch.delitem(selectors.FEEDS, "rectifications_closed")
    sheet = selectors.sheet(assessment, unit_a)
    b5 = item_of(sheet, "B5")
    assert b5["score"] is None
    assert b5["by_hand"]
    assert b5["summary"] == selectors.UNFED
    services.score_set(actor=office.user, assessment=assessment, unit=unit_a, item_id="B5",
                       score="6", note="整改台账")  # fmt: skip
    assert item_of(selectors.sheet(assessment, unit_a), "B5")["score"] == "6"

    def feed(ctx):
        return {unit_a.pk: [Evidence("rectification", 1, "整改通知1", False, "逾期", "/x/")]}

    selectors.register_feed("rectifications_closed", feed)
    try:
        b5 = item_of(selectors.sheet(assessment, unit_a), "B5")
        assert (b5["score"], b5["by_hand"]) == ("4", False)
        with pytest.raises(AssessmentError, match="不能由公开办直接评分"):
            services.score_set(actor=office.user, assessment=assessment, unit=unit_a,
                               item_id="B5", score="6", note="x")  # fmt: skip
    finally:
        del selectors.FEEDS["rectifications_closed"]
    with pytest.raises(ValueError, match="no indicator"):
        selectors.register_feed("nonexistent", feed)


@pytest.mark.django_db
def test_the_rectifications_item_is_scored_from_the_inspections_notices(
    assessment, office, clerk_a, unit_a
):
    """B5 (整改落实) reads the rectification notices of the year: one not completed by its due
    date costs per_open points; completed on time, full points; a unit issued none, full points."""
    from gongkai.inspections import services as inspections

    inspection = inspections.inspection_create(
        actor=office.user,
        title="2025年度检查",
        start_on=dt.date(2025, 9, 15),
        end_on=dt.date(2025, 9, 19),
        units=[unit_a],
    )
    inspections.finding_add(
        actor=office.user, inspection=inspection, unit=unit_a, kind="other", description="问题"
    )
    notice = inspections.rectification_issue(
        actor=office.user, inspection=inspection, unit=unit_a, on=dt.date(2025, 9, 26)
    )
    b5 = item_of(selectors.sheet(assessment, unit_a), "B5")
    assert (b5["score"], b5["by_hand"]) == ("4", False)  # 6 points, 2 for the one still open
    assert notice.number in str(b5)
    inspections.rectification_respond(
        actor=clerk_a.user, rectification=notice, text="已整改", on=notice.due_date
    )
    inspections.rectification_close(
        actor=office.user, rectification=notice, on=notice.due_date + dt.timedelta(days=3)
    )
    assert item_of(selectors.sheet(assessment, unit_a), "B5")["score"] == "6"
    with pytest.raises(AssessmentError, match="不能由公开办直接评分"):
        services.score_set(actor=office.user, assessment=assessment, unit=unit_a,
                           item_id="B5", score="5", note="x")  # fmt: skip


# --- scores, sheets, ranking ----------------------------------------------------------------------
@pytest.mark.django_db
def test_a_manual_score_needs_a_note_and_stays_within_the_points(assessment, office, unit_a):
    def score(item_id: str, value: str, note: str = "依据材料") -> None:
        services.score_set(actor=office.user, assessment=assessment, unit=unit_a,
                           item_id=item_id, score=value, note=note)  # fmt: skip

    with pytest.raises(AssessmentError, match="请写明评分说明"):
        score("B1", "3", "  ")
    with pytest.raises(AssessmentError, match="0至3分之间"):
        score("B1", "3.5")
    with pytest.raises(AssessmentError, match="一位小数"):
        score("B1", "2.25")
    with pytest.raises(AssessmentError, match="请导入第三方评估得分"):
        score("P7", "5")
    with pytest.raises(AssessmentError, match="自动指标项目"):
        score("A1", "5")
    with pytest.raises(AssessmentError, match="没有项目"):
        score("Z9", "1")
    assert not Score.objects.exists()
    score("B1", "2", "未备案，扣1分")
    score("B1", "2.5", "复核后改为2.5分")
    stored = Score.objects.get()
    assert (stored.score, stored.note) == (D("2.5"), "复核后改为2.5分")
    event = AuditEvent.objects.filter(action=AuditAction.ASSESSMENT_SCORE).order_by("pk").last()
    assert event.changes["before"] == {"score": "2.0", "note": "未备案，扣1分"}
    assert "第四十六条" in event.legal_basis


@pytest.mark.django_db
def test_every_sheet_adds_up_and_ties_share_a_rank(assessment, office, district, unit_a, unit_b):
    fill(assessment, office, [district, unit_a, unit_b])
    sheets = selectors.sheets(assessment)
    for sheet in sheets.values():
        total = D(0)
        for section in sheet["sections"]:
            added = sum(D(i["score"]) for i in section["items"])
            assert D(section["score"]) == added
            assert added <= D(section["points"])
            total += added
        assert D(sheet["total"]) == total
        assert sheet["complete"]
    rows = selectors.ranking(assessment)
    assert [r["rank"] for r in rows] == [1, 1, 1]  # no records at all: equal everywhere
    services.score_set(actor=office.user, assessment=assessment, unit=unit_b, item_id="B1",
                       score="3", note="满分")  # fmt: skip
    rows = selectors.ranking(assessment)
    assert [(r["unit"]["id"], r["rank"]) for r in rows] == [
        (unit_b.pk, 1),
        (district.pk, 2),
        (unit_a.pk, 2),
    ]


@pytest.mark.django_db
def test_the_lock_freezes_the_year_and_refuses_changes_until_reopened(
    assessment, office, district, unit_a, unit_b, clerk_a
):
    with pytest.raises(AssessmentError, match="尚有单位未完成评分"):
        services.assessment_lock(actor=office.user, assessment=assessment)
    fill(assessment, office, [district, unit_a, unit_b])
    locked = services.assessment_lock(actor=office.user, assessment=assessment)
    assert locked.is_locked
    assert locked.snapshot["ranking"]
    before = selectors.sheet(locked, unit_a)
    late = register(clerk_a.user, unit_a)
    conclude(late, on=dt.date(2025, 5, 2), due=dt.date(2025, 3, 31),
             decision={"outcome": "provided"})  # fmt: skip
    assert selectors.sheet(locked, unit_a) == before  # read from the snapshot
    with pytest.raises(AssessmentError, match="已锁定"):
        services.score_set(actor=office.user, assessment=locked, unit=unit_a, item_id="B1",
                           score="1", note="改")  # fmt: skip
    with pytest.raises(AssessmentError, match="已锁定"):
        services.third_party_import(actor=office.user, assessment=locked, source_name="x.xlsx",
                                    rows=[ImportedScore(unit_a, "P7", D(1), "")])  # fmt: skip
    with pytest.raises(AssessmentError, match="已锁定"):
        services.assessment_lock(actor=office.user, assessment=locked)
    with pytest.raises(AssessmentError, match="说明理由"):
        services.assessment_reopen(actor=office.user, assessment=locked, reason=" ")
    assert Score.objects.get(unit=unit_a, item_id="B1").score == 2
    reopened = services.assessment_reopen(actor=office.user, assessment=locked,
                                          reason="第三方评估结果更正")  # fmt: skip
    assert not reopened.is_locked
    assert reopened.snapshot is None
    assert item_of(selectors.sheet(reopened, unit_a), "A1")["score"] == "10"
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {AuditAction.ASSESSMENT_LOCK, AuditAction.ASSESSMENT_REOPEN} <= actions
    with pytest.raises(AssessmentError, match="只有已锁定"):
        services.assessment_reopen(actor=office.user, assessment=reopened, reason="再次")


@pytest.mark.django_db
def test_a_year_is_assessed_once_and_never_before_it_begins(assessment, office):
    with pytest.raises(AssessmentError, match="已经开始"):
        services.assessment_create(actor=office.user, year=YEAR)
    with pytest.raises(AssessmentError, match="已开始的年度"):
        services.assessment_create(actor=office.user, year=2100)
    with pytest.raises(AssessmentError, match="应在2024年内"):
        services.assessment_create(actor=office.user, year=2024, as_of=dt.date(2025, 1, 1))


# --- spreadsheets ---------------------------------------------------------------------------------
@pytest.mark.django_db
def test_the_summary_table_opens_in_openpyxl_in_the_offices_layout(
    assessment, office, district, unit_a, unit_b
):
    fill(assessment, office, [district, unit_a, unit_b])
    response = login(office).get(reverse("staff:assessment_export", args=[YEAR]))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert "2025年度政府信息公开和政务公开专项考核" in sheet["A1"].value
    assert [sheet.cell(2, c).value for c in (1, 2)] == ["序号", "单位"]
    assert sheet.cell(2, 3).value == "基础工作（20分）"
    assert sheet.cell(3, 3).value == "B1 组织领导和工作机构（3分）"
    assert sheet.cell(3, 8).value == "小计"
    width = sheet.max_column
    assert [sheet.cell(2, width - 1).value, sheet.cell(2, width).value] == ["总分（100分）", "排名"]
    rows = list(sheet.iter_rows(min_row=4, values_only=True))
    assert len(rows) == 3
    ranking = selectors.ranking(assessment)
    for row, expected in zip(rows, ranking, strict=True):
        assert row[1] == expected["unit"]["name"]
        assert D(str(row[-2])) == D(expected["total"])
        assert row[-1] == expected["rank"]
        assert row[2] == 2  # B1


def filled_template(client, rows: dict[str, dict[str, object]]) -> bytes:
    content = client.get(reverse("staff:assessment_template", args=[YEAR])).content
    book = load_workbook(io.BytesIO(content))
    sheet = book.active
    header = [c.value for c in sheet[1]]
    for row in sheet.iter_rows(min_row=2):
        for col, value in rows.get(row[0].value, {}).items():
            row[header.index(col) if col in header else 0].value = value
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def upload(client, content: bytes, name: str = "评估结果.xlsx"):
    file = io.BytesIO(content)
    file.name = name
    return client.post(reverse("staff:assessment_third_party", args=[YEAR]), {"file": file})


@pytest.mark.django_db
def test_the_third_party_template_round_trips(assessment, office, unit_a, unit_b):
    client = login(office)
    p7, a5 = "P7 门户网站公开专栏测评（8分）", "A5 依申请公开模拟测评（5分）"
    content = filled_template(client, {"fgw": {p7: 7.5, a5: 4, "说明": "测评报告第3页"},
                                       "kzz": {p7: 6}})  # fmt: skip
    response = upload(client, content)
    assert response.status_code == 302
    stored = {(s.unit.code, s.item_id): (s.score, s.note) for s in Score.objects.all()}
    assert stored == {
        ("fgw", "P7"): (D("7.5"), "测评报告第3页"),
        ("fgw", "A5"): (D(4), "测评报告第3页"),
        ("kzz", "P7"): (D(6), "第三方评估得分，导入自“评估结果.xlsx”"),
    }
    again = load_workbook(io.BytesIO(client.get(
        reverse("staff:assessment_template", args=[YEAR])).content)).active  # fmt: skip
    values = {row[0]: row[2:4] for row in again.iter_rows(min_row=2, values_only=True)}
    assert values["fgw"] == (7.5, 4)
    sheet = selectors.sheet(assessment, unit_a)
    assert item_of(sheet, "P7")["source_name"] == "评估结果.xlsx"


def workbook(*rows) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            workbook(["单位代码", "P7 门户网站公开专栏测评（8分）"], ["nope", 5]),
            "单位代码“nope”不存在",
        ),
        (workbook(["单位代码", "P7"], ["fgw", 9]), "得分9不在0至8分之间"),
        (workbook(["单位代码", "P7"], ["fgw", "优"]), "“优”不是数字"),
        (workbook(["单位代码", "P7"], ["fgw", 7.25]), "最多保留一位小数"),
        (workbook(["单位代码", "B1 组织领导"], ["fgw", 3]), "是公开办评分项目，不能导入"),
        (workbook(["单位代码", "X1 其他"], ["fgw", 3]), "不是考核细则中的项目"),
        (workbook(["单位", "P7"], ["fgw", 3]), "表头中没有“单位代码”列"),
        (workbook(["单位代码", "P7"], ["fgw", 3], ["fgw", 4]), "与第2行重复"),
        (workbook(["单位代码", "P7"], ["fgw", None]), "文件中没有可导入的得分"),
        (PNG, "不是允许的类型（只接受 XLSX）"),
        (b"PK\x03\x04broken", "不是允许的类型"),
    ],
)
def test_a_bad_file_is_refused_in_chinese_and_nothing_is_stored(
    assessment, office, unit_a, content, message
):
    good_row = ["kzz", 5]  # a good row in the same file is not stored either
    if content.startswith(b"PK") and b"broken" not in content and "没有可导入" not in message:
        book = load_workbook(io.BytesIO(content))
        book.active.append(good_row)
        out = io.BytesIO()
        book.save(out)
        content = out.getvalue()
    response = upload(login(office), content)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Score.objects.exists()


@pytest.mark.django_db
def test_a_file_that_is_xlsx_only_by_name_is_refused(assessment, office):
    with pytest.raises(spreadsheets.ImportProblems, match="无法读取"):
        spreadsheets.read_import(b"PK\x03\x04", assessment.parsed_rubric(), {})


# --- pages and who sees what ----------------------------------------------------------------------
@pytest.mark.django_db
def test_a_unit_sees_its_own_sheet_only(assessment, unit_a, unit_b, clerk_a, reviewer_a):
    for member in (clerk_a, reviewer_a):
        client = login(member)
        own = client.get(reverse("staff:assessment_sheet", args=[YEAR, unit_a.pk]))
        assert own.status_code == 200
        assert "考核评分表" in own.content.decode()
        assert "修改评分" not in own.content.decode()
        assert ">评分<" not in own.content.decode()
        assert (
            client.get(reverse("staff:assessment_sheet", args=[YEAR, unit_b.pk])).status_code == 404
        )
        assert client.get(reverse("staff:assessment_ranking", args=[YEAR])).status_code == 404
        index = client.get(reverse("staff:assessment")).content.decode()
        assert reverse("staff:assessment_sheet", args=[YEAR, unit_a.pk]) in index


@pytest.mark.django_db
def test_the_supervisor_reads_the_ranking_and_changes_nothing(assessment, supervisor, unit_a):
    client = login(supervisor)
    assert client.get(reverse("staff:assessment_ranking", args=[YEAR])).status_code == 200
    assert client.get(reverse("staff:assessment_export", args=[YEAR])).status_code == 200
    page = client.get(reverse("staff:assessment_sheet", args=[YEAR, unit_a.pk])).content.decode()
    assert "修改评分" not in page
    url = reverse("staff:assessment_score", args=[YEAR, unit_a.pk, "B1"])
    assert client.post(url, {"score": "1", "note": "x"}).status_code == 403
    assert not Score.objects.exists()


@pytest.mark.django_db
def test_the_office_scores_locks_and_reopens_through_the_pages(
    assessment, office, district, unit_a, unit_b
):
    client = login(office)
    url = reverse("staff:assessment_score", args=[YEAR, unit_a.pk, "B1"])
    response = client.post(url, {"score": "9", "note": "多打了"})
    assert response.status_code == 400
    assert "0至3分之间" in response.content.decode()
    response = client.post(url, {"score": "2", "note": "专职人员未备案"})
    assert response.status_code == 302
    sheet = client.get(response["Location"]).content.decode()
    assert "专职人员未备案" in sheet
    lock = reverse("staff:assessment_act", args=[YEAR, "lock"])
    page = client.get(client.post(lock)["Location"]).content.decode()
    assert "尚有单位未完成评分" in page
    fill(assessment, office, [district, unit_a, unit_b])
    client.post(lock)
    assert Assessment.objects.get().is_locked
    response = client.post(url, {"score": "3", "note": "改"})
    assert response.status_code == 400
    assert "已锁定" in response.content.decode()
    reopen = reverse("staff:assessment_act", args=[YEAR, "reopen"])
    client.post(reopen, {"reason": ""})
    assert Assessment.objects.get().is_locked
    client.post(reopen, {"reason": "复核"})
    assert not Assessment.objects.get().is_locked
    assert client.post(reverse("staff:assessment_act", args=[YEAR, "publish"])).status_code == 404


@pytest.mark.django_db
def test_the_office_opens_a_year_and_loads_a_rubric_through_the_pages(office, unit_a):
    client = login(office)
    response = client.post(reverse("staff:assessment_create"), {"year": "2024"})
    assert response.status_code == 302
    assert Assessment.objects.get().as_of == dt.date(2024, 12, 31)
    assert client.post(reverse("staff:assessment_create"), {"year": "2024"}).status_code == 400
    bad = io.BytesIO(SHIPPED.read_bytes().replace(b"total: 100", b"total: 99"))
    bad.name = "rubric.yaml"
    response = client.post(reverse("staff:assessment_rubric_load"), {"file": bad})
    assert response.status_code == 400
    assert "各部分分值之和为100，与总分99不符" in response.content.decode()
    assert not RubricVersion.objects.exists()
    good = io.BytesIO(SHIPPED.read_bytes())
    good.name = "rubric.yaml"
    response = client.post(reverse("staff:assessment_rubric_load"), {"file": good, "note": "修订"})
    assert response.status_code == 302
    assert services.rubric_in_force()[1] == 1
    assert "组织领导和工作机构" in client.get(reverse("staff:assessment_rubric")).content.decode()


@pytest.mark.django_db
def test_the_command_checks_and_loads_a_rubric(tmp_path: Path, capsys):
    call_command("assessment", "rubric", "check", str(SHIPPED))
    assert "格式正确" in capsys.readouterr().out
    bad = tmp_path / "bad.yaml"
    bad.write_text(SHIPPED.read_text(encoding="utf-8").replace("id: B2", "id: B1"), "utf-8")
    with pytest.raises(SystemExit) as caught:
        call_command("assessment", "rubric", "check", str(bad))
    assert caught.value.code == 2
    assert "编号“B1”重复" in capsys.readouterr().err
    call_command("assessment", "rubric", "load", str(SHIPPED), "--note", "初始")
    assert RubricVersion.objects.get().version == 1
    call_command("assessment", "rubric", "show")
    assert "B1 组织领导和工作机构（3分，公开办评分）" in capsys.readouterr().out
