"""How an application ends: the national taxonomy of outcomes, the article each reply cites,
and the remedies paragraph. The one table of the code that answers "which article?".

Every outcome maps to exactly one result row of table 三 (the 2021 rows; the 2019 rows follow
from :mod:`gongkai.reports.format`). Two rows have more than one outcome because the Regulation
distinguishes cases the table counts together: 予以公开 is either 第三十六条第（二）项
(provided) or 第三十六条第（一）项 (already public, told where), and 本机关不掌握 is either
第三十六条第（四）项 (does not exist) or 第三十六条第（五）项 (another agency's). The
sorting follows the 江苏 answer rules that the State Council's office forwarded on 2020-01-10
"供工作中参考" (spec §2.4, [E]).

Where the law names no article the choice is ours and is marked ``confidence="I"``; see
docs/outcomes.md. Pure: no ORM, no settings.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from gongkai import law
from gongkai.reports.format import FormatVersion, label_of


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


@dataclass(frozen=True)
class OutcomeRule:
    outcome: Outcome
    row: str  # key of the result row (gongkai.reports.format.RESULT_ROWS)
    label: str  # what staff choose in the decision form
    bases: tuple[law.Basis, ...]  # the articles the reply cites
    decision: str  # the operative sentence of the reply (答复告知书)
    exemption: law.Basis | None = None  # for a withholding outcome: the ground it rests on
    needs_exemptions: bool = False  # the reply must name the exempting articles
    withholds: bool = False  # information is (partly) withheld: reconsideration comes first
    by_staff: bool = True  # False: the case ends by itself (lapsed correction or fee, withdrawal)
    reviewable: bool = True  # the reply carries the remedies paragraph
    confidence: str = "E"  # V verified in the law; E from the forwarded 江苏 rules; I our choice

    def row_label(self, version: FormatVersion) -> str:
        return label_of(self.row, version)

    @property
    def plain(self) -> str:
        """The outcome in plain words, for the applicant's status page."""
        return PLAIN[self.outcome]


_WITHHOLD = "经审查，您申请公开的政府信息{reason}，根据{bases}的规定，决定不予公开。"

