"""Forms of the catalog's staff pages. Validation of the rules stays in the services; the forms
read the input strictly and say in Chinese what is wrong with it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone

from gongkai.catalog.models import (
    GUIDE_PARTS,
    POLICY_COLUMNS,
    Column,
    ColumnKind,
    InterpretationForm,
    Item,
    ReadingPlace,
    Validity,
)
from gongkai.catalog.status import State
from gongkai.catalog.topics import TOPICS
from gongkai.core.forms import DateField, Form, MultipleFileField, TextField
from gongkai.workdays import clock

MAX_BODY = 200_000


class ColumnChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Column) -> str:
        owner = f"（{obj.unit.short_name}）" if obj.shared else ""
        parent = f"{obj.parent.name} › " if obj.parent_id and obj.parent else ""
        return f"{parent}{obj.name}{owner}"


class PolicyChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Item) -> str:
        where = obj.index_number or f"{obj.get_status_display()}草稿"
        number = f" {obj.doc_number}" if obj.doc_number else ""
        return f"{obj.title[:50]}{number}（{obj.unit.short_name}，{where}）"


def policy_candidates(unit_id: int | None) -> QuerySet[Item]:
    """What an interpretation can interpret: policy documents published in the last three
    years by any unit, and the unit's own policy documents still in the works."""
    since = timezone.localdate() - dt.timedelta(days=3 * 366)
    published = Q(status=State.PUBLISHED, published_on__gte=since)  # rule-ok: ORed with drafts
    own = Q(unit_id=unit_id, status__in=[State.DRAFT, State.SUBMITTED])
    return (
        Item.objects.filter(POLICY_COLUMNS, interprets__isnull=True)
        .filter(published | own)
        .select_related("unit")
        .order_by("-published_on", "-id")
    )


