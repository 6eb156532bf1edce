"""How an application ends: the national taxonomy of outcomes, what each reply must say, the
articles it cites under the text of the Regulation in force at receipt, and its remedies. The
one table of the code that answers "which article?" and "which reason?".

Every outcome maps to exactly one result row of table 三 (the 2021 rows; the 2019 rows follow
from :mod:`gongkai.report_format`). Two rows have more than one outcome because the Regulation
distinguishes cases the table counts together: 予以公开 is either 第三十六条第（二）项
(provided) or 第三十六条第（一）项 (already public, told where), and 本机关不掌握 is either
第三十六条第（四）项 (does not exist) or 第三十六条第（五）项 (another agency's). The
sorting follows the 江苏 answer rules that the State Council's office forwarded on 2020-01-10
"供工作中参考" (spec §2.4, [E]).

What a reply must state:
- 不予公开 and the withheld part of 部分公开: every ground chosen (第十四、十五、十六条) with its
  own concrete reason — 第三十六条第（三）项 requires 说明理由 and 法释〔2025〕8号第五条 puts on
  the agency the burden of proving each ground, so a ground without a reason is refused;
- 36(5) 不属于本机关负责公开: the reason, and the responsible agency's name and contact where it
  can be determined, or a recorded statement that it cannot (第三十六条第（五）项);
- every other outcome its 说明 (检索情况, why new work would be needed, the earlier reply …);
- 36(7) 行政查询事项 is a referral, not a 不予公开 decision: no 复议前置 (it is not a ground of
  第十四、十五、十六条, and 法释〔2025〕8号第十条 keeps it out of court).

Applications received before 2019-05-15 are answered under the 2007 text (国务院令第492号): the
same taxonomy, its articles (``bases_2007``). Where the 2007 text has no article for a row the
choice is ours and is marked ``confidence_2007="I"`` (docs/outcomes.md).

Pure: no ORM, no settings.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum

from gongkai import law, remedies
from gongkai.report_format import FormatVersion, label_of


class Outcome(StrEnum):
    PROVIDED = "provided"
    ALREADY_PUBLIC = "already_public"
    PARTIAL = "partial"
    WITHHOLD_SECRET = "withhold_secret"  # noqa: S105 - a name, not a password
    WITHHOLD_LAW = "withhold_law"
    WITHHOLD_SAFETY = "withhold_safety"
    WITHHOLD_THIRD_PARTY = "withhold_third_party"
    WITHHOLD_INTERNAL = "withhold_internal"
    WITHHOLD_PROCESS = "withhold_process"
    WITHHOLD_ENFORCEMENT = "withhold_enforcement"
    WITHHOLD_QUERY = "withhold_query"
    NOT_EXIST = "not_exist"
    NOT_RESPONSIBLE = "not_responsible"
    NEEDS_CREATION = "needs_creation"
    UNCLEAR_AFTER_CORRECTION = "unclear_after_correction"
    PETITION = "petition"
    REPEAT = "repeat"
    PUBLICATION = "publication"
    EXCESSIVE = "excessive"
    CONFIRM_OR_REISSUE = "confirm_or_reissue"
    NO_CORRECTION = "no_correction"
    NO_FEE = "no_fee"
    WITHDRAWN = "withdrawn"
    OTHER = "other"


# --- the grounds of 不予公开 ----------------------------------------------------------------------
@dataclass(frozen=True)
class Ground:
    """A ground for withholding information (第十四、十五、十六条), as the reply states it."""

    outcome: Outcome
    text: str  # what the information is: "属于……"
    basis: law.Basis
    bases_2007: tuple[law.Basis, ...]  # empty: the 2007 text names no such ground
    confidence_2007: str = "V"


GROUNDS: dict[Outcome, Ground] = {
    g.outcome: g
    for g in (
        Ground(
            Outcome.WITHHOLD_SECRET,
            "属于依法确定的国家秘密",
            law.ART14_MANDATORY_EXEMPTION,
            (law.R2007_ART14_4_SECRETS,),
        ),
        Ground(
            Outcome.WITHHOLD_LAW,
            "属于法律、行政法规禁止公开的信息",
            law.ART14_MANDATORY_EXEMPTION,
            (),
            "I",
        ),
        Ground(
            Outcome.WITHHOLD_SAFETY,
            "公开后可能危及国家安全、公共安全、经济安全、社会稳定",
            law.ART14_MANDATORY_EXEMPTION,
            (law.R2007_ART8_SAFETY,),
        ),
        Ground(
            Outcome.WITHHOLD_THIRD_PARTY,
            "涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害",
            law.ART15_THIRD_PARTY_RIGHTS,
            (law.R2007_ART14_4_SECRETS, law.R2007_ART23_THIRD_PARTY),
        ),
        Ground(
            Outcome.WITHHOLD_INTERNAL,
            "属于行政机关的人事管理、后勤管理、内部工作流程等内部事务信息",
            law.ART16_1_INTERNAL,
            (),
            "I",
        ),
        Ground(
            Outcome.WITHHOLD_PROCESS,
            "属于行政机关在履行行政管理职能过程中形成的讨论记录、过程稿、磋商信函、请示报告等"
            "过程性信息",
            law.ART16_2_PROCESS,
            (),
            "I",
        ),
        Ground(
            Outcome.WITHHOLD_ENFORCEMENT,
            "属于行政执法案卷信息",
            law.ART16_2_PROCESS,
            (),
            "I",
        ),
    )
}

# The grounds that may be named for the withheld part of a 部分公开 or 不予公开 decision.
EXEMPTION_GROUNDS: tuple[Outcome, ...] = tuple(GROUNDS)


# --- the outcomes --------------------------------------------------------------------------------
@dataclass(frozen=True)
class Slot:
    """The 说明 a reply of this kind prints: what staff are asked for, and whether it is
    required."""

    label: str
    required: bool = True


@dataclass(frozen=True)
class OutcomeRule:
    outcome: Outcome
    row: str  # key of the result row (gongkai.report_format.RESULT_ROWS)
    label: str  # what staff choose in the decision form
    bases: tuple[law.Basis, ...]  # the articles the reply cites (2019 text), grounds excluded
    decision: str  # the operative paragraph, with {bases} and {details}
    bases_2007: tuple[law.Basis, ...] = ()  # the same under the 2007 text
    details: Slot | None = None  # the 说明 of the reply
    withholds: bool = False  # 不予公开 under 第十四、十五、十六条 (wholly, or partly for 部分公开)
    suit: bool = True  # False: 法释〔2025〕8号第十条, a court does not admit a suit
    by_staff: bool = True  # False: the case ends by itself (lapsed correction or fee, withdrawal)
    reviewable: bool = True  # the reply carries the remedies paragraph
    confidence: str = "E"  # V verified in the law; E from the forwarded 江苏 rules; I our choice
    confidence_2007: str = "V"

    def row_label(self, version: FormatVersion) -> str:
        return label_of(self.row, version)

    @property
    def plain(self) -> str:
        """The outcome in plain words, for the applicant's status page."""
        return PLAIN[self.outcome]

    @property
    def provides(self) -> bool:
        """The reply gives the applicant information (or tells where it is public): the unit
        may attach the information, and the applicant may download it once approved."""
        return self.outcome in PROVIDING


