"""Form pieces shared by the apps: Chinese messages for malformed input, and the base classes
every form of Gongkai derives from (:class:`Form`, :class:`ModelForm`, or
:class:`SafeInputMixin` before a Django form class): tests/test_hostile_input.py fails when one
does not."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.datastructures import MultiValueDict

from gongkai.core.chars import strip_illegal


def _clean_value(value: Any) -> Any:
    if isinstance(value, str):
        return strip_illegal(value)
    if isinstance(value, list | tuple):
        return [_clean_value(v) for v in value]
    return value


def clean_data(data: Any, keep: frozenset[str] = frozenset()) -> Any:
    """The submitted ``data`` without the characters of gongkai.core.chars in any value (except
    the fields named in ``keep``); ``data`` itself is left as it is."""
    if isinstance(data, MultiValueDict):
        out = data.copy()  # a QueryDict's copy is mutable
        for key, values in data.lists():
            if key not in keep:
                out.setlist(key, [_clean_value(v) for v in values])
        return out
    if isinstance(data, dict):
        return {k: v if k in keep else _clean_value(v) for k, v in data.items()}
    return data


class SafeInputMixin:
    """Drops, from everything submitted, the characters no database or DOCX/XLSX file can hold
    (NUL and the other C0 controls but tab and line breaks, U+FFFE/U+FFFF, lone surrogates) before
    any field sees it, so that a value pasted with one of them is saved and printed without it
    instead of failing in PostgreSQL or in the notice generator. They are invisible: refusing
    the form would leave the person unable to find what to delete. Passwords are kept as typed
    (they are only hashed, and must match what was typed before)."""

    data: Any
    fields: dict[str, forms.Field]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        keep = frozenset(
            name
            for name, field in self.fields.items()
            if isinstance(field.widget, forms.PasswordInput)
        )
        self.data = clean_data(self.data, keep)


class Form(SafeInputMixin, forms.Form):
    pass


class ModelForm(SafeInputMixin, forms.ModelForm):  # type: ignore[type-arg]
    pass


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
    """Text as typed, minus control characters (kept: tab and line breaks) and the other
    characters of gongkai.core.chars."""
    return strip_illegal(value.translate(_CONTROL)).strip()


class TextField(forms.CharField):
    """A CharField that drops control characters; HTML is escaped on output, never stripped."""

    def to_python(self, value: Any) -> str:
        return clean_text(str(super().to_python(value)))
