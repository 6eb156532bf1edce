"""Publication time is the system's (issue 15): the server stamps ``published_on`` at
publication; a historical item's past date is entered by the office only, with its source,
audited and labelled on the portal."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from gongkai.audit.models import AuditEvent
from gongkai.catalog import services
from gongkai.catalog.models import Item
from gongkai.catalog.status import State
from tests.conftest import login
from tests.factories import columns_of, draft

SOURCE = "据原纸质公开登记簿补录"


@pytest.fixture
def cols(unit_a):
    return columns_of(unit_a)


@pytest.fixture
def submitted(clerk_a, unit_a, cols):
    item = draft(clerk_a.user, unit_a, cols["news"], formed_on=dt.date(2019, 3, 1))
    services.item_submit(actor=clerk_a.user, item=item)
    return item


@pytest.mark.django_db
def test_the_stamp_ignores_any_posted_date(reviewer_a, submitted):
    client = login(reviewer_a)
    page = client.get(reverse("staff:item", args=[submitted.pk])).content.decode()
    assert 'name="published_on"' not in page  # the form no longer offers the date
    assert "发布日期由系统按发布当日自动记录" in page
    client.post(
        reverse("staff:item_review", args=[submitted.pk, "publish"]),
        {"secrecy_review": "不涉密", "published_on": "2019-03-05"},
    )
    submitted.refresh_from_db()
    assert submitted.status == State.PUBLISHED
    assert submitted.published_on == timezone.localdate()
    assert submitted.index_number.split("/")[1].startswith(str(timezone.localdate().year))
    assert not submitted.back_entered


@pytest.mark.django_db
def test_the_stamp_is_the_districts_day_whatever_zone_is_active(clerk_a, reviewer_a, unit_a, cols):
    item = draft(clerk_a.user, unit_a, cols["news"])
    services.item_submit(actor=clerk_a.user, item=item)
    with timezone.override("Pacific/Kiritimati"):  # UTC+14: often a day ahead of Beijing
        services.item_publish(actor=reviewer_a.user, item=item, secrecy_review="不涉密")
    item.refresh_from_db()
    assert item.published_on == timezone.localdate(timezone=timezone.get_default_timezone())


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["clerk_a", "reviewer_a", "supervisor"])
def test_a_back_entry_is_refused_to_anyone_but_the_office(who, request, submitted):
    staff = request.getfixturevalue(who)
    with pytest.raises(services.CatalogError, match="只有区政务公开办公室可以补录历史信息"):
        services.item_back_enter(
            actor=staff.user, item=submitted, published_on=dt.date(2019, 3, 5), note=SOURCE,
            secrecy_review="不涉密",
        )  # fmt: skip
    with pytest.raises(services.CatalogError, match="只有区政务公开办公室"):
        services.items_back_enter(actor=staff.user, unit=submitted.unit, rows=[], note=SOURCE)
    submitted.refresh_from_db()
    assert submitted.status == State.SUBMITTED
    assert not AuditEvent.objects.filter(action="item.back_entry").exists()


@pytest.mark.django_db
def test_a_back_entry_needs_its_source(office, submitted):
    with pytest.raises(services.CatalogError, match="请填写补录依据"):
        services.item_back_enter(
            actor=office.user, item=submitted, published_on=dt.date(2019, 3, 5), note="  ",
            secrecy_review="不涉密",
        )  # fmt: skip
    assert Item.objects.get(pk=submitted.pk).status == State.SUBMITTED


@pytest.mark.django_db
def test_the_office_back_enters_audited_and_labelled_on_the_portal(
    office, submitted, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.item_back_enter(
            actor=office.user, item=submitted, published_on=dt.date(2019, 3, 5), note=SOURCE,
            secrecy_review="不涉密",
        )  # fmt: skip
    item = Item.objects.get(pk=submitted.pk)
    assert (item.status, item.published_on) == (State.PUBLISHED, dt.date(2019, 3, 5))
    assert (item.back_entered, item.back_entry_note) == (True, SOURCE)
    assert item.index_number.endswith("/2019-00001")
    event = AuditEvent.objects.get(action="item.back_entry")
    assert event.actor == office.user
    assert "2019-03-05" in event.summary
    assert SOURCE in event.summary
    assert "第二十六条" in event.legal_basis
    page = Client().get(reverse("portal:item", args=[item.pk])).content.decode()
    assert f"补录：{SOURCE}" in page


@pytest.mark.django_db
def test_the_back_entry_page_is_the_offices(office, supervisor, reviewer_a, clerk_b, submitted):
    url = reverse("staff:item_back_enter", args=[submitted.pk])
    data = {"published_on": "2019-03-05", "note": SOURCE, "secrecy_review": "不涉密"}
    assert login(reviewer_a).post(url, data).status_code == 404
    assert login(clerk_b).post(url, data).status_code == 404
    assert login(supervisor).post(url, data).status_code == 403
    assert Item.objects.get(pk=submitted.pk).status == State.SUBMITTED
    client = login(office)
    page = client.get(reverse("staff:item", args=[submitted.pk])).content.decode()
    assert "补录历史信息" in page
    refused = client.post(url, {**data, "note": ""}, follow=True).content.decode()
    assert "请填写补录依据" in refused
    assert client.post(url, data).status_code == 302
    item = Item.objects.get(pk=submitted.pk)
    assert item.back_entered
    assert item.published_on == dt.date(2019, 3, 5)
    staff_page = client.get(reverse("staff:item", args=[item.pk])).content.decode()
    assert f"补录：{SOURCE}" in staff_page


@pytest.mark.django_db
def test_a_bulk_back_entry_marks_every_item_with_its_source(office, unit_a, cols):
    row = {
        "column": cols["news"], "title": "旧网站的信息", "doc_number": "", "body": "正文",
        "topic": "其他", "formed_on": dt.date(2019, 5, 6), "published_on": dt.date(2019, 5, 8),
    }  # fmt: skip
    with pytest.raises(services.CatalogError, match="发布日期应在成文日期与今天之间"):
        services.items_back_enter(
            actor=office.user, unit=unit_a, note=SOURCE,
            rows=[{**row, "published_on": dt.date(2019, 5, 1)}],
        )  # fmt: skip
    [pk] = services.items_back_enter(actor=office.user, unit=unit_a, rows=[row], note=SOURCE)
    item = Item.objects.get(pk=pk)
    assert (item.back_entered, item.back_entry_note) == (True, SOURCE)
    assert (
        AuditEvent.objects.get(action="item.back_entry").summary == f"补录历史信息1条（{SOURCE}）"
    )