RULES: tuple[OutcomeRule, ...] = (
    OutcomeRule(
        Outcome.PROVIDED,
        "disclose",
        "予以公开：提供所申请的信息",
        (law.ART36_2_DISCLOSE,),
        "经审查，您申请公开的政府信息属于公开范围，根据{bases}的规定，现予以提供（见附件或按您要求的方式"
        "提供）。",
        confidence="V",
    ),
    OutcomeRule(
        Outcome.ALREADY_PUBLIC,
        "disclose",
        "予以公开：信息已主动公开，告知获取途径",
        (law.ART36_1_ALREADY_PUBLIC,),
        "经审查，您申请公开的政府信息已经主动公开，根据{bases}的规定，告知您获取该政府信息的方式、途径："
        "{details}",
        confidence="V",
    ),
    OutcomeRule(
        Outcome.PARTIAL,
        "partial",
        "部分公开：区分处理",
        (law.ART37_SEVERANCE,),
        "经审查，您申请公开的政府信息中含有不应当公开的内容，但能够作区分处理。根据{bases}的规定，现向您"
        "提供可以公开的部分；对不予公开的部分说明理由如下：{details}",
        needs_exemptions=True,
        withholds=True,
        confidence="V",
    ),
    OutcomeRule(
        Outcome.WITHHOLD_SECRET,
        "withhold_secret",
        "不予公开：属于国家秘密",
        (law.ART14_MANDATORY_EXEMPTION, law.ART36_3_WITHHOLD),
        _WITHHOLD.format(reason="属于依法确定的国家秘密", bases="{bases}"),
        exemption=law.ART14_MANDATORY_EXEMPTION,
        needs_exemptions=True,
        withholds=True,
        confidence="V",
    ),
    OutcomeRule(
        Outcome.WITHHOLD_LAW,
        "withhold_law",
        "不予公开：其他法律、行政法规禁止公开",
        (law.ART14_MANDATORY_EXEMPTION, law.ART36_3_WITHHOLD),
        _WITHHOLD.format(reason="属于法律、行政法规禁止公开的信息", bases="{bases}"),
        exemption=law.ART14_MANDATORY_EXEMPTION,
        needs_exemptions=True,
        withholds=True,
        confidence="V",
    ),
    OutcomeRule(
        Outcome.WITHHOLD_SAFETY,
        "withhold_safety",
        "不予公开：危及“三安全一稳定”",
        (law.ART14_MANDATORY_EXEMPTION, law.ART36_3_WITHHOLD),
        _WITHHOLD.format(
            reason="公开后可能危及国家安全、公共安全、经济安全、社会稳定", bases="{bases}"
        ),
        exemption=law.ART14_MANDATORY_EXEMPTION,
        needs_exemptions=True,
        withholds=True,
        confidence="V",
    ),
    OutcomeRule(
        Outcome.WITHHOLD_THIRD_PARTY,
        "withhold_third_party",
        "不予公开：保护第三方合法权益",
        (law.ART15_THIRD_PARTY_RIGHTS, law.ART36_3_WITHHOLD),
        _WITHHOLD.format(
            reason="涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害", bases="{bases}"
        ),
        exemption=law.ART15_THIRD_PARTY_RIGHTS,
        needs_exemptions=True,
        withholds=True,
        confidence="V",
    ),
    OutcomeRule(
        Outcome.WITHHOLD_INTERNAL,
        "withhold_internal",
        "不予公开：属于三类内部事务信息",
        (law.ART16_1_INTERNAL, law.ART36_3_WITHHOLD),
        _WITHHOLD.format(reason="属于行政机关的内部事务信息", bases="{bases}"),
        exemption=law.ART16_1_INTERNAL,
        needs_exemptions=True,
        withholds=True,
        confidence="V",
    ),
    OutcomeRule(
        Outcome.WITHHOLD_PROCESS,
        "withhold_process",
        "不予公开：属于四类过程性信息",
        (law.ART16_2_PROCESS, law.ART36_3_WITHHOLD),
        _WITHHOLD.format(
            reason="属于行政机关在履行行政管理职能过程中形成的过程性信息", bases="{bases}"
        ),
        exemption=law.ART16_2_PROCESS,
        needs_exemptions=True,
        withholds=True,
        confidence="V",
    ),
    OutcomeRule(
        Outcome.WITHHOLD_ENFORCEMENT,
        "withhold_enforcement",
        "不予公开：属于行政执法案卷",
        (law.ART16_2_PROCESS, law.ART36_3_WITHHOLD),
        _WITHHOLD.format(reason="属于行政执法案卷信息", bases="{bases}"),
        exemption=law.ART16_2_PROCESS,
        needs_exemptions=True,
        withholds=True,
        confidence="V",
    ),
    OutcomeRule(
        Outcome.WITHHOLD_QUERY,
        "withhold_query",
        "不予公开：属于行政查询事项（工商、不动产登记资料等）",
        (law.ART36_7_SPECIAL_ACCESS,),
        "经审查，您申请公开的信息属于工商、不动产登记资料等信息，有关法律、行政法规对信息的获取有"
        "特别规定。根据{bases}的规定，请您依照有关法律、行政法规的规定办理：{details}",
        exemption=law.ART36_7_SPECIAL_ACCESS,
        needs_exemptions=True,
        withholds=True,
    ),
    OutcomeRule(
        Outcome.NOT_EXIST,
        "unable_not_held",
        "无法提供：经检索，该政府信息不存在",
        (law.ART36_4_NOT_EXIST,),
        "经检索，本机关没有制作或者获取您申请公开的政府信息。根据{bases}的规定，告知您该政府信息不存在。",
    ),
    OutcomeRule(
        Outcome.NOT_RESPONSIBLE,
        "unable_not_held",
        "无法提供：不属于本机关负责公开",
        (law.ART36_5_NOT_RESPONSIBLE,),
        "经审查，您申请公开的政府信息不属于本机关负责公开。根据{bases}的规定，告知您：{details}",
    ),
    OutcomeRule(
        Outcome.NEEDS_CREATION,
        "unable_needs_creation",
        "无法提供：没有现成信息，需要另行制作",
        (law.ART38_NO_NEW_WORK,),
        "经审查，本机关没有现成的您所申请的信息，提供该信息需要对现有政府信息进行加工、分析。根据"
        "{bases}的规定，本机关不予提供。",
    ),
    OutcomeRule(
        Outcome.UNCLEAR_AFTER_CORRECTION,
        "unable_unclear",
        "无法提供：补正后申请内容仍不明确",
        (law.ART30_CORRECTION,),
        "本机关已告知您补正申请，您补正后的申请内容仍不明确，本机关无法确定您所需的政府信息。根据{bases}"
        "的规定，告知您本机关无法提供。",
    ),
    OutcomeRule(
        Outcome.PETITION,
        "reject_petition",
        "不予处理：以申请形式进行信访、投诉、举报",
        (law.ART39_1_PETITION,),
        "经审查，您的申请系以政府信息公开申请的形式进行信访、投诉、举报等活动。根据{bases}的规定，"
        "本机关不作为政府信息公开申请处理，您可以通过相应渠道提出：{details}",
    ),
    OutcomeRule(
        Outcome.REPEAT,
        "reject_repeat",
        "不予处理：重复申请",
        (law.ART36_6_REPEAT,),
        "本机关已就您此前提出的政府信息公开申请作出答复，您重复申请公开相同政府信息。根据{bases}的规定，"
        "本机关不予重复处理。",
    ),
    OutcomeRule(
        Outcome.PUBLICATION,
        "reject_publication",
        "不予处理：要求提供公开出版物",
        (law.ART39_2_PUBLICATIONS,),
        "经审查，您申请的内容为政府公报、报刊、书籍等公开出版物。根据{bases}的规定，告知您获取的途径："
        "{details}",
    ),
    OutcomeRule(
        Outcome.EXCESSIVE,
        "reject_excessive",
        "不予处理：无正当理由大量反复申请",
        (law.ART35_REASONABLE_PERIOD,),
        "您申请公开政府信息的数量、频次明显超过合理范围，经本机关要求说明理由，您说明的理由不合理。"
        "根据{bases}的规定，本机关不予处理。",
    ),
    OutcomeRule(
        Outcome.CONFIRM_OR_REISSUE,
        "reject_confirm",
        "不予处理：要求确认或重新出具已获取信息",
        (law.ART2_DEFINITION,),
        "经审查，您的申请系要求本机关对已获取的信息进行确认或者重新出具，不属于申请获取{bases}"
        "所称的政府信息，本机关不予处理。",
        confidence="I",
    ),
    OutcomeRule(
        Outcome.NO_CORRECTION,
        "other_no_correction",
        "其他处理：逾期不补正，视为放弃申请",
        (law.ART30_CORRECTION,),
        "本机关已一次性告知您补正申请，您无正当理由逾期未补正。根据{bases}的规定，视为您放弃申请，"
        "本机关不再处理该政府信息公开申请。",
        by_staff=False,
        confidence="V",
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
    ),
    OutcomeRule(
        Outcome.OTHER,
        "other",
        "其他处理：其他情形（须说明）",
        (),
        "{details}",
        confidence="I",
    ),
)

