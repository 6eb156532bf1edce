"""Reuse of applications: the clusters of 第四十四条 and the draft made from one, the items
published so, the register of concluded applications, and 先查一查 on the application form."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.applications import services as application_services
from gongkai.applications.models import Application
from gongkai.applications.outcomes import Decision, Outcome
from gongkai.audit.actions import AuditAction
from gongkai.audit.models import AuditEvent
from gongkai.catalog import services as catalog_services
from gongkai.catalog.models import Item
from gongkai.catalog.status import State
from gongkai.reports import counting
from gongkai.reports.services import repeated_requests_sentence
from gongkai.reuse import selectors, services
from gongkai.reuse.models import RegisterSetting, RequestLink
from gongkai.search import engine, sync
from gongkai.units.models import Role
from tests.conftest import examples, login, make_staff
from tests.core.test_publictext import id_numbers, names
from tests.factories import PNG, columns_of, publish, register

D = dt.date.fromisoformat
SAME = "延庆镇2024年征地补偿标准"


def index_public() -> None:
    """What the commit would have sent to the index (a test's transaction never commits)."""
    engine.index_items(sync.documents(Item.objects.public()))


@pytest.fixture
def three(clerk_a, unit_a):
    """Three applications to unit A, two of them for the same information."""
    return [
        register(clerk_a.user, unit_a, info_title="征地补偿标准", info_description=SAME),
        register(clerk_a.user, unit_a, info_title="", info_description="延庆镇征地补偿标准"),
        register(clerk_a.user, unit_a, info_title="2025年区级财政预算", info_description=""),
    ]


# --- 第四十四条 -------------------------------------------------------------------------------
@pytest.mark.django_db
def test_staff_see_the_applications_asking_for_the_same_information(three, clerk_a, clerk_b):
    found = selectors.clusters(Application.objects.all(), year=2025)
    assert [[a.pk for a in c.applications] for c in found] == [[three[0].pk, three[1].pk]]
    page = login(clerk_a).get(reverse("staff:repeats") + "?year=2025").content.decode()
    assert three[0].tracking_number in page
    assert three[1].tracking_number in page
    assert three[2].tracking_number not in page
    assert "第四十四条" in page
    other = login(clerk_b).get(reverse("staff:repeats") + "?year=2025").content.decode()
    assert three[0].tracking_number not in other  # another unit sees its own cases only


@pytest.mark.django_db
def test_the_threshold_is_a_setting(three, settings):
    settings.GONGKAI_SIMILAR_REQUEST_THRESHOLD = 95
    assert selectors.clusters(Application.objects.all(), year=2025) == []


@pytest.mark.django_db
def test_a_cluster_becomes_a_draft_linked_to_its_applications(three, clerk_a, unit_a):
    column = columns_of(unit_a)["news"]
    client = login(clerk_a)
    url = reverse("staff:repeat_draft", args=[three[1].pk])
    assert "延庆镇征地补偿标准" in client.get(url).content.decode()
    response = client.post(url, {"title": "延庆镇征地补偿标准", "column": column.pk, "body": "x"})
    assert response.status_code == 302
    item = Item.objects.get(title="延庆镇征地补偿标准")
    assert item.status == State.DRAFT
    assert item.unit == unit_a
    assert set(RequestLink.objects.filter(item=item).values_list("application", flat=True)) == {
        three[0].pk,
        three[1].pk,
    }
    event = AuditEvent.objects.get(action=AuditAction.REUSE_PUBLICATION_DRAFT)
    assert "第四十四条" in event.legal_basis
    assert three[0].tracking_number in event.summary
    # Dealt with: the cluster is no longer listed, and a second draft is refused.
    assert selectors.clusters(Application.objects.all(), year=2025) == []
    again = client.post(url, {"title": "又一条", "column": column.pk})
    assert again.status_code == 400
    assert Item.objects.filter(title="又一条").count() == 0


@pytest.mark.django_db
def test_a_draft_needs_two_applications_and_a_column_of_the_unit(three, clerk_a, unit_a, unit_b):
    column = columns_of(unit_a)["news"]
    with pytest.raises(services.ReuseError, match="至少关联两件"):
        services.publication_draft(
            actor=clerk_a.user, unit=unit_a, applications=three[:1], column=column, title="t",
            body="",
        )  # fmt: skip
    other = columns_of(unit_b)["news"]
    response = login(clerk_a).post(
        reverse("staff:repeat_draft", args=[three[0].pk]), {"title": "t", "column": other.pk}
    )
    assert response.status_code == 400
    assert "请选择本单位可以发布信息的栏目" in response.content.decode()
    assert not RequestLink.objects.exists()


@pytest.mark.django_db
def test_published_the_item_is_listed_and_counted_in_the_report(
    three, clerk_a, reviewer_a, unit_a, client
):
    column = columns_of(unit_a)["news"]
    item = services.publication_draft(
        actor=clerk_a.user, unit=unit_a, applications=three[:2], column=column,
        title="延庆镇征地补偿标准", body="<p>标准如下。</p>",
    )  # fmt: skip
    assert "延庆镇征地补偿标准" not in client.get(reverse("portal:from_requests")).content.decode()
    catalog_services.item_submit(actor=clerk_a.user, item=item)
    catalog_services.item_publish(actor=reviewer_a.user, item=item, secrecy_review="不涉密")
    assert "延庆镇征地补偿标准" in client.get(reverse("portal:from_requests")).content.decode()
    year = Item.objects.get(pk=item.pk).published_on.year
    assert selectors.converted_count(year=year) == 1
    assert selectors.converted_count(year=year, unit_id=unit_a.pk) == 1
    assert "纳入主动公开1条" in repeated_requests_sentence(counting.Scope(year, None))
    assert repeated_requests_sentence(counting.Scope(year - 1, None)) == ""


# --- the register ------------------------------------------------------------------------------
def conclude(clerk, reviewer, unit, **changes) -> Application:
    application = register(clerk.user, unit, **changes)
    application_services.application_propose_decision(
        actor=clerk.user, application=application, on=D("2025-03-20"),
        decision=Decision(Outcome.PROVIDED, details=changes.get("info_description", "")[:200]),
    )  # fmt: skip
    application_services.application_approve_decision(
        actor=reviewer.user, application=application, on=D("2025-03-21")
    )
    application_services.application_deliver(
        actor=clerk.user, application=application, on=D("2025-03-24"), method="邮寄（交邮）"
    )
    application.refresh_from_db()
    return application


@pytest.mark.django_db
def test_the_register_lists_only_opted_in_units_and_is_switched_by_the_reviewer(
    clerk_a, reviewer_a, unit_a, client
):
    application = conclude(clerk_a, reviewer_a, unit_a, info_description=SAME)
    assert selectors.register_entries() == []
    assert (
        application.tracking_number not in client.get(reverse("portal:register")).content.decode()
    )
    staff = login(reviewer_a)
    response = staff.post(reverse("staff:register_settings"), {"unit": unit_a.pk, "enabled": "on"})
    assert response.status_code == 302
    assert RegisterSetting.objects.get(unit=unit_a).enabled
    assert AuditEvent.objects.filter(action=AuditAction.REUSE_REGISTER_SWITCH).count() == 1
    page = client.get(reverse("portal:register")).content.decode()
    assert application.tracking_number in page
    assert SAME in page
    assert "张三" not in page
    assert "13800000000" not in page
    filtered = client.get(reverse("portal:register") + "?q=财政预算").content.decode()
    assert application.tracking_number not in filtered
    by_name = client.get(reverse("portal:register") + "?q=张三").content.decode()
    assert application.tracking_number not in by_name  # words are looked for in what is shown


@pytest.mark.django_db
def test_a_clerk_cannot_switch_the_register(clerk_a, unit_a):
    assert login(clerk_a).get(reverse("staff:register_settings")).status_code == 404


phones = st.from_regex(r"\A1[3-9]\d{9}\Z")


@pytest.mark.django_db
@settings(
    max_examples=examples(15),
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(name=names, id_number=id_numbers, phone=phones)
def test_no_register_entry_contains_the_applicants_name_id_number_or_phone(
    clerk_a, reviewer_a, unit_a, name, id_number, phone
):
    RegisterSetting.objects.update_or_create(
        unit=unit_a, defaults={"enabled": True, "changed_by_label": "测试"}
    )
    said = f"本人{name}，身份证号{id_number}，电话{phone}，申请公开{SAME}。"
    application = conclude(
        clerk_a, reviewer_a, unit_a, applicant_name=name, id_number=id_number, phone=phone,
        info_description=said, address=f"北京市延庆区{name}街1号",
    )  # fmt: skip
    assert name in selectors._reply_text(application)  # the notice is addressed to them
    entry = selectors.entry(application)
    for text in (entry.summary, entry.notice):
        assert name not in text
        assert id_number not in text
        assert phone not in text
    assert SAME in entry.summary


# --- 先查一查 ----------------------------------------------------------------------------------
@pytest.fixture
def published(clerk_a, reviewer_a, unit_a):
    column = columns_of(unit_a)["news"]
    item = publish(
        clerk_a.user, reviewer_a.user, unit_a, column,
        title="延庆镇2024年征地补偿标准的公告", doc_number="", body="<p>征地补偿标准。</p>",
    )  # fmt: skip
    index_public()
    return item


@pytest.mark.django_db
def test_the_lookup_finds_published_items_like_the_text(published, client):
    response = client.get(reverse("portal:similar") + "?q=我想申请延庆镇的征地补偿标准")
    assert response.status_code == 200
    data = json.loads(response.content)
    assert data["items"][0]["title"] == published.title
    assert data["items"][0]["url"] == reverse("portal:item", args=[published.pk])
    empty = json.loads(client.get(reverse("portal:similar") + "?q=").content)
    assert empty == {"items": [], "questions": []}


@pytest.mark.django_db
def test_the_lookup_button_keeps_what_was_typed_and_stores_nothing(published, unit_a, client):
    token = "5b0c8c0e-2f7a-4a67-9f0e-3a1f1b9c0d11"
    response = client.post(
        reverse("portal:apply"),
        {
            "unit": unit_a.pk, "applicant_name": "李四", "phone": "13900000000",
            "info_description": "延庆镇征地补偿标准", "token": token, "lookup": "1",
        },
    )  # fmt: skip
    page = response.content.decode()
    assert response.status_code == 200
    assert published.title in page
    assert 'value="李四"' in page
    assert "延庆镇征地补偿标准</textarea>" in page
    assert token in page
    assert "申请未提交" not in page  # nothing checked yet
    assert Application.objects.count() == 0


@pytest.mark.django_db
def test_the_lookup_says_when_nothing_is_found(client, unit_a):
    response = client.post(reverse("portal:apply"), {"info_title": "某某", "lookup": "1"})
    assert "没有找到相似的已公开信息" in response.content.decode()


@pytest.fixture
def reviewer_b(unit_b):
    return make_staff("reviewer_b", Role.REVIEWER, unit_b)


@pytest.mark.django_db
def test_released_information_is_in_the_register_once_its_unit_marks_it(
    clerk_a, reviewer_a, unit_a, reviewer_b, client
):
    from gongkai.applications.models import DocumentKind

    application = conclude(clerk_a, reviewer_a, unit_a, info_description=SAME)
    information = application_services.application_add_documents(
        actor=clerk_a.user,
        application=application,
        files=[
            application_services.Upload(
                "补偿标准.png", PNG, DocumentKind.INFORMATION, "延庆镇征地补偿标准"
            )
        ],
    )[0]
    services.register_switch(actor=reviewer_a.user, unit=unit_a, enabled=True)
    download = reverse(
        "portal:register_document", args=[application.tracking_number, information.pk]
    )
    assert client.get(download).status_code == 404  # not marked yet
    mark = reverse("staff:register_release", args=[application.pk])
    assert login(reviewer_b).post(mark).status_code == 404  # another unit's reviewer
    staff = login(reviewer_a)
    assert (
        application.tracking_number
        in staff.get(reverse("staff:register_settings")).content.decode()
    )
    assert staff.post(mark).status_code == 302
    assert AuditEvent.objects.filter(action=AuditAction.REUSE_RELEASE_PUBLIC).count() == 1
    assert download in client.get(reverse("portal:register")).content.decode()
    assert client.get(download).status_code == 200
    services.register_switch(actor=reviewer_a.user, unit=unit_a, enabled=False)
    assert client.get(download).status_code == 404  # the unit stopped publishing its register