_WITHHOLD = "经审查，本机关决定对您申请公开的政府信息不予公开。根据{bases}的规定，理由如下："


def _withhold(outcome: Outcome, label: str) -> OutcomeRule:
    return OutcomeRule(
        outcome,
        outcome.value,
        label,
        (law.ART36_3_WITHHOLD,),
        _WITHHOLD,
        bases_2007=(law.R2007_ART21_2_WITHHOLD,),
        details=Slot("其他说明（可选）", required=False),
        withholds=True,
        confidence="V",
        confidence_2007=GROUNDS[outcome].confidence_2007,
    )


RULES: tuple[OutcomeRule, ...] = (
    OutcomeRule(
        Outcome.PROVIDED,
        "disclose",
        "予以公开：提供所申请的信息",
        (law.ART36_2_DISCLOSE,),
        "经审查，您申请公开的政府信息属于公开范围。根据{bases}的规定，本机关向您提供该政府信息"
        "{details}。",
        bases_2007=(law.R2007_ART21_1_DISCLOSE,),
        details=Slot("提供方式（可选，如：见附件、邮寄纸质件）", required=False),
        confidence="V",
    ),
    OutcomeRule(
        Outcome.ALREADY_PUBLIC,
        "disclose",
        "予以公开：信息已主动公开，告知获取途径",
        (law.ART36_1_ALREADY_PUBLIC,),
        "经审查，您申请公开的政府信息已经主动公开。根据{bases}的规定，告知您获取该政府信息的方式、"
        "途径：{details}。",
        bases_2007=(law.R2007_ART21_1_DISCLOSE,),
        details=Slot("获取方式、途径（网址、栏目、文号等）"),
        confidence="V",
    ),
    OutcomeRule(
        Outcome.PARTIAL,
        "partial",
        "部分公开：区分处理",
        (law.ART36_2_DISCLOSE, law.ART36_3_WITHHOLD, law.ART37_SEVERANCE),
        "经审查，您申请公开的政府信息中含有不应当公开的内容，但能够作区分处理。根据{bases}的规定，"
        "本机关向您提供可以公开的部分{details}，对其余部分不予公开，理由如下：",
        bases_2007=(
            law.R2007_ART21_1_DISCLOSE,
            law.R2007_ART21_2_WITHHOLD,
            law.R2007_ART22_SEVERANCE,
        ),
        details=Slot("提供方式（可选）", required=False),
        withholds=True,
        confidence="V",
    ),
    _withhold(Outcome.WITHHOLD_SECRET, "不予公开：属于国家秘密"),
    _withhold(Outcome.WITHHOLD_LAW, "不予公开：其他法律、行政法规禁止公开"),
    _withhold(Outcome.WITHHOLD_SAFETY, "不予公开：危及“三安全一稳定”"),
    _withhold(Outcome.WITHHOLD_THIRD_PARTY, "不予公开：保护第三方合法权益"),
    _withhold(Outcome.WITHHOLD_INTERNAL, "不予公开：属于三类内部事务信息"),
    _withhold(Outcome.WITHHOLD_PROCESS, "不予公开：属于四类过程性信息"),
    _withhold(Outcome.WITHHOLD_ENFORCEMENT, "不予公开：属于行政执法案卷"),
    OutcomeRule(
        Outcome.WITHHOLD_QUERY,
        "withhold_query",
        "行政查询事项：告知依照有关法律、行政法规办理（工商、不动产登记资料等）",
        (law.ART36_7_SPECIAL_ACCESS,),
        "经审查，您申请获取的信息属于工商、不动产登记资料等信息，有关法律、行政法规对信息的获取有"
        "特别规定。根据{bases}的规定，请您依照有关法律、行政法规的规定办理：{details}。",
        bases_2007=(law.R2007_ART17_SPECIAL,),
        details=Slot("办理途径（依据的法律、行政法规和办理机关）"),
        suit=False,
        confidence="V",
        confidence_2007="I",
    ),
    OutcomeRule(
        Outcome.NOT_EXIST,
        "unable_not_held",
        "无法提供：经检索，该政府信息不存在",
        (law.ART36_4_NOT_EXIST,),
        "经检索，本机关没有制作或者获取您申请公开的政府信息。检索情况：{details}。根据{bases}的"
        "规定，告知您该政府信息不存在。",
        bases_2007=(law.R2007_ART21_3_NOT_HELD,),
        details=Slot("检索情况（检索的范围、方式和结果）"),
    ),
    OutcomeRule(
        Outcome.NOT_RESPONSIBLE,
        "unable_not_held",
        "无法提供：不属于本机关负责公开",
        (law.ART36_5_NOT_RESPONSIBLE,),
        "经审查，您申请公开的政府信息不属于本机关负责公开，理由：{details}。根据{bases}的规定，"
        "{agency}",
        bases_2007=(law.R2007_ART21_3_NOT_HELD,),
        details=Slot("不属于本机关负责公开的理由"),
    ),
    OutcomeRule(
        Outcome.NEEDS_CREATION,
        "unable_needs_creation",
        "无法提供：没有现成信息，需要另行制作",
        (law.ART38_NO_NEW_WORK,),
        "经审查，本机关没有现成的您所申请的信息，提供该信息需要对现有政府信息进行加工、分析："
        "{details}。根据{bases}的规定，本机关不予提供。",
        bases_2007=(law.R2007_ART2_DEFINITION,),
        details=Slot("说明（现有哪些信息，为何需要加工、分析）"),
        suit=False,
        confidence_2007="I",
    ),
    OutcomeRule(
        Outcome.UNCLEAR_AFTER_CORRECTION,
        "unable_unclear",
        "无法提供：补正后申请内容仍不明确",
        (law.ART30_CORRECTION,),
        "本机关已告知您补正申请，您补正后的申请内容仍不明确：{details}。本机关无法确定您所需的政府"
        "信息，根据{bases}的规定，告知您本机关无法提供。",
        bases_2007=(law.R2007_ART21_4_UNCLEAR,),
        details=Slot("补正后仍不明确之处"),
        confidence_2007="I",
    ),
    OutcomeRule(
        Outcome.PETITION,
        "reject_petition",
        "不予处理：以申请形式进行信访、投诉、举报",
        (law.ART39_1_PETITION,),
        "经审查，您的申请系以政府信息公开申请的形式进行信访、投诉、举报等活动。根据{bases}的规定，"
        "本机关不作为政府信息公开申请处理{details}。",
        bases_2007=(law.R2007_ART2_DEFINITION, law.R2007_ART13_WHO_MAY_APPLY),
        details=Slot("可以提出的相应渠道（可选）", required=False),
        suit=False,
        confidence_2007="I",
    ),
    OutcomeRule(
        Outcome.REPEAT,
        "reject_repeat",
        "不予处理：重复申请",
        (law.ART36_6_REPEAT,),
        "本机关已就您此前提出的相同政府信息公开申请作出答复，前次答复：{details}。您重复申请公开"
        "相同政府信息，根据{bases}的规定，本机关不予重复处理。",
        bases_2007=(law.R2007_ART21_WHOLE,),
        details=Slot("前次答复（日期、文号或申请编号）"),
        suit=False,
        confidence_2007="I",
    ),
    OutcomeRule(
        Outcome.PUBLICATION,
        "reject_publication",
        "不予处理：要求提供公开出版物",
        (law.ART39_2_PUBLICATIONS,),
        "经审查，您申请的内容为政府公报、报刊、书籍等公开出版物。根据{bases}的规定，告知您获取的"
        "途径：{details}。",
        bases_2007=(law.R2007_ART21_1_DISCLOSE,),
        details=Slot("获取途径"),
        suit=False,
        confidence_2007="I",
    ),
    OutcomeRule(
        Outcome.EXCESSIVE,
        "reject_excessive",
        "不予处理：无正当理由大量反复申请",
        (law.ART35_REASONABLE_PERIOD,),
        "您申请公开政府信息的数量、频次明显超过合理范围，本机关已要求您说明理由，您说明的理由不"
        "合理：{details}。根据{bases}的规定，本机关不予处理。",
        bases_2007=(law.R2007_ART13_WHO_MAY_APPLY,),
        details=Slot("理由不合理的说明"),
        confidence_2007="I",
    ),
    OutcomeRule(
        Outcome.CONFIRM_OR_REISSUE,
        "reject_confirm",
        "不予处理：要求确认或重新出具已获取信息",
        (law.ART2_DEFINITION,),
        "经审查，您的申请系要求本机关对已获取的信息进行确认或者重新出具：{details}。该申请不属于"
        "申请获取{bases}所称的政府信息，本机关不予处理。",
        bases_2007=(law.R2007_ART2_DEFINITION,),
        details=Slot("说明"),
        confidence="I",
        confidence_2007="I",
    ),
    OutcomeRule(
        Outcome.NO_CORRECTION,
        "other_no_correction",
        "其他处理：逾期不补正，视为放弃申请",
        (law.ART30_CORRECTION,),
        "本机关已一次性告知您补正申请，您无正当理由逾期未补正。根据{bases}的规定，视为您放弃申请，"
        "本机关不再处理该政府信息公开申请。",
        bases_2007=(law.R2007_ART21_4_UNCLEAR,),
        by_staff=False,
        confidence="V",
        confidence_2007="I",
    ),
    OutcomeRule(
        Outcome.NO_FEE,
        "other_no_fee",
        "其他处理：逾期未缴纳信息处理费，视为放弃申请",
        (law.FEE_MEASURE,),
        "本机关已向您发出收费通知，您逾期未缴纳信息处理费。根据{bases}的规定，视为您放弃申请，本机关"
        "不再处理该政府信息公开申请。",
        by_staff=False,
    ),
    OutcomeRule(
        Outcome.WITHDRAWN,
        "other",
        "其他处理：申请人撤回申请",
        (),
        "您已撤回本申请，本机关终止处理。",
        by_staff=False,
        reviewable=False,
        confidence="I",
        confidence_2007="I",
    ),
    OutcomeRule(
        Outcome.OTHER,
        "other",
        "其他处理：其他情形（须说明）",
        (),
        "{details}。",
        details=Slot("处理情况及理由"),
        confidence="I",
        confidence_2007="I",
    ),
)

