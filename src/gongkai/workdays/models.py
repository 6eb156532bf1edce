"""Holiday arrangements loaded by the office, one immutable version per load."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone

from gongkai.workdays.arrangement import YearArrangement, parse_arrangement


class ArrangementVersion(models.Model):
    """A year's arrangement as loaded. The newest version of a year is in force; the baseline
    shipped with Gongkai counts as version 0 and is not stored."""

    year = models.PositiveIntegerField("年份")
    version = models.PositiveIntegerField("版本")
    notice = models.CharField("通知文号", max_length=200)
    payload = models.JSONField("安排内容")
    sha256 = models.CharField("内容摘要", max_length=64)
    source_name = models.CharField("来源文件", max_length=200, blank=True)
    note = models.CharField("说明", max_length=300, blank=True)
    loaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="载入人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    loaded_by_label = models.CharField("载入人（记录时）", max_length=200)
    loaded_at = models.DateTimeField("载入时间", default=timezone.now)

    class Meta:
        ordering = ["year", "version"]
        verbose_name = "节假日安排版本"
        verbose_name_plural = "节假日安排版本"
        constraints = [
            models.UniqueConstraint(fields=["year", "version"], name="arrangement_year_version"),
            models.CheckConstraint(
                condition=models.Q(version__gte=1), name="arrangement_version_gte_1"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year}年节假日安排 第{self.version}版（{self.notice}）"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise RuntimeError("节假日安排版本载入后不可修改；请载入新版本")
        super().save(*args, **kwargs)

    def arrangement(self) -> YearArrangement:
        return parse_arrangement(self.payload)
