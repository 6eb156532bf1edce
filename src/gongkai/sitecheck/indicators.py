"""The indicators of the website self-check, one function each, under 国办秘函〔2019〕19号《政府
网站与政务新媒体检查指标》 (政府网站 part). Pure: plain data and the thresholds in, a result out.

Each indicator answers 合格, 扣分 (a deduction), 单项否决 (a veto, which fails the whole site) or
未检查, with what it found, and — where time alone makes it worse — a forecast: the day each
column will cross its threshold if nothing new is published, and the day the indicator itself
will become a veto. A column's staleness is the catalog's rule (:mod:`gongkai.catalog.rules`:
stale once more than its interval has passed since its last publication or its creation), with
the interval of 19号 counted in calendar days from that day (:mod:`gongkai.sitecheck.thresholds`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from gongkai.catalog import rules
from gongkai.sitecheck.thresholds import Period, Thresholds


class Verdict(StrEnum):
    PASS = "pass"  # noqa: S105 - a verdict, not a password
    DEDUCT = "deduct"
    VETO = "veto"
    UNCHECKED = "unchecked"

    @property
    def label(self) -> str:
        return VERDICT_LABELS[self]


VERDICT_LABELS = {
    Verdict.PASS: "合格",
    Verdict.DEDUCT: "扣分",
    Verdict.VETO: "单项否决",
    Verdict.UNCHECKED: "未检查",
}


# --- what the indicators read -------------------------------------------------------------------
@dataclass(frozen=True)
class Column:
    """A column the public sees."""

    id: int
    unit: str
    name: str
    created: dt.date
    last_published: dt.date | None  # the newest item the public sees, if any
    items: int = 0  # items the public sees
    news: bool = False  # 动态、要闻类
    policy: bool = False  # 政策文件类
    should_update: bool = False  # has an update interval in the catalog (应更新)

    @property
    def label(self) -> str:
        return f"{self.unit} › {self.name}"


@dataclass(frozen=True)
class Link:
    item_id: int
    title: str
    href: str
    problem: str


@dataclass(frozen=True)
class MissingFile:
    item_id: int
    title: str
    name: str


@dataclass(frozen=True)
class Dated:
    """An item's publication date beside the day its record was made."""

    item_id: int
    title: str
    published_on: dt.date
    created_on: dt.date
    back_entered: bool = False


@dataclass(frozen=True)
class Probe:
    """The search probe: the newest item the public sees, and whether a search for its title
    found it (None: the search could not be asked, ``error`` says why)."""

    item_id: int | None
    title: str = ""
    found: bool | None = None
    error: str = ""


# --- what they answer ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Forecast:
    subject: str
    since: dt.date  # the last update (or the column's creation)
    stale_from: dt.date  # the first day over the threshold if nothing new is published
    column_id: int | None = None


@dataclass(frozen=True)
class Result:
    key: str
    name: str
    rule: str  # what 19号 says, with the threshold in force
    verdict: Verdict
    summary: str
    findings: tuple[str, ...] = ()
    forecasts: tuple[Forecast, ...] = ()
    veto_from: dt.date | None = None  # the day this becomes a veto if nothing changes
    count: int = 0


def _staleness(column: Column, period: Period, today: dt.date) -> rules.Staleness:
    since = rules.staleness_since(last_published=column.last_published, created=column.created)
    return rules.column_staleness(
        last_published=column.last_published,
        created=column.created,
        interval=period.days_from(since),
        today=today,
    )


def veto_day(
    *, stale_now: int, upcoming: Iterable[dt.date], veto: int, today: dt.date
) -> dt.date | None:
    """The day the number of stale columns reaches ``veto`` if nothing new is published: today
    when it has, else the day the missing ones cross their threshold, None if they never will."""
    if stale_now >= veto:
        return today
    dates = sorted(upcoming)
    needed = veto - stale_now
    return dates[needed - 1] if len(dates) >= needed else None


def _column_count(
    *,
    key: str,
    name: str,
    rule: str,
    columns: Sequence[Column],
    period: Period,
    veto: int,
    today: dt.date,
) -> Result:
    stale: list[tuple[Column, rules.Staleness]] = []
    forecasts: list[Forecast] = []
    for column in columns:
        found = _staleness(column, period, today)
        assert found.stale_from is not None
        forecasts.append(Forecast(column.label, found.since, found.stale_from, column.id))
        if found.stale:
            stale.append((column, found))
    upcoming = [f.stale_from for f in forecasts if f.stale_from > today]
    verdict = Verdict.VETO if len(stale) >= veto else Verdict.PASS
    return Result(
        key=key,
        name=name,
        rule=rule,
        verdict=verdict,
        summary=f"共{len(columns)}个栏目，{len(stale)}个超过{period.label}未更新"
        f"（{veto}个及以上为单项否决）",
        findings=tuple(
            f"{c.label}：{s.days}天未更新（自{s.since.isoformat()}）"
            for c, s in sorted(stale, key=lambda p: -p[1].days)
        ),
        forecasts=tuple(sorted(forecasts, key=lambda f: (f.stale_from, f.subject))),
        veto_from=veto_day(stale_now=len(stale), upcoming=upcoming, veto=veto, today=today),
        count=len(stale),
    )