_BY_OUTCOME = {rule.outcome: rule for rule in RULES}

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

# The grounds that may be named for the withheld part of a 部分公开 or 不予公开 decision.
EXEMPTION_GROUNDS: tuple[Outcome, ...] = tuple(
    rule.outcome for rule in RULES if rule.exemption is not None
)

# When one application ends in several ways, the one outcome recorded is the first of this
# order (spec §2.4 item 6; the format itself states only the 部分公开 rule).
PRECEDENCE = ("partial", "withhold", "unable", "reject", "other")


def rule(outcome: Outcome | str) -> OutcomeRule:
    return _BY_OUTCOME[Outcome(outcome)]


def staff_outcomes() -> tuple[OutcomeRule, ...]:
    """The outcomes a reviewer can approve (the others end a case by themselves)."""
    return tuple(r for r in RULES if r.by_staff)


def citations(bases: tuple[law.Basis, ...] | list[law.Basis]) -> str:
    """Bases as one phrase: the Regulation named in full once, then its articles in order."""
    order = {b: i for i, b in enumerate(law.ALL)}
    regulation = sorted(
        (b for b in bases if b.citation.startswith(law.REGULATION)), key=lambda b: order.get(b, 0)
    )
    others = [b.citation for b in bases if not b.citation.startswith(law.REGULATION)]
    parts = []
    if regulation:
        articles = "、".join(b.citation.removeprefix(law.REGULATION) for b in regulation)
        parts.append(f"{law.REGULATION}{articles}")
    parts.extend(others)
    return "和".join(parts)


