from __future__ import annotations

from typing import Any

from django import forms

from gongkai.appeals.models import Appeal, AppealKind, AppealResult, LitigationRoute
from gongkai.applications.models import Application
from gongkai.core.forms import DateField, Form, TextField
from gongkai.units.models import Unit


class AppealForm(Form):
    kind = forms.ChoiceField(label="类别", choices=AppealKind.choices)
    route = forms.ChoiceField(
        label="起诉方式（行政诉讼）", choices=[("", "—"), *LitigationRoute.choices], required=False
    )
    unit = forms.ModelChoiceField(
        label="被申请人或被告（原行为主体）",
        queryset=Unit.objects.filter(is_active=True),
        error_messages={"required": "请选择单位", "invalid_choice": "请从列表中选择单位"},
    )
    tracking_number = TextField(label="关联申请编号", max_length=32, required=False)
    previous = forms.ModelChoiceField(
        label="此前的复议（复议后起诉）",
        queryset=Appeal.objects.filter(kind=AppealKind.RECONSIDERATION),
        required=False,
    )
    body = TextField(label="复议机关、法院或受理机关", max_length=100)
    case_number = TextField(label="案号", max_length=100, required=False)
    appellant = TextField(label="申请人或原告", max_length=100)
    filed_on = DateField(label="收到或立案日期")
    summary = TextField(label="事由", max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
    result = forms.ChoiceField(
        label="结果", choices=AppealResult.choices, initial=AppealResult.PENDING
    )
    decided_on = DateField(label="审结日期", required=False)
    result_detail = TextField(
        label="结果说明", max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("kind") == AppealKind.LITIGATION and not data.get("route"):
            self.add_error("route", "行政诉讼请选择起诉方式")
        if (
            data.get("result")
            and data["result"] != AppealResult.PENDING
            and not data.get("decided_on")
        ):
            self.add_error("decided_on", "已审结的请填写审结日期")
        number = (data.get("tracking_number") or "").upper()
        data["application"] = None
        if number:
            application = Application.objects.filter(tracking_number=number).first()
            if application is None:
                self.add_error("tracking_number", "没有这个申请编号")
            data["application"] = application
        return data


class DecideForm(Form):
    result = forms.ChoiceField(label="结果", choices=AppealResult.choices)
    decided_on = DateField(label="审结日期", required=False)
    detail = TextField(
        label="结果说明", max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
