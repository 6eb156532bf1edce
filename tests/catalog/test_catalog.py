"""The catalog's rules, through its services: the workflow and its transition table, 索引号,
the 保密审查, the normative-document rule, Art. 26 lateness, validity, revision, withdrawal,
attachments, guides, reading places and paper transfers, and the audit of every step."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from django.db import IntegrityError, transaction
from django.test import override_settings
from django.utils import timezone

from gongkai.audit.models import AuditEvent
from gongkai.catalog import rules, selectors, services, status, tree
from gongkai.catalog.models import Column, Guide, IndexCounter, Item, PaperTransfer, ReadingPlace
from gongkai.catalog.status import State
from gongkai.search import engine
from tests.conftest import make_unit
from tests.factories import PNG, columns_of, draft, publish, server_day


@pytest.fixture
def cols(unit_a):
    return columns_of(unit_a)


# --- the tree -----------------------------------------------------------------------------------
def test_the_standard_tree_has_the_columns_the_issue_names():
    names = {node.name for _, node in tree.walk(tree.STANDARD)}
    for name in (
        "政府信息公开指南", "政府信息公开制度", "法定主动公开内容", "机构职能", "法规文件", "规章",
        "行政规范性文件", "其他文件", "规划计划", "统计信息", "财政预决算", "行政许可",
        "行政处罚与行政强制", "行政事业性收费", "政府采购", "重大建设项目", "公务员招考",
        "政府信息公开年报",
    ):  # fmt: skip
        assert name in names
    assert len(tree.KEY_AREAS) == 38 == len(set(tree.KEY_AREAS))
    codes = [node.code for _, node in tree.walk(tree.STANDARD)]
    assert len(codes) == len(set(codes))


@pytest.mark.django_db
def test_building_the_tree_twice_creates_nothing_the_second_time(district):
    first = services.build_tree(district, key_areas=True)
    assert services.build_tree(district, key_areas=True) == 0
    columns = Column.objects.filter(unit=district)
    assert columns.count() == first
    key_areas = columns.filter(shared=True)
    assert key_areas.count() == 38
    assert {c.parent.code for c in key_areas} == {"key-areas"}
    assert columns.get(code="normative").parent.code == "documents"


@pytest.mark.django_db
def test_only_a_province_or_a_city_government_gets_a_regulations_column(district, unit_a):
    """《立法法》第九十三条: 规章 are made by the governments of provinces and of cities with
    districts; any other unit's 规章 column would stand empty for ever."""
    from gongkai.units.models import UnitKind

    services.build_tree(district, key_areas=True)
    services.build_tree(unit_a)
    city = make_unit("bjs", "北京市人民政府", UnitKind.CITY, serial=41, venues=False)
    province = make_unit("hbs", "河北省人民政府", UnitKind.PROVINCE, serial=42, venues=False)
    for unit in (city, province):
        services.build_tree(unit)
    has = {
        u.kind: Column.objects.filter(unit=u, code="regulations", kind="regulation").exists()
        for u in (district, unit_a, city, province)
    }
    assert has == {"district": False, "department": False, "city": True, "province": True}
    documents = Column.objects.get(unit=city, code="regulations").parent
    assert documents.code == "documents"
    assert Column.objects.filter(unit=unit_a, code="normative", parent__code="documents").exists()


@pytest.mark.django_db
def test_existing_empty_regulations_columns_of_other_units_are_switched_off(
    clerk_a, clerk_b, unit_a, unit_b, cols
):
    import importlib

    from django.apps import apps

    from gongkai.units.models import UnitKind

    migration = importlib.import_module(
        "gongkai.catalog.migrations.0007_regulation_columns_only_for_rule_makers"
    )
    city = make_unit("bjs", "北京市人民政府", UnitKind.CITY, serial=41, venues=False)
    services.build_tree(city)
    # as an older Gongkai laid them out: a 规章 column for every unit, one of them holding a draft
    empty = Column.objects.create(unit=unit_a, parent=cols["documents"], code="regulations",
                                  name="规章", kind="regulation")  # fmt: skip
    used = Column.objects.create(unit=unit_b, code="regulations", name="规章", kind="regulation")
    draft(clerk_b.user, unit_b, used)
    migration.switch_off(apps, None)
    assert Column.objects.get(pk=empty.pk).is_active is False
    assert Column.objects.get(pk=used.pk).is_active is True  # holds an item: the office decides
    assert Column.objects.get(unit=city, code="regulations").is_active is True


