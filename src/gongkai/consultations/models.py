"""Consultations on drafts (意见征集) and simple surveys (调查征集): the draft with its dates and
attachments, the public's comments with their moderation and adoption, the feedback, and
surveys with their questions and answers (docs/consultations.md)."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.utils import timezone

from gongkai.consultations import status
from gongkai.consultations.status import Adoption, Moderation, State
from gongkai.consultations.surveytext import Kind
from gongkai.core.fields import EncryptedTextField


class Consultation(models.Model):
    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="+")
    title = models.CharField("标题", max_length=200)
    draft = models.TextField("草案及说明", max_length=50_000)
    opens_on = models.DateField("开始日期", db_index=True)
    closes_on = models.DateField("截止日期")
    shortened_reason = models.CharField("缩短期限的理由", max_length=500, blank=True)
    ended_on = models.DateField("提前结束日期", null=True, blank=True)
    end_reason = models.CharField("提前结束的理由", max_length=500, blank=True)
    feedback = models.TextField("反馈说明", max_length=20_000, blank=True)
    feedback_published_at = models.DateTimeField("反馈发布时间", null=True, blank=True)
    created_at = models.DateTimeField("登记时间", default=timezone.now)
    created_by_label = models.CharField("登记人", max_length=200)

    class Meta:
        ordering = ["-opens_on", "-id"]
        verbose_name = "意见征集"
        verbose_name_plural = "意见征集"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_on__gte=models.F("opens_on")),
                name="consultation_period_order",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def state(self, today: dt.date | None = None) -> State:
        return status.state(
            opens_on=self.opens_on,
            closes_on=self.closes_on,
            ended_on=self.ended_on,
            answered=self.feedback_published_at is not None,
            today=today or timezone.localdate(),
        )

    @property
    def last_day(self) -> dt.date:
        if self.ended_on is None:
            return self.closes_on
        return min(self.closes_on, self.ended_on - dt.timedelta(days=1))


def attachment_path(instance: Attachment, filename: str) -> str:
    return f"consultations/{instance.consultation_id}/{filename}"


class Attachment(models.Model):
    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(upload_to=attachment_path, max_length=300)
    name = models.CharField("文件名", max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["id"]
        verbose_name = "征集附件"
        verbose_name_plural = "征集附件"

    def __str__(self) -> str:
        return self.name


class Comment(models.Model):
    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="comments"
    )
    body = models.TextField("意见内容", max_length=5000)
    # never shown on the portal; kept encrypted for the office to contact the commenter
    name = EncryptedTextField("姓名", blank=True, clear_max_length=50)
    contact = EncryptedTextField("联系方式", blank=True, clear_max_length=100)
    public_body = models.TextField("公开文本", max_length=5000, blank=True)
    received_at = models.DateTimeField("提交时间", default=timezone.now)
    moderation = models.CharField(
        "审核", max_length=10, choices=[(m.value, m.label) for m in Moderation], default="pending"
    )
    moderation_reason = models.CharField("不予公开的理由", max_length=500, blank=True)
    moderated_at = models.DateTimeField("审核时间", null=True, blank=True)
    adoption = models.CharField(
        "采纳情况", max_length=12, choices=[(a.value, a.label) for a in Adoption], blank=True
    )
    adoption_reason = models.CharField("采纳情况说明", max_length=1000, blank=True)

    class Meta:
        ordering = ["received_at", "id"]
        verbose_name = "意见"
        verbose_name_plural = "意见"

    def __str__(self) -> str:
        return f"{self.consultation_id}-{self.pk}"


class Survey(models.Model):
    consultation = models.ForeignKey(
        Consultation,
        on_delete=models.PROTECT,
        related_name="surveys",
        null=True,
        blank=True,
        verbose_name="所属意见征集",
    )
    title = models.CharField("问卷标题", max_length=200)
    intro = models.TextField("说明", max_length=2000, blank=True)
    opens_on = models.DateField("开始日期")
    closes_on = models.DateField("截止日期")
    created_at = models.DateTimeField(default=timezone.now)
    created_by_label = models.CharField("登记人", max_length=200)

    class Meta:
        ordering = ["-opens_on", "-id"]
        verbose_name = "调查问卷"
        verbose_name_plural = "调查问卷"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_on__gte=models.F("opens_on")),
                name="survey_period_order",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def is_open(self, today: dt.date | None = None) -> bool:
        return self.opens_on <= (today or timezone.localdate()) <= self.closes_on


class Question(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=10, choices=[(k.value, k.value) for k in Kind])
    text = models.CharField(max_length=200)

    class Meta:
        ordering = ["position"]

    def __str__(self) -> str:
        return self.text


class Choice(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choices")
    position = models.PositiveSmallIntegerField()
    label = models.CharField(max_length=200)

    class Meta:
        ordering = ["position"]

    def __str__(self) -> str:
        return self.label


class Response(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    received_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"{self.survey_id}-{self.pk}"


class Answer(models.Model):
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    choice = models.ForeignKey(
        Choice, on_delete=models.CASCADE, related_name="answers", null=True, blank=True
    )
    text = models.TextField(max_length=2000, blank=True)

    def __str__(self) -> str:
        return f"{self.question_id}: {self.choice_id or self.text[:20]}"
