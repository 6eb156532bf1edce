"""What follows an application: 行政复议, 行政诉讼 and 举报投诉 (《条例》第五十一条)."""

from __future__ import annotations

from django.db import models
from django.db.models import Q


class AppealKind(models.TextChoices):
    RECONSIDERATION = "reconsideration", "行政复议"
    LITIGATION = "litigation", "行政诉讼"
    COMPLAINT = "complaint", "举报投诉"


class LitigationRoute(models.TextChoices):
    DIRECT = "direct", "未经复议直接起诉"
    AFTER_REVIEW = "after_review", "复议后起诉"


class AppealResult(models.TextChoices):
    # The result columns of table 四 of the annual report.
    PENDING = "pending", "尚未审结"
    UPHELD = "upheld", "维持"  # 维持、驳回诉讼请求
    CORRECTED = "corrected", "纠正"  # 撤销、变更、确认违法、责令履行
    OTHER = "other", "其他"  # 驳回申请、终止、撤回 …


class Appeal(models.Model):
    kind = models.CharField("类别", max_length=16, choices=AppealKind.choices)
    route = models.CharField("起诉方式", max_length=16, choices=LitigationRoute.choices, blank=True)
    unit = models.ForeignKey(
        "units.Unit",
        verbose_name="被申请人或被告（原行为主体）",
        on_delete=models.PROTECT,
        related_name="appeals",
    )
    application = models.ForeignKey(
        "applications.Application",
        verbose_name="关联申请",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="appeals",
    )
    previous = models.ForeignKey(
        "self",
        verbose_name="此前的复议",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="followups",
    )
    body = models.CharField("复议机关、法院或受理机关", max_length=100)
    case_number = models.CharField("案号", max_length=100, blank=True)
    appellant = models.CharField("申请人或原告", max_length=100)
    filed_on = models.DateField("收到或立案日期", db_index=True)
    summary = models.TextField("事由", max_length=2000)
    result = models.CharField(
        "结果", max_length=16, choices=AppealResult.choices, default=AppealResult.PENDING
    )
    decided_on = models.DateField("审结日期", null=True, blank=True, db_index=True)
    result_detail = models.TextField("结果说明", max_length=2000, blank=True)
    created_at = models.DateTimeField("登记时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        ordering = ["-filed_on", "-id"]
        verbose_name = "复议、诉讼或投诉"
        verbose_name_plural = "复议、诉讼与投诉"
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=AppealKind.values), name="appeal_kind"),
            models.CheckConstraint(
                condition=Q(result__in=AppealResult.values), name="appeal_result"
            ),
            # A lawsuit says whether it follows a reconsideration; nothing else has a route.
            models.CheckConstraint(
                condition=(Q(kind=AppealKind.LITIGATION) & Q(route__in=LitigationRoute.values))
                | (~Q(kind=AppealKind.LITIGATION) & Q(route="")),
                name="appeal_route_for_litigation",
            ),
            # Pending exactly when there is no decision date.
            models.CheckConstraint(
                condition=(Q(result=AppealResult.PENDING) & Q(decided_on__isnull=True))
                | (~Q(result=AppealResult.PENDING) & Q(decided_on__isnull=False)),
                name="appeal_decided_iff_result",
            ),
        ]

    def __str__(self) -> str:
        number = f"（{self.case_number}）" if self.case_number else ""
        return f"{self.get_kind_display()}{number}：{self.appellant}诉{self.unit.short_name}"

    @property
    def label(self) -> str:
        if self.kind == AppealKind.LITIGATION:
            return f"{self.get_kind_display()}（{self.get_route_display()}）"
        return self.get_kind_display()
