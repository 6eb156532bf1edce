"""The form of the 政府网站工作年度报表 (国办函〔2018〕12号《国务院办公厅关于做好政府网站年度报表
发布工作的通知》), its due date, and the rules that turn counted records into its figures. Pure.

The notice says what the return covers (信息发布、专栏专题、解读回应、办事服务、互动交流、安全防护、
移动新媒体、创新发展) and when it is published (每年1月31日前在本网站首页显著位置发布). The rows
below are those of the form attached to it, as government websites publish it every year
(docs/website-return.md says which rows were checked against which source and which are not
certain). Each row says where its figure comes from: the records (computed until the return is
published, then frozen) or the office (entered on the staff page).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

BASIS = "《国务院办公厅关于做好政府网站年度报表发布工作的通知》（国办函〔2018〕12号）"
TITLE = "政府网站工作年度报表"


def due(year: int) -> dt.date:
    """The return of ``year`` is published on the website's home page by 31 January next."""
    return dt.date(year + 1, 1, 31)


# How long before the due date the staff home page warns that the return is not published.
WARN_DAYS = 30


def warning(year: int, today: dt.date, *, published: bool) -> str | None:
    """ "soon" from ``WARN_DAYS`` before the due date, "late" after it, None otherwise (or once
    the return is published). Only a return whose year is over can be owed."""
    if published or today.year <= year:
        return None
    deadline = due(year)
    if today > deadline:
        return "late"
    if (deadline - today).days <= WARN_DAYS:
        return "soon"
    return None


class Kind(StrEnum):
    NUMBER = "number"  # a count, a non-negative whole number
    DECIMAL = "decimal"  # a non-negative number with at most two decimals (平均办理时间)
    YESNO = "yesno"  # 是 / 否
    TEXT = "text"


class Source(StrEnum):
    RECORDS = "records"  # counted from Gongkai's records
    ENTERED = "entered"  # entered by the office


@dataclass(frozen=True)
class Row:
    key: str
    section: str
    label: str
    kind: Kind = Kind.NUMBER
    unit: str = ""  # 单位：条 …
    source: Source = Source.ENTERED
    group: str = ""  # the sub-heading within the section (留言办理 …)
    required: bool = True


N, D, Y, T = Kind.NUMBER, Kind.DECIMAL, Kind.YESNO, Kind.TEXT
R = Source.RECORDS

