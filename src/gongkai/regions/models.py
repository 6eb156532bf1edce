"""The days a region's government adds to the national calendar: holidays of its own (少数民族
节日 and the like, 《全国年节及纪念日放假办法》第三条) and the weekend days it makes working days.

An entry is never changed or deleted: a wrong one is withdrawn (with who, when and why) and a
new one entered, so that every due date computed on it can be explained afterwards. Counting the
rows and the withdrawn ones gives a number that only grows: the version of the regional days
that the calendars built from them are cached under (regions/services.py).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class RegionalDayKind(models.TextChoices):
    HOLIDAY = "holiday", "放假"
    MAKEUP = "makeup", "调休上班"


class RegionalDayQuerySet(models.QuerySet["RegionalDay"]):
    def active(self) -> RegionalDayQuerySet:
        return self.filter(withdrawn_at__isnull=True)


class RegionalDay(models.Model):
    government = models.ForeignKey(
        "units.Unit",
        verbose_name="地方政府",
        on_delete=models.PROTECT,
        related_name="regional_days",
    )
    day = models.DateField("日期")
    kind = models.CharField("类别", max_length=16, choices=RegionalDayKind.choices)
    name = models.CharField("名称", max_length=50)
    basis = models.CharField("依据（文件名称及文号）", max_length=200)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="登记人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    entered_by_label = models.CharField("登记人（记录时）", max_length=200)
    entered_at = models.DateTimeField("登记时间", default=timezone.now)
    withdrawn_at = models.DateTimeField("撤销时间", null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="撤销人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    withdrawn_by_label = models.CharField("撤销人（记录时）", max_length=200, blank=True)
    withdrawn_reason = models.CharField("撤销理由及依据", max_length=300, blank=True)

    objects = RegionalDayQuerySet.as_manager()

    class Meta:
        ordering = ["day", "government_id", "id"]
        verbose_name = "地方节假日"
        verbose_name_plural = "地方节假日"
        constraints = [
            models.UniqueConstraint(
                fields=["government", "day"],
                condition=models.Q(withdrawn_at__isnull=True),
                name="regional_day_one_active_per_day",
                violation_error_message="该政府在这一天已登记了节假日或调休上班日",
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=RegionalDayKind.values), name="regional_day_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.day.isoformat()} {self.name}（{self.get_kind_display()}）"

    @property
    def is_makeup(self) -> bool:
        return self.kind == RegionalDayKind.MAKEUP
