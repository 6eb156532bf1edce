from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms

from gongkai import law
from gongkai.core.forms import DateField, Form
from gongkai.workdays import clock
from gongkai.workdays.arrangement import MAX_FILE_BYTES

LONGEST = 500  # working days: the calculator's bound, far beyond any statutory period


class DeadlineForm(Form):
    """The public and staff deadline calculator (GET, so a result can be linked)."""

    received = DateField(label="收到申请之日")
    days = forms.IntegerField(
        label="期限（工作日）",
        help_text=f"不填：收到申请时适用的答复期限（{law.in_chinese(law.REGULATION_2019_FROM)}起"
        f"{clock.ANSWER.days}个工作日，此前{clock.ANSWER_2007.days}个工作日）",
        required=False,
        min_value=1,
        max_value=LONGEST,
        error_messages={
            "invalid": "期限应为整数个工作日",
            "min_value": "期限至少为1个工作日",
            "max_value": f"期限不超过{LONGEST}个工作日",
            "required": "请填写期限",
        },
    )
    extended = forms.BooleanField(
        label=f"已延长（最长{clock.EXTENSION_MAX.days}个工作日，{clock.EXTENSION_MAX.basis.short}；"
        f"2019年5月15日前收到的为{clock.EXTENSION_MAX_2007.days}个工作日）",
        required=False,
    )
    correction_received = DateField(label="收到补正之日（期限重新计算）", required=False)
    pause1_start = DateField(label="暂停开始", required=False)
    pause1_end = DateField(label="暂停结束", required=False)
    pause2_start = DateField(label="暂停开始", required=False)
    pause2_end = DateField(label="暂停结束", required=False)
    on = DateField(label="查看剩余工作日的日期", required=False)

    def clean_days(self) -> int | None:
        value = self.cleaned_data.get("days")
        return None if value is None else int(value)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        received = data.get("received")
        corrected = data.get("correction_received")
        if received and corrected and corrected < received:
            self.add_error("correction_received", "收到补正之日不能早于收到申请之日")
        for n in (1, 2):
            start, end = data.get(f"pause{n}_start"), data.get(f"pause{n}_end")
            if bool(start) != bool(end):
                self.add_error(f"pause{n}_end", "暂停期间需要同时填写开始和结束日期")
            elif start and end and end < start:
                self.add_error(f"pause{n}_end", "结束日期不能早于开始日期")
        return data

    def events(self) -> list[clock.ClockEvent]:
        data = self.cleaned_data
        events: list[clock.ClockEvent] = []
        if data.get("extended"):
            events.append(clock.Extension())
        if data.get("correction_received"):
            events += [
                clock.CorrectionRequested(data["received"]),
                clock.CorrectionReceived(data["correction_received"]),
            ]
        for n in (1, 2):
            start, end = data.get(f"pause{n}_start"), data.get(f"pause{n}_end")
            if start and end:
                events.append(clock.Pause(start, end))
        return events

    def on_day(self, default: dt.date) -> dt.date:
        value: dt.date | None = self.cleaned_data.get("on")
        return value or default


class ArrangementUploadForm(Form):
    file = forms.FileField(
        label="安排文件（YAML 或 JSON）",
        required=False,
        error_messages={"invalid": "请选择一个文件", "empty": "文件是空的"},
    )
    text = forms.CharField(
        label="或直接粘贴文件内容",
        required=False,
        widget=forms.Textarea(attrs={"rows": 14}),
        max_length=MAX_FILE_BYTES,
        error_messages={"max_length": "内容过长"},
    )
    note = forms.CharField(label="说明（记入审计日志）", required=False, max_length=300)
    confirm = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def clean_file(self) -> Any:
        upload = self.cleaned_data.get("file")
        if upload is not None and upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError(f"文件过大（不超过 {MAX_FILE_BYTES // 1024} KB）")
        return upload

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("file") and not (data.get("text") or "").strip():
            raise forms.ValidationError("请选择文件或粘贴文件内容")
        return data

    def content(self) -> tuple[bytes, str]:
        upload = self.cleaned_data.get("file")
        if upload is not None:
            return upload.read(), upload.name or "上传文件"
        return self.cleaned_data["text"].encode("utf-8"), "页面粘贴.yaml"
