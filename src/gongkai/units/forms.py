from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.core.validators import RegexValidator
from django.db import models

from gongkai import remedies
from gongkai.core.forms import DateField, Form, ModelForm, TextField
from gongkai.units.models import RemedyVenue, Role, Staff, Unit
from gongkai.units.services import UNIT_FIELDS

# Every field the registry keeps but the code, which is fixed when the unit is registered.
UNIT_EDIT_FIELDS = [name for name in UNIT_FIELDS if name != "code"]
# A unit's own reviewer keeps its contacts current; the office edits everything.
UNIT_CONTACT_FIELDS = ["address", "postcode", "office_hours", "phone", "fax", "email", "website"]


class UnitForm(ModelForm):
    website = forms.URLField(
        label="网站",
        required=False,
        assume_scheme="https",
        error_messages={"invalid": "网址格式不正确，例如 https://www.example.gov.cn"},
    )

    class Meta:
        model = Unit
        fields = ["code", *UNIT_EDIT_FIELDS]
        error_messages = {
            "code": {
                "unique": "该单位代码已被使用",
                "invalid": "单位代码只能包含英文字母、数字和连字符",
            },
            "name": {"unique": "已有同名单位"},
            "uscc": {"unique": "该统一社会信用代码已登记"},
            "portal_host": {"unique": "该门户网站主机名已由其他政府使用"},
            "email": {"invalid": "电子邮箱格式不正确"},
            "website": {"invalid": "网址格式不正确，应以 http:// 或 https:// 开头"},
        }

    def __init__(self, *args: Any, fields: list[str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if fields is not None:
            for name in list(self.fields):
                if name not in fields:
                    del self.fields[name]
        if "uscc" in self.fields:
            self.fields["uscc"].widget.attrs.update({"maxlength": 18, "class": "upper"})
        if "parent" in self.fields:
            self.fields["parent"].queryset = Unit.objects.exclude(pk=self.instance.pk)  # type: ignore[attr-defined]

    def clean_portal_host(self) -> str:
        return str(self.cleaned_data.get("portal_host") or "").strip().lower().rstrip(".")

    def clean_uscc(self) -> str:
        return str(self.cleaned_data["uscc"]).strip().upper()

    def _post_clean(self) -> None:
        # Validation is the service's job (Unit.full_clean in unit_create/unit_update), so the
        # form does not build the instance: it only parses the fields.
        pass


username_validator = RegexValidator(
    r"^[a-zA-Z0-9][a-zA-Z0-9_.-]{2,39}$", "账号由3—40位英文字母、数字、点、下划线或连字符组成"
)


class StaffForm(Form):
    name = forms.CharField(label="姓名", max_length=50)
    role = forms.ChoiceField(label="角色", choices=Role.choices)
    unit = forms.ModelChoiceField(
        label="所属单位",
        queryset=Unit.objects.all(),
        required=False,
        error_messages={"invalid_choice": "请选择列表中的单位"},
    )
    phone = forms.CharField(label="电话", max_length=60, required=False)
    sso_id = forms.CharField(
        label="统一身份认证标识",
        max_length=200,
        required=False,
        help_text="统一用户中心中此人的标识（如用户名或工号）；留空则只能用本系统账号密码登录",
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("role") in (Role.CLERK, Role.REVIEWER) and not data.get("unit"):
            self.add_error("unit", "经办人和审核人必须属于一个单位")
        return data


class StaffCreateForm(StaffForm):
    username = forms.CharField(label="账号", max_length=40, validators=[username_validator])
    password = forms.CharField(
        label="初始密码",
        widget=forms.PasswordInput,
        min_length=10,
        error_messages={"min_length": "密码至少10个字符"},
    )
    field_order = ["username", "password", "name", "role", "unit", "phone", "sso_id"]

    def clean_username(self) -> str:
        username = str(self.cleaned_data["username"])
        if get_user_model().objects.filter(username__iexact=username).exists():
            raise forms.ValidationError("该账号已存在")
        return username

    def clean_password(self) -> str:
        password = str(self.cleaned_data["password"])
        # the account to be, so that a password like its name is refused
        account = get_user_model()(username=self.cleaned_data.get("username", ""))
        password_validation.validate_password(password, account)
        return password


class StaffEditForm(StaffForm):
    is_active = forms.BooleanField(label="启用账号", required=False)


class PasswordForm(Form):
    password = forms.CharField(
        label="新密码",
        widget=forms.PasswordInput,
        min_length=10,
        error_messages={"min_length": "密码至少10个字符"},
    )

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user  # whose password: one like the account name is refused

    def clean_password(self) -> str:
        password = str(self.cleaned_data["password"])
        password_validation.validate_password(password, self.user)
        return password


def staff_initial(member: Staff) -> dict[str, Any]:
    return {
        "name": member.name,
        "role": member.role,
        "unit": member.unit_id,
        "phone": member.phone,
        "sso_id": member.sso_id,
        "is_active": member.user.is_active,
    }


def venue_rule_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """The rules grouped by the text of the 《行政复议法》 they belong to, newest text first,
    each labelled with its provision."""
    groups: list[tuple[str, list[tuple[str, str]]]] = []
    for text in (remedies.ReconsiderationLaw.L2023, remedies.ReconsiderationLaw.L2017):
        options = [
            (rule.value, f"{info.label}（{info.basis.provision}）")
            for rule, info in remedies.RULES.items()
            if info.text is text
        ]
        groups.append((text.label, options))
    return groups


def _venue_field(name: str, **kwargs: Any) -> TextField:
    model_field = RemedyVenue._meta.get_field(name)
    assert isinstance(model_field, models.CharField)
    return TextField(
        label=str(model_field.verbose_name),
        max_length=model_field.max_length,
        help_text=str(model_field.help_text),
        **kwargs,
    )


class VenueForm(Form):
    """A new venue record of a unit (the service checks it against the provision chosen)."""

    valid_from = DateField(
        label="起始日期",
        help_text="适用于该日及以后作出的答复，直至下一条记录的起始日期；"
        "2023年12月31日前的记录适用2023年修订前的《行政复议法》，2024年1月1日起适用2023年修订的文本",
    )
    rule = forms.ChoiceField(
        label="适用情形",
        choices=venue_rule_choices,
        error_messages={"required": "请选择适用的情形", "invalid_choice": "请选择列表中的情形"},
    )
    body = _venue_field("body", required=False)
    second_body = _venue_field("second_body", required=False)
    online_channel = _venue_field("online_channel", required=False)
    court = _venue_field("court", required=False)
    note = _venue_field("note", required=False, widget=forms.Textarea(attrs={"rows": 3}))