ROWS: tuple[Row, ...] = (
    # the website
    Row("site_name", "网站基本信息", "网站名称", T),
    Row("site_url", "网站基本信息", "首页网址", T),
    Row("sponsor", "网站基本信息", "主办单位", T),
    Row("site_kind", "网站基本信息", "网站类型", T),
    Row("site_code", "网站基本信息", "政府网站标识码", T),
    Row("icp", "网站基本信息", "ICP备案号", T),
    Row("police", "网站基本信息", "公安机关备案号", T),
    Row("visitors", "网站基本信息", "独立用户访问总量", N, "个"),
    Row("visits", "网站基本信息", "网站总访问量", N, "次"),
    # 信息发布
    Row("info_total", "信息发布", "总数", N, "条", R),
    Row("info_overview", "信息发布", "概况类信息更新量", N, "条", R),
    Row("info_news", "信息发布", "政务动态信息更新量", N, "条", R),
    Row("info_catalog", "信息发布", "信息公开目录信息更新量", N, "条", R),
    # 专栏专题
    Row("topics_kept", "专栏专题", "维护数量", N, "个"),
    Row("topics_new", "专栏专题", "新开设数量", N, "个"),
    # 解读回应
    Row("interp_total", "解读回应", "总数", N, "条", R, "解读信息发布"),
    Row("interp_materials", "解读回应", "解读材料数量", N, "条", R, "解读信息发布"),
    Row("interp_products", "解读回应", "解读产品数量", N, "个", R, "解读信息发布"),
    Row("interp_media", "解读回应", "媒体评论文章数量", N, "篇", group="解读信息发布"),
    Row("responses", "解读回应", "回应公众关注热点或重大舆情数量", N, "次", R),
    # 办事服务
    Row("service_catalog", "办事服务", "是否发布服务事项目录", Y),
    Row("service_users", "办事服务", "注册用户数", N, "万"),
    Row("service_items", "办事服务", "政务服务事项数量", N, "项"),
    Row("service_online", "办事服务", "可全程在线办理政务服务事项数量", N, "项"),
    Row("service_cases", "办事服务", "总数", N, "件", group="办件量"),
    Row("service_cases_people", "办事服务", "自然人办件量", N, "件", group="办件量"),
    Row("service_cases_bodies", "办事服务", "法人办件量", N, "件", group="办件量"),
    # 互动交流
    Row("unified_platform", "互动交流", "是否使用统一平台", Y),
    Row("messages_received", "互动交流", "收到留言数量", N, "条", R, "留言办理"),
    Row("messages_closed", "互动交流", "办结留言数量", N, "条", R, "留言办理"),
    Row("messages_days", "互动交流", "平均办理时间", D, "天", R, "留言办理"),
    Row("messages_public", "互动交流", "公开答复数量", N, "条", R, "留言办理"),
    Row("surveys", "互动交流", "征集调查期数", N, "期", R, "征集调查"),
    Row("survey_opinions", "互动交流", "收到意见数量", N, "条", R, "征集调查"),
    Row("survey_results", "互动交流", "公布调查结果期数", N, "期", R, "征集调查"),
    Row("interviews", "互动交流", "访谈期数", N, "期", group="在线访谈"),
    Row("interview_messages", "互动交流", "网民留言数量", N, "条", group="在线访谈"),
    Row("interview_answers", "互动交流", "答复网民提问数量", N, "条", group="在线访谈"),
    Row("smart_qa", "互动交流", "是否提供智能问答", Y),
    # 安全防护
    Row("security_checks", "安全防护", "安全检测评估次数", N, "次"),
    Row("security_found", "安全防护", "发现问题数量", N, "个"),
    Row("security_fixed", "安全防护", "问题整改数量", N, "个"),
    Row("security_monitoring", "安全防护", "是否建立安全监测预警机制", Y),
    Row("security_drills", "安全防护", "是否开展应急演练", Y),
    Row("security_owner", "安全防护", "是否明确网站安全责任人", Y),
    # 移动新媒体
    Row("media", "移动新媒体", "是否有移动新媒体", Y),
    Row("weibo_name", "移动新媒体", "名称", T, group="微博", required=False),
    Row("weibo_posts", "移动新媒体", "信息发布量", N, "条", group="微博", required=False),
    Row("weibo_followers", "移动新媒体", "关注量", N, "个", group="微博", required=False),
    Row("wechat_name", "移动新媒体", "名称", T, group="微信", required=False),
    Row("wechat_posts", "移动新媒体", "信息发布量", N, "条", group="微信", required=False),
    Row("wechat_followers", "移动新媒体", "订阅数", N, "个", group="微信", required=False),
    Row("media_other", "移动新媒体", "其他", T, required=False),
    # 创新发展
    Row("innovation", "创新发展", "创新发展情况", T, required=False),
    # who answers for it
    Row("head", "填报信息", "单位负责人", T),
    Row("reviewer", "填报信息", "审核人", T),
    Row("filler", "填报信息", "填报人", T),
    Row("phone", "填报信息", "联系电话", T),
    Row("filled_on", "填报信息", "填报日期", T),
)
BY_KEY: dict[str, Row] = {row.key: row for row in ROWS}
SECTIONS: tuple[str, ...] = tuple(dict.fromkeys(row.section for row in ROWS))
ENTERED: tuple[Row, ...] = tuple(r for r in ROWS if r.source == Source.ENTERED)
COUNTED: tuple[Row, ...] = tuple(r for r in ROWS if r.source == Source.RECORDS)
# What the form offers under 创新发展 (ticked ones are named in the text).
INNOVATIONS = ("搜索即服务", "多语言版本", "无障碍浏览", "千人千网")
YES, NO = "是", "否"


# --- 信息发布: the catalog's columns → the return's categories --------------------------------
class Category(StrEnum):
    OVERVIEW = "overview"
    NEWS = "news"
    CATALOG = "catalog"
    NONE = "none"

    @property
    def label(self) -> str:
        return CATEGORY_LABELS[self]


CATEGORY_LABELS = {
    Category.OVERVIEW: "概况类信息",
    Category.NEWS: "政务动态信息",
    Category.CATALOG: "信息公开目录信息",
    Category.NONE: "不计入",
}


CATEGORY_ROWS = {
    Category.OVERVIEW: "info_overview",
    Category.NEWS: "info_news",
    Category.CATALOG: "info_catalog",
}
# The standard tree's columns (gongkai.catalog.tree) that are not 信息公开目录 by default: the
# organisation's 机构职能 is 概况类, 工作动态 is 政务动态. Every other column of the disclosure tree
# is the 目录 itself. The office changes any column's category on the return's page.
DEFAULT_CATEGORIES: dict[str, Category] = {
    "functions": Category.OVERVIEW,
    "news": Category.NEWS,
}


def category_of(code: str, chosen: Mapping[str, str]) -> Category:
    """The category of the column ``code``: the office's choice, else the default."""
    value = chosen.get(code, "")
    if value in {c.value for c in Category}:
        return Category(value)
    return DEFAULT_CATEGORIES.get(code, Category.CATALOG)


def information(counts: Mapping[str, int], chosen: Mapping[str, str]) -> dict[str, int]:
    """The 信息发布 rows from the year's published items counted per column code; the total is
    the sum of the three categories (a column set to 不计入 counts in none)."""
    out = dict.fromkeys(CATEGORY_ROWS.values(), 0)
    for code, n in counts.items():
        category = category_of(code, chosen)
        if category != Category.NONE:
            out[CATEGORY_ROWS[category]] += n
    out["info_total"] = sum(out.values())
    return out


