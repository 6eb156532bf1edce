"""The office's forms: the return's entered rows and choices, a reason, and a logged response."""

from __future__ import annotations

from typing import Any

from django import forms

from gongkai.core.forms import DateField, Form, TextField
from gongkai.websitereport import form
from gongkai.websitereport.models import Channel, WebsiteReturn

YESNO = [("", "（未填写）"), (form.YES, form.YES), (form.NO, form.NO)]
PRODUCT_FORMS = (("text", "文字"), ("graphic", "图解"), ("media", "音视频"), ("qa", "问答"))


class ReturnForm(Form):
    """One field per entered row (``e_<key>``), per catalog column (``c_<code>``) and per
    interpretation form (``p_<form>``); the values are checked again by the service."""

    response_count = forms.ChoiceField(
        label="回应公众关注热点或重大舆情数量的计法",
        choices=[(c.value, c.label) for c in form.ResponseCount],
    )
    working_days = forms.BooleanField(
        label="平均办理时间按工作日计算（不勾选则按自然日）", required=False
    )

    def __init__(
        self, *args: Any, ret: WebsiteReturn, columns: list[tuple[str, str, Any]], **kwargs: Any
    ):
        super().__init__(*args, **kwargs)
        for row in form.ENTERED:
            label = f"{row.group}：{row.label}" if row.group else row.label
            if row.unit:
                label += f"（单位：{row.unit}）"
            name = f"e_{row.key}"
            if row.kind == form.Kind.YESNO:
                self.fields[name] = forms.ChoiceField(label=label, choices=YESNO, required=False)
            elif row.kind == form.Kind.TEXT:
                long = row.key in ("innovation", "media_other")
                self.fields[name] = TextField(
                    label=label,
                    max_length=2000 if long else 200,
                    required=False,
                    widget=forms.Textarea(attrs={"rows": 3}) if long else None,
                )
            else:
                self.fields[name] = TextField(
                    label=label,
                    max_length=15,
                    required=False,
                    widget=forms.TextInput(attrs={"inputmode": "decimal"}),
                )
            self.initial.setdefault(name, ret.entered.get(row.key, ""))
        categories = [(c.value, c.label) for c in form.Category]
        for code, name, _default in columns:
            field = f"c_{code}"
            self.fields[field] = forms.ChoiceField(label=f"栏目“{name}”", choices=categories)
            self.initial.setdefault(field, form.category_of(code, ret.column_categories).value)
        products = [(p.value, p.label) for p in form.Product]
        for key, label in PRODUCT_FORMS:
            field = f"p_{key}"
            self.fields[field] = forms.ChoiceField(label=f"{label}解读", choices=products)
            chosen = ret.interpretation_products.get(key) or form.DEFAULT_PRODUCTS[key].value
            self.initial.setdefault(field, chosen)
        self.initial.setdefault("response_count", ret.response_count)
        self.initial.setdefault("working_days", ret.working_days)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for row in form.ENTERED:
            problem = form.value_problem(row, data.get(f"e_{row.key}", ""))
            if problem:
                self.add_error(f"e_{row.key}", problem)
        return data

    def entered(self) -> dict[str, Any]:
        return {row.key: self.cleaned_data.get(f"e_{row.key}", "") for row in form.ENTERED}

    def prefixed(self, prefix: str) -> dict[str, str]:
        return {
            name.removeprefix(prefix): value
            for name, value in self.cleaned_data.items()
            if name.startswith(prefix)
        }

    def entered_fields(self) -> list[tuple[str, list[forms.BoundField]]]:
        """(section, its entered fields) for the template."""
        out: list[tuple[str, list[forms.BoundField]]] = []
        for row in form.ENTERED:
            if not out or out[-1][0] != row.section:
                out.append((row.section, []))
            out[-1][1].append(self[f"e_{row.key}"])
        return out

    def column_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if name.startswith("c_")]

    def product_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if name.startswith("p_")]


class ReasonForm(Form):
    reason = TextField(label="理由", max_length=300)


class CreateForm(Form):
    year = forms.IntegerField(
        label="年度",
        min_value=2018,
        max_value=2199,
        error_messages={
            "invalid": "年度应为四位数字",
            "min_value": "只能为2018年以来的年度编制报表",
            "max_value": "年度超出范围",
            "required": "请填写年度",
        },
    )


class ResponseForm(Form):
    responded_on = DateField(label="回应日期")
    concern = TextField(label="关注事项", max_length=200, help_text="公众关注的热点或重大舆情")
    response = TextField(
        label="回应内容", max_length=4000, widget=forms.Textarea(attrs={"rows": 4})
    )
    channel = forms.ChoiceField(label="回应渠道", choices=Channel.choices)
    link = forms.URLField(
        label="链接",
        max_length=500,
        required=False,
        assume_scheme="https",
        error_messages={"invalid": "链接应为以 http:// 或 https:// 开头的网址"},
    )
