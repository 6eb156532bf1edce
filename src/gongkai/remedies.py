"""The applicant's remedies against a reply: which body hears a reconsideration, which court a
suit, within what time, and the paragraph a reply prints. Pure: no ORM, no settings.

Two texts of the 《行政复议法》 matter, chosen by the date the reply is decided:

- the 2017 text (in force until 2023-12-31): 60 days (第九条第一款); a county department's act
  goes to the government at its level **or** the next higher department in charge, at the
  applicant's choice (第十二条第一款); vertically led agencies to the next higher department
  (第十二条第二款); a lower government to the next higher one (第十三条第一款); a government's
  dispatched organ (派出机关) to the government that set it up (第十五条第一款第（一）项); a
  department's dispatched agency (派出机构) to that department or the government at its level
  (第十五条第一款第（二）项). No reconsideration comes first for disclosure cases.
- the 2023 text (in force from 2024-01-01): 60 days (第二十条第一款); county departments,
  lower governments and dispatched organs to the county-level government (第二十四条第一款第
  （一）至（三）项); a department's dispatched agency to the government at the department's level,
  and, for an agency a municipality's (直辖市) or city's department set up by district, also the
  government where it sits (第二十四条第四款); vertically led agencies (海关、金融、外汇管理、税务、
  国家安全 …) to the next higher department (第二十七条); a 司法行政部门 to the government at
  its level or the next higher 司法行政部门 (第二十八条). For 不予公开 the applicant must first
  apply for reconsideration (第二十三条第一款第（四）项), then may sue within 15 days of the
  decision (《行政诉讼法》第四十五条). A reply delivered over the internet must also give an
  internet channel for filing (第二十二条第二款). A reply that does not name the body lets the
  applicant's time run from when they learn it, up to one year (第二十条第三款): Gongkai refuses
  to issue a reply whose body is unknown.

法释〔2025〕8号 (the Supreme People's Court's interpretation on disclosure cases, in force
2025-06-01) 第十条 lists replies against which a suit is not admitted (不予立案, or 驳回起诉
once admitted): among them 《条例》第三十六条第（六）项 (repeat), 第（七）项 (行政查询事项, a
referral), 第三十八条 (new work) and 第三十九条 (petitions, publications). A reply of those kinds
does not promise a 6-month suit (docs/outcomes.md).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from gongkai import law

NEW_LAW_FROM = dt.date(2024, 1, 1)
RECONSIDERATION_DAYS = 60
LITIGATION_MONTHS = 6
AFTER_RECONSIDERATION_DAYS = 15


class ReconsiderationLaw(StrEnum):
    L2017 = "2017"
    L2023 = "2023"

    @property
    def label(self) -> str:
        return {
            ReconsiderationLaw.L2017: "《行政复议法》（2023年修订前，2023年12月31日前适用）",
            ReconsiderationLaw.L2023: "《行政复议法》（2023年修订，2024年1月1日起施行）",
        }[self]


def law_on(day: dt.date) -> ReconsiderationLaw:
    """The text of the 《行政复议法》 that governs a reply decided on ``day``."""
    return ReconsiderationLaw.L2023 if day >= NEW_LAW_FROM else ReconsiderationLaw.L2017


@dataclass(frozen=True)
class RuleInfo:
    text: ReconsiderationLaw  # the text of the 《行政复议法》 the provision belongs to
    label: str  # what the office chooses, in Chinese
    basis: law.Basis
    min_bodies: int
    max_bodies: int


class VenueRule(StrEnum):
    """Why a body hears the reconsideration of a unit's replies: the provision, per text."""

    DEPARTMENT = "department"
    LOWER_GOVERNMENT = "lower_government"
    DISPATCHED_ORGAN = "dispatched_organ"
    DISPATCHED_AGENCY = "dispatched_agency"
    VERTICAL = "vertical"
    JUSTICE = "justice"
    AUTHORIZED_ORG = "authorized_org"
    DEPARTMENT_2017 = "department_2017"
    VERTICAL_2017 = "vertical_2017"
    LOWER_GOVERNMENT_2017 = "lower_government_2017"
    DISPATCHED_ORGAN_2017 = "dispatched_organ_2017"
    DISPATCHED_AGENCY_2017 = "dispatched_agency_2017"
    AUTHORIZED_ORG_2017 = "authorized_org_2017"

    @property
    def info(self) -> RuleInfo:
        return RULES[self]

    @property
    def label(self) -> str:
        return RULES[self].label