_BY_OUTCOME = {rule.outcome: rule for rule in RULES}

# The outcomes whose reply gives the applicant information: 第三十六条第（一）、（二）项 and the
# disclosed part of 第三十七条.
PROVIDING = frozenset({Outcome.PROVIDED, Outcome.ALREADY_PUBLIC, Outcome.PARTIAL})

PLAIN: dict[Outcome, str] = {
    Outcome.PROVIDED: "您申请的信息已予以公开，本机关向您提供该信息。",
    Outcome.ALREADY_PUBLIC: "您申请的信息已经主动公开，答复书告知了获取的方式和途径。",
    Outcome.PARTIAL: "您申请的信息部分公开：可以公开的部分已向您提供，其余部分不予公开，答复书逐项"
    "说明了理由。",
    Outcome.WITHHOLD_SECRET: "您申请的信息不予公开：属于国家秘密。答复书说明了理由和依据。",
    Outcome.WITHHOLD_LAW: "您申请的信息不予公开：法律、行政法规禁止公开。答复书说明了理由和依据。",
    Outcome.WITHHOLD_SAFETY: "您申请的信息不予公开：公开后可能危及国家安全、公共安全、经济安全或社"
    "会稳定。答复书说明了理由和依据。",
    Outcome.WITHHOLD_THIRD_PARTY: "您申请的信息不予公开：公开会损害第三方的合法权益（商业秘密、个"
    "人隐私等）。答复书说明了理由和依据。",
    Outcome.WITHHOLD_INTERNAL: "您申请的信息不予公开：属于行政机关的内部事务信息。答复书说明了理由"
    "和依据。",
    Outcome.WITHHOLD_PROCESS: "您申请的信息不予公开：属于过程性信息。答复书说明了理由和依据。",
    Outcome.WITHHOLD_ENFORCEMENT: "您申请的信息不予公开：属于行政执法案卷信息。答复书说明了理由和"
    "依据。",
    Outcome.WITHHOLD_QUERY: "您申请的信息属于工商、不动产登记资料等有专门查询规定的信息，请按答复"
    "书告知的途径办理查询。",
    Outcome.NOT_EXIST: "本机关经检索没有您申请的信息，答复书说明了检索情况。",
    Outcome.NOT_RESPONSIBLE: "您申请的信息不由本机关负责公开，答复书说明了理由，并告知负责公开的机"
    "关（能够确定的）。",
    Outcome.NEEDS_CREATION: "本机关没有现成的信息，提供需要另行加工、分析，因此不予提供。答复书说"
    "明了理由。",
    Outcome.UNCLEAR_AFTER_CORRECTION: "您补正后的申请内容仍不明确，本机关无法确定所需信息。答复书"
    "说明了理由。",
    Outcome.PETITION: "您的申请属于信访、投诉、举报事项，不作为政府信息公开申请处理，答复书告知了"
    "相应的渠道。",
    Outcome.REPEAT: "本机关此前已就相同的信息答复过您，不再重复处理。",
    Outcome.PUBLICATION: "您申请的是公开出版物，答复书告知了获取的途径。",
    Outcome.EXCESSIVE: "您申请的数量、频次明显超过合理范围，且说明的理由不合理，本机关不予处理。",
    Outcome.CONFIRM_OR_REISSUE: "您要求确认或者重新出具已获取的信息，不属于政府信息公开申请，本机"
    "关不予处理。",
    Outcome.NO_CORRECTION: "您未在补正期限内补正申请，视为放弃申请，本机关不再处理。",
    Outcome.NO_FEE: "您未在期限内缴纳信息处理费，视为放弃申请，本机关不再处理。",
    Outcome.WITHDRAWN: "您已撤回申请，本机关终止处理。",
    Outcome.OTHER: "本申请已按其他方式处理，详见答复书。",
}