def decision_text(
    outcome: Outcome | str, *, exemptions: tuple[Outcome, ...] = (), details: str = ""
) -> str:
    """The operative paragraph of the reply, with every article it rests on."""
    chosen = rule(outcome)
    bases = cited_bases(outcome, exemptions)
    return chosen.decision.format(bases=citations(bases), details=details.strip()).strip()


def cited_bases(outcome: Outcome | str, exemptions: tuple[Outcome, ...] = ()) -> list[law.Basis]:
    chosen = rule(outcome)
    bases = list(chosen.bases)
    for ground in exemptions:
        extra = rule(ground).exemption
        if extra is not None and extra not in bases:
            bases.append(extra)
    return bases


RECONSIDERATION_FIRST_FROM = dt.date(2024, 1, 1)
RECONSIDERATION_DAYS = 60
LITIGATION_MONTHS = 6


@dataclass(frozen=True)
class Remedies:
    text: str
    bases: tuple[law.Basis, ...]
    reconsideration_first: bool


def remedies(
    outcome: Outcome | str,
    decided_on: dt.date,
    *,
    reconsideration_body: str = "",
    court: str = "",
) -> Remedies | None:
    """The remedies paragraph of a reply, or None when the outcome carries none.

    A decision that withholds information made on or after 2024-01-01 must first go to
    reconsideration (《行政复议法》(2023) 第二十三条第一款第（四）项); we apply this to 部分公开 as
    well, since the withheld part is a 不予公开 decision (docs/outcomes.md). Otherwise the
    applicant may choose reconsideration within 60 days or suit within 6 months.
    """
    chosen = rule(outcome)
    if not chosen.reviewable:
        return None
    body = reconsideration_body or "有权的行政复议机关"
    where = f"向{court}" if court else "向有管辖权的人民法院"
    if chosen.withholds and decided_on >= RECONSIDERATION_FIRST_FROM:
        text = (
            f"如对本答复不服，可以自收到本答复之日起{RECONSIDERATION_DAYS}日内向{body}申请行政复议"
            f"（{law.RECONSIDERATION_LAW_ART20.citation}）。依照"
            f"{law.RECONSIDERATION_FIRST.citation}的规定，对本答复中不予公开的决定，应当先申请行政"
            f"复议；对行政复议决定不服的，可以依法{where}提起行政诉讼。"
        )
        return Remedies(text, (law.RECONSIDERATION_LAW_ART20, law.RECONSIDERATION_FIRST), True)
    text = (
        f"如对本答复不服，可以自收到本答复之日起{RECONSIDERATION_DAYS}日内向{body}申请行政复议"
        f"（{law.RECONSIDERATION_LAW_ART20.citation}），或者自收到本答复之日起"
        f"{LITIGATION_MONTHS}个月内{where}提起行政诉讼（{law.LITIGATION_LAW_ART46.citation}）。"
    )
    return Remedies(text, (law.RECONSIDERATION_LAW_ART20, law.LITIGATION_LAW_ART46), False)
