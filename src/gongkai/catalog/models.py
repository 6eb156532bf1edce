"""The catalog of proactively disclosed information (主动公开): columns per unit, items with
their index numbers and metadata, attachments, disclosure guides, paper transfers."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Q
from django.utils import timezone

from gongkai.catalog import rules
from gongkai.catalog.status import NUMBERED, State
from gongkai.catalog.topics import TOPICS


class ColumnKind(models.TextChoices):
    GENERAL = "general", "一般栏目"
    GROUP = "group", "栏目分组"
    NORMATIVE = "normative", "行政规范性文件"
    REGULATION = "regulation", "规章"
    INTERPRETATION = "interpretation", "政策解读"
    GUIDE = "guide", "公开指南"
    REPORT = "report", "年度报告"


# The columns whose documents are policies a 政策解读 may interpret: 规章, 行政规范性文件 and the
# 其他文件 column of the standard tree (国办发〔2016〕80号).
POLICY_COLUMN_KINDS = (ColumnKind.NORMATIVE, ColumnKind.REGULATION)
POLICY_COLUMN_CODE = "other-documents"
POLICY_COLUMNS = Q(column__kind__in=POLICY_COLUMN_KINDS) | Q(column__code=POLICY_COLUMN_CODE)


class ColumnQuerySet(models.QuerySet["Column"]):
    def public(self) -> ColumnQuerySet:
        """The columns the portal shows: active, of an active unit."""
        return self.filter(is_active=True, unit__is_active=True)


class Column(models.Model):
    """A column of a unit's 政府信息公开 tree. A ``shared`` column (the district's key areas)
    takes items from every unit."""

    unit = models.ForeignKey(
        "units.Unit", verbose_name="单位", on_delete=models.PROTECT, related_name="columns"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name="上级栏目",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    code = models.SlugField("代码", max_length=40)
    name = models.CharField("栏目名称", max_length=60)
    kind = models.CharField(
        "类型", max_length=16, choices=ColumnKind.choices, default=ColumnKind.GENERAL
    )
    expected_interval_days = models.PositiveIntegerField(
        "应更新周期（天）",
        null=True,
        blank=True,
        help_text="超过该天数没有新发布的信息即提示未及时更新",
    )
    shared = models.BooleanField("各单位均可发布", default=False)
    sort_order = models.PositiveIntegerField("排序", default=0)
    is_active = models.BooleanField("启用", default=True)
    created_at = models.DateTimeField("创建时间", default=timezone.now)

    objects = ColumnQuerySet.as_manager()

    class Meta:
        ordering = ["unit__sort_order", "sort_order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "code"], name="column_unit_code"),
            models.CheckConstraint(
                condition=Q(kind__in=ColumnKind.values), name="column_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def holds_policies(self) -> bool:
        return self.kind in POLICY_COLUMN_KINDS or self.code == POLICY_COLUMN_CODE

    @property
    def takes_items(self) -> bool:
        return self.kind not in (ColumnKind.GROUP, ColumnKind.GUIDE, ColumnKind.REPORT)


# The states, in the form Django's fields take (gongkai.catalog.status is the source).
ItemStatus = State
STATUS_CHOICES = [(state.value, state.label) for state in State]
NUMBERED_VALUES = sorted(state.value for state in NUMBERED)
UNNUMBERED_VALUES = sorted(state.value for state in State if state not in NUMBERED)


class Validity(models.TextChoices):
    VALID = "valid", "有效"
    EXPIRED = "expired", "失效"
    REPEALED = "repealed", "废止"


class InterpretationForm(models.TextChoices):
    """The form of a 政策解读 (文字、图解、音视频、问答); the website's annual return
    (政府网站工作年度报表) counts 文字 and 问答 as 解读材料, 图解 and 音视频 as 解读产品 unless the
    office says otherwise (docs/website-return.md)."""

    TEXT = "text", "文字"
    GRAPHIC = "graphic", "图解"
    MEDIA = "media", "音视频"
    QA = "qa", "问答"


class ItemQuerySet(models.QuerySet["Item"]):
    """The catalog's two readings of "published", each written here once."""

    def published(self) -> ItemQuerySet:
        """Published and not withdrawn, wherever filed: what the unit's staff count and monitor,
        and what a policy interpreted or a paper transfer may point to."""
        return self.filter(status=State.PUBLISHED)

    def public(self) -> ItemQuerySet:
        """What the public sees: published items in an active column of an active unit. The
        portal shows these and no others, the search index holds exactly these, the sitemap
        and the feeds list them (docs/catalog.md). A change to any of the three conditions is
        announced (catalog.signals.items_changed) and the index follows."""
        return self.published().filter(column__is_active=True, unit__is_active=True)