RULES: dict[VenueRule, RuleInfo] = {
    VenueRule.DEPARTMENT: RuleInfo(
        ReconsiderationLaw.L2023,
        "本级人民政府工作部门：由本级人民政府管辖",
        law.RECONSIDERATION_24_1_1,
        1,
        1,
    ),
    VenueRule.LOWER_GOVERNMENT: RuleInfo(
        ReconsiderationLaw.L2023,
        "下一级人民政府（乡、镇）：由上一级人民政府管辖",
        law.RECONSIDERATION_24_1_2,
        1,
        1,
    ),
    VenueRule.DISPATCHED_ORGAN: RuleInfo(
        ReconsiderationLaw.L2023,
        "人民政府依法设立的派出机关（街道办事处等）：由设立它的人民政府管辖",
        law.RECONSIDERATION_24_1_3,
        1,
        1,
    ),
    VenueRule.DISPATCHED_AGENCY: RuleInfo(
        ReconsiderationLaw.L2023,
        "工作部门依法设立的派出机构：由本级人民政府管辖；直辖市、设区的市的工作部门按行政区划"
        "设立的，也可以由其所在地的人民政府管辖",
        law.RECONSIDERATION_24_4,
        1,
        2,
    ),
    VenueRule.VERTICAL: RuleInfo(
        ReconsiderationLaw.L2023,
        "实行垂直领导的行政机关（海关、金融、外汇管理、税务、国家安全等）：由上一级主管部门管辖",
        law.RECONSIDERATION_27,
        1,
        1,
    ),
    VenueRule.JUSTICE: RuleInfo(
        ReconsiderationLaw.L2023,
        "司法行政部门：可以向本级人民政府申请，也可以向上一级司法行政部门申请",
        law.RECONSIDERATION_28,
        2,
        2,
    ),
    VenueRule.AUTHORIZED_ORG: RuleInfo(
        ReconsiderationLaw.L2023,
        "本级人民政府或者其工作部门管理的法律、法规、规章授权的组织：由本级人民政府管辖",
        law.RECONSIDERATION_24_1_4,
        1,
        1,
    ),
    VenueRule.DEPARTMENT_2017: RuleInfo(
        ReconsiderationLaw.L2017,
        "县级以上地方人民政府工作部门：由申请人选择本级人民政府或者上一级主管部门",
        law.RECONSIDERATION_2017_12_1,
        1,
        2,
    ),
    VenueRule.VERTICAL_2017: RuleInfo(
        ReconsiderationLaw.L2017,
        "实行垂直领导的行政机关和国家安全机关：向上一级主管部门申请",
        law.RECONSIDERATION_2017_12_2,
        1,
        1,
    ),
    VenueRule.LOWER_GOVERNMENT_2017: RuleInfo(
        ReconsiderationLaw.L2017,
        "地方人民政府：向上一级地方人民政府申请",
        law.RECONSIDERATION_2017_13_1,
        1,
        1,
    ),
    VenueRule.DISPATCHED_ORGAN_2017: RuleInfo(
        ReconsiderationLaw.L2017,
        "人民政府依法设立的派出机关：向设立该派出机关的人民政府申请",
        law.RECONSIDERATION_2017_15_1_1,
        1,
        1,
    ),
    VenueRule.DISPATCHED_AGENCY_2017: RuleInfo(
        ReconsiderationLaw.L2017,
        "政府工作部门依法设立的派出机构：向设立该派出机构的部门或者该部门的本级地方人民政府申请",
        law.RECONSIDERATION_2017_15_1_2,
        1,
        2,
    ),
    VenueRule.AUTHORIZED_ORG_2017: RuleInfo(
        ReconsiderationLaw.L2017,
        "法律、法规授权的组织：向直接管理该组织的地方人民政府或者地方人民政府工作部门申请",
        law.RECONSIDERATION_2017_15_1_3,
        1,
        1,
    ),
}


@dataclass(frozen=True)
class Venue:
    """Where a unit's replies may be contested, from a given day: the reconsideration body
    (one or two, in the order the reply names them), the internet channel for filing a
    reconsideration, and the court of first instance for a suit."""

    rule: VenueRule
    bodies: tuple[str, ...]
    valid_from: dt.date
    online_channel: str = ""
    court: str = ""


class VenueError(ValueError):
    """The venue cannot be used (message in Chinese)."""


def venue_problems(venue: Venue) -> list[str]:
    """What is wrong with a venue record, in Chinese (empty when it can be used)."""
    info = RULES[venue.rule]
    problems = []
    if venue.bodies and not venue.bodies[0].strip():
        problems.append("请写明第一个行政复议机关")
    bodies = [b.strip() for b in venue.bodies if b.strip()]
    if len(bodies) < info.min_bodies:
        problems.append(
            "该情形应当写明两个行政复议机关" if info.min_bodies == 2 else "请写明行政复议机关"
        )
    if len(bodies) > info.max_bodies:
        problems.append("该情形只有一个行政复议机关")
    if len(set(bodies)) != len(bodies):
        problems.append("两个行政复议机关不能相同")
    if not venue.court.strip():
        problems.append("请写明管辖法院")
    # A record states the law in force from its first day; a 2017 rule cannot start after
    # the 2023 text took effect, nor a 2023 rule before.
    if info.text is not law_on(venue.valid_from):
        problems.append(
            f"{info.text.label}的情形不适用于自{venue.valid_from.isoformat()}起的记录"
            f"（{law_on(venue.valid_from).label}）"
        )
    return problems


