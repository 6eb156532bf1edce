"""The forms of the consultations: the office's (open, attach, end, moderate, adoption,
feedback, survey) and the public's (a comment)."""

from __future__ import annotations

from django import forms

from gongkai.consultations.models import Consultation
from gongkai.consultations.status import Adoption
from gongkai.core.forms import DateField, Form, MultipleFileField, TextField
from gongkai.units.models import Unit


class ConsultationForm(Form):
    unit = forms.ModelChoiceField(
        label="起草单位",
        queryset=Unit.objects.filter(is_active=True).order_by("sort_order", "id"),
        error_messages={"required": "请选择起草单位", "invalid_choice": "请选择起草单位"},
    )
    title = TextField(label="标题", max_length=200)
    draft = TextField(
        label="草案及说明", max_length=50_000, widget=forms.Textarea(attrs={"rows": 10})
    )
    opens_on = DateField(label="开始日期")
    closes_on = DateField(label="截止日期")
    shortened_reason = TextField(
        label="缩短期限的理由",
        max_length=500,
        required=False,
        help_text="征集期限少于规定天数的（因情况紧急等原因），须说明理由，并随征集一并公布",
    )


class AttachmentForm(Form):
    attachments = MultipleFileField(label="附件（PDF、JPG、PNG、DOCX、XLSX）", max_files=10)


class EndForm(Form):
    reason = TextField(label="提前结束的理由", max_length=500)


class ModerateForm(Form):
    verdict = forms.ChoiceField(
        label="审核结果",
        choices=[("approve", "公开"), ("reject", "不予公开")],
        widget=forms.RadioSelect,
        error_messages={"required": "请选择审核结果", "invalid_choice": "请选择审核结果"},
    )
    public_body = TextField(
        label="公开文本（可删去不宜公开的内容；留空则按原文公开）",
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    reason = TextField(label="不予公开的理由", max_length=500, required=False)


class AdoptionForm(Form):
    adoption = forms.ChoiceField(
        label="采纳情况",
        choices=[(a.value, a.label) for a in Adoption],
        error_messages={"required": "请选择采纳情况", "invalid_choice": "请选择采纳情况"},
    )
    reason = TextField(label="理由", max_length=1000, required=False)


class FeedbackForm(Form):
    text = TextField(label="反馈说明", max_length=20_000, widget=forms.Textarea(attrs={"rows": 6}))


class SurveyForm(Form):
    consultation = forms.ModelChoiceField(
        label="所属意见征集（可不选）",
        queryset=Consultation.objects.order_by("-opens_on"),
        required=False,
        error_messages={"invalid_choice": "所选意见征集不存在"},
    )
    title = TextField(label="问卷标题", max_length=200)
    intro = TextField(
        label="说明", max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    opens_on = DateField(label="开始日期")
    closes_on = DateField(label="截止日期")
    questions = TextField(
        label="问题",
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text="每个问题一段，以“[单选]”“[多选]”或“[填空]”开头；选项各占一行，以“-”开头；"
        "问题之间空一行",
    )


class CommentForm(Form):
    body = TextField(label="您的意见", max_length=5000, widget=forms.Textarea(attrs={"rows": 6}))
    name = TextField(label="姓名（可不填，不会公开）", max_length=50, required=False)
    contact = TextField(label="联系方式（可不填，不会公开）", max_length=100, required=False)
