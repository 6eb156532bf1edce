"""The inspection pages as the office, a unit's clerk and the supervisor use them: forms with
errors in Chinese and nothing stored, the list's filters, the staff home page's overdue count,
the notice as a download."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document

from gongkai.inspections import services
from gongkai.inspections.models import Finding, Inspection, Rectification, Response
from tests.conftest import login
from tests.factories import PNG, register

pytestmark = pytest.mark.django_db


@pytest.fixture
def inspection(office, unit_a, unit_b):
    return services.inspection_create(
        actor=office.user,
        title="2025年度全面检查",
        start_on=dt.date(2025, 9, 15),
        end_on=dt.date(2025, 9, 19),
        units=[unit_a, unit_b],
    )


def issued(office, inspection, unit, on=dt.date(2025, 9, 26)) -> Rectification:
    services.finding_add(
        actor=office.user,
        inspection=inspection,
        unit=unit,
        kind="stale_column",
        description=f"{unit.short_name}工作动态栏目未及时更新",
    )
    return services.rectification_issue(actor=office.user, inspection=inspection, unit=unit, on=on)


def test_the_office_records_an_inspection_with_the_form(office, unit_a, unit_b):
    client = login(office)
    page = client.get(reverse("staff:inspection_create")).content.decode()
    assert unit_a.name in page
    response = client.post(
        reverse("staff:inspection_create"),
        {"title": "专项检查", "start_on": "2025-09-19", "end_on": "2025-09-15", "units": []},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "检查结束日期不能早于开始日期" in page
    assert "请选择被检查单位" in page
    assert not Inspection.objects.exists()
    response = client.post(
        reverse("staff:inspection_create"),
        {
            "title": "专项检查",
            "start_on": "2025-09-15",
            "end_on": "2025-09-19",
            "units": [unit_a.pk, unit_b.pk],
        },
    )
    inspection = Inspection.objects.get()
    assert response["Location"] == reverse("staff:inspection", args=[inspection.pk])


def test_a_finding_naming_a_record_the_unit_does_not_have_is_refused(
    office, inspection, unit_a, clerk_a
):
    client = login(office)
    url = reverse("staff:inspection_finding", args=[inspection.pk])
    data = {"unit": unit_a.pk, "kind": "wrong_article", "description": "引用条款错误"}
    response = client.post(url, data | {"application": "NOPE-1"})
    assert response.status_code == 400
    assert "没有编号为“NOPE-1”的申请" in response.content.decode()
    assert not Finding.objects.exists()
    application = register(clerk_a.user, unit_a)
    response = client.post(url, data | {"application": application.tracking_number})
    assert response.status_code == 302
    assert Finding.objects.get().application == application
    page = client.get(reverse("staff:inspection", args=[inspection.pk])).content.decode()
    assert "引用条款错误" in page
    assert application.tracking_number in page


def test_the_office_issues_and_the_unit_responds_then_the_office_returns_and_closes(
    office, clerk_a, inspection, unit_a
):
    services.finding_add(
        actor=office.user, inspection=inspection, unit=unit_a, kind="other", description="问题甲"
    )
    office_client = login(office)
    response = office_client.post(
        reverse("staff:inspection_issue", args=[inspection.pk]),
        {"unit": unit_a.pk, "requirements": "请于期限内整改"},
    )
    rectification = Rectification.objects.get()
    assert response["Location"] == reverse("staff:rectification", args=[rectification.pk])
    download = office_client.get(reverse("staff:rectification_notice", args=[rectification.pk]))
    assert download["Content-Type"].startswith("application/vnd.openxmlformats")
    text = "\n".join(p.text for p in Document(io.BytesIO(download.content)).paragraphs)
    assert "问题甲" in text
    assert "请于期限内整改" in text

    clerk = login(clerk_a)
    url = reverse("staff:rectification_respond", args=[rectification.pk])
    bad = SimpleUploadedFile("x.png", b"not a picture", content_type="image/png")
    response = clerk.post(url, {"text": "已整改", "evidence": [bad]})
    assert response.status_code == 400
    assert "不是允许的类型" in response.content.decode()
    assert not Response.objects.exists()
    good = SimpleUploadedFile("佐证.png", PNG, content_type="image/png")
    assert clerk.post(url, {"text": "已整改", "evidence": [good]}).status_code == 302
    page = clerk.get(reverse("staff:rectification", args=[rectification.pk])).content.decode()
    assert "佐证.png" in page
    assert "待公开办审核" in page

    url = reverse("staff:rectification_return", args=[rectification.pk])
    response = office_client.post(url, {"reason": ""})
    assert response.status_code == 400
    assert "请填写退回理由" in response.content.decode()
    assert office_client.post(url, {"reason": "材料不全"}).status_code == 302
    rectification.refresh_from_db()
    assert rectification.status == "returned"
    # the office may not respond for the unit, nor close a returned one
    assert (
        office_client.post(
            reverse("staff:rectification_respond", args=[rectification.pk]), {"text": "x"}
        ).status_code
        == 404
    )
    office_client.post(reverse("staff:rectification_close", args=[rectification.pk]))
    rectification.refresh_from_db()
    assert rectification.status == "returned"

    clerk.post(reverse("staff:rectification_respond", args=[rectification.pk]), {"text": "补充"})
    office_client.post(reverse("staff:rectification_close", args=[rectification.pk]), {"note": ""})
    rectification.refresh_from_db()
    assert rectification.status == "closed"
    page = clerk.get(reverse("staff:rectification", args=[rectification.pk])).content.decode()
    assert "材料不全" in page
    assert "整改完成" in page


def test_the_list_filters_by_status_unit_and_overdue(office, inspection, unit_a, unit_b):
    late = issued(office, inspection, unit_a)  # due 2025-10-30: overdue today
    services.finding_add(
        actor=office.user, inspection=inspection, unit=unit_b, kind="other", description="x"
    )
    fresh = services.rectification_issue(actor=office.user, inspection=inspection, unit=unit_b)
    client = login(office)
    url = reverse("staff:inspections")
    page = client.get(url).content.decode()
    assert late.number in page
    assert fresh.number in page
    assert "1项整改已超过整改期限" in page
    page = client.get(url, {"overdue": "1"}).content.decode()
    assert late.number in page
    assert fresh.number not in page
    page = client.get(url, {"overdue": "0"}).content.decode()
    assert late.number not in page
    page = client.get(url, {"unit": unit_b.pk}).content.decode()
    assert late.number not in page
    assert fresh.number in page
    page = client.get(url, {"status": "closed"}).content.decode()
    assert late.number not in page
    for junk in ({"status": "<x>"}, {"unit": "abc"}, {"overdue": "9"}, {"year": "99999"}):
        assert client.get(url, junk).status_code == 200


def test_unit_staff_see_their_own_units_rectifications_only(
    office, clerk_b, inspection, unit_a, unit_b
):
    mine = issued(office, inspection, unit_b)
    theirs = issued(office, inspection, unit_a)
    client = login(clerk_b)
    page = client.get(reverse("staff:inspections")).content.decode()
    assert mine.number in page
    assert theirs.number not in page
    page = client.get(reverse("staff:inspection", args=[inspection.pk])).content.decode()
    assert "工作动态栏目" in page
    assert unit_a.short_name + "工作动态" not in page
    assert client.get(reverse("staff:rectification", args=[theirs.pk])).status_code == 404


def test_the_staff_home_page_counts_overdue_rectifications(
    office, supervisor, clerk_b, inspection, unit_a
):
    issued(office, inspection, unit_a)
    for member, count in ((office, 1), (supervisor, 1), (clerk_b, 0)):
        page = login(member).get(reverse("staff:home")).content.decode()
        assert f'<span class="n">{count}</span><span>项整改逾期未完成</span>' in page


@pytest.mark.parametrize("value", ["9" * 30, "-1", "²", "\x00", "1e5", "<x>", "\ufffe", ""])
def test_hostile_values_are_refused_or_ignored_never_a_500(office, inspection, unit_a, value):
    client = login(office)
    response = client.post(
        reverse("staff:inspection_create"),
        {"title": value, "start_on": value, "end_on": "2025-01-01", "units": [value]},
    )
    assert response.status_code == 400
    url = reverse("staff:inspection_finding", args=[inspection.pk])
    for data in (
        {"unit": value, "kind": value, "description": value},
        {"unit": unit_a.pk, "kind": "other", "description": "x", "application": value},
        {"unit": unit_a.pk, "kind": "other", "description": "x", "item": value, "column": value},
    ):
        assert client.post(url, data).status_code in (302, 400)
    issue = reverse("staff:inspection_issue", args=[inspection.pk])
    assert client.post(issue, {"unit": value}).status_code == 302
    listed = {"unit": value, "year": value, "status": value, "overdue": value, "page": value}
    assert client.get(reverse("staff:inspections"), listed).status_code == 200
    assert Inspection.objects.count() == 1
