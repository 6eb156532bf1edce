"""The website's annual return (政府网站工作年度报表) and the office's log of responses to public
concerns (回应关注), which the return counts."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone


class ReturnStatus(models.TextChoices):
    DRAFT = "draft", "草稿"
    PUBLISHED = "published", "已发布"


class WebsiteReturn(models.Model):
    """The return of one year for the district's website. Until it is published its counted
    figures are computed from the records; publishing freezes them with what the office entered
    in ``snapshot`` and locks the year for the records it alone counts (the response log)."""

    year = models.PositiveIntegerField("年度", unique=True)
    status = models.CharField(
        "状态", max_length=12, choices=ReturnStatus.choices, default=ReturnStatus.DRAFT
    )
    entered = models.JSONField("填报内容", default=dict, blank=True)
    # The office's choices where the form is silent (docs/website-return.md): the category of
    # each catalog column (by code), the kind of each interpretation form, how responses count.
    column_categories = models.JSONField("栏目归类", default=dict, blank=True)
    interpretation_products = models.JSONField("解读形式归类", default=dict, blank=True)
    response_count = models.CharField("回应数量的计法", max_length=12, default="entries")
    working_days = models.BooleanField(
        "平均办理时间按工作日计算", default=False, help_text="不勾选则按自然日计算"
    )
    snapshot = models.JSONField("发布内容", null=True, blank=True)
    published_at = models.DateTimeField("发布时间", null=True, blank=True)
    published_by_label = models.CharField("发布人", max_length=200, blank=True)
    created_at = models.DateTimeField("创建时间", default=timezone.now)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        ordering = ["-year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ReturnStatus.values), name="website_return_status_valid"
            ),
            models.CheckConstraint(
                condition=(Q(status=ReturnStatus.PUBLISHED) & Q(snapshot__isnull=False))
                | (~Q(status=ReturnStatus.PUBLISHED) & Q(snapshot__isnull=True)),
                name="website_return_published_iff_snapshot",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title}（{self.get_status_display()}）"

    @property
    def title(self) -> str:
        return f"{self.year}年度政府网站工作年度报表"

    @property
    def is_published(self) -> bool:
        return self.status == ReturnStatus.PUBLISHED


class Channel(models.TextChoices):
    WEBSITE = "website", "政府网站"
    WEIBO = "weibo", "政务微博"
    WECHAT = "wechat", "政务微信"
    PRESS = "press", "新闻发布会"
    MEDIA = "media", "新闻媒体"
    OTHER = "other", "其他"


class ConcernResponse(models.Model):
    """A response to a public concern or a major public-opinion event (回应公众关注热点或重大舆情),
    kept by the office: when, the concern, what was said, where, and a link to it."""

    responded_on = models.DateField("回应日期", db_index=True)
    concern = models.CharField("关注事项", max_length=200)
    response = models.TextField("回应内容", max_length=4000)
    channel = models.CharField("回应渠道", max_length=12, choices=Channel.choices)
    link = models.URLField("链接", max_length=500, blank=True)
    created_by_label = models.CharField("登记人", max_length=200)
    created_at = models.DateTimeField("登记时间", default=timezone.now)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        ordering = ["-responded_on", "-id"]
        verbose_name = "回应关注"
        verbose_name_plural = "回应关注"
        constraints = [
            models.CheckConstraint(
                condition=Q(channel__in=Channel.values), name="concern_response_channel_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.responded_on} {self.concern[:40]}"