@pytest.mark.django_db
def test_the_office_edits_the_tree_and_a_column_cannot_sit_under_itself(office, unit_a, cols):
    group = cols["documents"]
    with pytest.raises(services.CatalogError, match="自己的下级"):
        services.column_save(
            actor=office.user, unit=unit_a, column=group, data={"parent": cols["normative"]}
        )
    with pytest.raises(services.CatalogError, match="自己的下级"):
        services.column_save(actor=office.user, unit=unit_a, column=group, data={"parent": group})
    column = services.column_save(
        actor=office.user,
        unit=unit_a,
        column=None,
        data={"name": "价格监测", "parent": cols["statutory"], "kind": "general",
              "expected_interval_days": 30, "sort_order": 5, "is_active": True},
    )  # fmt: skip
    assert column.unit == unit_a
    assert column.parent == cols["statutory"]
    event = AuditEvent.objects.get(action="column.save")
    assert event.actor == office.user
    assert "价格监测" in event.summary


@pytest.mark.django_db
def test_a_column_of_another_unit_cannot_be_a_parent(office, unit_a, unit_b, cols):
    other = columns_of(unit_b)["statutory"]
    with pytest.raises(services.CatalogError, match="同一单位"):
        services.column_save(
            actor=office.user, unit=unit_a, column=cols["news"], data={"parent": other}
        )


# --- the workflow -------------------------------------------------------------------------------
def test_the_transition_table_allows_exactly_the_documented_moves():
    allowed = {
        ("draft", "draft"), ("draft", "submitted"), ("submitted", "draft"),
        ("submitted", "published"), ("published", "published"), ("published", "withdrawn"),
    }  # fmt: skip
    for source, target in itertools.product(State, State):
        assert status.can_move(source, target) == ((source.value, target.value) in allowed)


@pytest.mark.django_db
def test_an_item_goes_from_draft_to_published_with_an_index_number(
    clerk_a, reviewer_a, unit_a, cols
):
    item = draft(clerk_a.user, unit_a, cols["news"])
    assert item.status == State.DRAFT
    assert item.index_number is None
    assert item.publisher == unit_a.name
    assert item.summary.startswith("各乡镇人民政府")
    services.item_submit(actor=clerk_a.user, item=item)
    with server_day(dt.date(2025, 3, 20)):
        published = services.item_publish(actor=reviewer_a.user, item=item, secrecy_review="不涉密")
    assert published.status == State.PUBLISHED
    assert published.index_number == f"{unit_a.uscc}/2025-00001"
    assert published.published_on == dt.date(2025, 3, 20)
    assert published.secrecy_review == "不涉密"
    assert "审核丁" in published.reviewed_by_label
    actions = list(
        AuditEvent.objects.filter(object_type="item", object_id=str(item.pk))
        .order_by("at", "id")
        .values_list("action", flat=True)
    )
    assert actions == ["item.create", "item.submit", "item.publish"]
    publish_event = AuditEvent.objects.get(action="item.publish")
    assert "第十七条" in publish_event.legal_basis
    assert "不涉密" in publish_event.summary


@pytest.mark.django_db
def test_index_numbers_count_per_unit_and_year_and_are_never_reused(
    clerk_a, reviewer_a, unit_a, cols
):
    first = publish(clerk_a.user, reviewer_a.user, unit_a, cols["news"], on=dt.date(2025, 3, 20))
    second = publish(clerk_a.user, reviewer_a.user, unit_a, cols["news"], on=dt.date(2025, 3, 21))
    services.item_withdraw(actor=reviewer_a.user, item=second, reason="内容有误")
    third = publish(clerk_a.user, reviewer_a.user, unit_a, cols["news"], on=dt.date(2025, 3, 24))
    assert [i.index_number.rsplit("-", 1)[1] for i in (first, second, third)] == [
        "00001", "00002", "00003",
    ]  # fmt: skip
    assert IndexCounter.objects.get(unit=unit_a, year=2025).last == 3


