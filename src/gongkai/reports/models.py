"""Annual reports (政府信息公开工作年度报告) and the office's outcome → row mapping."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Q
from django.utils import timezone


class RowMapping(models.Model):
    """A version of the mapping from outcomes to the result rows of table 三, as the office
    set it. The newest applies to reports not yet published; a published report keeps the
    version it was published with. Version 0, not stored, is the table in the code."""

    version = models.PositiveIntegerField("版本", unique=True)
    mapping = models.JSONField("对应关系")
    note = models.CharField("说明", max_length=300, blank=True)
    created_at = models.DateTimeField("时间", default=timezone.now)
    created_by_label = models.CharField("修改人", max_length=200)

    class Meta:
        ordering = ["-version"]

    def __str__(self) -> str:
        return f"办理结果对应关系 第{self.version}版"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise RuntimeError("对应关系版本不可修改；请保存为新版本")
        super().save(*args, **kwargs)


class ReportStatus(models.TextChoices):
    DRAFT = "draft", "草稿"
    SUBMITTED = "submitted", "已报送"
    # A lower government's consolidated report that the office of the government above has
    # accepted (30号's roll-up, docs/rollup.md); a unit's report goes from submitted to published.
    ACCEPTED = "accepted", "已接收"
    PUBLISHED = "published", "已发布"


class AnnualReport(models.Model):
    year = models.PositiveIntegerField("年度")
    unit = models.ForeignKey(
        "units.Unit",
        verbose_name="单位",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="annual_reports",
        help_text="为空表示本级政府（全区汇总）",
    )
    # A government's consolidated report (unit = the province, city, district or county),
    # counting the records of its whole subtree (docs/rollup.md). The deployment's top
    # government keeps its consolidated report with unit None, as before the tree.
    consolidated = models.BooleanField("本级政府汇总报告", default=False)
    format_version = models.CharField(
        "格式", max_length=4, choices=[("2019", "2019年格式（试行）"), ("2021", "2021年格式")]
    )
    status = models.CharField(
        "状态", max_length=16, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    overview = models.TextField("一、总体情况", max_length=20000, blank=True)
    problems = models.TextField("五、存在的主要问题及改进情况", max_length=20000, blank=True)
    other = models.TextField("六、其他需要报告的事项", max_length=20000, blank=True)
    proactive = models.JSONField("表二（填报）", default=dict, blank=True)
    proactive_from_catalog = models.BooleanField(
        "表二第（一）项取自主动公开目录",
        default=True,
        help_text="规章、规范性文件的件数按目录中的记录统计；目录不完整时可改为填报",
    )
    mapping_version = models.PositiveIntegerField("对应关系版本", null=True, blank=True)
    snapshot = models.JSONField("发布内容", null=True, blank=True)
    submitted_at = models.DateTimeField("报送时间", null=True, blank=True)
    # The last return for correction (退回修改), kept while the report is a draft again so the
    # unit (or the lower government's office) reads why; cleared when it is submitted again.
    returned_at = models.DateTimeField("退回时间", null=True, blank=True)
    return_reason = models.CharField("退回理由", max_length=500, blank=True)
    accepted_at = models.DateTimeField("上级接收时间", null=True, blank=True)
    published_at = models.DateTimeField("发布时间", null=True, blank=True)
    published_by_label = models.CharField("发布人", max_length=200, blank=True)
    created_at = models.DateTimeField("创建时间", default=timezone.now)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        ordering = ["-year", "unit__sort_order"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "unit"],
                condition=Q(consolidated=False),
                name="report_year_unit",
            ),
            models.UniqueConstraint(
                fields=["year", "unit"],
                condition=Q(consolidated=True),
                name="report_year_government",
            ),
            # A consolidated report names its government; unit None is the top's (never flagged).
            models.CheckConstraint(
                condition=Q(consolidated=False) | Q(unit__isnull=False),
                name="report_consolidated_has_unit",
            ),
            models.UniqueConstraint(
                fields=["year"], condition=Q(unit__isnull=True), name="report_year_district"
            ),
            models.CheckConstraint(
                condition=Q(status__in=ReportStatus.values), name="report_status_valid"
            ),
            # Only a government's consolidated report is accepted by the government above; a
            # unit's report goes from submitted to published by its own government's office.
            models.CheckConstraint(
                condition=~Q(status=ReportStatus.ACCEPTED)
                | (Q(consolidated=True) & Q(accepted_at__isnull=False)),
                name="report_accepted_is_consolidated",
            ),
            # Published exactly when there is a frozen snapshot.
            models.CheckConstraint(
                condition=(Q(status=ReportStatus.PUBLISHED) & Q(snapshot__isnull=False))
                | (~Q(status=ReportStatus.PUBLISHED) & Q(snapshot__isnull=True)),
                name="report_published_iff_snapshot",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title}（{self.get_status_display()}）"

    @property
    def is_consolidated(self) -> bool:
        """A government's consolidated report: the top's (unit None) or a lower one's."""
        return self.unit_id is None or self.consolidated

    @property
    def agency(self) -> str:
        """The reporting body: the unit, or for the consolidated report the government."""
        if self.unit is not None:
            return self.unit.name
        from gongkai.reports.services import agency_of

        return agency_of(None)

    @property
    def scope_label(self) -> str:
        if self.unit is None:
            return "全区汇总（本级政府）"
        if self.consolidated:
            return f"{self.unit.short_name}{rollup_suffix(self.unit.kind)}"
        return self.unit.short_name

    @property
    def title(self) -> str:
        if self.unit_id is None:
            from gongkai.reports.services import top_government

            top = top_government()
            suffix = f"（{rollup_suffix(top.kind)}）" if top is not None else "（全区汇总）"
        elif self.consolidated and self.unit is not None:
            suffix = f"（{rollup_suffix(self.unit.kind)}）"
        else:
            suffix = ""
        return f"{self.agency}{self.year}年政府信息公开工作年度报告{suffix}"


ROLLUP_SUFFIX = {
    "province": "全省汇总",
    "city": "全市汇总",
    "district": "全区汇总",
    "county": "全县汇总",
}


def rollup_suffix(kind: str) -> str:
    return ROLLUP_SUFFIX.get(kind, "汇总")