# --- the indicators -----------------------------------------------------------------------------
def home_page(
    *, last_update: dt.date | None, created: dt.date, today: dt.date, th: Thresholds
) -> Result:
    """首页不更新 (单项否决): nothing new on the home page — the newest items of the whole site —
    for longer than 2 weeks."""
    column = Column(0, "门户网站", "首页", created, last_update)
    found = _staleness(column, th.home_page, today)
    assert found.stale_from is not None
    return Result(
        key="home_page",
        name="首页不更新",
        rule=f"监测{th.home_page.label}，首页栏目信息没有更新",
        verdict=Verdict.VETO if found.stale else Verdict.PASS,
        summary=f"首页最近更新于{found.since.isoformat()}，已{found.days}天",
        findings=(f"首页已{found.days}天未更新",) if found.stale else (),
        forecasts=(Forecast("首页", found.since, found.stale_from),),
        veto_from=today if found.stale else found.stale_from,
        count=int(found.stale),
    )


def news_columns(columns: Sequence[Column], *, today: dt.date, th: Thresholds) -> Result:
    """栏目不更新 (单项否决): 动态、要闻类 columns not updated within 2 weeks, 5 or more."""
    return _column_count(
        key="news_columns",
        name="动态、要闻类栏目不更新",
        rule=f"监测时间点前{th.news_period.label}内，动态、要闻类栏目累计超过（含）"
        f"{th.news_veto}个栏目未更新",
        columns=[c for c in columns if c.news],
        period=th.news_period,
        veto=th.news_veto,
        today=today,
    )


def policy_columns(columns: Sequence[Column], *, today: dt.date, th: Thresholds) -> Result:
    """栏目不更新 (单项否决): 政策文件类 columns not updated within 6 months, 5 or more."""
    return _column_count(
        key="policy_columns",
        name="政策文件类栏目不更新",
        rule=f"监测时间点前{th.policy_period.label}内，政策文件类栏目累计超过（含）"
        f"{th.policy_veto}个栏目未更新",
        columns=[c for c in columns if c.policy],
        period=th.policy_period,
        veto=th.policy_veto,
        today=today,
    )


def long_stale_columns(columns: Sequence[Column], *, today: dt.date, th: Thresholds) -> Result:
    """栏目不更新 (单项否决): columns that should be updated but have not been for a long time
    (one year, docs/sitecheck.md), 10 or more."""
    return _column_count(
        key="long_stale_columns",
        name="应更新但长期未更新的栏目",
        rule=f"应更新但长期（超过{th.long_stale_period.label}）未更新的栏目数超过（含）"
        f"{th.long_stale_veto}个",
        columns=[c for c in columns if c.should_update or c.news or c.policy],
        period=th.long_stale_period,
        veto=th.long_stale_veto,
        today=today,
    )


def blank_columns(columns: Sequence[Column], *, th: Thresholds) -> Result:
    """空白栏目 (单项否决): columns with no content, 5 or more."""
    blank = [c for c in columns if c.items == 0]
    return Result(
        key="blank_columns",
        name="空白栏目",
        rule=f"栏目无内容的空白栏目数量超过（含）{th.blank_veto}个",
        verdict=Verdict.VETO if len(blank) >= th.blank_veto else Verdict.PASS,
        summary=f"共{len(columns)}个栏目，{len(blank)}个没有内容（{th.blank_veto}个及以上为单项否决）",
        findings=tuple(c.label for c in blank),
        count=len(blank),
    )


def broken_links(links: Sequence[Link], *, th: Thresholds) -> Result:
    """链接不可用 (扣分): links in the items' text to pages of the site that do not exist."""
    deduct = len(links) >= th.broken_links_deduct
    return Result(
        key="broken_links",
        name="站内链接不可用",
        rule="网站页面上的链接不可用（扣分）",
        verdict=Verdict.DEDUCT if deduct else Verdict.PASS,
        summary=f"发现不可用的站内链接{len(links)}个",
        findings=tuple(f"{link.title}：{link.href}（{link.problem}）" for link in links),
        count=len(links),
    )


def missing_attachments(files: Sequence[MissingFile], *, th: Thresholds) -> Result:
    """附件无法下载 (扣分): attachments whose file is not on disk."""
    deduct = len(files) >= th.missing_attachments_deduct
    return Result(
        key="missing_attachments",
        name="附件缺失",
        rule="信息的附件无法下载（扣分）",
        verdict=Verdict.DEDUCT if deduct else Verdict.PASS,
        summary=f"发现文件缺失的附件{len(files)}个",
        findings=tuple(f"{f.title}：{f.name}" for f in files),
        count=len(files),
    )