@override_settings(GONGKAI_INDEX_PATTERN="{单位代码}-{YYYY}-{NNNNNN}")
@pytest.mark.django_db
def test_the_index_number_pattern_is_configurable(clerk_a, reviewer_a, unit_a, cols):
    item = publish(clerk_a.user, reviewer_a.user, unit_a, cols["news"], on=dt.date(2025, 3, 20))
    assert item.index_number == "FGW-2025-000001"


@pytest.mark.django_db
def test_the_database_refuses_a_published_item_without_its_number(clerk_a, unit_a, cols):
    item = draft(clerk_a.user, unit_a, cols["news"])
    with pytest.raises(IntegrityError), transaction.atomic():
        Item.objects.filter(pk=item.pk).update(status=State.PUBLISHED)


@pytest.mark.django_db
def test_steps_out_of_order_are_refused(clerk_a, reviewer_a, unit_a, cols):
    item = draft(clerk_a.user, unit_a, cols["news"])
    with pytest.raises(services.CatalogError):
        services.item_publish(actor=reviewer_a.user, item=item, secrecy_review="不涉密")
    with pytest.raises(services.CatalogError):
        services.item_withdraw(actor=reviewer_a.user, item=item, reason="x")
    services.item_submit(actor=clerk_a.user, item=item)
    with pytest.raises(services.CatalogError):
        services.item_submit(actor=clerk_a.user, item=item)
    with pytest.raises(services.CatalogError, match="只有草稿可以修改"):
        services.item_update(actor=clerk_a.user, item=item, data={"title": "新标题"})
    with pytest.raises(services.CatalogError, match="保密审查"):
        services.item_publish(actor=reviewer_a.user, item=item, secrecy_review="  ")
    services.item_return(actor=reviewer_a.user, item=item, reason="标题不准确")
    item.refresh_from_db()
    assert item.status == State.DRAFT


@pytest.mark.django_db
def test_a_publication_date_before_formation_or_in_the_future_is_refused(
    clerk_a, reviewer_a, office, unit_a, cols
):
    """The server's day before the 成文日期 (a clock set back) refuses the publication; a
    back-entry dated before formation, today or in the future is refused too."""
    item = draft(clerk_a.user, unit_a, cols["news"])
    services.item_submit(actor=clerk_a.user, item=item)
    with server_day(dt.date(2025, 3, 1)), pytest.raises(services.CatalogError, match="成文日期"):
        services.item_publish(actor=reviewer_a.user, item=item, secrecy_review="x")
    today = timezone.localdate()
    for on in (dt.date(2025, 3, 1), today, today + dt.timedelta(days=1)):
        with pytest.raises(services.CatalogError, match="发布日期"):
            services.item_back_enter(
                actor=office.user, item=item, published_on=on, note="据登记簿", secrecy_review="x"
            )
    item.refresh_from_db()
    assert item.status == State.SUBMITTED


@pytest.mark.django_db
def test_an_item_can_only_go_into_its_units_columns_or_a_shared_one(
    clerk_a, unit_a, unit_b, district, cols
):
    other = columns_of(unit_b)["news"]
    with pytest.raises(services.CatalogError, match="其他单位"):
        draft(clerk_a.user, unit_a, other)
    with pytest.raises(services.CatalogError, match="不能直接发布"):
        draft(clerk_a.user, unit_a, cols["documents"])  # a group
    shared = columns_of(district, key_areas=True)["key-01"]
    item = draft(clerk_a.user, unit_a, shared)
    assert item.unit == unit_a
    assert item.column.unit == district


# --- Art. 26 ------------------------------------------------------------------------------------
@pytest.mark.django_db
def test_a_publication_later_than_20_working_days_is_flagged(clerk_a, reviewer_a, unit_a, cols):
    # Formed Monday 2025-03-03: 20 working days end on Monday 2025-03-31.
    on_time = publish(clerk_a.user, reviewer_a.user, unit_a, cols["news"], on=dt.date(2025, 3, 31))
    late = publish(clerk_a.user, reviewer_a.user, unit_a, cols["news"], on=dt.date(2025, 4, 1))
    assert on_time.publish_due == dt.date(2025, 3, 31)
    assert not on_time.is_late
    assert late.is_late
    assert (
        "晚于应公开期限2025-03-31"
        in AuditEvent.objects.get(action="item.publish", object_id=str(late.pk)).summary
    )