class Item(models.Model):
    index_number = models.CharField("索引号", max_length=80, unique=True, null=True, blank=True)
    unit = models.ForeignKey(
        "units.Unit", verbose_name="发布单位", on_delete=models.PROTECT, related_name="items"
    )
    column = models.ForeignKey(
        Column, verbose_name="栏目", on_delete=models.PROTECT, related_name="items"
    )
    title = models.CharField("标题", max_length=300)
    doc_number = models.CharField("发文字号", max_length=100, blank=True)
    publisher = models.CharField("发布机构", max_length=100)
    formed_on = models.DateField("成文日期")
    published_on = models.DateField("发布日期", null=True, blank=True, db_index=True)
    topic = models.CharField(
        "主题分类", max_length=30, choices=[(t, t) for t in TOPICS], default="综合政务"
    )
    validity = models.CharField(
        "有效性", max_length=10, choices=Validity.choices, default=Validity.VALID
    )
    validity_changed_on = models.DateField("失效或废止日期", null=True, blank=True)
    replaced_by = models.ForeignKey(
        "self",
        verbose_name="替代文件",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replaces",
    )
    summary = models.CharField("内容概述", max_length=500, blank=True)
    body = models.TextField("正文", max_length=200_000, blank=True)
    interprets = models.ForeignKey(
        "self",
        verbose_name="所解读的政策",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="interpretations",
    )
    interpretation_form = models.CharField(
        "解读形式",
        max_length=10,
        choices=InterpretationForm.choices,
        blank=True,
        help_text="政策解读的形式；其他信息为空",
    )
    no_interpretation_reason = models.CharField("未同步发布解读的理由", max_length=500, blank=True)
    status = models.CharField(
        "状态", max_length=12, choices=STATUS_CHOICES, default=State.DRAFT, db_index=True
    )
    publish_due = models.DateField("应公开期限", null=True, blank=True)
    secrecy_review = models.CharField("保密审查意见", max_length=500, blank=True)
    reviewed_by_label = models.CharField("审核人", max_length=200, blank=True)
    reviewed_at = models.DateTimeField("审核时间", null=True, blank=True)
    withdrawn_reason = models.CharField("撤回理由", max_length=500, blank=True)
    withdrawn_at = models.DateTimeField("撤回时间", null=True, blank=True)
    created_by_label = models.CharField("起草人", max_length=200, blank=True)
    created_at = models.DateTimeField("创建时间", default=timezone.now)
    updated_at = models.DateTimeField("更新时间", auto_now=True)
    # A historical item entered after the fact by the office, with its original publication
    # date and where that date comes from (services.item_back_enter); every other item's
    # published_on is the server's day of publication.
    back_entered = models.BooleanField("补录", default=False)
    back_entry_note = models.CharField("补录依据", max_length=300, blank=True)

    objects = ItemQuerySet.as_manager()

    class Meta:
        ordering = ["-published_on", "-id"]
        indexes = [
            models.Index(fields=["column", "status", "published_on"], name="item_column_listing"),
            models.Index(fields=["unit", "status", "published_on"], name="item_unit_listing"),
            # the portal's newest items: walked in order, stopping after a page
            models.Index(fields=["status", "-published_on", "-id"], name="item_latest"),
            # the newest interpretations: a handful among thousands of items
            models.Index(
                fields=["status", "-published_on", "-id"],
                condition=Q(interprets__isnull=False),
                name="item_interpretations",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=sorted(state.value for state in State)),
                name="item_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(validity__in=Validity.values), name="item_validity_valid"
            ),
            # An interpretation has its form; any other item has none.
            models.CheckConstraint(
                condition=(
                    Q(interprets__isnull=False)
                    & Q(interpretation_form__in=InterpretationForm.values)
                )
                | (Q(interprets__isnull=True) & Q(interpretation_form="")),
                name="item_interpretation_form",
            ),
            # Published items have their index number and date; drafts have neither.
            models.CheckConstraint(
                condition=(
                    Q(status__in=NUMBERED_VALUES)
                    & Q(index_number__isnull=False)
                    & Q(published_on__isnull=False)
                )
                | (Q(status__in=UNNUMBERED_VALUES) & Q(published_on__isnull=True)),
                name="item_published_has_number",
            ),
            models.CheckConstraint(
                condition=Q(validity=Validity.VALID) | Q(validity_changed_on__isnull=False),
                name="item_invalid_has_date",
            ),
            # A back-entry says where its date comes from.
            models.CheckConstraint(
                condition=Q(back_entered=False) | ~Q(back_entry_note=""),
                name="item_back_entry_has_note",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_interpretation(self) -> bool:
        return self.interprets_id is not None

    @property
    def is_late(self) -> bool:
        """Published after its due date (《条例》第二十六条; catalog/rules.py)."""
        return rules.is_late(published_on=self.published_on, due=self.publish_due)


class IndexCounter(models.Model):
    """The last 索引号 serial issued per unit and year; never reused."""

    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["unit", "year"], name="index_counter")]

    def __str__(self) -> str:
        return f"{self.unit_id}-{self.year}: {self.last}"


