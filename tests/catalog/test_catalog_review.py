"""The 保密审查 and the publication of an item are a second person's: nobody who drafted, edited,
attached files to or submitted an item may pass it — in the service, on the page, and in an
import; the rule itself is pure and tested for every reviewer and set of authors."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from gongkai.audit.models import AuditEvent
from gongkai.catalog import rules, services
from gongkai.catalog.models import Item
from gongkai.catalog.status import State
from gongkai.units.models import Role
from tests.conftest import login, make_staff
from tests.factories import PNG, columns_of, draft, server_day

ON = dt.date(2025, 3, 20)


@pytest.fixture
def cols(unit_a):
    return columns_of(unit_a)


@pytest.fixture
def reviewer_a2(unit_a):
    """A second reviewer of the same unit."""
    return make_staff("reviewer.a2", Role.REVIEWER, unit_a, "审核庚")


@given(st.none() | st.integers(1, 6), st.sets(st.integers(1, 6), max_size=6))
def test_the_rule_refuses_exactly_an_author(reviewer, authors):
    refusal = rules.why_not_review(reviewer=reviewer, authors=authors)
    if reviewer is not None and reviewer in authors:
        assert refusal == rules.REVIEW_BY_ANOTHER
        assert "以外的审核人" in refusal
    else:
        assert refusal is None


def publish(actor, item):
    with server_day(ON):
        return services.item_publish(actor=actor, item=item, secrecy_review="不涉密")


@pytest.mark.django_db
def test_a_reviewer_cannot_publish_what_they_drafted_alone(reviewer_a, reviewer_a2, unit_a, cols):
    item = draft(reviewer_a.user, unit_a, cols["news"])
    services.item_submit(actor=reviewer_a.user, item=item)
    with pytest.raises(services.CatalogError, match="以外的审核人"):
        publish(reviewer_a.user, item)
    item.refresh_from_db()
    assert item.status == State.SUBMITTED
    assert item.index_number is None
    assert not AuditEvent.objects.filter(action="item.publish").exists()
    published = publish(reviewer_a2.user, item)  # the unit's other reviewer may
    assert published.status == State.PUBLISHED
    event = AuditEvent.objects.get(action="item.publish")
    assert event.actor == reviewer_a2.user
    assert "起草人审核丁" in event.summary  # both people on the record


@pytest.mark.django_db
@pytest.mark.parametrize("step", ["update", "attach", "submit"])
def test_editing_attaching_or_submitting_a_clerks_draft_makes_the_reviewer_an_author(
    step, clerk_a, reviewer_a, reviewer_a2, unit_a, cols
):
    item = draft(clerk_a.user, unit_a, cols["news"])
    if step == "update":
        services.item_update(actor=reviewer_a.user, item=item, data={"title": "改过的标题"})
    elif step == "attach":
        services.attachments_add(actor=reviewer_a.user, item=item, files=[("图.png", PNG)])
    services.item_submit(actor=reviewer_a.user if step == "submit" else clerk_a.user, item=item)
    assert services.why_not_publish(reviewer_a.user, item) == rules.REVIEW_BY_ANOTHER
    with pytest.raises(services.CatalogError):
        publish(reviewer_a.user, item)
    assert publish(reviewer_a2.user, item).status == State.PUBLISHED


@pytest.mark.django_db
def test_returning_an_item_does_not_make_the_reviewer_an_author(clerk_a, reviewer_a, unit_a, cols):
    item = draft(clerk_a.user, unit_a, cols["news"])
    services.item_submit(actor=clerk_a.user, item=item)
    services.item_return(actor=reviewer_a.user, item=item, reason="请补充发放标准")
    services.item_update(actor=clerk_a.user, item=item, data={"summary": "补充了发放标准"})
    services.item_submit(actor=clerk_a.user, item=item)
    assert services.why_not_publish(reviewer_a.user, item) is None
    assert publish(reviewer_a.user, item).status == State.PUBLISHED


@pytest.mark.django_db
def test_the_item_page_says_why_and_a_forced_post_is_refused(reviewer_a, reviewer_a2, unit_a, cols):
    item = draft(reviewer_a.user, unit_a, cols["news"])
    services.item_submit(actor=reviewer_a.user, item=item)
    author = login(reviewer_a)
    page = author.get(reverse("staff:item", args=[item.pk])).content.decode()
    assert rules.REVIEW_BY_ANOTHER in page
    assert "审核通过并发布" not in page
    assert "退回" in page  # returning stays open to them
    response = author.post(
        reverse("staff:item_review", args=[item.pk, "publish"]),
        {"secrecy_review": "不涉密", "published_on": "2025-03-20"},
        follow=True,
    )
    assert rules.REVIEW_BY_ANOTHER in response.content.decode()
    assert Item.objects.get(pk=item.pk).status == State.SUBMITTED
    other = login(reviewer_a2).get(reverse("staff:item", args=[item.pk])).content.decode()
    assert "审核通过并发布" in other
    assert rules.REVIEW_BY_ANOTHER not in other


@pytest.mark.django_db
def test_a_bulk_back_entry_names_two_people_or_leaves_the_reviewer_unrecorded(office, unit_a, cols):
    row = {
        "column": cols["news"], "title": "旧网站迁移的信息", "doc_number": "", "body": "正文",
        "topic": "其他", "formed_on": dt.date(2024, 5, 6), "published_on": dt.date(2024, 5, 8),
    }  # fmt: skip
    with pytest.raises(services.CatalogError, match="以外的审核人"):
        services.items_back_enter(
            actor=office.user, unit=unit_a, note="迁移",
            rows=[{**row, "drafted_by": "张三", "reviewed_by": "张三"}],
        )  # fmt: skip
    assert not Item.objects.exists()
    services.items_back_enter(
        actor=office.user, unit=unit_a, note="迁移",
        rows=[{**row, "drafted_by": "张三", "reviewed_by": "李四"}, {**row, "title": "另一条"}],
    )  # fmt: skip
    first, second = Item.objects.get(title=row["title"]), Item.objects.get(title="另一条")
    assert (first.created_by_label, first.reviewed_by_label) == ("张三", "李四")
    assert second.reviewed_by_label == ""  # not recorded, rather than the importer's name twice
    assert "公开办甲" in second.created_by_label
