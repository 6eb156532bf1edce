"""Opening, commenting, moderating, the feedback and its counts, surveys and their results, and
the portal's and the office's pages."""

from __future__ import annotations

import datetime as dt
from unittest import mock

import pytest
from django.test import Client
from django.urls import reverse

from gongkai.audit.models import AuditEvent
from gongkai.consultations import selectors, services
from gongkai.consultations.models import Comment, Consultation
from gongkai.consultations.status import Adoption, State
from tests.conftest import login
from tests.factories import PNG

TODAY = dt.date(2025, 3, 3)


@pytest.fixture
def day():
    current = {"day": TODAY}
    with mock.patch.object(services, "today", side_effect=lambda: current["day"]):
        yield current


def _open(office, unit, **changes):
    data = {
        "actor": office.user,
        "unit": unit,
        "title": "《关于停车管理的规定（征求意见稿）》",
        "draft": "第一条 为了规范停车管理……",
        "opens_on": TODAY,
        "closes_on": TODAY + dt.timedelta(days=30),
    } | changes
    return services.consultation_open(**data)


@pytest.mark.django_db
def test_the_period_is_checked_and_the_opening_audited(office, unit_a, day):
    with pytest.raises(services.ConsultationError, match="第十五条"):
        _open(office, unit_a, closes_on=TODAY + dt.timedelta(days=29))
    short = _open(
        office, unit_a, closes_on=TODAY + dt.timedelta(days=10), shortened_reason="情况紧急"
    )
    assert short.shortened_reason == "情况紧急"
    full = _open(office, unit_a, shortened_reason="不需要")
    assert full.shortened_reason == ""
    event = AuditEvent.objects.filter(action="consultation.open").last()
    assert "第十五条" in event.legal_basis


@pytest.mark.django_db
def test_moderation_adoption_and_the_feedback_counts(office, unit_a, day):
    c = _open(office, unit_a)
    comments = [
        services.comment_submit(
            consultation=c, body=f"意见{i}，我叫王五，电话13912345678", name="王五"
        )
        for i in range(4)
    ]
    assert all("王五" not in m.public_body and "13912345678" not in m.public_body for m in comments)
    with pytest.raises(services.ConsultationError, match="理由"):
        services.comment_moderate(actor=office.user, comment=comments[0], approve=False)
    services.comment_moderate(actor=office.user, comment=comments[0], approve=False, reason="广告")
    for m in comments[1:]:
        services.comment_moderate(actor=office.user, comment=m, approve=True)
    services.comment_moderate(
        actor=office.user, comment=comments[3], approve=True, public_body="王五说：改第二条"
    )
    assert Comment.objects.get(pk=comments[3].pk).public_body == "〔姓名已隐去〕说：改第二条"
    with pytest.raises(services.ConsultationError, match="截止后"):
        services.comment_adoption(
            actor=office.user, comment=comments[1], adoption=Adoption.ADOPTED, reason=""
        )
    with pytest.raises(services.ConsultationError, match="截止后"):
        services.feedback_publish(actor=office.user, consultation=c, text="反馈")
    day["day"] = TODAY + dt.timedelta(days=31)
    assert c.state(day["day"]) is State.CLOSED
    with pytest.raises(services.ConsultationError, match="不在征集期内"):
        services.comment_submit(consultation=c, body="晚了")
    with pytest.raises(services.ConsultationError, match="未标明采纳"):
        services.feedback_publish(actor=office.user, consultation=c, text="反馈")
    with pytest.raises(services.ConsultationError, match="说明理由"):
        services.comment_adoption(
            actor=office.user, comment=comments[2], adoption=Adoption.NOT_ADOPTED, reason=""
        )
    with pytest.raises(services.ConsultationError, match="已公开"):
        services.comment_adoption(
            actor=office.user, comment=comments[0], adoption=Adoption.ADOPTED, reason=""
        )
    marks = [
        (Adoption.ADOPTED, ""),
        (Adoption.PARTLY, "部分已有规定"),
        (Adoption.NOT_ADOPTED, "超出权限"),
    ]
    for m, (adoption, reason) in zip(comments[1:], marks, strict=True):
        services.comment_adoption(actor=office.user, comment=m, adoption=adoption, reason=reason)
    services.feedback_publish(actor=office.user, consultation=c, text="感谢各方参与。")
    c.refresh_from_db()
    assert c.state(day["day"]) is State.ANSWERED
    assert selectors.feedback_counts(c) == selectors.FeedbackCounts(
        received=4, published=3, rejected=1, adopted=1, partly=1, not_adopted=1
    )
    with pytest.raises(services.ConsultationError, match="反馈已发布"):
        services.comment_moderate(actor=office.user, comment=comments[1], approve=True)
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"consultation.comment", "consultation.moderate", "consultation.adoption"} <= actions
    assert "consultation.feedback" in actions
    page = Client().get(reverse("portal:consultation", args=[c.pk])).content.decode()
    assert "共收到意见<strong>4</strong>条" in page, page[page.find("<main") :][:3000]
    assert "超出权限" in page
    assert "王五" not in page
    assert "13912345678" not in page
    assert "广告" not in page