def attachment_path(instance: Attachment, filename: str) -> str:
    return f"catalog/{instance.item_id}/{filename}"


class Attachment(models.Model):
    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=attachment_path, max_length=300)
    name = models.CharField("文件名", max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return self.name


GUIDE_PARTS: tuple[tuple[str, str], ...] = (
    ("arrangement", "一、政府信息的分类与编排体系"),
    ("proactive", "二、主动公开：范围、方式和时限"),
    ("application", "三、依申请公开：申请方式、场所和形式要求"),
    ("handling", "四、依申请公开的办理：期限、答复和收费"),
    ("office", "五、政府信息公开工作机构：名称、办公地址、办公时间、联系电话、传真、网址"),
    ("remedies", "六、监督和救济途径"),
)


class Guide(models.Model):
    """A version of a unit's 政府信息公开指南 (《条例》第十二条); the newest is in force."""

    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="guides")
    version = models.PositiveIntegerField("版本")
    parts = models.JSONField("内容")
    contacts = models.JSONField("发布时的单位联系信息", default=dict)
    note = models.CharField("修订说明", max_length=300, blank=True)
    published_at = models.DateTimeField("发布时间", default=timezone.now)
    created_by_label = models.CharField("修订人", max_length=200)

    class Meta:
        ordering = ["unit", "-version"]
        constraints = [models.UniqueConstraint(fields=["unit", "version"], name="guide_version")]

    def __str__(self) -> str:
        return f"{self.unit_id} 指南第{self.version}版"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise RuntimeError("指南版本不可修改；请发布新版本")
        super().save(*args, **kwargs)


class ReadingPlace(models.Model):
    """A public reading place that receives paper documents (公开查阅场所)."""

    LEVELS = [("district", "区级"), ("municipal", "市级")]
    name = models.CharField("名称", max_length=100, unique=True)
    level = models.CharField("级别", max_length=12, choices=LEVELS)
    address = models.CharField("地址", max_length=200, blank=True)
    is_active = models.BooleanField("启用", default=True)

    class Meta:
        ordering = ["level", "name"]

    def __str__(self) -> str:
        return self.name


class PaperTransfer(models.Model):
    """Paper copies of published items sent to a reading place (报送纸质文件)."""

    place = models.ForeignKey(
        ReadingPlace, verbose_name="查阅场所", on_delete=models.PROTECT, related_name="transfers"
    )
    unit = models.ForeignKey(
        "units.Unit",
        verbose_name="报送单位",
        on_delete=models.PROTECT,
        related_name="paper_transfers",
    )
    sent_on = models.DateField("报送日期", db_index=True)
    copies = models.PositiveIntegerField("份数")
    items = models.ManyToManyField(Item, verbose_name="文件", blank=True, related_name="transfers")
    note = models.CharField("说明", max_length=300, blank=True)
    created_by_label = models.CharField("登记人", max_length=200)

    class Meta:
        ordering = ["-sent_on", "-id"]

    def __str__(self) -> str:
        return f"{self.sent_on} {self.place} {self.copies}份"
