from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": "账号或密码不正确。请注意区分大小写。",
        "inactive": "该账号已停用，请联系区政府信息公开办公室。",
    }

    username = forms.CharField(label="账号", max_length=150)
    password = forms.CharField(label="密码", strip=False, widget=forms.PasswordInput)
