"""The form of the report checker's staff page: published reports uploaded to be checked.

Nothing is stored: the files are read, checked and forgotten. A file is taken by its content
(the checker's reader decides what it is), never by its name alone. Each file is checked in a
child process within the limits of the settings (:mod:`gongkai.reports.sandbox`), so a hostile
upload cannot grow the web worker. A file too complex to check is 无法完整读取 like any file not
read, and the files after it in the batch are not checked (each could cost the child's full
time): they are listed as not checked.
"""

from __future__ import annotations

import logging
from typing import Any

from django import forms
from django.conf import settings

from gongkai.core.forms import Form, MultipleFileField
from gongkai.reports import checker, parsing, reading, sandbox

log = logging.getLogger(__name__)

MAX_FILES = 20
ACCEPT = ",".join(checker.SUFFIXES)


def limit_bytes() -> int:
    """The upload limit of the site (GONGKAI_MAX_UPLOAD_MB), never above the checker's own."""
    return min(int(settings.MAX_UPLOAD_MB) * 1024 * 1024, reading.MAX_BYTES)


def _limit_label() -> str:
    return f"{limit_bytes() // 1024 // 1024} MB"


def _check_size(upload: Any) -> None:
    if upload.size > limit_bytes():
        raise forms.ValidationError(f"文件“{upload.name[:60]}”过大：上限 {_limit_label()}")


NOT_CHECKED = "未检查：本批中前一个文件过于复杂，为保护服务器，其后的文件未检查，请分开上传"


def check_upload(
    data: bytes,
    name: str,
    previous: parsing.Parsed | None = None,
    *,
    previous_error: str = "",
) -> checker.Result:
    """The checker on an uploaded file, in a child process. The checker turns every bad file it
    knows of into a Chinese message, and the child a failure of its own or of its limits;
    anything else (no child could be started) is reported the same way, so a file can never
    break the page."""
    try:
        result = sandbox.check_bytes(data, name, previous, previous_error=previous_error)
    except Exception:
        log.exception("report checker failed on an uploaded file")
        result = checker.Result(name, False, sandbox.FAILED)
    if (previous is not None or previous_error) and not result.readable:
        checker.not_read(result)
    return result


class CheckForm(Form):
    reports = MultipleFileField(
        label=f"年度报告文件（网页、文本、DOCX、XLSX、PDF、JSON；最多 {MAX_FILES} 个）",
        max_files=MAX_FILES,
    )
    previous = forms.FileField(
        label="上一年度报告（可选，用于核对上年结转；只能与一份报告一起核对）",
        required=False,
        error_messages={"empty": "上一年度报告是空文件", "invalid": "请选择一个文件"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reports"].widget.attrs["accept"] = ACCEPT
        self.fields["previous"].widget.attrs["accept"] = ACCEPT
        limit = _limit_label()
        self.fields["reports"].help_text = f"每个文件不超过 {limit}；扫描件需先进行文字识别"

    def clean_reports(self) -> list[Any]:
        files: list[Any] = self.cleaned_data.get("reports") or []
        if not files:
            raise forms.ValidationError("请选择要检查的报告文件")
        for upload in files:
            _check_size(upload)
        return files

    def clean_previous(self) -> Any:
        upload = self.cleaned_data.get("previous")
        if upload is not None:
            _check_size(upload)
        return upload

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        reports = data.get("reports")
        if not reports:  # refused at the field already
            return data
        previous: parsing.Parsed | None = None
        previous_error = ""
        upload = data.get("previous")
        if upload is not None:
            if len(reports) > 1:
                self.add_error("previous", "上一年度报告只能与一份报告一起核对")
                return data
            name = upload.name or "上一年度报告"
            prior = check_upload(upload.read(), name)
            if prior.readable and prior.parsed is not None:
                previous = prior.parsed
            else:  # the report is checked all the same; its carry-over is said to be unchecked
                previous_error = checker.previous_unreadable(name[:60], prior)
        results: list[checker.Result] = []
        stopped = False
        for upload in reports:
            name = upload.name or "上传文件"
            if stopped:  # each further file could cost the child's full time again
                results.append(checker.Result(name, False, NOT_CHECKED))
                continue
            result = check_upload(upload.read(), name, previous, previous_error=previous_error)
            stopped = result.too_complex
            results.append(result)
        data["results"] = results
        return data

    def results(self) -> list[checker.Result]:
        """Every uploaded report, checked (after ``is_valid``)."""
        results: list[checker.Result] = self.cleaned_data["results"]
        return results