# When one application ends in several ways, the one outcome recorded is the first of this
# order (spec §2.4 item 6; the format itself states only the 部分公开 rule).
PRECEDENCE = ("partial", "withhold", "unable", "reject", "other")

# Limits of what staff type into a decision (the model stores them; the form says so too).
REASON_MAX = 1000
DETAILS_MAX = 2000
AGENCY_MAX = 100
CONTACT_MAX = 200


def rule(outcome: Outcome | str) -> OutcomeRule:
    return _BY_OUTCOME[Outcome(outcome)]


def staff_outcomes() -> tuple[OutcomeRule, ...]:
    """The outcomes a reviewer can approve (the others end a case by themselves)."""
    return tuple(r for r in RULES if r.by_staff)


# --- a decision as staff draft it ----------------------------------------------------------------
@dataclass(frozen=True)
class Decision:
    """What a reply decides, with everything it must state.

    ``grounds`` pairs each exemption ground with its own concrete reason; ``agency`` and
    ``agency_contact`` name the agency responsible for an outcome of 第三十六条第（五）项, or
    ``agency_unknown`` records that it cannot be determined; ``public_interest`` states why
    information is disclosed over a third party's objection (第十五条、第三十二条).
    """

    outcome: Outcome
    grounds: tuple[tuple[Outcome, str], ...] = ()
    details: str = ""
    agency: str = ""
    agency_contact: str = ""
    agency_unknown: bool = False
    public_interest: str = ""

    @property
    def rule(self) -> OutcomeRule:
        return rule(self.outcome)

    def normalized(self) -> Decision:
        """Text stripped; a 不予公开 outcome's own ground first; each ground once."""
        grounds: dict[Outcome, str] = {}
        own = self.outcome if self.outcome in GROUNDS else None
        if own is not None:
            grounds[own] = ""
        for ground, reason in self.grounds:
            ground = Outcome(ground)
            if reason.strip() or ground not in grounds:
                grounds[ground] = reason.strip()
        return Decision(
            Outcome(self.outcome),
            tuple(grounds.items()),
            self.details.strip(),
            self.agency.strip(),
            self.agency_contact.strip(),
            self.agency_unknown,
            self.public_interest.strip(),
        )

    def to_data(self) -> dict[str, object]:
        """JSON for the case (the event log and the application's record)."""
        return {
            "outcome": self.outcome.value,
            "grounds": [{"ground": g.value, "reason": r} for g, r in self.grounds],
            "details": self.details,
            "agency": self.agency,
            "agency_contact": self.agency_contact,
            "agency_unknown": self.agency_unknown,
            "public_interest": self.public_interest,
        }

    @classmethod
    def from_data(cls, data: dict[str, object]) -> Decision:
        raw = data.get("grounds") or []
        grounds: list[tuple[Outcome, str]] = []
        assert isinstance(raw, list)
        for item in raw:
            if isinstance(item, dict):
                grounds.append((Outcome(str(item["ground"])), str(item.get("reason", ""))))
            else:  # the earlier shape: a list of ground values without reasons
                grounds.append((Outcome(str(item)), ""))
        return cls(
            Outcome(str(data["outcome"])),
            tuple(grounds),
            str(data.get("details", "")),
            str(data.get("agency", "")),
            str(data.get("agency_contact", "")),
            bool(data.get("agency_unknown", False)),
            str(data.get("public_interest", "")),
        )


