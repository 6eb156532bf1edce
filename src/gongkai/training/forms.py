"""The office's forms for a training session and its attendance."""

from __future__ import annotations

from typing import Any

from django import forms

from gongkai.core.forms import DateField, Form, MultipleFileField, TextField
from gongkai.units.models import Unit


class SessionForm(Form):
    held_on = DateField(label="培训日期")
    title = TextField(label="培训名称", max_length=200)
    organiser = TextField(label="主办单位", max_length=100)
    place = TextField(label="培训地点", max_length=200)
    content = TextField(
        label="培训内容", max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 4})
    )


class AttendanceForm(Form):
    """One row per unit: the number of its staff who attended (0 or empty: none) and, if the
    office wants, their names."""

    def __init__(self, *args: Any, units: list[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.units = units
        for unit in units:
            self.fields[f"people_{unit.pk}"] = forms.IntegerField(
                label=f"{unit.name}参训人数",
                min_value=0,
                max_value=9999,
                required=False,
                error_messages={
                    "invalid": f"{unit.name}：参训人数应为整数",
                    "min_value": f"{unit.name}：参训人数不能为负数",
                    "max_value": f"{unit.name}：参训人数不能超过9999",
                },
            )
            self.fields[f"names_{unit.pk}"] = TextField(
                label=f"{unit.name}参训人员", max_length=500, required=False
            )

    def rows(self) -> list[tuple[Unit, int, str]]:
        return [
            (
                unit,
                self.cleaned_data.get(f"people_{unit.pk}") or 0,
                self.cleaned_data.get(f"names_{unit.pk}") or "",
            )
            for unit in self.units
        ]

    def bound_rows(self) -> list[tuple[Unit, forms.BoundField, forms.BoundField]]:
        return [(u, self[f"people_{u.pk}"], self[f"names_{u.pk}"]) for u in self.units]


class MaterialForm(Form):
    materials = MultipleFileField(label="培训材料（PDF、JPG、PNG、DOCX、XLSX）", max_files=10)
