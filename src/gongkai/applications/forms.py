"""Forms of the application pages: parsing and messages in Chinese; the rules of the case are
checked again by the services, which are the authority."""

from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.core.validators import RegexValidator
from django.utils import timezone

from gongkai.applications import fees, outcomes
from gongkai.applications.models import (
    ApplicantType,
    Channel,
    DeliveryMethod,
    DocumentKind,
    IdType,
    ProvisionForm,
    Subject,
)
from gongkai.applications.services import (
    FEE_DELIVERY,
    POSITIONS,
    ApplicantData,
    Upload,
)
from gongkai.core.forms import DateField, Form, MultipleFileField, TextField
from gongkai.core.idnumbers import resident_id_problem
from gongkai.report_format import FormatVersion
from gongkai.units.codes import uscc_problem
from gongkai.units.models import Unit
from gongkai.workdays import clock

PERSONAL_ID_TYPES = {
    IdType.RESIDENT_ID,
    IdType.PASSPORT,
    IdType.HK_MACAO,
    IdType.TAIWAN,
    IdType.FOREIGN_PR,
    IdType.OTHER,
}
ORGANISATION_ID_TYPES = {IdType.USCC, IdType.OTHER}

phone_validator = RegexValidator(
    r"^[0-9+()（）\- ]{5,30}$", "联系电话只能包含数字、空格、括号和连字符"
)
postcode_validator = RegexValidator(r"^\d{6}$", "邮政编码应为6位数字")


def text(label: str, max_length: int, *, required: bool = True, **kwargs: Any) -> TextField:
    return TextField(
        label=label,
        max_length=max_length,
        required=required,
        error_messages={"required": f"请填写{label}", "max_length": f"{label}不超过{max_length}字"},
        **kwargs,
    )


def choice(label: str, choices: Any, **kwargs: Any) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=choices,
        error_messages={"required": f"请选择{label}", "invalid_choice": f"请从列表中选择{label}"},
        **kwargs,
    )