@pytest.mark.django_db
def test_ending_early_and_attachments(office, unit_a, day):
    c = _open(office, unit_a)
    with pytest.raises(services.ConsultationError, match="理由"):
        services.consultation_end(actor=office.user, consultation=c, reason=" ")
    services.attachments_add(actor=office.user, consultation=c, files=[("说明.png", PNG)])
    with pytest.raises(services.ConsultationError):
        services.attachments_add(actor=office.user, consultation=c, files=[("x.exe", b"MZ\x90")])
    assert c.attachments.count() == 1
    services.consultation_end(actor=office.user, consultation=c, reason="草案撤回")
    c.refresh_from_db()
    assert c.state(TODAY) is State.CLOSED
    response = Client().get(
        reverse("portal:consultation_attachment", args=[c.pk, c.attachments.get().pk])
    )
    assert response.status_code == 200


@pytest.mark.django_db
def test_survey_results_with_a_chart_and_a_table(office, unit_a, day):
    survey = services.survey_create(
        actor=office.user,
        title="停车问卷",
        intro="",
        questions_text=(
            "[单选] 是否赞成\n- 赞成\n- 不赞成\n\n[多选] 关心\n- 价格\n- 车位\n\n[填空] 其他"
        ),
        opens_on=TODAY,
        closes_on=TODAY + dt.timedelta(days=10),
    )
    single, multiple, text = list(survey.questions.all())
    yes, no = list(single.choices.all())
    price, spaces = list(multiple.choices.all())
    services.survey_answer(
        survey=survey,
        choices={single.pk: [yes.pk], multiple.pk: [price.pk, spaces.pk]},
        texts={text.pk: "多建车位"},
    )
    services.survey_answer(
        survey=survey, choices={single.pk: [no.pk], multiple.pk: [price.pk]}, texts={}
    )
    with pytest.raises(services.ConsultationError, match="只能选一项"):
        services.survey_answer(survey=survey, choices={single.pk: [yes.pk, no.pk]}, texts={})
    with pytest.raises(services.ConsultationError, match="无效"):
        services.survey_answer(survey=survey, choices={single.pk: [price.pk]}, texts={})
    with pytest.raises(services.ConsultationError, match="至少回答"):
        services.survey_answer(survey=survey, choices={}, texts={text.pk: "  "})
    results = selectors.survey_results(survey, with_texts=True)
    assert results[0].rows == [("赞成", 1), ("不赞成", 1)]
    assert results[1].rows == [("价格", 2), ("车位", 1)]
    assert results[1].answered == 2
    assert results[2].texts == ["多建车位"]
    assert results[2].svg is None
    assert 'role="img"' in results[0].svg
    assert selectors.survey_results(survey)[2].texts == []  # the public never sees free text
    day["day"] = TODAY + dt.timedelta(days=11)
    page = Client().get(reverse("portal:survey", args=[survey.pk])).content.decode()
    assert "<svg" in page
    assert "<caption>是否赞成：各选项人数</caption>" in page
    assert "多建车位" not in page
    staff_page = login(office).get(reverse("staff:survey", args=[survey.pk])).content.decode()
    assert "多建车位" in staff_page


@pytest.mark.django_db
def test_the_public_comment_form(office, unit_a, day):
    c = _open(office, unit_a)
    client = Client()
    url = reverse("portal:consultation", args=[c.pk])
    assert client.post(url, {"body": ""}).status_code == 400
    response = client.post(
        url, {"body": "建议\x00增加车位", "name": "李四", "contact": "13700000000"}
    )
    assert response.status_code == 302
    stored = Comment.objects.get()
    assert stored.body == "建议增加车位"
    assert stored.name == "李四"
    assert "建议增加车位" not in client.get(url).content.decode()  # not before moderation


@pytest.mark.django_db
def test_the_comment_form_is_rate_limited(office, unit_a, day, settings):
    settings.GONGKAI_PUBLIC_RATE_LIMIT = 1
    c = _open(office, unit_a)
    client = Client()
    url = reverse("portal:consultation", args=[c.pk])
    assert client.post(url, {"body": "一"}).status_code == 302
    assert client.post(url, {"body": "二"}).status_code == 429
    assert Comment.objects.count() == 1


@pytest.mark.django_db
def test_the_office_opens_one_through_its_form(office, unit_a, day):
    client = login(office)
    url = reverse("staff:consultation_create")
    data = {
        "unit": unit_a.pk,
        "title": "草案",
        "draft": "内容",
        "opens_on": "2025-03-03",
        "closes_on": "2025-03-10",
        "shortened_reason": "",
    }
    response = client.post(url, data)
    assert response.status_code == 400
    assert "2025-04-02" in response.content.decode()
    response = client.post(url, data | {"closes_on": "2025-04-02"})
    assert response.status_code == 302


@pytest.mark.django_db
def test_the_demo_district_has_an_answered_2019_consultation_and_an_open_one(office):
    from gongkai.demo.consultations import build_consultations

    build_consultations(lambda _: None)
    old, current = sorted(Consultation.objects.all(), key=lambda c: c.opens_on)
    assert old.state() is State.ANSWERED
    assert current.state() is State.OPEN
    assert selectors.feedback_counts(old) == selectors.FeedbackCounts(
        received=4, published=3, rejected=1, adopted=1, partly=1, not_adopted=1
    )
    assert all("张建国" not in m.public_body for m in old.comments.all())
    assert current.surveys.get().questions.count() == 3
    page = Client().get(reverse("portal:consultations")).content.decode()
    assert old.title in page
    assert current.title in page