def decision_problems(decision: Decision) -> list[str]:
    """Why this decision cannot be drafted, in Chinese (empty when it can). The one place these
    rules are written: the form and the service both ask here."""
    d = decision.normalized()
    chosen = d.rule
    problems: list[str] = []
    if not chosen.by_staff:
        problems.append(f"“{chosen.label}”由系统在相应情形下自动办结，不能作为答复")
        return problems
    grounds = [g for g, _ in d.grounds]
    bad = [g for g in grounds if g not in GROUNDS]
    if bad:
        problems.append("不予公开的依据只能从第十四条、第十五条、第十六条规定的情形中选择")
    if chosen.withholds and not grounds:
        problems.append("部分公开、不予公开须选择不予公开的依据")
    if not chosen.withholds and grounds:
        problems.append("只有部分公开和不予公开需要选择不予公开的依据")
    if chosen.withholds:
        for ground, reason in d.grounds:
            if ground not in GROUNDS:
                continue
            name = rule(ground).label.removeprefix("不予公开：")
            if not clean(reason):
                problems.append(
                    f"请写明“{name}”的具体理由（每一项不予公开的依据都要说明理由，"
                    f"{law.ART36_3_WITHHOLD.short}；{law.JUDICIAL_INTERPRETATION_2025_ART5.citation}）"
                )
            elif len(reason) > REASON_MAX:
                problems.append(f"“{name}”的理由不超过{REASON_MAX}字")
            elif _same_words(reason, GROUNDS[ground].text) or _same_words(reason, name):
                problems.append(f"“{name}”的理由不能只重复该项依据的名称，请写明具体事实")
    slot = chosen.details
    if slot is not None and slot.required and not clean(d.details):
        problems.append(f"请填写{slot.label}")
    if slot is None and d.details:
        problems.append("该答复不需要填写说明")
    if len(d.details) > DETAILS_MAX:
        problems.append(f"说明不超过{DETAILS_MAX}字")
    if chosen.outcome is Outcome.NOT_RESPONSIBLE:
        if d.agency_unknown and (d.agency or d.agency_contact):
            problems.append("已选择“无法确定负责公开的机关”，不能同时填写该机关")
        elif not d.agency_unknown and not (clean(d.agency) and clean(d.agency_contact)):
            problems.append(
                "请填写负责公开该信息的行政机关的名称和联系方式；确实无法确定的，请选择“无法确定”"
                f"（{law.ART36_5_NOT_RESPONSIBLE.short}）"
            )
        if len(d.agency) > AGENCY_MAX or len(d.agency_contact) > CONTACT_MAX:
            problems.append(f"负责机关的名称不超过{AGENCY_MAX}字，联系方式不超过{CONTACT_MAX}字")
    elif d.agency or d.agency_contact or d.agency_unknown:
        problems.append("只有“不属于本机关负责公开”需要填写负责公开的机关")
    if d.public_interest and chosen.outcome not in (Outcome.PROVIDED, Outcome.PARTIAL):
        problems.append("只有予以公开、部分公开可以写明涉及第三方信息决定公开的理由")
    if len(d.public_interest) > REASON_MAX:
        problems.append(f"决定公开的理由不超过{REASON_MAX}字")
    return problems


