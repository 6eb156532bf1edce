"""The assessment's forms: opening a year, a score with its note, the third-party file, a
rubric file, the reason for reopening."""

from __future__ import annotations

from typing import Any

from django import forms

from gongkai.assessment.rubric import MAX_FILE_BYTES
from gongkai.core import uploads
from gongkai.core.forms import DateField, Form, TextField

MAX_IMPORT_BYTES = 5 * 1024 * 1024


class CreateForm(Form):
    year = forms.IntegerField(
        label="考核年度",
        min_value=2008,
        max_value=2100,
        error_messages={
            "required": "请填写考核年度",
            "invalid": "年度应为四位数字",
            "min_value": "年度不早于2008年",
            "max_value": "年度不晚于2100年",
        },
    )
    as_of = DateField(label="考核基准日（不填为该年12月31日）", required=False)


class ScoreForm(Form):
    score = forms.DecimalField(
        label="得分",
        min_value=0,
        max_digits=6,
        decimal_places=1,
        error_messages={
            "required": "请填写得分",
            "invalid": "得分应为数字",
            "min_value": "得分不能为负数",
            "max_decimal_places": "得分最多保留一位小数",
            "max_digits": "得分过大",
            "max_whole_digits": "得分过大",
        },
    )
    note = TextField(
        label="评分说明（依据的材料或扣分理由）",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "请写明评分说明", "max_length": "评分说明不超过1000字"},
    )


class ImportForm(Form):
    file = forms.FileField(
        label="第三方评估得分表（XLSX，使用下载的模板填写）",
        error_messages={
            "required": "请选择文件",
            "invalid": "请选择一个文件",
            "empty": "文件是空的",
        },
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        content = upload.read()
        try:
            uploads.check(
                upload.name or "上传文件",
                content,
                allowed=frozenset({"xlsx"}),
                max_bytes=MAX_IMPORT_BYTES,
            )
        except uploads.UploadError as exc:
            raise forms.ValidationError(str(exc)) from None
        return (content, upload.name or "上传文件.xlsx")


class RubricForm(Form):
    file = forms.FileField(
        label="考核细则文件（YAML 或 JSON）",
        error_messages={
            "required": "请选择文件",
            "invalid": "请选择一个文件",
            "empty": "文件是空的",
        },
    )
    note = TextField(label="说明（记入审计日志）", required=False, max_length=300)

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError(f"文件过大（不超过 {MAX_FILE_BYTES // 1024} KB）")
        return (upload.read(), upload.name or "上传文件.yaml")


class ReopenForm(Form):
    reason = TextField(
        label="撤回锁定的理由",
        max_length=300,
        error_messages={"required": "撤回锁定须说明理由", "max_length": "理由不超过300字"},
    )