# --- normative documents and interpretations ----------------------------------------------------
@pytest.mark.django_db
def test_a_normative_document_needs_an_interpretation_or_a_reason(
    clerk_a, reviewer_a, unit_a, cols
):
    policy = draft(clerk_a.user, unit_a, cols["normative"], title="延庆区节能补助管理办法")
    services.item_submit(actor=clerk_a.user, item=policy)
    with pytest.raises(services.CatalogError, match="同步发布政策解读"):
        services.item_publish(actor=reviewer_a.user, item=policy, secrecy_review="不涉密")
    interpretation = draft(
        clerk_a.user, unit_a, cols["interpretations"], title="《延庆区节能补助管理办法》政策解读",
        interprets=policy,
    )  # fmt: skip
    services.item_publish(actor=reviewer_a.user, item=policy, secrecy_review="不涉密")
    services.item_submit(actor=clerk_a.user, item=interpretation)
    services.item_publish(actor=reviewer_a.user, item=interpretation, secrecy_review="不涉密")
    assert list(policy.interpretations.all()) == [interpretation]
    other = draft(
        clerk_a.user, unit_a, cols["normative"], title="关于调整补助标准的通知",
        no_interpretation_reason="仅调整标准数额，内容简单，无需解读",
    )  # fmt: skip
    services.item_submit(actor=clerk_a.user, item=other)
    assert services.item_publish(actor=reviewer_a.user, item=other, secrecy_review="不涉密")


@pytest.mark.django_db
def test_an_interpretation_must_interpret_a_policy_and_sit_in_its_column(clerk_a, unit_a, cols):
    policy = draft(clerk_a.user, unit_a, cols["normative"])
    with pytest.raises(services.CatalogError, match="“政策解读”栏目"):
        draft(clerk_a.user, unit_a, cols["news"], interprets=policy)
    with pytest.raises(services.CatalogError, match="须关联所解读的政策"):
        draft(clerk_a.user, unit_a, cols["interpretations"])
    interpretation = draft(clerk_a.user, unit_a, cols["interpretations"], interprets=policy)
    with pytest.raises(services.CatalogError, match="另一篇解读"):
        draft(clerk_a.user, unit_a, cols["interpretations"], interprets=interpretation)


# --- validity, revision, withdrawal -------------------------------------------------------------
@pytest.mark.django_db
def test_validity_is_marked_with_its_date_and_replacement(clerk_a, reviewer_a, unit_a, cols):
    old = publish(clerk_a.user, reviewer_a.user, unit_a, cols["other-documents"],
                  on=dt.date(2025, 3, 20))  # fmt: skip
    new = publish(clerk_a.user, reviewer_a.user, unit_a, cols["other-documents"],
                  on=dt.date(2025, 4, 1), title="新办法")  # fmt: skip
    with pytest.raises(services.CatalogError, match="日期"):
        services.item_set_validity(actor=reviewer_a.user, item=old, validity="repealed", on=None)
    with pytest.raises(services.CatalogError, match="早于发布日期"):
        services.item_set_validity(
            actor=reviewer_a.user, item=old, validity="repealed", on=dt.date(2025, 1, 1)
        )
    services.item_set_validity(
        actor=reviewer_a.user, item=old, validity="repealed", on=dt.date(2025, 4, 1),
        replaced_by=new,
    )  # fmt: skip
    old.refresh_from_db()
    assert (old.validity, old.validity_changed_on, old.replaced_by) == (
        "repealed", dt.date(2025, 4, 1), new,
    )  # fmt: skip
    event = AuditEvent.objects.get(action="item.validity")
    assert event.changes["validity"] == ["valid", "repealed"]
    with pytest.raises(services.CatalogError, match="没有变化"):
        services.item_set_validity(
            actor=reviewer_a.user, item=old, validity="repealed", on=dt.date(2025, 4, 1),
            replaced_by=new,
        )  # fmt: skip


