from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm

from gongkai.core.forms import Form, SafeInputMixin


class LoginForm(SafeInputMixin, AuthenticationForm):
    # One message for a wrong name and a wrong password: it does not tell which accounts exist.
    error_messages = {
        "invalid_login": "账号或密码不正确。请注意区分大小写。",
        "inactive": "该账号已停用，请联系区政府信息公开办公室。",
    }

    username = forms.CharField(label="账号", max_length=150)
    password = forms.CharField(label="密码", strip=False, widget=forms.PasswordInput)


class CodeForm(Form):
    code = forms.CharField(
        label="动态口令",
        max_length=16,
        help_text="验证器应用（如手机上的身份验证器）当前显示的6位数字",
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )


class TotpDisableForm(Form):
    password = forms.CharField(label="当前密码", strip=False, widget=forms.PasswordInput)
    code = CodeForm.base_fields["code"]
