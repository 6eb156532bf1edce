"""The automatic indicators of the assessment (考核): one function per indicator, over plain data.

Each indicator receives the records it judges — one :class:`Evidence` per application, item,
column or guide, each already marked ``ok`` or not by the selector that read it
(:mod:`gongkai.assessment.selectors`) — the item's points and the parameters the rubric sets, and
returns a :class:`Verdict`: the score and the records behind it, failures first. A unit with
nothing to judge (no application in the year) loses nothing: there is nothing to fault.

:data:`INDICATORS` is a registry: the rubric may name only indicators found there, and an app
built later (the inspections' rectifications) may add its own with :func:`register`.
``rectifications_closed`` is defined here already, so that the district's rubric can name it;
what feeds it is registered by the app that holds the rectifications.

Pure: no Django, no settings.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

ZERO = Decimal(0)
TENTH = Decimal("0.1")


@dataclass(frozen=True)
class Evidence:
    """One record an indicator judged: what it is, whether it passed, and why not."""

    kind: str  # "application", "item", "column", "guide", "rectification", …
    ref: int  # the record's id
    label: str  # what the score sheet shows
    ok: bool
    note: str = ""  # why it failed (or a remark), in Chinese
    url: str = ""  # the record's staff page, set by the selector


@dataclass(frozen=True)
class Verdict:
    score: Decimal
    summary: str  # one sentence, in Chinese
    evidence: tuple[Evidence, ...] = ()
    counted: int = 0
    failed: int = 0


@dataclass(frozen=True)
class Param:
    """A number the rubric may set for an indicator, with its bounds."""

    name: str
    label: str
    default: Decimal
    low: Decimal
    high: Decimal


Compute = Callable[[Sequence[Evidence], Decimal, Mapping[str, Decimal]], Verdict]


@dataclass(frozen=True)
class Indicator:
    name: str
    label: str  # what it measures, in Chinese
    compute: Compute
    params: tuple[Param, ...] = field(default_factory=tuple)

    def defaults(self) -> dict[str, Decimal]:
        return {p.name: p.default for p in self.params}

    def __call__(
        self, records: Sequence[Evidence], points: Decimal, params: Mapping[str, Decimal]
    ) -> Verdict:
        return self.compute(records, points, self.defaults() | dict(params))


# --- the two ways of scoring -------------------------------------------------------------------
def _ordered(records: Sequence[Evidence]) -> tuple[Evidence, ...]:
    return tuple(sorted(records, key=lambda e: e.ok))  # failures first, order otherwise kept


def deduction(
    records: Sequence[Evidence], *, points: Decimal, per: Decimal, noun: str, fault: str
) -> Verdict:
    """Full points less ``per`` for each failed record, never below zero (扣完为止)."""
    failed = sum(1 for r in records if not r.ok)
    score = max(ZERO, points - per * failed)
    if not records:
        summary = f"本年度无可考核的{noun}，不扣分"
    elif not failed:
        summary = f"考核{noun}{len(records)}件，均符合要求"
    else:
        summary = f"考核{noun}{len(records)}件，{fault}{failed}件，每件扣{per}分"
    return Verdict(score, summary, _ordered(records), len(records), failed)


def rate(
    records: Sequence[Evidence], *, points: Decimal, full_at: Decimal, noun: str, fault: str
) -> Verdict:
    """Full points when the share of records that passed reaches ``full_at``; below it, the
    points in proportion to the share, to one decimal."""
    failed = sum(1 for r in records if not r.ok)
    if not records:
        return Verdict(points, f"本年度无可考核的{noun}，不扣分")
    share = Decimal(len(records) - failed) / Decimal(len(records))
    percent = (share * 100).quantize(TENTH, ROUND_HALF_UP)
    if share >= full_at:
        score = points
        summary = (
            f"考核{noun}{len(records)}件，{fault}{failed}件，比率{percent}%，"
            f"达到{full_at * 100:.0f}%得满分"
        )
    else:
        score = (points * share).quantize(TENTH, ROUND_HALF_UP)
        summary = f"考核{noun}{len(records)}件，{fault}{failed}件，比率{percent}%，按比例得分"
    return Verdict(score, summary, _ordered(records), len(records), failed)


# --- the indicators ----------------------------------------------------------------------------
def answers_on_time(
    records: Sequence[Evidence], points: Decimal, params: Mapping[str, Decimal]
) -> Verdict:
    """按时答复: each application answered after its due date (or still unanswered past it on
    the day of the assessment) costs ``per_late`` points (《条例》第三十三条)."""
    return deduction(
        records, points=points, per=params["per_late"], noun="办结申请", fault="超过答复期限"
    )


def notices_complete(
    records: Sequence[Evidence], points: Decimal, params: Mapping[str, Decimal]
) -> Verdict:
    """答复要素齐全: each reply whose recorded decision lacks a required part (a ground's reason,
    the responsible agency, …; 第三十六条) costs ``per_notice`` points."""
    return deduction(
        records, points=points, per=params["per_notice"], noun="答复", fault="要素不全"
    )


def corrections_in_time(
    records: Sequence[Evidence], points: Decimal, params: Mapping[str, Decimal]
) -> Verdict:
    """补正一次性告知: each correction asked for after the period of 第三十条 costs
    ``per_late`` points."""
    return deduction(
        records, points=points, per=params["per_late"], noun="补正告知", fault="超过告知期限"
    )


def items_published_in_time(
    records: Sequence[Evidence], points: Decimal, params: Mapping[str, Decimal]
) -> Verdict:
    """主动公开及时: the share of the year's items published within the period of 第二十六条
    after their formation; full points from ``full_at``, in proportion below."""
    return rate(
        records, points=points, full_at=params["full_at"], noun="主动公开信息", fault="逾期公开"
    )


def policies_interpreted(
    records: Sequence[Evidence], points: Decimal, params: Mapping[str, Decimal]
) -> Verdict:
    """政策解读: each normative document of the year published without its interpretation
    costs ``per_missing`` points."""
    return deduction(
        records, points=points, per=params["per_missing"], noun="规范性文件", fault="未同步解读"
    )


def _per_failure(
    records: Sequence[Evidence], *, points: Decimal, per: Decimal, none: str, what: str
) -> Verdict:
    """Full points less ``per`` for each failed record; the records passed are failures only
    (what the selector found wrong), so there is no share to state."""
    failed = [r for r in records if not r.ok]
    if not failed:
        return Verdict(points, none)
    score = max(ZERO, points - per * len(failed))
    return Verdict(score, f"{what}{len(failed)}个，每个扣{per}分", tuple(failed), len(failed),
                   len(failed))  # fmt: skip


def stale_columns(
    records: Sequence[Evidence], points: Decimal, params: Mapping[str, Decimal]
) -> Verdict:
    """栏目更新: each column not updated within its interval on the day of the assessment costs
    ``per_column`` points (第五十三条(二)); the catalog's monitoring says which."""
    return _per_failure(records, points=points, per=params["per_column"],
                        none="没有未及时更新的栏目", what="未及时更新的栏目")  # fmt: skip