@pytest.mark.django_db
def test_a_revision_keeps_the_index_number_and_audits_the_change(clerk_a, reviewer_a, unit_a, cols):
    item = publish(clerk_a.user, reviewer_a.user, unit_a, cols["news"], on=dt.date(2025, 3, 20))
    number = item.index_number
    with pytest.raises(services.CatalogError, match="理由"):
        services.item_revise(actor=reviewer_a.user, item=item, data={"title": "x"}, reason=" ")
    revised = services.item_revise(
        actor=reviewer_a.user, item=item, data={"title": "关于做好2025年春季造林工作的通知"},
        reason="标题错字",
    )  # fmt: skip
    assert revised.index_number == number
    event = AuditEvent.objects.get(action="item.revise")
    assert event.changes["title"][1] == "关于做好2025年春季造林工作的通知"
    assert "标题错字" in event.summary


@pytest.mark.django_db
def test_withdrawal_needs_a_reason_and_is_final(clerk_a, reviewer_a, unit_a, cols):
    item = publish(clerk_a.user, reviewer_a.user, unit_a, cols["news"], on=dt.date(2025, 3, 20))
    with pytest.raises(services.CatalogError, match="理由"):
        services.item_withdraw(actor=reviewer_a.user, item=item, reason="")
    services.item_withdraw(actor=reviewer_a.user, item=item, reason="重复发布")
    item.refresh_from_db()
    assert item.status == State.WITHDRAWN
    assert item.withdrawn_reason == "重复发布"
    assert not Item.objects.public().filter(pk=item.pk).exists()
    with pytest.raises(services.CatalogError):
        services.item_revise(actor=reviewer_a.user, item=item, data={"title": "x"}, reason="y")


# --- bodies -------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "hostile",
    [
        "<script>alert(1)</script><p>正文</p>",
        '<p onclick="alert(1)">正文</p>',
        '<a href="javascript:alert(1)">链接</a><p>正文</p>',
        '<iframe src="http://example.com"></iframe><p>正文</p>',
        "<style>p{display:none}</style><p>正文</p>",
        "<img src=x onerror=alert(1)><p>正文</p>",
        '<p style="position:fixed">正文</p>',
    ],
)
def test_a_body_is_sanitized(hostile):
    clean = services.sanitize(hostile)
    lowered = clean.lower()
    for bad in ("<script", "onclick", "javascript:", "<iframe", "<style", "onerror", "style="):
        assert bad not in lowered
    assert "正文" in clean


def test_plain_text_becomes_paragraphs_and_markup_is_escaped():
    assert services.sanitize("第一段\n\n第二段 <b>") == "<p>第一段</p><p>第二段 &lt;b&gt;</p>"


def test_a_summary_is_taken_from_the_start_of_the_body():
    body = "<p>" + "政" * 200 + "</p>"
    summary = services.summary_of(body)
    assert len(summary) == services.SUMMARY_LENGTH
    assert summary.endswith("…")


# --- attachments --------------------------------------------------------------------------------
@pytest.mark.django_db
def test_attachments_are_checked_by_content_and_stored_all_or_none(clerk_a, unit_a, cols):
    item = draft(clerk_a.user, unit_a, cols["news"])
    added = services.attachments_add(
        actor=clerk_a.user, item=item, files=[("照片.png", PNG), ("表.pdf", b"%PDF-1.4\n%%EOF")]
    )
    assert [a.name for a in added] == ["照片.png", "表.pdf"]
    assert added[0].file.read() == PNG
    with pytest.raises(services.CatalogError, match="不是允许的类型"):
        services.attachments_add(
            actor=clerk_a.user,
            item=item,
            files=[("好.png", PNG), ("坏.pdf", b"MZ\x90\x00 this is an executable")],
        )
    assert item.attachments.count() == 2
    with override_settings(MAX_UPLOAD_MB=1), pytest.raises(services.CatalogError, match="过大"):
        services.attachments_add(
            actor=clerk_a.user, item=item, files=[("大.pdf", b"%PDF-" + b"0" * 1_100_000)]
        )
    assert item.attachments.count() == 2


@pytest.mark.django_db
def test_attachments_change_only_while_the_item_is_a_draft(clerk_a, reviewer_a, unit_a, cols):
    item = draft(clerk_a.user, unit_a, cols["news"])
    attachment = services.attachments_add(actor=clerk_a.user, item=item, files=[("a.png", PNG)])[0]
    services.item_submit(actor=clerk_a.user, item=item)
    with pytest.raises(services.CatalogError):
        services.attachments_add(actor=clerk_a.user, item=item, files=[("b.png", PNG)])
    with pytest.raises(services.CatalogError):
        services.attachment_remove(actor=clerk_a.user, attachment=attachment)