class ItemForm(Form):
    column = ColumnChoiceField(label="栏目", queryset=Column.objects.none())
    title = TextField(label="标题", max_length=300)
    doc_number = TextField(label="发文字号", max_length=100, required=False)
    publisher = TextField(label="发布机构", max_length=100)
    formed_on = DateField(
        label="成文日期",
        help_text=f"信息形成或者变更之日；应自该日起{clock.PUBLICATION.days}个工作日内公开",
    )
    topic = forms.ChoiceField(label="主题分类", choices=[(t, t) for t in TOPICS])
    summary = TextField(
        label="内容概述", max_length=500, required=False, help_text="不填则取正文开头"
    )
    body = forms.CharField(
        label="正文",
        max_length=MAX_BODY,
        widget=forms.Textarea(attrs={"rows": 16}),
        help_text="可粘贴纯文本（按段落换行）或 HTML；脚本、样式和外部嵌入内容会被去除",
        error_messages={"max_length": "正文过长（不超过20万字）", "required": "请填写正文"},
    )
    interprets = PolicyChoiceField(
        label="所解读的政策",
        queryset=Item.objects.none(),
        required=False,
        help_text="在“政策解读”栏目发布时必填",
    )
    interpretation_form = forms.ChoiceField(
        label="解读形式",
        choices=[("", "（不是政策解读）"), *InterpretationForm.choices],
        required=False,
        help_text="政策解读的形式：文字、图解、音视频或问答；不选则按文字解读记录",
    )
    no_interpretation_reason = TextField(
        label="未同步发布解读的理由",
        max_length=500,
        required=False,
        help_text="行政规范性文件应同步发布政策解读；确无需解读的，在此记录理由",
    )

    def __init__(self, *args: Any, columns: QuerySet[Column], unit_id: int | None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["column"].queryset = columns.select_related("unit", "parent").exclude(  # type: ignore[attr-defined]
            kind__in=[ColumnKind.GROUP, ColumnKind.GUIDE, ColumnKind.REPORT]
        )
        self.fields["interprets"].queryset = policy_candidates(unit_id)  # type: ignore[attr-defined]

    def clean_formed_on(self) -> dt.date:
        value: dt.date = self.cleaned_data["formed_on"]
        if value > timezone.localdate():
            raise forms.ValidationError("成文日期不能晚于今天")
        return value


class RevisionForm(Form):
    title = TextField(label="标题", max_length=300)
    doc_number = TextField(label="发文字号", max_length=100, required=False)
    publisher = TextField(label="发布机构", max_length=100)
    topic = forms.ChoiceField(label="主题分类", choices=[(t, t) for t in TOPICS])
    summary = TextField(label="内容概述", max_length=500, required=False)
    body = forms.CharField(
        label="正文", max_length=MAX_BODY, widget=forms.Textarea(attrs={"rows": 16})
    )
    reason = TextField(label="更正理由", max_length=300)


SECRECY_REVIEW = "经审查，不涉及国家秘密、商业秘密和个人隐私，同意公开"


class PublishForm(Form):
    """The reviewer's publication: the 保密审查 only; the date is the server's, a date posted
    with the form is not read (services.publication_day)."""

    secrecy_review = TextField(
        label="保密审查意见",
        max_length=500,
        initial=SECRECY_REVIEW,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class BackEntryForm(Form):
    """The office's back-entry of a historical item: its original date and the source of it."""

    published_on = DateField(label="原发布日期", help_text="该信息当初公开的日期，须早于今天")
    note = TextField(
        label="补录依据",
        max_length=300,
        help_text="原发布日期的来源，如：据原纸质公开登记簿补录",
        error_messages={"required": "请填写补录依据，如：据原纸质公开登记簿补录"},
    )
    secrecy_review = TextField(
        label="保密审查意见",
        max_length=500,
        initial=SECRECY_REVIEW,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ReasonForm(Form):
    reason = TextField(label="理由", max_length=500, widget=forms.Textarea(attrs={"rows": 2}))


class ValidityForm(Form):
    validity = forms.ChoiceField(label="有效性", choices=Validity.choices)
    changed_on = DateField(label="失效或废止日期", required=False)
    replaced_by = forms.CharField(
        label="替代文件的索引号", max_length=80, required=False, help_text="可不填"
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        number = (data.get("replaced_by") or "").strip()
        data["replaced_item"] = None
        if number:
            found = Item.objects.published().filter(index_number=number).first()
            if found is None:
                self.add_error("replaced_by", "没有这个索引号的已发布信息")
            data["replaced_item"] = found
        if data.get("validity") in (Validity.EXPIRED, Validity.REPEALED) and not data.get(
            "changed_on"
        ):
            self.add_error("changed_on", "请填写失效或废止的日期")
        return data


class AttachmentForm(Form):
    attachments = MultipleFileField(label="附件（PDF、JPG、PNG、DOCX、XLSX）", max_files=10)


class ColumnForm(Form):
    name = TextField(label="栏目名称", max_length=60)
    parent = forms.ModelChoiceField(
        label="上级栏目", queryset=Column.objects.none(), required=False
    )
    kind = forms.ChoiceField(label="类型", choices=ColumnKind.choices)
    expected_interval_days = forms.IntegerField(
        label="应更新周期（天）",
        min_value=1,
        max_value=3650,
        required=False,
        help_text="超过该天数没有新发布的信息即提示未及时更新；不填则不监测",
        error_messages={"invalid": "请填写整数天数"},
    )
    sort_order = forms.IntegerField(label="排序", min_value=0, max_value=100_000, initial=0)
    is_active = forms.BooleanField(label="启用", required=False, initial=True)
    shared = forms.BooleanField(label="各单位均可在此发布（如重点领域）", required=False)

    def __init__(self, *args: Any, parents: QuerySet[Column], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = parents  # type: ignore[attr-defined]


class GuideForm(Form):
    note = TextField(label="修订说明", max_length=300, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for key, label in GUIDE_PARTS:
            self.fields[key] = TextField(
                label=label,
                max_length=5000,
                widget=forms.Textarea(attrs={"rows": 5}),
                error_messages={"required": f"请填写“{label}”"},
            )
        self.order_fields([key for key, _ in GUIDE_PARTS] + ["note"])


class ReadingPlaceForm(Form):
    name = TextField(label="名称", max_length=100)
    level = forms.ChoiceField(label="级别", choices=ReadingPlace.LEVELS)
    address = TextField(label="地址", max_length=200, required=False)
    is_active = forms.BooleanField(label="启用", required=False, initial=True)


class TransferForm(Form):
    place = forms.ModelChoiceField(
        label="查阅场所", queryset=ReadingPlace.objects.filter(is_active=True)
    )
    sent_on = DateField(label="报送日期")
    copies = forms.IntegerField(
        label="份数",
        min_value=1,
        max_value=100_000,
        error_messages={"invalid": "请填写整数份数", "min_value": "份数至少为1"},
    )
    index_numbers = forms.CharField(
        label="报送的文件（索引号，每行一个，可不填）",
        required=False,
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    note = TextField(label="说明", max_length=300, required=False)

    def clean_index_numbers(self) -> list[Item]:
        numbers = [
            line.strip()
            for line in (self.cleaned_data.get("index_numbers") or "").splitlines()
            if line.strip()
        ]
        if len(numbers) > 500:
            raise forms.ValidationError("一次最多登记500个文件")
        found = {
            item.index_number: item
            for item in Item.objects.published().filter(index_number__in=numbers)
        }
        missing = [n for n in numbers if n not in found]
        if missing:
            raise forms.ValidationError(
                "以下索引号没有对应的已发布信息：" + "、".join(missing[:10])
            )
        return [found[n] for n in dict.fromkeys(numbers)]