def blank_columns(
    records: Sequence[Evidence], points: Decimal, params: Mapping[str, Decimal]
) -> Verdict:
    """空白栏目: each column with nothing published in it by the day of the assessment costs
    ``per_column`` points."""
    return _per_failure(records, points=points, per=params["per_column"],
                        none="没有空白栏目", what="空白栏目")  # fmt: skip


def guide_current(
    records: Sequence[Evidence], points: Decimal, params: Mapping[str, Decimal]
) -> Verdict:
    """公开指南: full points when the unit's guide is up to date on the day of the assessment
    (第十二条), none otherwise."""
    if records and all(r.ok for r in records):
        return Verdict(points, "公开指南已及时更新", tuple(records), len(records), 0)
    if not records:
        return Verdict(ZERO, "尚未发布政府信息公开指南")
    failed = sum(1 for r in records if not r.ok)
    reason = next(r.note for r in records if not r.ok)
    return Verdict(ZERO, f"公开指南未及时更新：{reason}", _ordered(records), len(records), failed)


def rectifications_closed(
    records: Sequence[Evidence], points: Decimal, params: Mapping[str, Decimal]
) -> Verdict:
    """整改落实: each rectification not closed by its due date costs ``per_open`` points."""
    return deduction(
        records, points=points, per=params["per_open"], noun="整改事项", fault="未按期完成整改"
    )


def _per(name: str, label: str, default: str) -> Param:
    return Param(name, label, Decimal(default), Decimal("0.1"), Decimal(100))


INDICATORS: dict[str, Indicator] = {}


def register(indicator: Indicator) -> None:
    """Add an indicator (once; a second one of the same name is a mistake)."""
    if indicator.name in INDICATORS and INDICATORS[indicator.name] is not indicator:
        raise ValueError(f"indicator {indicator.name!r} is registered already")
    INDICATORS[indicator.name] = indicator


for _indicator in (
    Indicator("answers_on_time", "按期答复申请", answers_on_time,
              (_per("per_late", "每件超期扣分", "2"),)),
    Indicator("notices_complete", "答复要素齐全", notices_complete,
              (_per("per_notice", "每件要素不全扣分", "1"),)),
    Indicator("corrections_in_time", "补正按期一次性告知", corrections_in_time,
              (_per("per_late", "每件超期告知扣分", "1"),)),
    Indicator("items_published_in_time", "主动公开信息按期公开",
              items_published_in_time,
              (Param("full_at", "满分所需及时率", Decimal("0.95"), Decimal("0.5"), Decimal(1)),)),
    Indicator("policies_interpreted", "规范性文件同步解读", policies_interpreted,
              (_per("per_missing", "每件未解读扣分", "2"),)),
    Indicator("stale_columns", "栏目及时更新", stale_columns,
              (_per("per_column", "每个栏目扣分", "1"),)),
    Indicator("blank_columns", "无空白栏目", blank_columns,
              (_per("per_column", "每个栏目扣分", "1"),)),
    Indicator("guide_current", "公开指南及时更新", guide_current),
    Indicator("rectifications_closed", "监督检查问题按期整改", rectifications_closed,
              (_per("per_open", "每件未按期整改扣分", "2"),)),
):  # fmt: skip
    register(_indicator)