def search_probe(probe: Probe) -> Result:
    """站内搜索 (扣分): the site's search finds the newest item the public sees."""
    rule = "站内搜索应能检索到网站最新发布的信息（扣分）"
    if probe.item_id is None:
        return Result("search_probe", "站内搜索", rule, Verdict.UNCHECKED, "网站尚无已发布的信息")
    if probe.found is None:
        return Result(
            "search_probe", "站内搜索", rule, Verdict.DEDUCT,
            f"站内搜索不可用：{probe.error}", (probe.error,), count=1,
        )  # fmt: skip
    if probe.found:
        return Result("search_probe", "站内搜索", rule, Verdict.PASS,
                      f"以最新信息的标题检索，找到“{probe.title}”")  # fmt: skip
    return Result(
        "search_probe", "站内搜索", rule, Verdict.DEDUCT,
        f"以最新信息的标题检索，未找到“{probe.title}”", (probe.title,), count=1,
    )  # fmt: skip


def is_backdated(item: Dated, *, tolerance: int) -> bool:
    """Dated more than ``tolerance`` days before its record was made, and not a back-entry."""
    return not item.back_entered and (item.created_on - item.published_on).days > tolerance


def backdated_items(items: Sequence[Dated], *, th: Thresholds) -> Result:
    """伪造发稿日期 (单项否决): items dated earlier than they were entered; the office's
    back-entries of historical items (补录, with their source) are not."""
    found = [i for i in items if is_backdated(i, tolerance=th.backdated_tolerance)]
    return Result(
        key="backdated_items",
        name="发稿日期早于录入日期",
        rule=f"信息的发布日期早于其录入系统之日{th.backdated_tolerance}天以上，且非公开办补录"
        "（伪造发稿日期，单项否决）",
        verdict=Verdict.VETO if len(found) >= th.backdated_veto else Verdict.PASS,
        summary=f"发现发布日期早于录入日期的信息{len(found)}条（补录信息不计）",
        findings=tuple(
            f"{i.title}：发布日期{i.published_on.isoformat()}，录入于{i.created_on.isoformat()}"
            for i in found
        ),
        count=len(found),
    )


def unanswered_messages(received: Sequence[dt.date], *, today: dt.date, th: Thresholds) -> Result:
    """互动回应差 (单项否决): the public's questions (留言咨询) still waiting for a reply, each by
    the day it was received; one waiting longer than the period (three calendar months) is a
    veto. The forecast is the day the oldest waiting question crosses it."""
    period = th.unanswered_period
    late = sorted(r for r in received if period.end(r) < today)
    upcoming = sorted(period.end(r) + dt.timedelta(days=1) for r in received if r not in late)
    return Result(
        key="unanswered_messages",
        name="留言办理",
        rule=f"对公众留言超过{period.label}未回复（单项否决）",
        verdict=Verdict.VETO if len(late) >= th.unanswered_veto else Verdict.PASS,
        summary=f"超过{period.label}未答复的留言{len(late)}条，尚在答复期内待答复的留言"
        f"{len(received) - len(late)}条",
        findings=tuple(f"{r.isoformat()}收到的留言未答复" for r in late),
        veto_from=veto_day(
            stale_now=len(late), upcoming=upcoming, veto=th.unanswered_veto, today=today
        ),
        count=len(late),
    )


# --- the check ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Site:
    """What the check reads of the site, gathered by :mod:`gongkai.sitecheck.selectors`."""

    columns: Sequence[Column]
    last_update: dt.date | None
    created: dt.date
    links: Sequence[Link] = ()
    missing: Sequence[MissingFile] = ()
    dated: Sequence[Dated] = ()
    probe: Probe = field(default_factory=lambda: Probe(None))
    unanswered: Sequence[dt.date] = ()  # the days the questions still waiting were received


@dataclass(frozen=True)
class Report:
    today: dt.date
    version: int
    source: str
    results: tuple[Result, ...]

    @property
    def verdict(self) -> Verdict:
        return overall(self.results)

    @property
    def vetoes(self) -> list[Result]:
        return [r for r in self.results if r.verdict == Verdict.VETO]

    @property
    def next_veto(self) -> Result | None:
        """The indicator that will be the next to turn into a veto, if nothing changes."""
        coming = [r for r in self.results if r.verdict != Verdict.VETO and r.veto_from]
        return min(coming, key=lambda r: r.veto_from or self.today, default=None)


def overall(results: Iterable[Result]) -> Verdict:
    """单项否决 if any indicator vetoes, 扣分 if any deducts, else 合格."""
    verdicts = {r.verdict for r in results}
    for verdict in (Verdict.VETO, Verdict.DEDUCT):
        if verdict in verdicts:
            return verdict
    return Verdict.PASS


def check(site: Site, *, th: Thresholds, today: dt.date) -> Report:
    results = (
        home_page(last_update=site.last_update, created=site.created, today=today, th=th),
        news_columns(site.columns, today=today, th=th),
        policy_columns(site.columns, today=today, th=th),
        long_stale_columns(site.columns, today=today, th=th),
        blank_columns(site.columns, th=th),
        broken_links(site.links, th=th),
        missing_attachments(site.missing, th=th),
        search_probe(site.probe),
        backdated_items(site.dated, th=th),
        unanswered_messages(site.unanswered, today=today, th=th),
    )
    return Report(today, th.version, th.source, results)