# --- 解读回应 ----------------------------------------------------------------------------------
class Product(StrEnum):
    MATERIAL = "material"
    PRODUCT = "product"

    @property
    def label(self) -> str:
        return "解读材料" if self == Product.MATERIAL else "解读产品"


# The catalog's interpretation forms (gongkai.catalog.models.InterpretationForm): the written ones
# are 解读材料; graphics and audio/video are 解读产品 (the notice does not define the two: the
# office may count 问答 as a product instead).
DEFAULT_PRODUCTS: dict[str, Product] = {
    "text": Product.MATERIAL,
    "qa": Product.MATERIAL,
    "graphic": Product.PRODUCT,
    "media": Product.PRODUCT,
}


def interpretations(forms: Mapping[str, int], chosen: Mapping[str, str]) -> dict[str, int]:
    """The 解读信息发布 rows from the year's interpretations counted per form."""
    out = {"interp_total": 0, "interp_materials": 0, "interp_products": 0}
    for form, n in forms.items():
        value = chosen.get(form, "")
        product = (
            Product(value)
            if value in {p.value for p in Product}
            else DEFAULT_PRODUCTS.get(form, Product.MATERIAL)
        )
        out["interp_total"] += n
        out["interp_materials" if product == Product.MATERIAL else "interp_products"] += n
    return out


class ResponseCount(StrEnum):
    """How 回应公众关注热点或重大舆情数量（次） counts the log: every response (the form's unit is
    次), or each concern once however many times it was answered."""

    ENTRIES = "entries"
    CONCERNS = "concerns"

    @property
    def label(self) -> str:
        return (
            "按回应次数"
            if self == ResponseCount.ENTRIES
            else "按关注事项（同一事项多次回应计一次）"
        )


def responses(concerns: Iterable[str], how: str) -> int:
    """The log's entries of the year, given as the concern each answers."""
    listed = [c.strip() for c in concerns]
    if how == ResponseCount.CONCERNS:
        return len(set(listed))
    return len(listed)


# --- 留言办理 ----------------------------------------------------------------------------------
def average_days(durations: Iterable[int]) -> float:
    """平均办理时间: the mean of the replies' durations in days, to one decimal; 0 without any."""
    values = list(durations)
    if not values:
        return 0.0
    return round(sum(values) / len(values), 1)


# --- checking what the office entered ----------------------------------------------------------
def value_problem(row: Row, value: object) -> str | None:
    """Why ``value`` cannot stand in ``row``, in Chinese; None when it can (empty is allowed
    here: :func:`missing` says what a publishable return still lacks)."""
    if value in (None, ""):
        return None
    if row.kind == Kind.YESNO:
        return None if value in (YES, NO) else f"“{row.label}”应填“是”或“否”"
    if row.kind == Kind.TEXT:
        return None if isinstance(value, str) and len(value) <= 2000 else f"“{row.label}”过长"
    text = str(value)
    if row.kind == Kind.NUMBER:
        ok = text.isascii() and text.isdigit() and len(text) <= 12
        return None if ok else f"“{row.label}”应为不小于0的整数"
    whole, _, part = text.partition(".")
    ok = (
        text.isascii()
        and whole.isdigit()
        and len(whole) <= 9
        and (part == "" or (part.isdigit() and len(part) <= 2))
    )
    return None if ok else f"“{row.label}”应为不小于0的数（最多两位小数）"


def missing(entered: Mapping[str, object], media: bool) -> list[str]:
    """The labels of the required entered rows left empty; the accounts' rows are required only
    when the website says it has mobile new media."""
    out = []
    for row in ENTERED:
        needed = row.required or (media and row.group in ("微博", "微信"))
        if needed and entered.get(row.key) in (None, ""):
            label = f"{row.group}{row.label}" if row.group else row.label
            out.append(f"{row.section}：{label}")
    return out


# --- reconciliation with table 二 of the disclosure annual report --------------------------------
@dataclass(frozen=True)
class Pair:
    """One figure stated by both: what the return's records say and what table 二 says."""

    label: str
    ours: int
    theirs: int
    published: bool = False  # a count of documents published in the year (本年新公开、本年制发)


def reconcile(pairs: Iterable[Pair], *, catalog_total: int) -> list[str]:
    """The differences, in Chinese: each pair that disagrees, and a 信息公开目录 figure smaller
    than the 规章 and 规范性文件 that table 二 says were published in the year (those are
    items of the 目录)."""
    out = []
    published_in_table = 0
    for pair in pairs:
        if pair.published:
            published_in_table += pair.theirs
        if pair.ours != pair.theirs:
            out.append(
                f"{pair.label}：年度报告表二为{pair.theirs}，"
                f"网站年度报表按目录统计为{pair.ours}，相差{abs(pair.ours - pair.theirs)}"
            )
    if catalog_total < published_in_table:
        out.append(
            f"信息公开目录信息更新量{catalog_total}条，少于年度报告表二所列本年公开的规章和"
            f"规范性文件{published_in_table}件"
        )
    return out
