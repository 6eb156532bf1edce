"""The training the office gives the units' staff: a session (date, title, organiser, place),
the units that attended with their number of people (and, optionally, the names), and the
materials handed out. The year's figures feed the annual report's prose (docs/training.md)."""

from __future__ import annotations

from django.db import models
from django.utils import timezone


class Session(models.Model):
    held_on = models.DateField("培训日期", db_index=True)
    title = models.CharField("培训名称", max_length=200)
    organiser = models.CharField("主办单位", max_length=100)
    place = models.CharField("培训地点", max_length=200)
    content = models.TextField("培训内容", max_length=2000, blank=True)
    created_at = models.DateTimeField("登记时间", default=timezone.now)
    created_by_label = models.CharField("登记人", max_length=200)

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = "培训"
        verbose_name_plural = "培训"

    def __str__(self) -> str:
        return f"{self.held_on:%Y-%m-%d} {self.title}"


class Attendance(models.Model):
    """How many of a unit's staff attended a session."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="attendances")
    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="+")
    people = models.PositiveIntegerField("参训人数")
    names = models.CharField("参训人员", max_length=500, blank=True)

    class Meta:
        ordering = ["unit__sort_order", "unit_id"]
        verbose_name = "参训单位"
        verbose_name_plural = "参训单位"
        constraints = [
            models.UniqueConstraint(fields=["session", "unit"], name="training_attendance_once"),
            models.CheckConstraint(
                condition=models.Q(people__gte=1), name="training_attendance_people"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit_id}: {self.people}"


def material_path(instance: Material, filename: str) -> str:
    return f"training/{instance.session_id}/{filename}"


class Material(models.Model):
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="materials")
    file = models.FileField(upload_to=material_path, max_length=300)
    name = models.CharField("文件名", max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["id"]
        verbose_name = "培训材料"
        verbose_name_plural = "培训材料"

    def __str__(self) -> str:
        return self.name