# --- search follows the catalog -----------------------------------------------------------------
@pytest.mark.django_db
def test_search_follows_publication_revision_validity_and_withdrawal(
    clerk_a, reviewer_a, unit_a, cols, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        item = publish(
            clerk_a.user, reviewer_a.user, unit_a, cols["news"], on=dt.date(2025, 3, 20),
            title="关于春季植树造林的通知",
        )  # fmt: skip
    assert engine.search("植树").ids == [item.pk]
    assert engine.search("植樹").ids == [item.pk]  # traditional finds simplified
    with django_capture_on_commit_callbacks(execute=True):
        services.item_revise(
            actor=reviewer_a.user, item=item, data={"title": "关于春季义务植树活动的通知"},
            reason="标题",
        )  # fmt: skip
    assert engine.search("义务").ids == [item.pk]
    with django_capture_on_commit_callbacks(execute=True):
        services.item_set_validity(
            actor=reviewer_a.user, item=item, validity="expired", on=dt.date(2025, 6, 1)
        )
    assert engine.search("植树", engine.Filters(validity="expired")).total == 1
    assert engine.search("植树", engine.Filters(validity="valid")).total == 0
    with django_capture_on_commit_callbacks(execute=True):
        services.item_withdraw(actor=reviewer_a.user, item=item, reason="错误")
    assert engine.search("植树").total == 0


@pytest.mark.django_db
def test_a_failed_index_write_keeps_the_record_and_is_logged(
    clerk_a, reviewer_a, unit_a, cols, django_capture_on_commit_callbacks, monkeypatch, caplog
):
    def broken(documents):
        raise OSError("disk full")

    monkeypatch.setattr(engine, "index_items", broken)
    with django_capture_on_commit_callbacks(execute=True):
        item = publish(clerk_a.user, reviewer_a.user, unit_a, cols["news"], on=dt.date(2025, 3, 20))
    item.refresh_from_db()
    assert item.status == State.PUBLISHED
    assert "gongkai search check" in caplog.text


# --- guides -------------------------------------------------------------------------------------
GUIDE = {key: f"{label}的内容" for key, label in services.GUIDE_PARTS}


@pytest.mark.django_db
def test_a_guide_needs_every_part_and_each_version_is_kept(reviewer_a, unit_a):
    with pytest.raises(services.CatalogError, match="监督和救济途径"):
        services.guide_publish(actor=reviewer_a.user, unit=unit_a, parts={**GUIDE, "remedies": ""})
    first = services.guide_publish(actor=reviewer_a.user, unit=unit_a, parts=GUIDE)
    second = services.guide_publish(
        actor=reviewer_a.user, unit=unit_a, parts={**GUIDE, "office": "新地址"}, note="搬迁"
    )
    assert (first.version, second.version) == (1, 2)
    assert Guide.objects.get(pk=first.pk).parts["office"] == GUIDE["office"]
    with pytest.raises(RuntimeError):
        first.save()
    assert AuditEvent.objects.filter(action="guide.publish").count() == 2


def test_guide_rules():
    today = dt.date(2026, 6, 1)
    assert not rules.guide_state(published=None, contacts_changed=False, today=today).ok
    assert rules.guide_state(published=dt.date(2026, 1, 1), contacts_changed=False, today=today).ok
    assert not rules.guide_state(
        published=dt.date(2025, 1, 1), contacts_changed=False, today=today
    ).ok
    assert not rules.guide_state(
        published=dt.date(2026, 5, 1), contacts_changed=True, today=today
    ).ok


def test_column_staleness_counts_from_the_last_item_or_the_creation():
    today = dt.date(2026, 6, 1)
    fresh = rules.column_staleness(
        last_published=dt.date(2026, 5, 15), created=dt.date(2020, 1, 1), interval=30, today=today
    )
    assert not fresh.stale
    assert fresh.days == 17
    stale = rules.column_staleness(
        last_published=None, created=dt.date(2026, 1, 1), interval=90, today=today
    )
    assert stale.stale
    assert stale.since == dt.date(2026, 1, 1)
    unmonitored = rules.column_staleness(
        last_published=None, created=dt.date(2000, 1, 1), interval=None, today=today
    )
    assert not unmonitored.stale


# --- monitoring ---------------------------------------------------------------------------------
@pytest.mark.django_db
def test_monitoring_finds_stale_columns_late_and_overdue_items_and_lonely_policies(
    clerk_a, reviewer_a, office, unit_a, cols
):
    Column.objects.filter(unit=unit_a).update(created_at=dt.datetime(2024, 1, 1, tzinfo=dt.UTC))
    publish(clerk_a.user, reviewer_a.user, unit_a, cols["news"], on=dt.date(2025, 4, 15))
    lonely = draft(clerk_a.user, unit_a, cols["normative"], no_interpretation_reason="无需解读")
    services.item_submit(actor=clerk_a.user, item=lonely)
    with server_day(dt.date(2025, 3, 10)):
        services.item_publish(actor=reviewer_a.user, item=lonely, secrecy_review="不涉密")
    overdue = draft(clerk_a.user, unit_a, cols["news"], formed_on=dt.date(2025, 4, 1))
    guide = services.guide_publish(actor=reviewer_a.user, unit=unit_a, parts=GUIDE)
    [row] = selectors.monitoring([unit_a], year=2025, today=dt.date(2025, 5, 6))
    assert not row.guide.ok  # published after the day asked about: not there yet on that day
    Guide.objects.filter(pk=guide.pk).update(published_at=dt.datetime(2025, 5, 1, tzinfo=dt.UTC))
    [row] = selectors.monitoring([unit_a], year=2025, today=dt.date(2025, 5, 6))
    assert [i.title for i in row.late] == ["关于做好2025年春季植树造林工作的通知"]
    assert row.overdue == [overdue]
    assert row.normative_without_interpretation == [lonely]
    stale_codes = {s.column.code for s in row.stale}
    assert "news" not in stale_codes  # published on 2025-04-15, interval 30 days
    assert "other-documents" in stale_codes  # nothing since 2024-01-01, interval 60 days
    assert row.guide.ok
    unit_a.phone = "010-69100000"
    unit_a.save()
    [row] = selectors.monitoring([unit_a], year=2025, today=dt.date(2025, 5, 6))
    assert not row.guide.ok
    assert "联系信息" in row.guide.reason


# --- paper transfers ----------------------------------------------------------------------------
@pytest.mark.django_db
def test_paper_transfers_are_counted_per_place_and_year(office, clerk_a, reviewer_a, unit_a, cols):
    place = services.reading_place_save(
        actor=office.user, place=None, data={"name": "区档案馆", "level": "district"}
    )
    item = publish(clerk_a.user, reviewer_a.user, unit_a, cols["news"], on=dt.date(2025, 3, 20))
    services.paper_transfer_record(
        actor=clerk_a.user, unit=unit_a, place=place, sent_on=dt.date(2025, 3, 25), copies=12,
        items=[item],
    )  # fmt: skip
    services.paper_transfer_record(
        actor=clerk_a.user, unit=unit_a, place=place, sent_on=dt.date(2025, 6, 2), copies=8
    )
    services.paper_transfer_record(
        actor=clerk_a.user, unit=unit_a, place=place, sent_on=dt.date(2024, 6, 2), copies=5
    )
    assert selectors.transfer_counts(2025) == [
        {"place": "区档案馆", "level": "district", "transfers": 2, "copies": 20}
    ]
    assert list(PaperTransfer.objects.get(copies=12).items.all()) == [item]
    with pytest.raises(services.CatalogError, match="份数"):
        services.paper_transfer_record(
            actor=clerk_a.user, unit=unit_a, place=place, sent_on=dt.date(2025, 6, 2), copies=0
        )
    draft_item = draft(clerk_a.user, unit_a, cols["news"])
    with pytest.raises(services.CatalogError, match="不是已发布"):
        services.paper_transfer_record(
            actor=clerk_a.user, unit=unit_a, place=place, sent_on=dt.date(2025, 6, 2), copies=1,
            items=[draft_item],
        )  # fmt: skip
    assert ReadingPlace.objects.count() == 1
    assert AuditEvent.objects.filter(action="paper_transfer.record").count() == 3


# --- counts for the report ----------------------------------------------------------------------
@pytest.mark.django_db
def test_documents_table_counts_made_repealed_and_in_force(clerk_a, reviewer_a, unit_a, cols):
    def normative(formed, on, **changes):
        return publish(
            clerk_a.user, reviewer_a.user, unit_a, cols["normative"], on=on, formed_on=formed,
            no_interpretation_reason="测试", **changes,
        )  # fmt: skip

    old = normative(dt.date(2024, 5, 6), dt.date(2024, 5, 20))
    normative(dt.date(2025, 3, 3), dt.date(2025, 3, 10))
    made_late = normative(dt.date(2025, 12, 29), dt.date(2025, 12, 30))
    services.item_set_validity(
        actor=reviewer_a.user, item=old, validity="repealed", on=dt.date(2025, 7, 1)
    )
    table = selectors.documents_table(year=2025, unit=unit_a)["normative"]
    assert table == {"made": 2, "published": 2, "ended": 1, "in_force": 2, "public": 3}
    table_2024 = selectors.documents_table(year=2024, unit=unit_a)["normative"]
    # the 2024 figures as at 2024-12-31: the later repeal does not count yet
    assert table_2024 == {"made": 1, "published": 1, "ended": 0, "in_force": 1, "public": 1}
    assert made_late.published_on.year == 2025


# --- table 二 of the annual report --------------------------------------------------------------
@pytest.mark.django_db
def test_table_two_counts_normative_documents_from_the_catalog(
    office, clerk_a, reviewer_a, unit_a, cols
):
    from gongkai.reports import services as reports

    for i, day in enumerate((dt.date(2025, 3, 10), dt.date(2025, 6, 9))):
        publish(
            clerk_a.user, reviewer_a.user, unit_a, cols["normative"], on=day,
            formed_on=day - dt.timedelta(days=3), title=f"管理办法{i}",
            no_interpretation_reason="测试",
        )  # fmt: skip
    report = reports.report_create(actor=office.user, year=2025, unit=unit_a).report
    row = reports.build(report)["proactive"]["第二十条第（一）项"]["行政规范性文件"]
    assert row == {"本年制发件数": 2, "本年废止件数": 0, "现行有效件数": 2}
    entered_table = {"第二十条第（一）项": {"行政规范性文件": {"本年制发件数": 7}}}
    reports.report_update(
        actor=office.user, report=report, overview=report.overview, problems=report.problems,
        other=report.other, proactive=entered_table, proactive_from_catalog=False,
    )  # fmt: skip
    report.refresh_from_db()
    entered = reports.build(report)["proactive"]["第二十条第（一）项"]["行政规范性文件"]
    assert entered["本年制发件数"] == 7
    event = AuditEvent.objects.filter(action="report.update").latest("at")
    assert "表二第（一）项的来源" in event.summary


@pytest.mark.django_db
def test_a_published_report_locks_the_normative_documents_of_its_year(
    office, clerk_a, reviewer_a, unit_a, cols
):
    from gongkai.reports import services as reports

    policy = publish(
        clerk_a.user, reviewer_a.user, unit_a, cols["normative"], on=dt.date(2025, 3, 10),
        no_interpretation_reason="测试",
    )  # fmt: skip
    news = publish(clerk_a.user, reviewer_a.user, unit_a, cols["news"], on=dt.date(2025, 3, 10))
    report = reports.report_create(actor=office.user, year=2025, unit=None).report
    reports.report_publish(actor=office.user, report=report)
    with pytest.raises(services.CatalogError, match="已锁定"):
        services.item_set_validity(
            actor=reviewer_a.user, item=policy, validity="repealed", on=dt.date(2025, 9, 1)
        )
    with pytest.raises(services.CatalogError, match="已锁定"):
        services.item_withdraw(actor=reviewer_a.user, item=policy, reason="x")
    services.item_withdraw(actor=reviewer_a.user, item=news, reason="不计入表二的信息不受影响")
    reports.report_reopen(actor=office.user, report=report, reason="更正")
    services.item_set_validity(
        actor=reviewer_a.user, item=policy, validity="repealed", on=dt.date(2025, 9, 1)
    )
