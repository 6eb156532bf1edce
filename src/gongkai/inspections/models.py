"""Inspections by the office (检查), their findings (检查发现), a rectification (整改) per unit
with its notice (整改通知书), and the unit's responses with evidence (整改情况). The states of a
rectification are in :mod:`gongkai.inspections.status`; overdue is derived from the stored,
indexed due date, never stored."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from gongkai.inspections import kinds, status
from gongkai.inspections.status import State


class Inspection(models.Model):
    """One inspection by the office of one or many units (《条例》第四十七条)."""

    title = models.CharField("检查名称", max_length=200)
    start_on = models.DateField("检查开始日期")
    end_on = models.DateField("检查结束日期")
    scope = models.TextField("检查范围和内容", blank=True)
    inspectors = models.CharField("检查人员", max_length=300, blank=True)
    units = models.ManyToManyField("units.Unit", related_name="+", verbose_name="被检查单位")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-start_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_on__gte=models.F("start_on")), name="inspection_dates_in_order"
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def year(self) -> int:
        return self.start_on.year


class Rectification(models.Model):
    """The rectification asked of one unit after an inspection: its notice and its state."""

    inspection = models.ForeignKey(
        Inspection, on_delete=models.PROTECT, related_name="rectifications"
    )
    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="+")
    number = models.CharField("通知书文号", max_length=60, unique=True)
    year = models.PositiveIntegerField()
    serial = models.PositiveIntegerField()
    status = models.CharField(
        "状态",
        max_length=16,
        choices=[(s.value, s.label) for s in State],
        default=State.ISSUED,
    )
    requirements = models.TextField("整改要求", blank=True)
    issuer = models.CharField("下发机关", max_length=120)
    issued_on = models.DateField("下发日期")
    working_days = models.PositiveSmallIntegerField("整改期限（工作日）")
    due_date = models.DateField("整改期限", db_index=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    completed_on = models.DateField("整改完成日期", null=True, blank=True)  # the accepted report's
    closed_on = models.DateField("确认完成日期", null=True, blank=True)

    class Meta:
        ordering = ["-issued_on", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["inspection", "unit"], name="rectification_per_unit"),
            models.UniqueConstraint(fields=["year", "serial"], name="rectification_serial"),
            models.CheckConstraint(
                condition=Q(status__in=[s.value for s in State]), name="rectification_status"
            ),
            models.CheckConstraint(
                condition=Q(
                    status=State.CLOSED, completed_on__isnull=False, closed_on__isnull=False
                )
                | (~Q(status=State.CLOSED) & Q(closed_on__isnull=True)),
                name="rectification_closed_dates",
            ),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def state(self) -> State:
        return State(self.status)

    def is_overdue(self, today: dt.date) -> bool:
        return status.is_overdue(self.status, self.due_date, today)

    @property
    def on_time(self) -> bool:
        return status.completed_on_time(self.status, self.due_date, self.completed_on)


class Finding(models.Model):
    """One problem found in one unit, of a kind of the closed list, optionally pointing at the
    records it concerns. ``reference`` keeps what they were called, should a record go."""

    inspection = models.ForeignKey(Inspection, on_delete=models.PROTECT, related_name="findings")
    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField("问题类型", max_length=32, choices=kinds.CHOICES)
    description = models.TextField("问题描述")
    application = models.ForeignKey(
        "applications.Application",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="涉及的申请",
    )
    item = models.ForeignKey(
        "catalog.Item",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="涉及的信息",
    )
    column = models.ForeignKey(
        "catalog.Column",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="涉及的栏目",
    )
    reference = models.CharField("涉及记录", max_length=400, blank=True)
    rectification = models.ForeignKey(
        Rectification,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="findings",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=[k.value for k in kinds.FindingKind]), name="finding_kind"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind_label}：{self.description[:40]}"

    @property
    def kind_label(self) -> str:
        return kinds.FindingKind(self.kind).label


class Response(models.Model):
    """One report by the unit of what it did (整改情况), and the office's verdict on it."""

    class Verdict(models.TextChoices):
        PENDING = "", "待审核"
        CLOSED = "closed", "确认整改完成"
        RETURNED = "returned", "退回"

    rectification = models.ForeignKey(
        Rectification, on_delete=models.PROTECT, related_name="responses"
    )
    round = models.PositiveSmallIntegerField("第几次报送")
    text = models.TextField("整改情况")
    responded_on = models.DateField("报送日期")
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    responder_label = models.CharField("报送人", max_length=200)
    verdict = models.CharField(max_length=16, choices=Verdict.choices, blank=True, default="")
    verdict_note = models.TextField("审核意见", blank=True)
    verdict_on = models.DateField(null=True, blank=True)
    verdict_label = models.CharField("审核人", max_length=200, blank=True)

    class Meta:
        ordering = ["round"]
        constraints = [
            models.UniqueConstraint(fields=["rectification", "round"], name="response_round"),
        ]

    def __str__(self) -> str:
        return f"{self.rectification.number} 第{self.round}次报送"


def evidence_path(instance: Evidence, filename: str) -> str:
    return f"inspections/{instance.response.rectification_id}/{filename}"


class Evidence(models.Model):
    """A file the unit sends with its response (整改佐证材料), checked by its content."""

    response = models.ForeignKey(Response, on_delete=models.PROTECT, related_name="evidence")
    file = models.FileField(upload_to=evidence_path, max_length=300)
    name = models.CharField("文件名", max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return self.name