class ApplicantForm(Form):
    """What 《条例》第二十九条 requires of an application, plus optional attachments."""

    applicant_type = choice("申请人类型", ApplicantType.choices)
    applicant_name = text("申请人姓名或名称", 100)
    id_type = choice("证件类型", IdType.choices)
    id_number = text("证件号码", 40)
    legal_representative = text("法定代表人或负责人", 50, required=False)
    contact_person = text("联系人", 50, required=False)
    phone = text("联系电话", 30, validators=[phone_validator])
    email = forms.EmailField(
        label="电子邮箱",
        required=False,
        max_length=254,
        error_messages={"invalid": "电子邮箱格式不正确"},
    )
    address = text("通信地址", 200, required=False)
    postcode = text("邮政编码", 6, required=False, validators=[postcode_validator])
    info_title = text("所需信息的名称", 200, required=False)
    info_number = text("所需信息的文号", 100, required=False)
    info_description = text(
        "所需信息的内容描述", 2000, required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    provision_form = choice("提供形式", ProvisionForm.choices, initial=ProvisionForm.ELECTRONIC)
    delivery_method = choice("获取方式", DeliveryMethod.choices, initial=DeliveryMethod.DOWNLOAD)
    attachments = MultipleFileField(
        label="附件（身份证明、营业执照等，PDF、JPG、PNG，最多5个）", max_files=5
    )

    def clean_id_number(self) -> str:
        return str(self.cleaned_data["id_number"]).replace(" ", "").upper()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind, id_type, number = (
            data.get("applicant_type"),
            data.get("id_type"),
            data.get("id_number"),
        )
        if kind and id_type:
            natural = kind == ApplicantType.NATURAL
            if natural and id_type not in PERSONAL_ID_TYPES:
                self.add_error("id_type", "自然人请选择个人身份证件")
            if not natural and id_type not in ORGANISATION_ID_TYPES:
                self.add_error("id_type", "法人或其他组织请选择统一社会信用代码或其他证件")
        if id_type == IdType.RESIDENT_ID and number:
            problem = resident_id_problem(number, today=timezone.localdate())
            if problem:
                self.add_error("id_number", problem)
        elif id_type == IdType.USCC and number:
            problem = uscc_problem(number)
            if problem:
                self.add_error("id_number", problem)
        elif number and not 5 <= len(number) <= 30:
            self.add_error("id_number", "证件号码长度应为5至30位")
        method = data.get("delivery_method")
        if method == DeliveryMethod.EMAIL and not data.get("email"):
            self.add_error("email", "选择电子邮件方式获取的，请填写电子邮箱")
        if method == DeliveryMethod.POST and not data.get("address"):
            self.add_error("address", "选择邮寄方式获取的，请填写通信地址")
        if not any(data.get(f) for f in ("info_title", "info_number", "info_description")):
            self.add_error("info_description", "请填写所需信息的名称、文号或内容描述中的至少一项")
        return data

    def applicant_data(self) -> ApplicantData:
        data = self.cleaned_data
        values: dict[str, Any] = {
            name: data.get(name) or ""
            for name in ApplicantData.__dataclass_fields__
            if name != "extra" and name in self.fields
        }
        return ApplicantData(**values)

    def uploads(self) -> list[Upload]:
        return [
            Upload(f.name or "附件", f.read(), DocumentKind.ID_COPY, "申请人提交的附件")
            for f in self.cleaned_data.get("attachments", [])
        ]


class OnlineApplicationForm(ApplicantForm):
    unit = forms.ModelChoiceField(
        label="向哪个单位申请",
        queryset=Unit.objects.filter(is_active=True),
        required=False,
        empty_label="不确定（由区政府信息公开办公室分办）",
        error_messages={"invalid_choice": "请从列表中选择单位"},
    )
    token = forms.UUIDField(
        widget=forms.HiddenInput, error_messages={"invalid": "请重新打开申请页面"}
    )
    promise = forms.BooleanField(
        label="本人承诺所填信息真实、准确", error_messages={"required": "请确认所填信息真实"}
    )
    # A field people do not see: bots fill it in.
    website = forms.CharField(
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off", "class": "hp"}),
    )

    field_order = ["unit", "applicant_type"]

    def clean_website(self) -> str:
        if self.cleaned_data.get("website"):
            raise forms.ValidationError("提交未被接受")
        return ""

    @staticmethod
    def new_token() -> uuid.UUID:
        return uuid.uuid4()


class CounterApplicationForm(ApplicantForm):
    unit = forms.ModelChoiceField(
        label="办理单位",
        queryset=Unit.objects.filter(is_active=True),
        required=False,
        empty_label="待分办",
        error_messages={"invalid_choice": "请从列表中选择单位"},
    )
    channel = choice(
        "申请渠道",
        [c for c in Channel.choices if c[0] != Channel.ONLINE],
        initial=Channel.IN_PERSON,
    )
    submitted_on = DateField(label="提交或收件日期")
    signed_on = DateField(label="签收日期（邮寄）", required=False)
    confirmed_on = DateField(label="与申请人确认的日期（平常信函、传真、电子邮件）", required=False)
    subject = choice("主题", [("", "（未分类）"), *Subject.choices], required=False)

    field_order = ["channel", "submitted_on", "signed_on", "confirmed_on", "unit"]

    def uploads(self) -> list[Upload]:
        return [
            Upload(f.name or "附件", f.read(), DocumentKind.APPLICATION_FORM, "申请材料")
            for f in self.cleaned_data.get("attachments", [])
        ]


class LookupForm(Form):
    tracking_number = text("申请编号", 32)
    query_code = text("查询码", 16)

    def clean_tracking_number(self) -> str:
        return str(self.cleaned_data["tracking_number"]).upper()


# --- case steps ---------------------------------------------------------------------------------
class StepForm(Form):
    on = DateField(label="日期")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["on"].initial = timezone.localdate


class CorrectionRequestForm(StepForm):
    items = text("需要补正的事项", 1000, widget=forms.Textarea(attrs={"rows": 3}))
    guidance = text("指导和释明", 1000, required=False, widget=forms.Textarea(attrs={"rows": 2}))
    period_days = forms.IntegerField(
        label="补正期限（工作日）",
        min_value=clock.CORRECTION_PERIOD.low,
        max_value=clock.CORRECTION_PERIOD.high,
        initial=clock.CORRECTION_PERIOD.default,
        error_messages={
            "min_value": f"补正期限至少{clock.CORRECTION_PERIOD.low}个工作日",
            "max_value": f"补正期限不超过{clock.CORRECTION_PERIOD.high}个工作日",
            "invalid": "请填写整数",
        },
    )


class FilesStepForm(StepForm):
    attachments = MultipleFileField(label="材料（PDF、JPG、PNG、DOCX、XLSX）", max_files=5)

    def uploads(self, kind: DocumentKind = DocumentKind.OTHER) -> list[Upload]:
        return [
            Upload(f.name or "材料", f.read(), kind, kind.label)
            for f in self.cleaned_data.get("attachments", [])
        ]


class CorrectionReceivedForm(FilesStepForm):
    note = text("说明", 500, required=False)


class ConsultationStartForm(StepForm):
    party = text("被征求意见的第三方或机关", 100)
    with_agency = forms.TypedChoiceField(
        label="征求对象",
        choices=[("0", "第三方（第三十二条）"), ("1", "其他机关（第三十四条）")],
        coerce=lambda v: v == "1",
        initial="0",
    )
    reason = text("征求意见的理由", 500, widget=forms.Textarea(attrs={"rows": 2}))


class ConsultationEndForm(FilesStepForm):
    position = choice("被征求意见方的意见", list(POSITIONS.items()))
    result = text("意见内容及理由", 1000, required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ExtensionProposeForm(StepForm):
    days = forms.IntegerField(
        label="延长（工作日）",
        min_value=1,
        max_value=clock.EXTENSION_MAX.days,
        initial=clock.EXTENSION_MAX.days,
        error_messages={
            "max_value": f"延长的期限最长不得超过{clock.EXTENSION_MAX.days}个工作日",
            "min_value": "至少延长1个工作日",
            "invalid": "请填写整数",
        },
    )
    reason = text("延期理由", 500, widget=forms.Textarea(attrs={"rows": 2}))


class ReasonForm(StepForm):
    reason = text("理由", 500, widget=forms.Textarea(attrs={"rows": 2}))


class FeeNotifyForm(StepForm):
    basis = forms.TypedChoiceField(
        label="计收方式",
        choices=[(b.value, b.label) for b in fees.FeeBasis],
        coerce=fees.FeeBasis,
    )
    pages = forms.IntegerField(
        label="页数（按量计收）", min_value=0, max_value=1_000_000, required=False
    )
    items = forms.IntegerField(
        label="件数（按件计收，一事一申请拆分后）",
        min_value=1,
        max_value=1000,
        initial=1,
        required=False,
    )
    method = text("缴纳方式", 300, widget=forms.Textarea(attrs={"rows": 2}))
    delivery = choice("收费通知的送达方式", list(FEE_DELIVERY.items()), initial="in_person")
    received_on = DateField(
        label="申请人收到收费通知的日期（已知时填写；邮寄送达可在签收后另行登记）", required=False
    )


class FeeReceiptForm(StepForm):
    """The day the applicant received the fee notice (送达回证、邮件签收记录)."""


class Art35ReasonsForm(StepForm):
    items = text(
        "申请数量、频次明显超过合理范围的情况",
        1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    reply_days = forms.IntegerField(
        label="说明理由的期限（工作日）",
        min_value=clock.ART35_REPLY.low,
        max_value=clock.ART35_REPLY.high,
        initial=clock.ART35_REPLY.default,
        error_messages={
            "min_value": f"至少{clock.ART35_REPLY.low}个工作日",
            "max_value": f"不超过{clock.ART35_REPLY.high}个工作日",
            "invalid": "请填写整数",
        },
    )


class Art35AssessForm(StepForm):
    reasonable = forms.TypedChoiceField(
        label="审查意见",
        choices=[("1", "理由合理"), ("0", "理由不合理或逾期未说明")],
        coerce=lambda v: v == "1",
    )
    summary = text("申请人说明的理由及审查意见", 1000, widget=forms.Textarea(attrs={"rows": 2}))


class PaymentForm(StepForm):
    amount = forms.IntegerField(label="缴纳金额（元）", min_value=1, max_value=10_000_000)


class Art35Form(StepForm):
    due = DateField(label="延迟答复的期限")
    reason = text("理由", 500, widget=forms.Textarea(attrs={"rows": 2}))


class DecisionForm(FilesStepForm):
    """The decision with everything its reply must state. For 部分公开 and 不予公开 each ground
    chosen gets its own reason (法释〔2025〕8号第五条); the rules are outcomes.decision_problems,
    asked here for the messages and again by the service."""

    outcome = forms.TypedChoiceField(
        label="办理结果",
        choices=[
            (r.outcome.value, f"{r.label}（{r.row_label(FormatVersion.V2021)}）")
            for r in outcomes.staff_outcomes()
        ],
        coerce=outcomes.Outcome,
        error_messages={"required": "请选择办理结果", "invalid_choice": "请从列表中选择办理结果"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # One checkbox and one reason per ground, side by side.
        for ground, g in outcomes.GROUNDS.items():
            name = outcomes.rule(ground).label.removeprefix("不予公开：")
            self.fields[f"ground_{ground.value}"] = forms.BooleanField(
                label=f"{name}（{g.basis.short}）", required=False
            )
            self.fields[f"reason_{ground.value}"] = text(
                f"{name}：具体理由",
                outcomes.REASON_MAX,
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        self.fields["details"] = text(
            "说明（检索情况、获取途径、不属于本机关负责公开的理由等，见下方要求）",
            outcomes.DETAILS_MAX,
            required=False,
            widget=forms.Textarea(attrs={"rows": 3}),
        )
        self.fields["agency"] = text(
            "负责公开的行政机关（不属于本机关负责公开时）", outcomes.AGENCY_MAX, required=False
        )
        self.fields["agency_contact"] = text(
            "该机关的联系方式", outcomes.CONTACT_MAX, required=False
        )
        self.fields["agency_unknown"] = forms.BooleanField(
            label="经核查无法确定负责公开的行政机关", required=False
        )
        self.fields["public_interest"] = text(
            "第三方不同意公开时决定公开的理由（不公开可能对公共利益造成重大影响）",
            outcomes.REASON_MAX,
            required=False,
            widget=forms.Textarea(attrs={"rows": 2}),
        )
        # The attachments (提供的政府信息) go last.
        self.order_fields([n for n in self.fields if n != "attachments"] + ["attachments"])
        self.fields[
            "attachments"
        ].label = "提供的政府信息（予以公开、部分公开时附上；PDF、JPG、PNG、DOCX、XLSX）"

    def ground_rows(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        """Each ground's checkbox with its reason, for the page to show side by side."""
        return [
            (self[f"ground_{ground.value}"], self[f"reason_{ground.value}"])
            for ground in outcomes.GROUNDS
        ]

    def other_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if not name.startswith(("ground_", "reason_"))]

    @staticmethod
    def details_required() -> list[tuple[str, str]]:
        """What the 说明 must contain, per outcome (from the outcomes table)."""
        return [
            (r.label, r.details.label)
            for r in outcomes.staff_outcomes()
            if r.details is not None and r.details.required
        ]

    def decision(self) -> outcomes.Decision:
        data = self.cleaned_data
        grounds = tuple(
            (ground, data.get(f"reason_{ground.value}") or "")
            for ground in outcomes.GROUNDS
            # A reason typed for a ground chooses it, even if its box was left unticked.
            if data.get(f"ground_{ground.value}") or data.get(f"reason_{ground.value}")
        )
        return outcomes.Decision(
            outcome=data["outcome"],
            grounds=grounds,
            details=data.get("details") or "",
            agency=data.get("agency") or "",
            agency_contact=data.get("agency_contact") or "",
            agency_unknown=bool(data.get("agency_unknown")),
            public_interest=data.get("public_interest") or "",
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if "outcome" in data:
            for problem in outcomes.decision_problems(self.decision()):
                self.add_error(None, problem)
        return data

    def uploads(self, kind: DocumentKind = DocumentKind.INFORMATION) -> list[Upload]:
        return super().uploads(DocumentKind.INFORMATION)


class DeliverForm(FilesStepForm):
    method = choice(
        "送达方式",
        [
            ("直接送达（签收）", "直接送达（签收）"),
            ("邮寄（交邮）", "邮寄（交邮）"),
            ("电子邮件", "电子邮件"),
            ("在线下载", "在线下载"),
        ],
    )
    note = text("说明（邮件单号、签收人等）", 300, required=False)


class WithdrawForm(StepForm):
    reason = text("撤回说明", 500, required=False)


class AssignForm(Form):
    unit = forms.ModelChoiceField(
        label="分办至",
        queryset=Unit.objects.filter(is_active=True),
        error_messages={"required": "请选择单位", "invalid_choice": "请从列表中选择单位"},
    )
    note = text("说明", 300, required=False)


class HandBackForm(Form):
    reason = text("退回理由", 500, widget=forms.Textarea(attrs={"rows": 2}))


class DocumentsForm(Form):
    kind = choice("类别", [(k.value, k.label) for k in DocumentKind if k != DocumentKind.NOTICE])
    attachments = MultipleFileField(label="文件（PDF、JPG、PNG、DOCX、XLSX）", max_files=5)
    note = text("说明", 300, required=False)

    def uploads(self) -> list[Upload]:
        kind = DocumentKind(self.cleaned_data["kind"])
        return [
            Upload(f.name or "材料", f.read(), kind, kind.label)
            for f in self.cleaned_data.get("attachments", [])
        ]


class FeeCalculatorForm(Form):
    earlier = forms.IntegerField(
        label="本月此前已申请件数", min_value=0, max_value=10_000, initial=0, required=False
    )
    items = forms.IntegerField(
        label="本次件数", min_value=1, max_value=1000, initial=1, required=False
    )
    pages = forms.IntegerField(label="页数", min_value=0, max_value=1_000_000, required=False)


class PublicWithdrawForm(Form):
    reason = text("撤回说明", 500, required=False)
