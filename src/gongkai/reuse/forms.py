"""The forms of reuse: a draft proactive publication from a cluster of applications, and a
unit's register switched on or off."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q

from gongkai.catalog.models import Column, ColumnKind
from gongkai.core.forms import Form, TextField
from gongkai.units.models import Unit

NOT_HERE = (ColumnKind.GROUP, ColumnKind.GUIDE, ColumnKind.REPORT, ColumnKind.INTERPRETATION)


class DraftForm(Form):
    title = TextField(label="标题", max_length=300)
    column = forms.ModelChoiceField(
        label="栏目",
        queryset=Column.objects.none(),
        error_messages={
            "required": "请选择栏目",
            "invalid_choice": "请选择本单位可以发布信息的栏目",
        },
    )
    body = TextField(
        label="正文",
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="可先写明申请较多的信息及其内容，提交审核、保密审查后发布",
    )

    def __init__(self, *args: Any, unit: Unit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Where an item may be filed (catalog.services checks it again): not a group, the guide,
        # the reports or an interpretation (which must name the policy it interprets).
        self.fields["column"].queryset = (  # type: ignore[attr-defined]
            Column.objects.filter(Q(unit=unit) | Q(shared=True), is_active=True)
            .exclude(kind__in=NOT_HERE)
            .order_by("unit_id", "sort_order", "id")
        )


class RegisterSwitchForm(Form):
    unit = forms.ModelChoiceField(
        label="单位",
        queryset=Unit.objects.none(),
        error_messages={"required": "请选择单位", "invalid_choice": "请选择您可以设置的单位"},
    )
    enabled = forms.BooleanField(label="公开本单位办结申请的去标识化登记", required=False)

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]
