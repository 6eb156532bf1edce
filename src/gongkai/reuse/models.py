"""What the applications are reused for: the items made public proactively because several
applicants asked for the same information (《条例》第四十四条), linked to those applications; and
the units that publish the de-identified register of their concluded applications
(docs/reuse.md)."""

from __future__ import annotations

from django.db import models
from django.utils import timezone


class RequestLink(models.Model):
    """One application that led to a proactive publication under 第四十四条."""

    item = models.ForeignKey("catalog.Item", on_delete=models.PROTECT, related_name="+")
    application = models.ForeignKey(
        "applications.Application", on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("关联时间", default=timezone.now)
    created_by_label = models.CharField("关联人", max_length=200)

    class Meta:
        ordering = ["item_id", "application_id"]
        verbose_name = "依申请转主动公开的申请"
        verbose_name_plural = "依申请转主动公开的申请"
        constraints = [
            models.UniqueConstraint(fields=["item", "application"], name="request_link_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.application_id} → {self.item_id}"


class RegisterSetting(models.Model):
    """Whether a unit publishes the de-identified register of its concluded applications."""

    unit = models.OneToOneField("units.Unit", on_delete=models.PROTECT, related_name="+")
    enabled = models.BooleanField("公开办结申请登记", default=False)
    changed_at = models.DateTimeField("修改时间", default=timezone.now)
    changed_by_label = models.CharField("修改人", max_length=200)

    class Meta:
        verbose_name = "办结申请登记设置"
        verbose_name_plural = "办结申请登记设置"

    def __str__(self) -> str:
        return f"{self.unit_id}: {'公开' if self.enabled else '不公开'}"


class ReleasePublic(models.Model):
    """The unit marks the information it released on an application as fit for the register
    (the information, not the applicant's copy of the notice)."""

    application = models.OneToOneField(
        "applications.Application", on_delete=models.PROTECT, related_name="+"
    )
    marked_at = models.DateTimeField("标记时间", default=timezone.now)
    marked_by_label = models.CharField("标记人", max_length=200)

    class Meta:
        verbose_name = "公开的提供信息"
        verbose_name_plural = "公开的提供信息"

    def __str__(self) -> str:
        return str(self.application_id)