def check_for_decision(venue: Venue | None, decided_on: dt.date, unit_name: str) -> Venue:
    """The venue a reply decided on ``decided_on`` names, or VenueError saying why none can be
    named. The record in force must also follow the law in force on that day: a record made
    under the 2017 text does not serve a reply decided in 2024."""
    if venue is None:
        raise VenueError(
            f"未登记{unit_name}自{decided_on.isoformat()}起适用的行政复议机关和管辖法院，不能出具"
            f"答复书（答复书未告知行政复议机关的，申请期限最长可延至一年，"
            f"{law.RECONSIDERATION_ART20_3.citation}）；请公开办在单位的救济途径中登记"
        )
    current = law_on(decided_on)
    if RULES[venue.rule].text is not current:
        raise VenueError(
            f"{unit_name}登记的行政复议机关依据{RULES[venue.rule].text.label}，而答复日期"
            f"{decided_on.isoformat()}适用{current.label}；请登记新的救济途径"
        )
    problems = venue_problems(venue)
    if problems:
        raise VenueError(f"{unit_name}登记的救济途径不完整：" + "；".join(problems))
    return venue


@dataclass(frozen=True)
class Remedies:
    text: str
    bases: tuple[law.Basis, ...]
    reconsideration_first: bool
    suit: bool  # the reply tells the applicant they may sue


def _bodies(names: tuple[str, ...]) -> str:
    return "或者".join(n.strip() for n in names if n.strip())


def paragraph(
    *,
    decided_on: dt.date,
    venue: Venue,
    withholds: bool,
    partly: bool = False,
    suit: bool = True,
    online: bool = False,
    what: str = "本答复",
) -> Remedies:
    """The remedies paragraph of a reply.

    ``withholds``: the reply withholds information under 《条例》第十四、十五、十六条 (for
    ``partly`` only the withheld part does); ``suit``: a court admits a suit against this kind
    of reply (False for the kinds of 法释〔2025〕8号第十条); ``online``: the reply is delivered
    over the internet.
    """
    text_law = law_on(decided_on)
    days_basis = (
        law.RECONSIDERATION_LAW_ART20
        if text_law is ReconsiderationLaw.L2023
        else law.RECONSIDERATION_2017_ART9
    )
    bases: list[law.Basis] = [days_basis]
    first = withholds and text_law is ReconsiderationLaw.L2023
    review = (
        f"如对{what}不服，可以自收到{what}之日起{RECONSIDERATION_DAYS}日内向"
        f"{_bodies(venue.bodies)}申请行政复议（{days_basis.citation}）"
    )
    sentences: list[str] = []
    # The duty to give an internet channel came with the 2023 text (第二十二条第二款).
    if online and venue.online_channel.strip() and text_law is ReconsiderationLaw.L2023:
        review += (
            f"，也可以通过{venue.online_channel.strip()}在线提交行政复议申请"
            f"（{law.RECONSIDERATION_ONLINE.citation}）"
        )
        bases.append(law.RECONSIDERATION_ONLINE)
    court = venue.court.strip()
    if first:
        sentences.append(review)
        part = f"{what}中不予公开的部分" if partly else what
        sentences.append(
            f"依照{law.RECONSIDERATION_FIRST.citation}的规定，对{part}应当先申请行政复议；对行政复议"
            f"决定不服的，可以自收到行政复议决定书之日起{AFTER_RECONSIDERATION_DAYS}日内依法向人民法院"
            f"提起行政诉讼（{law.LITIGATION_LAW_ART45.citation}）"
        )
        bases += [law.RECONSIDERATION_FIRST, law.LITIGATION_LAW_ART45]
        if partly and suit:
            sentences.append(
                f"对其他部分不服的，也可以自收到{what}之日起{LITIGATION_MONTHS}个月内向{court}"
                f"提起行政诉讼（{law.LITIGATION_LAW_ART46.citation}）"
            )
            bases.append(law.LITIGATION_LAW_ART46)
    elif suit:
        sentences.append(
            review + f"；也可以自收到{what}之日起{LITIGATION_MONTHS}个月内向{court}提起行政诉讼"
            f"（{law.LITIGATION_LAW_ART46.citation}）"
        )
        bases.append(law.LITIGATION_LAW_ART46)
    else:
        sentences.append(review)
    text = "。".join(sentences) + "。"
    return Remedies(text, tuple(bases), first, suit)
