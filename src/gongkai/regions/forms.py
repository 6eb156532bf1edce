from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet

from gongkai.core.forms import DateField, Form, TextField
from gongkai.regions.models import RegionalDayKind
from gongkai.units.models import Unit


class RegionalDayForm(Form):
    government = forms.ModelChoiceField(
        label="地方政府",
        queryset=Unit.objects.none(),
        error_messages={
            "required": "请选择地方政府",
            "invalid_choice": "所选政府不在您可以登记的范围内",
        },
    )
    day = DateField(label="日期")
    kind = forms.ChoiceField(
        label="类别",
        choices=RegionalDayKind.choices,
        error_messages={"required": "请选择类别", "invalid_choice": "类别不正确"},
    )
    name = TextField(
        label="节日名称",
        max_length=50,
        help_text="例如：壮族三月三、古尔邦节",
        error_messages={"required": "请填写节日名称"},
    )
    basis = TextField(
        label="依据（文件名称及文号）",
        max_length=200,
        help_text="本级人民政府或其办公厅发布放假安排的文件",
        error_messages={"required": "请填写依据（文件名称及文号）"},
    )

    def __init__(self, *args: Any, governments: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["government"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = governments


class WithdrawForm(Form):
    reason = TextField(
        label="撤销理由及依据",
        max_length=300,
        error_messages={"required": "请填写撤销理由及依据"},
    )
