"""The asker's form on the portal and the staff's forms for a question. The public form takes
the same input rules as the online application (the core form bases, the hidden field bots
fill in, a token against double submission)."""

from __future__ import annotations

import uuid
from typing import Any

from django import forms

from gongkai.applications.forms import ApplicantForm, phone_validator
from gongkai.applications.forms import LookupForm as ApplicationLookupForm
from gongkai.applications.forms import text as text_field
from gongkai.core.forms import Form
from gongkai.questions.services import AskerData, SiteErrorData
from gongkai.questions.status import ERROR_CATEGORIES
from gongkai.units.models import Unit

SUBJECT_MAX = 100
TEXT_MAX = 2000
REPLY_MAX = 4000


class QuestionForm(Form):
    unit = forms.ModelChoiceField(
        label="向哪个单位咨询",
        queryset=Unit.objects.filter(is_active=True),
        required=False,
        empty_label="不确定（由区政府信息公开办公室分办）",
        error_messages={"invalid_choice": "请从列表中选择单位"},
    )
    asker_name = text_field("姓名", 50)
    phone = text_field("联系电话", 30, required=False, validators=[phone_validator])
    email = forms.EmailField(
        label="电子邮箱",
        required=False,
        max_length=254,
        error_messages={"invalid": "电子邮箱格式不正确"},
    )
    subject = text_field("标题", SUBJECT_MAX)
    text = text_field("留言内容", TEXT_MAX, widget=forms.Textarea(attrs={"rows": 6}))
    public = forms.TypedChoiceField(
        label="答复后是否公开",
        choices=[
            ("1", "同意公开留言和答复（隐去姓名和联系方式）"),
            ("0", "不公开，仅答复本人"),
        ],
        coerce=lambda v: v == "1",
        initial="1",
        widget=forms.RadioSelect,
        error_messages={"required": "请选择答复后是否公开", "invalid_choice": "请选择是否公开"},
    )
    token = forms.UUIDField(
        widget=forms.HiddenInput, error_messages={"invalid": "请重新打开留言页面"}
    )
    # A field people do not see: bots fill it in.
    website = forms.CharField(
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off", "class": "hp"}),
    )

    def clean_website(self) -> str:
        if self.cleaned_data.get("website"):
            raise forms.ValidationError("提交未被接受")
        return ""

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.errors and not (data.get("phone") or data.get("email")):
            self.add_error("phone", "请填写联系电话或电子邮箱中的至少一项")
        return data

    def asker_data(self) -> AskerData:
        data = self.cleaned_data
        return AskerData(
            asker_name=data["asker_name"],
            subject=data["subject"],
            text=data["text"],
            phone=data.get("phone") or "",
            email=data.get("email") or "",
            public=bool(data["public"]),
        )

    @staticmethod
    def new_token() -> uuid.UUID:
        return uuid.uuid4()


PAGE_URL_MAX = 500


class SiteErrorForm(Form):
    """我为政府网站找错: the page, the kind of error, what is wrong; who reports it only if they
    wish (the reply is read with the number and query code)."""

    page_url = text_field("出错网页地址", PAGE_URL_MAX)
    error_category = forms.ChoiceField(
        label="错误类型",
        choices=[("", "请选择"), *ERROR_CATEGORIES],
        error_messages={"required": "请选择错误类型", "invalid_choice": "请从列表中选择错误类型"},
    )
    description = text_field("问题描述", TEXT_MAX, widget=forms.Textarea(attrs={"rows": 6}))
    reporter_name = text_field("姓名", 50, required=False)
    phone = text_field("联系电话", 30, required=False, validators=[phone_validator])
    email = forms.EmailField(
        label="电子邮箱",
        required=False,
        max_length=254,
        error_messages={"invalid": "电子邮箱格式不正确"},
    )
    token = forms.UUIDField(
        widget=forms.HiddenInput, error_messages={"invalid": "请重新打开找错页面"}
    )
    website = forms.CharField(
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off", "class": "hp"}),
    )

    def clean_website(self) -> str:
        if self.cleaned_data.get("website"):
            raise forms.ValidationError("提交未被接受")
        return ""

    def clean_page_url(self) -> str:
        """An address on this site: the full address (http/https) or its path (/items/12/)."""
        value = str(self.cleaned_data["page_url"])
        if not (value.startswith(("http://", "https://", "/")) and " " not in value):
            raise forms.ValidationError(
                "请填写出错网页的完整地址（以 http:// 或 https:// 开头）或以 / 开头的路径"
            )
        return value

    def site_error_data(self) -> SiteErrorData:
        data = self.cleaned_data
        return SiteErrorData(
            page_url=data["page_url"],
            category=data["error_category"],
            description=data["description"],
            reporter_name=data.get("reporter_name") or "",
            phone=data.get("phone") or "",
            email=data.get("email") or "",
        )

    @staticmethod
    def new_token() -> uuid.UUID:
        return uuid.uuid4()


class LookupForm(ApplicationLookupForm):
    """A question looked up as an application is: its number (upper-cased) and query code."""

    tracking_number = text_field("留言编号", 32)


class RouteForm(Form):
    unit = forms.ModelChoiceField(
        label="办理单位",
        queryset=Unit.objects.filter(is_active=True),
        error_messages={"required": "请选择办理单位", "invalid_choice": "请从列表中选择单位"},
    )


class DraftForm(Form):
    reply = text_field("答复内容", REPLY_MAX, widget=forms.Textarea(attrs={"rows": 8}))


class ReviewForm(Form):
    decision = forms.ChoiceField(
        label="审核意见",
        choices=[("approve", "审核通过"), ("return", "退回修改")],
        widget=forms.RadioSelect,
        error_messages={"required": "请选择审核意见", "invalid_choice": "请选择审核意见"},
    )
    reason = text_field("退回理由", 500, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("decision") == "return" and not data.get("reason"):
            self.add_error("reason", "退回时请填写退回理由")
        return data


class ConvertForm(ApplicantForm):
    """The application as 《条例》第二十九条 requires it, prefilled from the question: the
    identity document, which a question does not carry, is asked of the asker by the staff."""

    unit = forms.ModelChoiceField(
        label="办理单位",
        queryset=Unit.objects.filter(is_active=True),
        required=False,
        empty_label="待分办",
        error_messages={"invalid_choice": "请从列表中选择单位"},
    )

    field_order = ["unit", "applicant_type"]