def _same_words(a: str, b: str) -> bool:
    def letters(text: str) -> str:
        return re.sub(r"[\s\W_]+", "", text)

    return letters(a) == letters(b) or letters(a) == letters("属于" + b)


# --- citations and text --------------------------------------------------------------------------
def bases_for(decision: Decision, regime: law.Regime = law.Regime.R2019) -> list[law.Basis]:
    """Every article the reply cites, under the text of the Regulation in force at receipt."""
    d = decision.normalized()
    chosen = d.rule
    old = regime is law.Regime.R2007
    bases = list(chosen.bases_2007 if old else chosen.bases)
    for ground, _reason in d.grounds:
        if ground in GROUNDS:
            extra = GROUNDS[ground].bases_2007 if old else (GROUNDS[ground].basis,)
            bases.extend(b for b in extra if b not in bases)
    if d.public_interest:
        third = (
            (law.R2007_ART23_THIRD_PARTY,)
            if old
            else (law.ART15_THIRD_PARTY_RIGHTS, law.ART32_THIRD_PARTY)
        )
        bases.extend(b for b in third if b not in bases)
    return bases


def citations(bases: tuple[law.Basis, ...] | list[law.Basis]) -> str:
    """Bases as one phrase: each instrument named in full once, then its provisions in the
    order of :data:`gongkai.law.ALL`; instruments in the order first cited."""
    order = {b: i for i, b in enumerate(law.ALL)}
    groups: dict[str, list[law.Basis]] = {}
    for basis in bases:
        groups.setdefault(basis.instrument, [])
        if basis not in groups[basis.instrument]:
            groups[basis.instrument].append(basis)
    parts = []
    for instrument, members in groups.items():
        provisions = [b.provision for b in sorted(members, key=lambda b: order.get(b, 0))]
        provisions = [p for p in provisions if p]
        parts.append(instrument + "、".join(provisions))
    return "和".join(parts)


