"""Form pieces shared by the apps: Chinese messages for malformed input."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms


class DateField(forms.DateField):
    """A date typed as YYYY-MM-DD (the browser's date input sends that), with a Chinese error."""

    widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    default_error_messages = {
        "invalid": "日期格式不正确，应为 YYYY-MM-DD，例如 2025-01-24",
        "required": "请填写日期",
    }

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("input_formats", ["%Y-%m-%d"])
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> dt.date | None:
        if isinstance(value, str) and len(value.strip()) > 10:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        result = super().to_python(value)
        if result is not None and not 1900 <= result.year <= 2199:
            raise forms.ValidationError("日期超出可处理的范围（1900—2199年）", code="invalid")
        return result


def apply_errors(form: forms.BaseForm, exc: Any) -> None:
    """Show a model ValidationError raised by a service on the form that submitted the data."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input (Django's documented pattern)."""

    def __init__(self, *args: Any, max_files: int = 5, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        kwargs.setdefault("required", False)
        kwargs.setdefault(
            "error_messages",
            {
                "empty": "上传的文件是空的",
                "invalid": "上传的内容不是文件",
                "missing": "没有收到文件",
                "max_length": "文件名过长",
            },
        )
        self.max_files = max_files
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        single = super().clean
        if isinstance(data, list | tuple):
            files = [single(d, initial) for d in data if d]
        else:
            files = [single(data, initial)] if data else []
        if len(files) > self.max_files:
            raise forms.ValidationError(f"最多上传{self.max_files}个文件")
        return files


_CONTROL = dict.fromkeys(c for c in range(32) if c not in (9, 10, 13))


def clean_text(value: str) -> str:
    """Text as typed, minus control characters (kept: tab and line breaks)."""
    return value.translate(_CONTROL).strip()


class TextField(forms.CharField):
    """A CharField that drops control characters; HTML is escaped on output, never stripped."""

    def to_python(self, value: Any) -> str:
        return clean_text(str(super().to_python(value)))
