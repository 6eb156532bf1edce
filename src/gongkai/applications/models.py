"""Disclosure applications (依申请公开), their event log, documents, and notice templates."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from gongkai import law
from gongkai.applications.eventlog import EventKind as EventKind  # the kinds, named here too
from gongkai.applications.outcomes import Decision, Outcome
from gongkai.applications.outcomes import rule as outcome_rule
from gongkai.applications.status import TERMINAL_VALUES, Status
from gongkai.audit.actions import AuditAction
from gongkai.core.crypto import keyring
from gongkai.core.fields import EncryptedTextField, LookupHashField


class ApplicantType(models.TextChoices):
    # The applicant columns of table 三 of the annual report.
    NATURAL = "natural", "自然人"
    COMMERCIAL = "commercial", "商业企业"
    RESEARCH = "research", "科研机构"
    PUBLIC_INTEREST = "public_interest", "社会公益组织"
    LEGAL_SERVICE = "legal_service", "法律服务机构"
    OTHER = "other", "其他"


class IdType(models.TextChoices):
    RESIDENT_ID = "resident_id", "居民身份证"
    PASSPORT = "passport", "护照"
    HK_MACAO = "hk_macao", "港澳居民来往内地通行证"
    TAIWAN = "taiwan", "台湾居民来往大陆通行证"
    FOREIGN_PR = "foreign_pr", "外国人永久居留身份证"
    USCC = "uscc", "统一社会信用代码"
    OTHER = "other", "其他证件"


class Channel(models.TextChoices):
    ONLINE = "online", "网上申请"
    IN_PERSON = "in_person", "当面提交"
    MAIL_SIGNED = "mail_signed", "邮寄（签收）"
    MAIL_ORDINARY = "mail_ordinary", "平常信函（无需签收）"
    FAX = "fax", "传真"
    EMAIL = "email", "电子邮件"


class ProvisionForm(models.TextChoices):
    PAPER = "paper", "纸质"
    ELECTRONIC = "electronic", "电子数据"
    DISC = "disc", "光盘"
    OTHER = "other", "其他"


class DeliveryMethod(models.TextChoices):
    POST = "post", "邮寄"
    EMAIL = "email", "电子邮件"
    PICKUP = "pickup", "自行领取"
    DOWNLOAD = "download", "在线下载"


class Subject(models.TextChoices):
    # The subjects the seed's report names, for statistics; set by staff.
    LAND = "land", "土地征收"
    DEMOLITION = "demolition", "拆迁补偿"
    HOUSING = "housing", "房屋产权"
    OWN_RECORDS = "own_records", "查验自身相关信息"
    PLANNING = "planning", "规划建设"
    FINANCE = "finance", "财政资金"
    OTHER = "other", "其他"


class ApplicationQuerySet(models.QuerySet["Application"]):
    def open(self) -> ApplicationQuerySet:
        return self.exclude(status__in=list(TERMINAL_VALUES))

    def overdue(self, today: dt.date) -> ApplicationQuerySet:
        """Open cases whose answer is late: derived from the stored due date, never stored."""
        return self.open().filter(due_date__lt=today)

    def due_by(self, today: dt.date, last_day: dt.date) -> ApplicationQuerySet:
        return self.open().filter(due_date__gte=today, due_date__lte=last_day)

    def with_id_number(self, id_type: str, number: str) -> ApplicationQuerySet:
        """The applications of one identity document: found by its keyed hash (the number is
        stored encrypted), under every key still in use."""
        return self.filter(id_type=id_type, id_number_hash__in=keyring().lookup_hashes(number))


class Application(models.Model):
    tracking_number = models.CharField("申请编号", max_length=32, unique=True)
    query_code_hash = models.CharField("查询码摘要", max_length=200)
    submission_token = models.UUIDField("提交标识", null=True, blank=True, unique=True)
    unit = models.ForeignKey(
        "units.Unit",
        verbose_name="办理单位",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="applications",
    )
    # The government the application was sent to: the one whose portal host it came in on, or
    # whose counter registered it. While the case has no unit (申请人选择“不确定”, or handed
    # back) it is that government's office's to route, within its subtree, and its days are
    # counted on that government's region's calendar. None: the deployment's (a host naming no
    # government, and every case stored before the field). docs/governments.md.
    government = models.ForeignKey(
        "units.Unit",
        verbose_name="收件政府",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    channel = models.CharField("申请渠道", max_length=16, choices=Channel.choices)
    receipt_date = models.DateField("收到申请之日", db_index=True)
    receipt_basis = models.CharField("收到日期的认定", max_length=300)
    registered_at = models.DateTimeField("登记时间", default=timezone.now)

    applicant_type = models.CharField("申请人类型", max_length=16, choices=ApplicantType.choices)
    applicant_name = models.CharField("申请人姓名或名称", max_length=100)
    id_type = models.CharField("证件类型", max_length=16, choices=IdType.choices)
    # Encrypted at rest with a key kept outside the database (gongkai.core.crypto); searched by
    # the keyed hash beside it (ApplicationQuerySet.with_id_number), never by its value.
    id_number = EncryptedTextField("证件号码", clear_max_length=40)
    id_number_hash = LookupHashField("证件号码检索摘要", source="id_number", db_index=True)
    legal_representative = models.CharField("法定代表人或负责人", max_length=50, blank=True)
    contact_person = models.CharField("联系人", max_length=50, blank=True)
    phone = models.CharField("联系电话", max_length=40)
    email = models.EmailField("电子邮箱", blank=True)
    address = models.CharField("通信地址", max_length=200, blank=True)
    postcode = models.CharField("邮政编码", max_length=6, blank=True)

    info_title = models.CharField("所需信息的名称", max_length=200, blank=True)
    info_number = models.CharField("所需信息的文号", max_length=100, blank=True)
    info_description = models.TextField("所需信息的内容描述", max_length=2000, blank=True)
    provision_form = models.CharField("提供形式", max_length=16, choices=ProvisionForm.choices)
    delivery_method = models.CharField("获取方式", max_length=16, choices=DeliveryMethod.choices)
    subject = models.CharField("主题", max_length=16, choices=Subject.choices, blank=True)

    status = models.CharField(
        "状态", max_length=24, choices=[(s.value, s.label) for s in Status], db_index=True
    )
    due_date = models.DateField("答复期限", null=True, blank=True, db_index=True)
    due_provisional = models.BooleanField("期限暂定", default=False)
    clock_state = models.CharField("计时状态", max_length=24, blank=True)
    correction_notice_due = models.DateField("补正告知期限", null=True, blank=True)
    # The other running deadlines (correction, fee payment, consultation reply), recomputed with
    # the due date: {kind: {"date": iso, "provisional": bool, "label": str}}.
    deadlines = models.JSONField("其他期限", default=dict, blank=True)

    outcome = models.CharField(
        "办理结果",
        max_length=32,
        blank=True,
        choices=[(o.value, outcome_rule(o).label) for o in Outcome],
    )
    # The decision as drafted and approved (outcomes.Decision.to_data()): the grounds of 不予公开
    # each with its reason, the 说明, the responsible agency of 第三十六条第（五）项 …
    decision = models.JSONField("答复内容", default=dict, blank=True)
    decided_on = models.DateField("决定日期", null=True, blank=True)
    delivered_on = models.DateField("送达日期", null=True, blank=True)
    concluded_on = models.DateField("办结日期", null=True, blank=True, db_index=True)
    extension_days = models.PositiveSmallIntegerField("已延长工作日", default=0)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="登记人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["-receipt_date", "-id"]
        verbose_name = "政府信息公开申请"
        verbose_name_plural = "政府信息公开申请"
        indexes = [
            models.Index(fields=["unit", "status"], name="application_unit_status"),
            models.Index(fields=["status", "due_date"], name="application_status_due"),
            # Covers the annual report's grouped counts (reports.counting): the database reads
            # the index in group order, never the rows.
            models.Index(
                fields=["applicant_type", "outcome", "receipt_date", "concluded_on"],
                name="application_report_counts",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=[s.value for s in Status]), name="application_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(outcome="") | Q(outcome__in=[o.value for o in Outcome]),
                name="application_outcome_valid",
            ),
            models.CheckConstraint(
                condition=Q(applicant_type__in=ApplicantType.values),
                name="application_applicant_type_valid",
            ),
            # A concluded case has its outcome and conclusion date; an open one has neither date.
            models.CheckConstraint(
                condition=(
                    Q(status__in=list(TERMINAL_VALUES))
                    & ~Q(outcome="")
                    & Q(concluded_on__isnull=False)
                )
                | (~Q(status__in=list(TERMINAL_VALUES)) & Q(concluded_on__isnull=True)),
                name="application_concluded_iff_terminal",
            ),
            # Only an unrouted (or withdrawn-before-routing) case has no unit.
            models.CheckConstraint(
                condition=Q(unit__isnull=False)
                | Q(status__in=[Status.UNROUTED.value, Status.WITHDRAWN.value]),
                name="application_unit_unless_unrouted",
            ),
            models.CheckConstraint(
                condition=~Q(status=Status.UNROUTED.value) | Q(unit__isnull=True),
                name="application_unrouted_has_no_unit",
            ),
        ]

    def __str__(self) -> str:
        return self.tracking_number

    @property
    def status_enum(self) -> Status:
        return Status(self.status)

    @property
    def is_open(self) -> bool:
        return self.status_enum.is_open

    @property
    def holder_id(self) -> int | None:
        """The unit whose region's calendar and closed years the case is counted on: its unit,
        or while it has none the government it was sent to (None: the deployment's, the
        national calendar)."""
        return self.unit_id if self.unit_id is not None else self.government_id

    @property
    def is_legal_person(self) -> bool:
        return self.applicant_type != ApplicantType.NATURAL

    @property
    def answered_in_time(self) -> bool | None:
        """Whether the reply reached the applicant by the due date (None while open)."""
        if self.delivered_on is None or self.due_date is None:
            return None
        return self.delivered_on <= self.due_date

    @property
    def decision_record(self) -> Decision | None:
        """The drafted or approved decision, or None when there is none."""
        if not self.decision or not self.outcome:
            return None
        return Decision.from_data(self.decision)

    @property
    def regime(self) -> law.Regime:
        """The text of the Regulation in force when the application was received."""
        return law.regime_on(self.receipt_date)

    @property
    def delivered_online(self) -> bool:
        """The applicant chose to receive the reply over the internet (下载、电子邮件)."""
        return self.delivery_method in (DeliveryMethod.DOWNLOAD, DeliveryMethod.EMAIL)

    @property
    def info_summary(self) -> str:
        parts = [p for p in (self.info_title, self.info_number) if p]
        text = "，".join(parts)
        if self.info_description:
            text = f"{text}（{self.info_description}）" if text else self.info_description
        return text


# Each step's audit action, whose value is ``application.<the step's value>`` (the rows of the
# audit log keep the values they were written with). The map lives here, not on the kind: the
# kinds are pure (eventlog.py) and the audit list is not.
AUDIT_ACTIONS: dict[EventKind, AuditAction] = {
    EventKind.RECEIVED: AuditAction.APPLICATION_RECEIVED,
    EventKind.ASSIGNED: AuditAction.APPLICATION_ASSIGNED,
    EventKind.HANDED_BACK: AuditAction.APPLICATION_HANDED_BACK,
    EventKind.CORRECTION_REQUESTED: AuditAction.APPLICATION_CORRECTION_REQUESTED,
    EventKind.CORRECTION_RECEIVED: AuditAction.APPLICATION_CORRECTION_RECEIVED,
    EventKind.CORRECTION_LAPSED: AuditAction.APPLICATION_CORRECTION_LAPSED,
    EventKind.CONSULTATION_STARTED: AuditAction.APPLICATION_CONSULTATION_STARTED,
    EventKind.CONSULTATION_ENDED: AuditAction.APPLICATION_CONSULTATION_ENDED,
    EventKind.EXTENSION_PROPOSED: AuditAction.APPLICATION_EXTENSION_PROPOSED,
    EventKind.EXTENSION_APPROVED: AuditAction.APPLICATION_EXTENSION_APPROVED,
    EventKind.EXTENSION_REJECTED: AuditAction.APPLICATION_EXTENSION_REJECTED,
    EventKind.FEE_NOTIFIED: AuditAction.APPLICATION_FEE_NOTIFIED,
    EventKind.FEE_NOTICE_RECEIVED: AuditAction.APPLICATION_FEE_NOTICE_RECEIVED,
    EventKind.FEE_PAID: AuditAction.APPLICATION_FEE_PAID,
    EventKind.FEE_LAPSED: AuditAction.APPLICATION_FEE_LAPSED,
    EventKind.ART35_REASONS_REQUESTED: AuditAction.APPLICATION_ART35_REASONS_REQUESTED,
    EventKind.ART35_REASONS_ASSESSED: AuditAction.APPLICATION_ART35_REASONS_ASSESSED,
    EventKind.ART35_DEADLINE: AuditAction.APPLICATION_ART35_DEADLINE,
    EventKind.DECISION_PROPOSED: AuditAction.APPLICATION_DECISION_PROPOSED,
    EventKind.DECISION_APPROVED: AuditAction.APPLICATION_DECISION_APPROVED,
    EventKind.DECISION_RETURNED: AuditAction.APPLICATION_DECISION_RETURNED,
    EventKind.DELIVERED: AuditAction.APPLICATION_DELIVERED,
    EventKind.WITHDRAWN: AuditAction.APPLICATION_WITHDRAWN,
    EventKind.DOCUMENT_ADDED: AuditAction.APPLICATION_DOCUMENT_ADDED,
    EventKind.NOTICE_GENERATED: AuditAction.APPLICATION_NOTICE_GENERATED,
    EventKind.QUERY_CODE_RESET: AuditAction.APPLICATION_QUERY_CODE_RESET,
}


def audit_action_of(kind: EventKind) -> AuditAction:
    """The action of the audit row written with an event of this kind."""
    return AUDIT_ACTIONS[kind]


class ApplicationEvent(models.Model):
    """One step in a case, never changed afterwards: who, when, what, the legal basis."""

    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="events")
    seq = models.PositiveIntegerField("序号")
    kind = models.CharField("事项", max_length=32, choices=[(k.value, k.label) for k in EventKind])
    occurred_on = models.DateField("发生日期")
    recorded_at = models.DateTimeField("记录时间", default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    actor_label = models.CharField("经办", max_length=200)
    summary = models.TextField("内容")
    basis = models.CharField("依据", max_length=400, blank=True)
    status_before = models.CharField(max_length=24, blank=True)
    status_after = models.CharField(max_length=24, blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["application", "seq"]
        constraints = [
            models.UniqueConstraint(fields=["application", "seq"], name="event_seq_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.application_id}#{self.seq} {self.get_kind_display()}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise RuntimeError("办理记录不可修改")
        super().save(*args, **kwargs)


class DocumentKind(models.TextChoices):
    ID_COPY = "id_copy", "身份证明复印件"
    LICENCE = "licence", "营业执照等证明"
    APPLICATION_FORM = "application_form", "申请表"
    CORRECTION = "correction", "补正材料"
    NOTICE = "notice", "文书"
    INFORMATION = "information", "提供的政府信息"
    DELIVERY_PROOF = "delivery_proof", "送达回证"
    OPINION = "opinion", "第三方或其他机关意见"
    OTHER = "other", "其他材料"


def document_path(instance: Document, filename: str) -> str:
    return f"applications/{instance.application.tracking_number}/{filename}"


class Document(models.Model):
    """A file in the case: an attachment, a generated notice, proof of delivery …"""

    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="documents")
    event = models.ForeignKey(
        ApplicationEvent,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="documents",
    )
    kind = models.CharField("类别", max_length=24, choices=DocumentKind.choices)
    notice_kind = models.CharField("文书种类", max_length=32, blank=True)
    title = models.CharField("名称", max_length=200)
    file = models.FileField("文件", upload_to=document_path, max_length=300)
    original_name = models.CharField("原文件名", max_length=200)
    content_type = models.CharField("类型", max_length=100)
    size = models.PositiveIntegerField("大小")
    sha256 = models.CharField("摘要", max_length=64)
    rendered = models.JSONField("文书内容", default=list, blank=True)  # notice blocks (HTML view)
    for_applicant = models.BooleanField("申请人可下载", default=False)
    created_at = models.DateTimeField("时间", default=timezone.now)
    created_by_label = models.CharField("提交人", max_length=200)

    class Meta:
        ordering = ["application", "created_at", "id"]

    def __str__(self) -> str:
        return self.title

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise RuntimeError("案卷材料不可修改")
        super().save(*args, **kwargs)


class TrackingCounter(models.Model):
    """The last serial issued per prefix and year; numbers are never reused."""

    prefix = models.CharField(max_length=32)
    year = models.PositiveIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["prefix", "year"], name="tracking_counter_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.prefix}-{self.year}: {self.last}"


class NoticeTemplate(models.Model):
    """A version of a notice's template as edited by the office (the newest is used)."""

    kind = models.CharField("文书种类", max_length=32)
    version = models.PositiveIntegerField("版本")
    body = models.TextField("模板", max_length=20000)
    note = models.CharField("修改说明", max_length=300, blank=True)
    created_at = models.DateTimeField("时间", default=timezone.now)
    created_by_label = models.CharField("修改人", max_length=200)

    class Meta:
        ordering = ["kind", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "version"], name="notice_template_version"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} v{self.version}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise RuntimeError("模板版本不可修改；请保存为新版本")
        super().save(*args, **kwargs)
