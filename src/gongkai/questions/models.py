"""A public question (留言咨询) and its reply."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q

from gongkai.questions.status import ERROR_CATEGORIES, OPEN, REPLIED, Kind, Status

STATUS_CHOICES = [(s.value, s.label) for s in Status]
KIND_CHOICES = [(k.value, k.label) for k in Kind]


class QuestionQuerySet(models.QuerySet["Question"]):
    def open(self) -> QuestionQuerySet:
        return self.filter(status__in=[s.value for s in OPEN])

    def overdue(self, today: dt.date) -> QuestionQuerySet:
        """Open questions whose reply is late: derived from the stored due date."""
        return self.open().filter(due_date__lt=today)

    def replied(self) -> QuestionQuerySet:
        return self.filter(status__in=[s.value for s in REPLIED])

    def of_kind(self, kind: Kind) -> QuestionQuerySet:
        return self.filter(kind=kind.value)

    def on_portal(self) -> QuestionQuerySet:
        """What the public sees: published questions with their reply."""
        return self.filter(status=Status.PUBLISHED.value, published_at__isnull=False)


class Question(models.Model):
    tracking_number = models.CharField("留言编号", max_length=32, unique=True)
    query_code_hash = models.CharField("查询码摘要", max_length=200)
    submission_token = models.UUIDField("提交标识", null=True, blank=True, unique=True)

    kind = models.CharField(
        "类别", max_length=16, choices=KIND_CHOICES, default=Kind.QUESTION.value, db_index=True
    )
    # 我为政府网站找错: the page the error is on and the kind of error.
    page_url = models.CharField("出错网页地址", max_length=500, blank=True)
    error_category = models.CharField(
        "错误类型", max_length=16, choices=ERROR_CATEGORIES, blank=True
    )
    asker_name = models.CharField("留言人姓名", max_length=50, blank=True)
    phone = models.CharField("联系电话", max_length=40, blank=True)
    email = models.EmailField("电子邮箱", blank=True)
    subject = models.CharField("标题", max_length=100)
    text = models.TextField("留言内容", max_length=2000)
    asked_unit = models.ForeignKey(
        "units.Unit",
        verbose_name="留言人选择的单位",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    public = models.BooleanField("同意公开", default=True)

    unit = models.ForeignKey(
        "units.Unit",
        verbose_name="办理单位",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="questions",
    )
    # The government whose portal host the question (or error report) came in on: while it has
    # no unit it is that government's office's to route, within its subtree, and its reply is
    # due on that government's region's calendar. None: the deployment's (a host naming no
    # government, and every question stored before the field). docs/governments.md.
    government = models.ForeignKey(
        "units.Unit",
        verbose_name="收件政府",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    status = models.CharField("状态", max_length=16, choices=STATUS_CHOICES, db_index=True)
    received_on = models.DateField("收到日期", db_index=True)
    received_at = models.DateTimeField("提交时间")
    due_date = models.DateField("答复期限", db_index=True)
    due_provisional = models.BooleanField("期限暂定", default=False)

    reply = models.TextField("答复内容", max_length=4000, blank=True)
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="起草人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    return_reason = models.CharField("退回理由", max_length=500, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="审核人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    replied_on = models.DateField("答复日期", null=True, blank=True)
    published_at = models.DateTimeField("公开时间", null=True, blank=True)
    # What the portal shows, fixed when the reply is approved (core.publictext).
    public_subject = models.CharField("公开标题", max_length=200, blank=True)
    public_text = models.TextField("公开留言内容", blank=True)
    public_reply = models.TextField("公开答复内容", blank=True)
    public_asker = models.CharField("公开署名", max_length=60, blank=True)

    application = models.OneToOneField(
        "applications.Application",
        verbose_name="转为的政府信息公开申请",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="from_question",
    )

    objects = QuestionQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at", "-id"]
        verbose_name = "留言咨询"
        verbose_name_plural = "留言咨询"
        indexes = [models.Index(fields=["status", "due_date"], name="question_status_due")]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=[s.value for s in Status]), name="question_status_valid"
            ),
            models.CheckConstraint(
                condition=~Q(status=Status.PUBLISHED.value) | Q(public=True),
                name="question_published_only_if_agreed",
            ),
            models.CheckConstraint(
                condition=~Q(status=Status.CONVERTED.value) | Q(application__isnull=False),
                name="question_converted_has_application",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=[k.value for k in Kind]), name="question_kind_valid"
            ),
            # a question is signed; an error report may be anonymous, names its page and kind
            # of error, and is answered to the reporter only
            models.CheckConstraint(
                condition=~Q(kind=Kind.QUESTION.value) | ~Q(asker_name=""),
                name="question_asker_named",
            ),
            models.CheckConstraint(
                condition=~Q(kind=Kind.SITE_ERROR.value)
                | (~Q(page_url="") & ~Q(error_category="") & Q(public=False)),
                name="question_site_error_complete",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.tracking_number} {self.subject[:40]}"

    @property
    def state(self) -> Status:
        return Status(self.status)

    @property
    def kind_enum(self) -> Kind:
        return Kind(self.kind)

    @property
    def is_site_error(self) -> bool:
        return self.kind == Kind.SITE_ERROR.value

    @property
    def holder_id(self) -> int | None:
        """The unit whose region's calendar the reply is due on: its unit, or while it has none
        the government it was sent to (None: the deployment's, the national calendar)."""
        return self.unit_id if self.unit_id is not None else self.government_id


class QuestionCounter(models.Model):
    """The last number given in a year to a question (留言编号 LY-2025-00012) or to an error
    report (ZC-2025-00003): each kind is numbered on its own."""

    prefix = models.CharField("编号前缀", max_length=4, default="LY")
    year = models.PositiveSmallIntegerField("年度")
    last = models.PositiveIntegerField("最后编号", default=0)

    class Meta:
        verbose_name = "留言编号计数"
        verbose_name_plural = "留言编号计数"
        constraints = [
            models.UniqueConstraint(fields=["prefix", "year"], name="question_counter_unique")
        ]

    def __str__(self) -> str:
        return f"{self.prefix}-{self.year}: {self.last}"
