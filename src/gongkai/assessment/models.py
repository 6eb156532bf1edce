"""The assessment of the units (考核): rubric versions as loaded, a year's assessment, and the
scores the office gives by hand or imports from the third-party evaluator."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Q
from django.utils import timezone

from gongkai.assessment.rubric import Rubric, Scoring, parse_rubric


class RubricVersion(models.Model):
    """A rubric as loaded by the office; the newest is in force. The rubric shipped with
    Gongkai (data/rubric-2019.yaml) is version 0 and not stored."""

    version = models.PositiveIntegerField("版本", unique=True)
    code = models.CharField("细则代码", max_length=20)
    title = models.CharField("细则名称", max_length=200)
    payload = models.JSONField("细则内容")
    sha256 = models.CharField("内容摘要", max_length=64)
    source_name = models.CharField("来源文件", max_length=200, blank=True)
    note = models.CharField("说明", max_length=300, blank=True)
    loaded_by_label = models.CharField("载入人", max_length=200)
    loaded_at = models.DateTimeField("载入时间", default=timezone.now)

    class Meta:
        ordering = ["-version"]
        verbose_name = "考核细则版本"
        verbose_name_plural = "考核细则版本"
        constraints = [
            models.CheckConstraint(condition=Q(version__gte=1), name="rubric_version_gte_1"),
        ]

    def __str__(self) -> str:
        return f"{self.title} 第{self.version}版"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise RuntimeError("考核细则版本载入后不可修改；请载入新版本")
        super().save(*args, **kwargs)

    def rubric(self) -> Rubric:
        return parse_rubric(self.payload)


class AssessmentStatus(models.TextChoices):
    OPEN = "open", "评分中"
    LOCKED = "locked", "已锁定"


class Assessment(models.Model):
    """A year's assessment of every unit under the rubric it was opened with. Locking freezes
    every unit's sheet in ``snapshot``; while locked, nothing of it changes."""

    year = models.PositiveIntegerField("年度", unique=True)
    rubric = models.JSONField("考核细则")
    rubric_version = models.PositiveIntegerField("细则版本", default=0)
    as_of = models.DateField("考核基准日", help_text="自动指标按此日的记录计算，一般为年度最后一天")
    status = models.CharField(
        "状态", max_length=8, choices=AssessmentStatus.choices, default=AssessmentStatus.OPEN
    )
    snapshot = models.JSONField("锁定时的评分", null=True, blank=True)
    locked_at = models.DateTimeField("锁定时间", null=True, blank=True)
    locked_by_label = models.CharField("锁定人", max_length=200, blank=True)
    created_at = models.DateTimeField("创建时间", default=timezone.now)
    created_by_label = models.CharField("创建人", max_length=200)

    class Meta:
        ordering = ["-year"]
        verbose_name = "年度考核"
        verbose_name_plural = "年度考核"
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=AssessmentStatus.values), name="assessment_status_valid"
            ),
            # Locked exactly when there is a frozen snapshot.
            models.CheckConstraint(
                condition=(Q(status=AssessmentStatus.LOCKED) & Q(snapshot__isnull=False))
                | (~Q(status=AssessmentStatus.LOCKED) & Q(snapshot__isnull=True)),
                name="assessment_locked_iff_snapshot",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return f"{self.year}年度政府信息公开和政务公开专项考核"

    @property
    def is_locked(self) -> bool:
        return self.status == AssessmentStatus.LOCKED

    def parsed_rubric(self) -> Rubric:
        return parse_rubric(self.rubric)


class Score(models.Model):
    """A unit's score on a manual or third-party item (the automatic ones are computed)."""

    assessment = models.ForeignKey(
        Assessment, verbose_name="考核", on_delete=models.CASCADE, related_name="scores"
    )
    unit = models.ForeignKey(
        "units.Unit", verbose_name="单位", on_delete=models.PROTECT, related_name="+"
    )
    item_id = models.CharField("考核项目", max_length=20)
    source = models.CharField(
        "来源",
        max_length=12,
        choices=[(Scoring.MANUAL.value, "公开办评分"), (Scoring.THIRD_PARTY.value, "第三方评估")],
    )
    score = models.DecimalField("得分", max_digits=6, decimal_places=1)
    note = models.TextField("评分说明", max_length=1000)
    source_name = models.CharField("导入文件", max_length=200, blank=True)
    scored_by_label = models.CharField("评分人", max_length=200)
    scored_at = models.DateTimeField("评分时间", default=timezone.now)

    class Meta:
        ordering = ["assessment", "unit__sort_order", "item_id"]
        verbose_name = "考核评分"
        verbose_name_plural = "考核评分"
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "unit", "item_id"], name="assessment_score_unit_item"
            ),
            models.CheckConstraint(condition=Q(score__gte=0), name="assessment_score_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.item_id}：{self.score}"
