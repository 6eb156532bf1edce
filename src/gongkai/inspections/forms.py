"""The forms of the inspection pages. The services check the rules; these parse the input and
give clear errors in Chinese."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet

from gongkai.core import params
from gongkai.core.forms import DateField, Form, MultipleFileField, TextField
from gongkai.inspections import kinds
from gongkai.units.models import Unit


class UnitChoiceField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)

    def _check_values(self, value: Any) -> Any:
        # Django looks the ids up with ``pk__in``, which a number beyond the database's integer
        # range breaks (an OverflowError on SQLite); such an id names no unit.
        for pk in value:
            if params.parse_int(str(pk), low=1, high=params.MAX_ID) is None:
                raise forms.ValidationError("所选单位不存在", code="invalid_pk_value")
        return super()._check_values(value)  # type: ignore[misc]


class InspectionForm(Form):
    title = TextField(label="检查名称", max_length=200)
    start_on = DateField(label="检查开始日期")
    end_on = DateField(label="检查结束日期")
    scope = TextField(
        label="检查范围和内容",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    inspectors = TextField(label="检查人员", required=False, max_length=300)
    units = UnitChoiceField(
        label="被检查单位",
        queryset=Unit.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "请选择被检查单位",
            "invalid_choice": "所选单位不存在",
            "invalid_pk_value": "所选单位不存在",
        },
    )

    def __init__(self, *args: Any, units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["units"].queryset = units  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start_on"), data.get("end_on")
        if start and end and end < start:
            self.add_error("end_on", "检查结束日期不能早于开始日期")
        return data


class FindingForm(Form):
    unit = forms.ModelChoiceField(
        label="被检查单位",
        queryset=Unit.objects.none(),
        empty_label="请选择",
        error_messages={"required": "请选择单位", "invalid_choice": "所选单位不在本次检查范围内"},
    )
    kind = forms.ChoiceField(
        label="问题类型",
        choices=[("", "请选择"), *kinds.CHOICES],
        error_messages={"required": "请选择问题类型", "invalid_choice": "问题类型不正确"},
    )
    description = TextField(
        label="问题描述", max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
    application = TextField(label="涉及的申请（申请编号，可不填）", required=False, max_length=32)
    item = TextField(label="涉及的主动公开信息（索引号，可不填）", required=False, max_length=80)
    column = TextField(label="涉及的栏目（栏目名称，可不填）", required=False, max_length=60)

    def __init__(self, *args: Any, units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]
        self.fields["unit"].label_from_instance = lambda u: u.name  # type: ignore[attr-defined]


class IssueForm(Form):
    unit = forms.ModelChoiceField(
        label="单位",
        queryset=Unit.objects.none(),
        error_messages={"required": "请选择单位", "invalid_choice": "所选单位不在本次检查范围内"},
    )
    requirements = TextField(
        label="整改要求（可不填）",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]


class RespondForm(Form):
    text = TextField(label="整改情况", max_length=5000, widget=forms.Textarea(attrs={"rows": 5}))
    evidence = MultipleFileField(
        label="佐证材料（PDF、JPG、PNG、DOCX、XLSX，可不传）", max_files=10
    )


class CloseForm(Form):
    note = TextField(
        label="审核意见（可不填）",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ReturnForm(Form):
    reason = TextField(
        label="退回理由",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "请填写退回理由"},
    )