_TRAILING = "。．.，,；;：:、！？!? \u3000"


def clean(text: str) -> str:
    """Staff text as a clause: surrounding space and punctuation at either end removed, so that
    the sentence around it adds its own (no "。。", "。，" or "：。")."""
    return text.strip().strip(_TRAILING).strip()


def _provision(ground: Ground, regime: law.Regime) -> str:
    if regime is law.Regime.R2007:
        bases = ground.bases_2007 or (law.R2007_ART21_2_WITHHOLD,)
        return "、".join(b.provision for b in bases)
    return ground.basis.provision


NUMERALS = "一二三四五六七八九十"


def decision_text(decision: Decision, regime: law.Regime = law.Regime.R2019) -> str:
    """The operative part of the reply: one paragraph per line, with every article it rests on
    and, for 不予公开, every ground with its own reason."""
    d = decision.normalized()
    chosen = d.rule
    details = clean(d.details)
    if chosen.outcome in (Outcome.PROVIDED, Outcome.PARTIAL):
        shown = f"：{details}" if details else "（见附件或按您要求的方式提供）"
        if chosen.outcome is Outcome.PARTIAL:
            shown = ""  # the way the disclosed part is provided follows the grounds
    elif chosen.outcome is Outcome.PETITION:
        shown = f"，您可以通过相应渠道提出：{details}" if details else ""
    else:
        shown = details
    agency = ""
    if chosen.outcome is Outcome.NOT_RESPONSIBLE:
        agency = (
            "经核查，本机关无法确定负责公开该政府信息的行政机关。"
            if d.agency_unknown
            else f"负责公开该政府信息的行政机关为{clean(d.agency)}，"
            f"联系方式：{clean(d.agency_contact)}。"
        )
    lines = [
        chosen.decision.format(
            bases=citations(bases_for(d, regime)), details=shown, agency=agency
        ).strip()
    ]
    if chosen.withholds:
        for n, (ground, reason) in enumerate(d.grounds):
            if ground not in GROUNDS:
                continue
            g = GROUNDS[ground]
            lines.append(
                f"（{NUMERALS[n] if n < len(NUMERALS) else n + 1}）依据{_provision(g, regime)}，"
                f"该信息{g.text}：{clean(reason)}。"
            )
        if details:
            lead = "可以公开部分的提供方式：" if chosen.outcome is Outcome.PARTIAL else ""
            lines.append(f"{lead}{details}。")
    if d.public_interest:
        lines.append(
            "本机关已就该信息书面征求第三方意见，第三方不同意公开；本机关认为不公开可能对公共利益"
            f"造成重大影响，决定予以公开，理由：{clean(d.public_interest)}。"
        )
    return "\n".join(line for line in lines if line)


def remedies_for(
    decision: Decision,
    *,
    decided_on: dt.date,
    venue: remedies.Venue,
    online: bool,
) -> remedies.Remedies | None:
    """The remedies paragraph of the reply, or None when the outcome carries none."""
    d = decision.normalized()
    chosen = d.rule
    if not chosen.reviewable:
        return None
    return remedies.paragraph(
        decided_on=decided_on,
        venue=venue,
        withholds=chosen.withholds,
        partly=chosen.outcome is Outcome.PARTIAL,
        suit=chosen.suit,
        online=online,
    )
