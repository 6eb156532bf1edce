"""Titles and bodies of the demo's proactive-disclosure items (主动公开信息). Pure: no database.

Text is assembled from templates and pools of subjects that fit the publishing unit: the
district government writes district-wide documents and news, a department writes about its own
field (found by keywords in its name), a town about its villages, a street about its 社区.
Everything is drawn from the caller's ``random.Random``, so the same arguments and rng state give
the same text. Dates written in the text are never after ``when``.

The word lists and sentence templates are data: ``data/fields.yaml`` (the fields of work),
``data/places.yaml`` and ``data/phrases.yaml``, read once, at import.
"""

from __future__ import annotations

import datetime
import random
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from typing import Any, TypeVar

import yaml

from gongkai.catalog.topics import TOPICS  # the national 主题分类, defined once

_T = TypeVar("_T")


@dataclass(frozen=True)
class Generated:
    title: str  # ≤ 120 chars, no trailing punctuation
    doc_number: str  # 发文字号, or "" for items that have none
    body: str  # HTML paragraphs
    topic: str  # one of TOPICS


DISTRICT = "延庆区"
TITLE_MAX = 120


def _data(name: str) -> Any:
    """One of the word lists of data/ (a YAML file), read once, at import."""
    return yaml.safe_load(files("gongkai.demo").joinpath(f"data/{name}.yaml").read_text("utf-8"))


def _words(value: str | list[str]) -> tuple[str, ...]:
    """A string of words separated by spaces (or line breaks), or a list of entries."""
    return tuple(value.split()) if isinstance(value, str) else tuple(value)


def _pairs(value: list[list[str]]) -> tuple[tuple[str, str], ...]:
    return tuple((first, second) for first, second in value)


def _items(value: dict[str, list[str]]) -> dict[str, tuple[str, str, str]]:
    return {item: (law, who, size) for item, (law, who, size) in value.items()}


_FIELD_DATA = _data("fields")  # fields of work
_PLACE_DATA = _data("places")
_PHRASE_DATA = _data("phrases")  # words and sentence templates


# --------------------------------------------------------------------------------------------
# Fields of work (data/fields.yaml). A department is matched to a field by keywords in its
# names; key areas by keywords in the key-area name.


@dataclass(frozen=True)
class _Field:
    keys: tuple[str, ...]
    name: str  # the field in a few characters, e.g. 卫生健康
    topic: str
    abbr: str  # doc-number abbreviation: 延{abbr}发〔YYYY〕N号
    works: tuple[str, ...]  # tasks, noun phrases
    places: tuple[str, ...]  # where the work happens
    policies: tuple[str, ...]  # subjects of normative documents
    permits: tuple[str, ...]
    penalties: tuple[str, ...]  # violations
    indicators: tuple[tuple[str, str], ...]  # (indicator, unit)
    buys: tuple[str, ...]  # things procured
    laws: tuple[str, ...]
    fees: tuple[str, ...] = ()


def _field(entry: dict[str, Any]) -> _Field:
    return _Field(
        keys=tuple(entry["keys"]),
        name=entry["name"],
        topic=entry["topic"],
        abbr=entry["abbr"],
        works=_words(entry["works"]),
        places=_words(entry["places"]),
        policies=_words(entry["policies"]),
        permits=_words(entry["permits"]),
        penalties=_words(entry["penalties"]),
        indicators=_ind(entry["indicators"]),
        buys=_words(entry["buys"]),
        laws=_words(entry["laws"]),
        fees=_words(entry.get("fees", [])),
    )


def _ind(text: str) -> tuple[tuple[str, str], ...]:
    out = []
    for part in text.split():
        name, unit = part.split("/", 1)
        out.append((name, unit))
    return tuple(out)


_FIELDS: tuple[_Field, ...] = tuple(_field(entry) for entry in _FIELD_DATA["fields"])

_FIELD_BY_NAME = {f.name: f for f in _FIELDS}
# Fields the district government itself legislates and decides in.
_MAIN_FIELDS = tuple(f for f in _FIELDS if f.permits and f.penalties)

_GENERIC = _field(_FIELD_DATA["generic"])


def _field_for(*names: str) -> _Field | None:
    for name in names:
        for f in _FIELDS:
            if any(key in name for key in f.keys):
                return f
    return None


_KEY_FIELDS: tuple[tuple[str, str], ...] = _pairs(_FIELD_DATA["key_fields"])


def _key_field(subject: str) -> _Field | None:
    for word, name in _KEY_FIELDS:
        if word in subject:
            return _FIELD_BY_NAME[name]
    return None


# --------------------------------------------------------------------------------------------
# Places: villages of a town, 社区 of a street, made up deterministically from the unit name.

_VILLAGE_HEADS = _words(_PLACE_DATA["village_heads"])
_VILLAGE_CORES = _words(_PLACE_DATA["village_cores"])
_COMMUNITY_CORES = _words(_PLACE_DATA["community_cores"])

_TOWN_FEATURES: tuple[tuple[str, str], ...] = _pairs(_PLACE_DATA["town_features"])


@lru_cache(maxsize=256)
def _places_of(unit_name: str, kind: str) -> tuple[str, ...]:
    local = random.Random(zlib.crc32(unit_name.encode()))  # noqa: S311 - demo text
    out: list[str] = []
    if kind == "street":
        cores = list(_COMMUNITY_CORES)
        local.shuffle(cores)
        return tuple(f"{c}社区" for c in cores[:12])
    cores = list(_VILLAGE_CORES)
    local.shuffle(cores)
    for core in cores:
        name = (
            core if len(core) >= 3 or local.random() < 0.45 else local.choice(_VILLAGE_HEADS) + core
        )
        name += "村"
        if name not in out:
            out.append(name)
        if len(out) == 24:
            break
    return tuple(out)


# --------------------------------------------------------------------------------------------
# Small helpers.

_CN_DIGITS = "零一二三四五六七八九"


def _cn_num(n: int) -> str:
    """1..99 in Chinese numerals (第十二条)."""
    if n < 10:
        return _CN_DIGITS[n]
    tens, ones = divmod(n, 10)
    head = "" if tens == 1 else _CN_DIGITS[tens]
    return head + "十" + (_CN_DIGITS[ones] if ones else "")


_ORDINALS = ("一", "二", "三", "四", "五", "六", "七", "八", "九", "十")


def _cn_date(d: datetime.date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def _p(text: str) -> str:
    return f"<p>{text}</p>"


def _h3(text: str) -> str:
    return f"<h3>{text}</h3>"


def _list(items: Sequence[str], ordered: bool = True) -> str:
    tag = "ol" if ordered else "ul"
    return f"<{tag}>" + "".join(f"<li>{i}</li>" for i in items) + f"</{tag}>"


def _table(head: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    th = "".join(f"<th>{h}</th>" for h in head)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{th}</tr></thead><tbody>{body}</tbody></table>"


def _cjk(text: str) -> int:
    return sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")


_TRAILING = "。，、；：！？.,;:!? "

_COMPANY_HEADS = _words(_PHRASE_DATA["company_heads"])
_COMPANY_TRADES = _words(_PHRASE_DATA["company_trades"])
_SURNAMES = "".join(_PHRASE_DATA["surnames"].split())


class _Ctx:
    """One call's inputs and derived choices."""

    def __init__(
        self,
        *,
        column: str,
        unit_name: str,
        unit_short: str,
        unit_kind: str,
        when: datetime.date,
        serial: int,
        rng: random.Random,
        subject: str | None,
    ) -> None:
        kind = {"town": "township", "乡镇": "township", "街道": "street"}.get(unit_kind, unit_kind)
        if kind not in ("district", "department", "township", "street"):
            kind = "other"
        self.column = column
        self.name = unit_name or unit_short or "北京市延庆区人民政府"
        self.short = unit_short or unit_name or "区政府"
        self.kind = kind
        self.when = when
        self.year = when.year
        self.serial = serial
        self.n = (serial - 1) % 150 + 1 if serial >= 1 else abs(serial) % 150 + 1
        self.batch = abs(serial) % 24 + 1  # 第N批 / 第N期 of a unit's series
        self.big = abs(serial - 1) % 1999 + 1  # numbers of busy series (处罚决定书)
        self.rng = rng
        self.subject = subject
        self.local = kind in ("township", "street")
        found = _field_for(self.short, self.name) if kind in ("department", "other") else None
        self.field = found or _GENERIC
        if self.field is _GENERIC and kind in ("department", "other"):
            core = self.short.removeprefix("区").removeprefix("延庆")
            core = core.rstrip("局委办中心处室").strip() or "业务"
            self.field = _Field(
                **{
                    **_GENERIC.__dict__,
                    "name": core,
                    "abbr": core[:2],
                    "works": (*_GENERIC.works, f"{core}业务管理", f"{core}服务提升"),
                    "policies": (f"{core}专项资金", f"{core}服务规范", f"{core}工作规程"),
                }
            )
        self.places = (
            _places_of(self.name, kind) if self.local else self.field.places or _GENERIC.places
        )

    @property
    def label(self) -> str:
        """How the unit names itself at the head of a title."""
        return "延庆区" if self.kind == "district" else self.short

    @property
    def scope(self) -> str:
        """Where the unit's rules apply."""
        if self.kind == "township":
            return f"本{self.short[-1]}行政区域"
        if self.kind == "street":
            return "本街道辖区"
        return "本区行政区域"

    def any_field(self) -> _Field:
        """The field an item is about: the district government's vary from item to item."""
        if self.kind == "district":
            return self.pick(_MAIN_FIELDS)
        return self.field

    # choices
    def pick(self, seq: Sequence[_T]) -> _T:
        return seq[self.rng.randrange(len(seq))]

    def sample(self, seq: Sequence[_T], k: int) -> list[_T]:
        return self.rng.sample(list(seq), min(k, len(seq)))

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def back(self, lo: int, hi: int) -> datetime.date:
        """A day between ``hi`` and ``lo`` days before ``when``."""
        return self.when - datetime.timedelta(days=self.rng.randint(lo, hi))

    def date(self, lo: int = 1, hi: int = 30) -> str:
        return _cn_date(self.back(lo, hi))

    def company(self) -> str:
        return f"北京{self.pick(_COMPANY_HEADS)}{self.pick(_COMPANY_TRADES)}有限公司"

    def person(self) -> str:
        return self.pick(_SURNAMES) + ("某某" if self.chance(0.5) else "某")

    def place(self) -> str:
        return self.pick(self.places)

    # the unit's work
    def works(self) -> tuple[str, ...]:
        if self.kind == "district":
            return _district_works(self.when)
        if self.local:
            return _local_works(self.when, self.kind, self.name)
        return self.field.works + _era_works(self.when)[:2]

    def work(self) -> str:
        return self.pick(self.works())

    @property
    def topic(self) -> str:
        return self.field.topic if self.kind in ("department", "other") else "综合政务"


# --------------------------------------------------------------------------------------------
# What was going on at a given date.


def _expo(when: datetime.date) -> str:
    if when < datetime.date(2019, 4, 29):
        return "世园会筹办"
    if when <= datetime.date(2019, 10, 9):
        return "世园会服务保障"
    return "世园会园区后续利用"


def _olympics(when: datetime.date) -> str:
    if when < datetime.date(2015, 7, 31):
        return "冬奥会申办"
    if when < datetime.date(2022, 2, 4):
        return "冬奥会延庆赛区筹办"
    if when <= datetime.date(2022, 3, 13):
        return "冬奥会和冬残奥会赛时服务保障"
    return "冬奥场馆赛后利用"


def _hotline(when: datetime.date) -> str:
    return "接诉即办" if when >= datetime.date(2019, 1, 1) else "12345市民服务热线诉求办理"


def _five_year(when: datetime.date) -> str:
    if when.year <= 2015:
        return "“十二五”"
    if when.year <= 2020:
        return "“十三五”"
    if when.year <= 2025:
        return "“十四五”"
    return "“十五五”"


@lru_cache(maxsize=64)
def _era_works(when: datetime.date) -> tuple[str, ...]:
    out = [_expo(when) if when.year <= 2020 else _olympics(when), _hotline(when)]
    if datetime.date(2020, 1, 20) <= when <= datetime.date(2022, 12, 31):
        out.append("疫情防控")
    return tuple(out)


_DISTRICT_WORKS = _words(_PHRASE_DATA["district_works"])


@lru_cache(maxsize=4096)
def _district_works(when: datetime.date) -> tuple[str, ...]:
    base = _DISTRICT_WORKS
    return (*base, _expo(when), _olympics(when), *_era_works(when))


_STREET_WORKS = _words(_PHRASE_DATA["street_works"])
_TOWNSHIP_WORKS = _words(_PHRASE_DATA["township_works"])


@lru_cache(maxsize=4096)
def _local_works(when: datetime.date, kind: str, name: str) -> tuple[str, ...]:
    base = _STREET_WORKS if kind == "street" else _TOWNSHIP_WORKS
    feature = next((f for key, f in _TOWN_FEATURES if key in name), None)
    extra = (feature,) if feature else ()
    return (*base, *extra, *_era_works(when))


# --------------------------------------------------------------------------------------------
# Doc numbers.


def _prefix(c: _Ctx, office: bool = False) -> str:
    """The issuing organ's abbreviation in 发文字号, e.g. 延政发 / 延政办发 / 延卫健发."""
    if c.kind == "district":
        return "延政办发" if office else "延政发"
    if c.local:
        core = c.short.removesuffix("办事处")
        for suffix in ("街道", "镇", "乡"):
            if core.endswith(suffix) and len(core) > len(suffix) + 1:
                core = core.removesuffix(suffix)
        if c.kind == "street":
            return f"{core}办发"
        return f"{core}政{'办' if office else ''}发"
    abbr = c.field.abbr or "政"
    return f"延{abbr}{'办' if office else ''}发"


def _doc_number(c: _Ctx, office: bool = False, kind: str = "") -> str:
    prefix = _prefix(c, office)
    number = c.n
    if kind:
        prefix = prefix.removesuffix("发") + kind
        number = c.big
    return f"{prefix}〔{c.year}〕{number}号"


# --------------------------------------------------------------------------------------------
# Reusable paragraphs.

_BASIS = _words(_PHRASE_DATA["basis"])

_MEASURES = _words(_PHRASE_DATA["measures"])

_RESULTS = _words(_PHRASE_DATA["results"])

_NEXT = _words(_PHRASE_DATA["next"])

_CONTACT = _words(_PHRASE_DATA["contact"])

_YEAR_ROLES = _words(_PHRASE_DATA["year_roles"])
_TREND_FIRST = _words(_PHRASE_DATA["trend_first"])
_TREND_LAST = _words(_PHRASE_DATA["trend_last"])
_THREE_COSTS = _words(_PHRASE_DATA["three_costs"])
_PERMIT_FINDINGS = _words(_PHRASE_DATA["permit_findings"])
_SITE_FINDINGS = _words(_PHRASE_DATA["site_findings"])
_STREET_FINDINGS = _words(_PHRASE_DATA["street_findings"])
_DEFENCES = _words(_PHRASE_DATA["defences"])
_PROJECT_KINDS = _words(_PHRASE_DATA["project_kinds"])
_PROJECT_CONTENTS = _words(_PHRASE_DATA["project_contents"])
_PROJECT_RULES = _words(_PHRASE_DATA["project_rules"])
_WORK_ROLES = _words(_PHRASE_DATA["work_roles"])
_WORK_DEMANDS = _words(_PHRASE_DATA["work_demands"])
_VISIT_FOCUS = _words(_PHRASE_DATA["visit_focus"])
_SYSTEMS = _words(_PHRASE_DATA["systems"])
_ROADS = _words(_PLACE_DATA["roads"])


def _vals(c: _Ctx, **extra: str) -> dict[str, str]:
    out = {
        "work": c.work(),
        "work2": c.work(),
        "place": c.place(),
        "partner": c.pick(_NEWS_SLOTS["partner"]).replace(c.short, "区有关部门"),
        "system": c.pick(_SYSTEMS),
        "unit": c.short,
        "hotline": _hotline(c.when),
        "date": c.date(1, 40),
        "k": str(c.rng.randint(3, 40)),
        "m": str(c.rng.randint(2, 90) * 10),
        "money": str(c.rng.randint(30, 3000)),
        "pct": str(c.rng.randint(5, 45)),
        "tel": str(c.rng.randint(100000, 199999)),
        "addr": f"北京市延庆区{c.pick(_ROADS)}{c.rng.randint(1, 120)}号",
    }
    out.update(extra)
    if "law" not in out:
        out["law"] = _law_for(c, out["work"])
    return out


_UNIT_LAWS = {kind: _words(laws) for kind, laws in _FIELD_DATA["unit_laws"].items()}


def _law_for(c: _Ctx, work: str) -> str:
    """A law that fits the work: the unit's own field first, then the work's."""
    if c.kind in ("department", "other") and c.field.laws:
        return c.pick(c.field.laws)
    f = _key_field(work)
    if f is not None and f.laws:
        return c.pick(f.laws)
    return c.pick(_UNIT_LAWS.get(c.kind, _GENERIC.laws))


_AUDIENCES: dict[str, tuple[str, ...]] = {
    name: _words(who) for name, who in _FIELD_DATA["audiences"].items()
}
_PUBLIC = _words(_FIELD_DATA["public"])


def _fmt(c: _Ctx, template: str, **extra: str) -> str:
    return template.format(**_vals(c, **extra))


def _measures(c: _Ctx, work: str, count: int) -> list[str]:
    picked = c.sample(_MEASURES, count)
    return [_fmt(c, t, n=_ORDINALS[i], work=work) for i, t in enumerate(picked)]


def _progress_body(c: _Ctx, work: str, lead: str) -> list[str]:
    """Opening, measures, results, next steps: the shape of most work reports."""
    basis = _fmt(c, c.pick(_BASIS), work=work)
    blocks = [_p(f"{basis}，{lead}")]
    measures = _measures(c, work, c.rng.randint(2, 4))
    if c.chance(0.5):
        blocks.append(_p("".join(measures)))
    else:
        blocks.extend(_p(m) for m in measures)
    blocks.append(_p(_fmt(c, c.pick(_RESULTS), work=work)))
    blocks.append(_p(_fmt(c, c.pick(_NEXT), work=work)))
    return blocks


# --------------------------------------------------------------------------------------------
# Columns. Each returns (title, doc_number, blocks, topic).

_Out = tuple[str, str, list[str], str]


def _col_system(c: _Ctx) -> _Out:
    new_rules = c.when >= datetime.date(2019, 5, 15)
    law = (
        "新修订的《中华人民共和国政府信息公开条例》"
        if new_rules
        else "《中华人民共和国政府信息公开条例》"
    )
    kind = c.pick(
        (
            "政府信息公开工作制度",
            "政府信息公开保密审查制度",
            "依申请公开政府信息办理规程",
            "政府信息主动公开工作规范",
            "政务公开工作责任制度",
            "政策解读工作制度",
            "政务舆情回应工作机制",
            "政府信息公开工作考核办法",
            "政府信息发布协调制度",
        )
    )
    title = f"{c.label}{kind}" if c.chance(0.6) or c.kind == "district" else f"{c.name}{kind}"
    steps = [
        "登记：通过当面、邮寄、网络等渠道收到的申请，当日登记并编号",
        "补正：申请内容不明确的，自收到申请之日起7个工作日内一次性告知补正",
        "办理：承办科室会同法制、保密人员审核拟公开的信息",
        "答复：自收到申请之日起20个工作日内作出答复，需要延长的经负责人同意",
        "归档：答复文书及送达回证按“一案一档”整理归档",
    ]
    blocks = [
        _p(
            f"为规范{c.short}政府信息公开工作，保障公民、法人和其他组织依法获取政府信息，"
            f"根据{law}，结合本单位实际，制定本制度。"
        ),
        _p(
            f"{c.short}政府信息公开工作在单位主要负责同志领导下开展，办公室是政府信息公开工作机构，"
            "负责组织协调、推进和监督本单位的政府信息公开工作；各科室负责本科室职责范围内"
            "政府信息的公开属性认定、公开前审查和及时发布。"
        ),
        _p(
            "坚持“以公开为常态、不公开为例外”，遵循公正、公平、合法、便民的原则。"
            "拟公开的政府信息应当依照《中华人民共和国保守国家秘密法》等规定进行审查，"
            "不能确定是否可以公开的，依照规定报有关主管部门确定。"
        ),
        _p("依申请公开的办理流程如下："),
        _list(c.sample(steps, c.rng.randint(3, 5)) if c.chance(0.3) else steps),
        _p(
            f"本单位每年1月31日前向社会公布上一年度政府信息公开工作年度报告。"
            f"{_fmt(c, c.pick(_CONTACT))}"
        ),
    ]
    if c.chance(0.5):
        blocks.insert(
            3,
            _p(
                f"主动公开的政府信息应当自该信息形成或者变更之日起20个工作日内予以公开，"
                f"重点围绕{c.work()}、{c.work()}等群众关注事项做好公开和解读回应。"
            ),
        )
    return title, "", blocks, "综合政务"


def _divisions(c: _Ctx) -> list[str]:
    if c.kind == "township":
        return [
            "党政办公室",
            "经济发展办公室",
            "社会事务办公室",
            "城乡建设办公室",
            "平安建设办公室",
            "综合行政执法队",
            "社区（村）建设办公室",
            "便民服务中心",
        ]
    if c.kind == "street":
        return [
            "党群工作办公室",
            "社区建设办公室",
            "城市管理办公室",
            "平安建设办公室",
            "民生保障办公室",
            "综合行政执法队",
            "市民活动中心",
        ]
    if c.kind == "district":
        return ["区政府办公室", "区发展改革委", "区教委", "区财政局", "区卫生健康委", "区应急局"]
    core = c.field.name or "业务"
    return [
        "办公室",
        "综合科",
        f"{core}科",
        "政策法规科",
        "计划财务科",
        "行政审批科",
        "执法监督科",
        "安全管理科",
    ]


def _col_functions(c: _Ctx) -> _Out:
    title = c.pick(
        (
            f"{c.name}主要职责",
            f"{c.short}机构职能",
            f"{c.short}内设机构及职责",
            f"{c.short}机构概况",
            f"{c.short}领导分工和内设机构",
        )
    )
    duties = [f"负责本辖区{w}相关工作" for w in c.sample(c.works(), 5)]
    if c.kind == "department":
        duties = [f"负责{w}的组织实施和监督管理" for w in c.sample(c.field.works, 5)]
    lead = {
        "district": f"{c.name}是区人民代表大会的执行机关，是全区的国家行政机关，"
        "对区人民代表大会及其常委会和北京市人民政府负责并报告工作。",
        "township": f"{c.name}是基层一级国家行政机关，在区委、区政府领导下，"
        f"负责本乡镇经济社会发展和{len(c.places)}个行政村的村务指导工作。",
        "street": f"{c.name}是区人民政府的派出机关，在区委、区政府领导下，"
        f"统筹辖区{len(c.places)}个社区的城市管理、社区建设和公共服务工作。",
    }.get(
        c.kind,
        f"{c.name}是区政府工作部门，负责全区{c.field.name or '相关'}工作，"
        "贯彻落实党中央、国务院和市委、市政府、区委、区政府的决策部署。",
    )
    divisions = c.sample(_divisions(c), c.rng.randint(4, 6))
    blocks = [
        _p(lead),
        _h3("一、主要职责"),
        _list(duties),
        _h3("二、内设机构"),
        _p(f"根据职责，{c.short}设{_cn_num(len(divisions))}个内设机构：{'、'.join(divisions)}。"),
        _p("单位领导班子成员按照分工负责相关工作，分工调整时及时更新本栏目内容。"),
        _p(_fmt(c, c.pick(_CONTACT))),
    ]
    return title, "", blocks, c.topic


_NORMATIVE_SUFFIXES = _words(_PHRASE_DATA["normative_suffixes"])


def _policy_subject(c: _Ctx) -> tuple[str, _Field]:
    """A subject for a policy of the unit, and the field it belongs to."""
    if c.kind == "district":
        f = c.any_field()
        return c.pick(f.policies), f
    if c.local:
        return c.pick(
            (
                "村级公益事业专项补助资金",
                "农村宅基地审批",
                "村务监督",
                "社区公益金",
                "环境卫生“门前三包”",
                "小微权力清单",
            )
        ), c.field
    return c.pick(c.field.policies), c.field


def _normative_title(c: _Ctx) -> tuple[str, str, _Field]:
    subject, f = _policy_subject(c)
    suffix = c.pick(_NORMATIVE_SUFFIXES)
    name = "北京市延庆区" if not c.local else c.short
    return f"{name}{subject}{suffix}", subject, f


def _articles(c: _Ctx, subject: str, suffix_word: str, f: _Field) -> list[str]:
    responsible = c.short if c.kind != "district" else f"区{f.name}主管部门"
    law = c.pick(f.laws or _GENERIC.laws)
    pool = [
        f"{subject}工作应当与{c.pick(f.works)}、{c.pick(f.works)}等工作统筹衔接。",
        f"{responsible}应当每年{c.pick(('一季度', '上半年', '年底前'))}向社会公布{subject}"
        "相关情况，接受社会监督。",
        f"{subject}应当遵循公开、公平、公正和便民的原则，实行统一管理、分级负责。",
        f"申请人应当提交申请书、身份证明材料及相关证明文件，对所提交材料的真实性负责。"
        f"受理机关应当自受理之日起{c.rng.randint(5, 20)}个工作日内作出决定。",
        "相关资金纳入年度部门预算管理，实行专款专用，任何单位和个人不得截留、挤占、挪用。",
        f"{responsible}应当建立工作台账，加强日常监督检查，每年对执行情况进行评估。",
        "有关单位和工作人员在工作中滥用职权、玩忽职守、徇私舞弊的，依法依规追究责任。",
        f"符合条件的，按照每户（人）不超过{c.rng.randint(2, 50) * 100}元的标准给予补助，"
        "具体标准根据经济社会发展情况适时调整。",
        "审核结果应当在申请人所在村（社区）公示，公示期不少于5个工作日。",
        f"违反本{suffix_word}骗取补助的，由主管部门责令退回，并记入公共信用信息服务平台。",
    ]
    picked = c.sample(pool, c.rng.randint(1, 3))
    body = [
        f"为规范{subject}工作，根据《{law}》等有关规定，结合实际，制定本{suffix_word}。",
        f"本{suffix_word}适用于{c.scope}内{subject}相关活动的管理。",
        f"{responsible}负责{subject}工作的组织实施和监督管理，"
        "财政、审计等部门按照各自职责做好相关工作。",
        *picked,
        f"本{suffix_word}由{responsible}负责解释。",
        f"本{suffix_word}自{_cn_date(c.when)}起施行。"
        if c.chance(0.6)
        else f"本{suffix_word}自印发之日起施行，有效期{c.rng.choice((3, 5))}年。",
    ]
    return [_p(f"第{_cn_num(i)}条　{text}") for i, text in enumerate(body[:8], 1)]


def _col_normative(c: _Ctx) -> _Out:
    title, subject, f = _normative_title(c)
    word = title[-2:] if title.endswith(("办法", "细则", "规定")) else "办法"
    doc = _doc_number(c, office=c.chance(0.3))
    topic = f.topic if c.kind == "district" else _topic_of_policy(c, subject)
    return title, doc, _articles(c, subject, word, f), topic


def _topic_of_policy(c: _Ctx, subject: str) -> str:
    if c.kind in ("department", "other"):
        return c.topic
    if any(word in subject for word in ("世园", "冬奥", "接诉即办", "12345", "政务")):
        return "综合政务"
    if "疫情" in subject:
        return "卫生、体育"
    f = _key_field(subject) or _field_for(subject)
    if f is not None:
        return f.topic
    return c.topic


def _recipients(c: _Ctx) -> str:
    if c.kind == "district":
        return "各乡镇人民政府、街道办事处，区政府各委、办、局，各区属机构："
    if c.kind == "township":
        return "各村民委员会，镇属各单位："
    if c.kind == "street":
        return "各社区居民委员会，街道各科室："
    return "各乡镇人民政府、街道办事处，各有关单位："


def _col_regulations(c: _Ctx) -> _Out:
    work = c.work()
    subject, _ = _policy_subject(c)
    kind = c.rng.randrange(4)
    issuer = c.name if c.chance(0.7) else c.short
    if kind == 0:
        inner = f"北京市延庆区{subject}{c.pick(_NORMATIVE_SUFFIXES)}"
        title = f"{issuer}关于印发《{inner}》的通知"
        lead = f"现将《{inner}》印发给你们，请结合实际认真贯彻执行。"
    elif kind == 1:
        title = f"{issuer}关于进一步加强{work}工作的实施意见"
        lead = f"为进一步加强{work}工作，现提出如下实施意见。"
    elif kind == 2:
        inner = f"延庆区{c.year}年{work}工作方案"
        title = f"{issuer}关于印发《{inner}》的通知"
        lead = f"经研究同意，现将《{inner}》印发给你们，请认真组织实施。"
    else:
        title = f"{issuer}关于{work}有关事项的通知"
        lead = f"为做好{work}工作，现就有关事项通知如下。"
    blocks = [_p(_recipients(c)), _p(lead)]
    blocks.append(_h3("一、总体要求"))
    blocks.append(
        _p(_fmt(c, c.pick(_BASIS), work=work) + "，坚持以人民为中心，统筹推进、分类施策。")
    )
    blocks.append(_h3("二、主要任务"))
    blocks.append(_p("".join(_measures(c, work, 3))))
    blocks.append(_h3("三、保障措施"))
    blocks.append(
        _p(
            f"各单位要高度重视，明确分管领导和具体联系人，于每月底前将{work}进展情况报送"
            f"{c.short}。对工作中遇到的重大问题，要及时请示报告。"
        )
    )
    blocks.append(_p(f"{c.name}　{_cn_date(c.when)}"))
    return title, _doc_number(c, office=c.chance(0.4)), blocks, _topic_of_policy(c, work)


def _col_other(c: _Ctx) -> _Out:
    work = c.work()
    year = c.year
    templates = (
        f"关于开展{year}年{work}专项行动的通知",
        f"关于做好{work}工作的通知",
        f"关于印发{year}年{work}工作方案的通知",
        f"关于进一步做好{work}相关工作的通知",
        f"{c.short}关于{work}工作情况的报告",
        f"关于召开{work}工作推进会的通知",
        f"关于对{work}工作进行督导检查的通知",
        f"关于{work}工作的补充通知",
    )
    title = c.pick(templates)
    blocks = [_p(_recipients(c))]
    blocks += _progress_body(c, work, f"现就{work}有关工作通知如下。")[:-1]
    blocks.append(
        _p(
            f"请各单位于{c.year}年{c.rng.randint(c.when.month, 12)}月底前将工作总结报送{c.short}"
            f"{c.pick(('办公室', '综合科', '业务科', '党政办'))}。"
        )
    )
    blocks.append(_p(f"{c.name}　{_cn_date(c.when)}"))
    doc = _doc_number(c, office=True) if c.chance(0.7) else ""
    return title, doc, blocks, _topic_of_policy(c, work)


def _col_plans(c: _Ctx) -> _Out:
    year, work = c.year, c.work()
    plan = _five_year(c.when)
    templates = (
        f"{c.label}{year}年工作计划" if c.kind != "district" else f"延庆区{year}年政府工作报告",
        f"{c.label}{year - 1}年工作总结和{year}年工作计划",
        f"{c.label}{year}年{work}工作要点",
        f"延庆区{plan}时期{c.field.name}发展规划"
        if c.kind == "department"
        else f"{c.label}{plan}时期{work}工作规划",
        f"{c.label}{year}年重点工作任务分解",
        f"{c.label}{year}年{work}实施计划",
    )
    title = c.pick(templates)
    tasks = c.sample(c.works(), 4)
    blocks = [
        _p(
            f"{year}年是{c.pick(_YEAR_ROLES)}。"
            f"{c.short}将坚持稳中求进工作总基调，紧紧围绕区委、区政府中心工作，"
            f"重点抓好{'、'.join(tasks[:3])}等工作。"
        ),
        _h3("一、指导思想"),
        _p(
            "坚持以习近平新时代中国特色社会主义思想为指导，牢固树立生态优先、绿色发展理念，"
            "立足首都生态涵养区功能定位，以“两件大事”为牵引，推动各项工作提质增效。"
        ),
        _h3("二、重点任务"),
        _list([f"扎实推进{t}，{c.pick(_TASK_TAILS)}" for t in tasks]),
        _h3("三、保障措施"),
        _p(_fmt(c, c.pick(_NEXT), work=tasks[0])),
    ]
    return title, "", blocks, c.topic


_TASK_TAILS = _words(_PHRASE_DATA["task_tails"])


def _amount(c: _Ctx, unit: str) -> str:
    r = c.rng
    if unit in ("亿元", "万美元"):
        return f"{r.uniform(0.5, 80):.2f}"
    if unit == "万元":
        return f"{r.uniform(50, 9000):.1f}"
    if unit == "%":
        return f"{r.uniform(1, 99.5):.1f}"
    if unit in ("万人次", "万亩", "万平方米", "万页", "万次", "万立方米"):
        return f"{r.uniform(0.5, 300):.1f}"
    if unit == "元":
        return str(r.randint(18000, 48000))
    if unit == "微克/立方米":
        return str(r.randint(28, 55))
    return str(r.randint(3, 5000))


def _quarter(when: datetime.date) -> str:
    """The last quarter ended before ``when``."""
    q = (when.month - 1) // 3
    if q == 0:
        return f"{when.year - 1}年第四季度"
    return f"{when.year}年第{_cn_num(q)}季度"


_DISTRICT_INDICATORS = _ind(_PHRASE_DATA["district_indicators"])
_LOCAL_INDICATORS = _ind(_PHRASE_DATA["local_indicators"])


def _col_statistics(c: _Ctx) -> _Out:
    year, month = c.year, c.when.month
    period = f"{year}年1—{month - 1}月" if month >= 3 else f"{year - 1}年"
    if c.chance(0.25):
        period = _quarter(c.when)
    name = c.field.name if c.kind in ("department", "other") else ""
    inds = list(c.field.indicators if name else _DISTRICT_INDICATORS)
    if c.local:
        inds = list(_LOCAL_INDICATORS)
    chosen = c.sample(inds, min(len(inds), c.rng.randint(3, 5)))
    title = c.pick(
        (
            f"{period}{c.label}{name or '主要'}统计数据",
            f"{c.label}{period}主要指标完成情况",
            f"{period}{name or c.label}统计信息",
            f"{c.label}{period}统计数据公开",
        )
    )
    rows = []
    for ind, unit in chosen:
        rows.append([ind, unit, _amount(c, unit), f"{c.rng.uniform(-12, 25):.1f}"])
    blocks = [
        _p(f"现将{period}{c.short}{name}主要统计数据公布如下（数据截至{c.date(1, 20)}）。"),
        _table(["指标", "计量单位", "数值", "同比增长（%）"], rows),
        _p(
            f"从数据看，{chosen[0][0]}{c.pick(_TREND_FIRST)}，"
            f"{chosen[-1][0]}{c.pick(_TREND_LAST)}。"
        ),
        _p(
            "说明：本表数据为快报数，部分指标以年报数据为准；同比增长按可比口径计算。"
            f"数据来源为{c.short}业务统计及区统计局相关调查。"
        ),
        _p(_fmt(c, c.pick(_CONTACT))),
    ]
    topic = "国民经济管理" if c.kind != "department" else c.topic
    return title, "", blocks, topic


def _col_budget(c: _Ctx) -> _Out:
    year = c.year
    form = c.rng.randrange(4)
    if c.kind == "district":
        title = (
            f"关于延庆区{year - 1}年预算执行情况和{year}年预算的报告",
            f"延庆区{year}年区级一般公共预算",
            f"延庆区{year - 1}年区级决算",
            f"延庆区{year}年政府债务限额及余额情况",
        )[form]
    else:
        title = (
            f"{c.name}{year}年部门预算",
            f"{c.name}{year - 1}年部门决算",
            f"{c.short}{year}年“三公”经费预算情况说明",
            f"{c.short}{year}年政府采购预算",
        )[form]
    total = c.rng.uniform(800, 60000)
    basic = total * c.rng.uniform(0.3, 0.7)
    three = c.rng.uniform(2, 80)
    rows = [
        ["一般公共预算财政拨款", f"{total * 0.9:.2f}"],
        ["政府性基金预算财政拨款", f"{total * 0.06:.2f}"],
        ["其他收入", f"{total * 0.04:.2f}"],
        ["基本支出", f"{basic:.2f}"],
        ["项目支出", f"{total - basic:.2f}"],
    ]
    noun = "决算" if "决算" in title else "预算"
    blocks = [
        _p(
            f"{c.label}{year if noun == '预算' else year - 1}年{noun}收入总额{total:.2f}万元，"
            f"支出总额{total:.2f}万元。其中，基本支出{basic:.2f}万元，主要用于保障机构正常运转；"
            f"项目支出{total - basic:.2f}万元，主要用于{c.work()}、{c.work()}等工作。"
        ),
        _table(["项目", "金额（万元）"], rows),
        _p(
            f"“三公”经费{noun}{three:.2f}万元，其中因公出国（境）费0万元，"
            f"公务用车购置及运行维护费{three * 0.7:.2f}万元，公务接待费{three * 0.3:.2f}万元。"
            f"{c.pick(_THREE_COSTS)}。"
        ),
        _p(
            (
                f"全区共有{c.rng.randint(40, 70)}个区级预算部门，"
                if c.kind == "district"
                else f"{c.short}共有{c.rng.randint(1, 5)}个预算单位，"
            )
            + "已将全部项目纳入预算绩效管理，"
            f"对{c.rng.randint(3, 20)}个重点项目设定了绩效目标。"
        ),
        _p(
            "名词解释：基本支出指为保障机构正常运转、完成日常工作任务而发生的支出，"
            "包括人员经费和公用经费；项目支出指在基本支出之外为完成特定工作任务发生的支出。"
        ),
    ]
    return title, "", blocks, "财政、金融、审计"


def _col_permits(c: _Ctx) -> _Out:
    if c.local:
        return _local_permit(c)
    if c.kind == "district":
        return _district_reply(c)
    if not c.field.permits:
        return _no_permits(c)
    permit = c.pick(c.field.permits)
    company = c.company()
    no = _doc_number(c, kind="许")
    title = c.pick(
        (
            f"关于{company}{permit}的行政许可决定公示",
            f"{c.short}{permit}信息公示（{c.date(0, 10)}）",
            f"{permit}准予许可决定（{no}）",
            f"{c.short}{c.year}年第{c.batch}批{permit}结果公示",
        )
    )
    rows = []
    for _ in range(c.rng.randint(2, 4)):
        rows.append(
            [
                c.company(),
                permit,
                c.pick(("准予许可", "准予许可", "准予变更", "准予延续")),
                c.date(0, 15),
            ]
        )
    blocks = [
        _p(
            f"根据《中华人民共和国行政许可法》及《{c.pick(c.field.laws)}》有关规定，"
            f"{c.short}对申请人提交的{permit}申请材料进行了审查，现将结果公示如下。"
        ),
        _table(["申请人", "许可事项", "审批结果", "决定日期"], rows),
        _p(
            f"经审查，上述申请材料齐全、符合法定形式，{c.pick(_PERMIT_FINDINGS)}，"
            "依法作出准予行政许可决定。"
        ),
        _p(
            "申请人如对本决定不服，可在收到决定书之日起六十日内向北京市延庆区人民政府申请"
            "行政复议，或在六个月内向北京市延庆区人民法院提起行政诉讼。"
        ),
        _p(_fmt(c, c.pick(_CONTACT))),
    ]
    return title, no if c.chance(0.3) else "", blocks, c.topic


_TOWN_ITEMS: dict[str, tuple[str, str, str]] = _items(_PHRASE_DATA["town_items"])
_STREET_ITEMS: dict[str, tuple[str, str, str]] = _items(_PHRASE_DATA["street_items"])


def _local_permit(c: _Ctx) -> _Out:
    village = c.place()
    person = c.person()
    items = _TOWN_ITEMS if c.kind == "township" else _STREET_ITEMS
    item = c.pick(tuple(items))
    law, applicant, size = items[item]
    count = c.rng.randint(2, 9)
    title = c.pick(
        (
            f"关于{village}{applicant}{person}{item}的公示",
            f"{village}{item}情况公示（第{c.batch}批）",
            f"{c.short}{village}{item}审核结果公示（第{c.batch}期）",
            f"关于{village}{count}户{item}的公示",
            f"{village}{person}等{count}户{item}审核结果公示",
        )
    )
    rows = []
    for _ in range(c.rng.randint(2, 5)):
        rows.append(
            [
                c.person() if applicant in ("村民", "经营户") else c.company(),
                village,
                f"{c.rng.randint(20, 200)}平方米",
                c.pick(("同意", "同意", "同意", "不予同意")),
            ]
        )
    office = c.pick(
        ("规划建设办公室", "城乡建设办公室", "党政办公室")
        if c.kind == "township"
        else ("城市管理办公室", "社区建设办公室", "平安建设办公室")
    )
    vote = (
        "申请已经村民代表会议讨论通过，并在村内公示无异议。"
        if c.kind == "township"
        else "申请已征求所在社区居委会和相邻居民意见。"
    )
    blocks = [
        _p(
            f"根据《{law}》和本市有关规定，{c.short}对{village}{applicant}提出的{item}申请"
            f"进行了审核。{vote}"
        ),
        _table(["申请人", "所在村（社区）", size, "审核意见"], rows),
        _p(
            f"{c.short}{office}会同有关部门于{c.date(1, 20)}进行了实地踏勘，"
            f"申请事项{c.pick(_SITE_FINDINGS if c.kind == 'township' else _STREET_FINDINGS)}。"
        ),
        _p(
            "公示期为5个工作日，自本公示发布之日起计算。如有异议，请在公示期内以书面形式"
            f"向{c.short}反映，或拨打电话010-69{c.rng.randint(100000, 199999)}。"
        ),
    ]
    topic = (
        "国土资源、能源"
        if "宅基地" in item or "用地" in item or "规划" in item or "分户" in item
        else "城乡建设、环境保护"
    )
    return title, "", blocks, topic


_LOCAL_LAWS: dict[str, str] = dict(_PHRASE_DATA["local_laws"])


def _district_reply(c: _Ctx) -> _Out:
    """The district government's 批复: land, projects and plans it approves."""
    village = c.pick(_places_of(c.pick(_TOWN_NAMES), "township"))
    project = c.pick(_PROJECT_SITES) + c.pick(_REPLY_PROJECTS)
    kind = c.rng.randrange(4)
    if kind == 0:
        title = f"北京市延庆区人民政府关于{project}征收集体土地的批复"
        asked = f"征收{village}集体土地{c.rng.uniform(1, 30):.2f}公顷用于{project}"
        detail = (
            "征地补偿安置方案已经公告，被征地农民社会保障费用已足额落实。"
            "请严格按照批准的用途和面积使用土地，依法做好征收补偿安置工作。"
        )
    elif kind == 1:
        permit = c.pick(c.any_field().works)
        title = f"北京市延庆区人民政府关于同意《延庆区{permit}实施方案》的批复"
        asked = f"印发《延庆区{permit}实施方案》"
        detail = f"请你单位会同有关部门和属地乡镇抓好组织实施，及时报告{permit}进展情况。"
    elif kind == 2:
        title = f"北京市延庆区人民政府关于{project}立项的批复"
        asked = f"{project}立项，项目总投资{c.rng.uniform(500, 50000):.1f}万元"
        detail = "项目资金由区财政统筹安排。请严格执行基本建设程序，加强工程质量和安全管理。"
    else:
        title = f"北京市延庆区人民政府关于{village}村庄规划的批复"
        asked = f"批准{village}村庄规划（{c.year}年—{c.year + 15}年）"
        detail = "请严格落实永久基本农田保护和生态保护红线要求，做好规划公布和实施管理。"
    asker = c.pick(("区发展改革委", "规划自然资源延庆分局", "区住房城乡建设委", "区农业农村局"))
    blocks = [
        _p(f"{asker}："),
        _p(f"你单位《关于{asked}的请示》收悉。经区政府研究，现批复如下："),
        _p(f"一、原则同意{asked}。"),
        _p(f"二、{detail}"),
        _p(f"三、有关单位要按照职责分工做好配合，确保{c.pick(_TASK_TAILS)}。"),
        _p(f"北京市延庆区人民政府　{_cn_date(c.when)}"),
    ]
    topic = "国土资源、能源" if kind in (0, 3) else "城乡建设、环境保护"
    return title, f"延政函〔{c.year}〕{c.n}号", blocks, topic


_REPLY_PROJECTS = _words(_PHRASE_DATA["reply_projects"])


def _no_permits(c: _Ctx) -> _Out:
    title = c.pick(
        (
            f"{c.short}行政许可事项情况说明",
            f"{c.short}{c.year}年行政许可信息公开情况",
            f"{c.short}{_quarter(c.when)}行政许可办理情况",
        )
    )
    blocks = [
        _p(
            f"根据本市行政许可事项清单和区级权力清单，{c.short}无行政许可事项，"
            "也不承担委托实施的行政许可。"
        ),
        _p(
            f"{c.short}承担的主要行政职能包括{'、'.join(c.sample(c.field.works, 3))}等，"
            "相关政策文件和办事指南在本网站相应栏目公开。"
        ),
        _p(
            f"截至{_cn_date(c.when)}，{c.short}未作出行政许可决定。如权力清单调整，"
            "将及时更新本栏目内容。"
        ),
        _p(_fmt(c, c.pick(_CONTACT))),
    ]
    return title, "", blocks, c.topic


def _penalty_summary(c: _Ctx) -> _Out:
    """The district government's roll-up of its departments' 行政处罚 and 行政强制."""
    period = _quarter(c.when)
    title = c.pick(
        (
            f"延庆区{period}行政处罚信息汇总",
            f"延庆区{period}行政执法信息公示",
            f"延庆区{period}行政处罚和行政强制信息汇总",
        )
    )
    offices = c.sample(_MAIN_FIELDS, 5)
    rows = [
        [f"区{f.name}部门", str(c.rng.randint(3, 400)), f"{c.rng.uniform(1, 300):.2f}"]
        for f in offices
    ]
    blocks = [
        _p(
            f"按照行政执法公示制度要求，现将{period}全区各行政执法部门作出的行政处罚"
            "决定情况汇总公开如下。"
        ),
        _table(["执法部门", "处罚案件数（件）", "罚没款（万元）"], rows),
        _p(
            f"从执法领域看，案件主要集中在{offices[0].name}、{offices[1].name}等领域，"
            f"主要违法行为包括{c.pick(offices[0].penalties)}、{c.pick(offices[1].penalties)}等。"
        ),
        _p("各部门作出的行政处罚决定已在作出之日起7个工作日内通过北京市执法信息公示平台公开。"),
    ]
    return title, "", blocks, "市场监管、安全生产监管"


def _no_penalties(c: _Ctx) -> _Out:
    period = _quarter(c.when)
    title = f"{c.short}{period}行政处罚和行政强制信息公开情况"
    blocks = [
        _p(f"{period}，{c.short}未作出行政处罚和行政强制决定。"),
        _p(
            f"根据区级权力清单，{c.short}不承担行政处罚和行政强制职权，"
            f"主要负责{'、'.join(c.sample(c.field.works, 2))}等工作。"
        ),
        _p("如今后依法作出行政处罚或行政强制决定，将按规定在7个工作日内予以公开。"),
        _p(_fmt(c, c.pick(_CONTACT))),
    ]
    return title, "", blocks, c.topic


def _col_penalties(c: _Ctx) -> _Out:
    if c.kind == "district":
        return _penalty_summary(c)
    if not c.local and not c.field.penalties:
        return _no_penalties(c)
    if c.local:
        violation = c.pick(
            ("违法建设", "露天焚烧秸秆", "占道经营", "私搭乱建", "乱堆乱放", "违规倾倒垃圾")
        )
    else:
        violation = c.pick(c.field.penalties)
    party = c.company() if c.chance(0.7) or c.local is False else c.person()
    no = (
        _doc_number(c, kind="罚字")
        if not c.local
        else f"{_prefix(c).removesuffix('发')}罚〔{c.year}〕{c.big}号"
    )
    title = c.pick(
        (
            f"行政处罚决定书（{no}）",
            f"关于{party}{violation}的行政处罚信息公示",
            f"{c.short}行政处罚案件信息公开（{no}）",
            f"{c.short}{c.year}年行政处罚信息公示（第{c.batch}期）",
        )
    )
    fine = c.rng.randint(1, 100) * 1000
    day = c.back(0, 10)
    found = c.back(15, 60)
    rows = [
        ["行政处罚决定书文号", no],
        ["当事人", party],
        ["违法行为类型", violation],
        ["处罚内容", f"罚款人民币{fine}元" + ("，责令改正" if c.chance(0.6) else "")],
        ["处罚决定日期", _cn_date(day)],
        ["处罚机关", c.name],
    ]
    place = c.place()
    law = c.pick(c.field.laws) if not c.local else _LOCAL_LAWS.get(violation, "北京市城乡规划条例")
    blocks = [
        _p(
            f"{_cn_date(found)}，{c.short}执法人员在{place}检查时发现，当事人{party}存在{violation}的行为。"
            f"经立案调查，当事人的行为违反了《{law}》的有关规定。"
        ),
        _table(["项目", "内容"], rows),
        _p(
            f"执法人员依法制作了询问笔录、现场检查笔录并调取了相关证据。{c.short}于处罚决定作出前"
            "依法告知当事人拟作出行政处罚的事实、理由、依据及其享有的陈述、申辩权利，"
            f"当事人{c.pick(_DEFENCES)}。"
        ),
        _p(
            "当事人应自收到本决定书之日起十五日内缴纳罚款。逾期不缴纳的，每日按罚款数额的"
            "百分之三加处罚款。如不服本决定，可依法申请行政复议或提起行政诉讼。"
        ),
    ]
    topic = "市场监管、安全生产监管" if c.kind != "department" else c.topic
    return title, no, blocks, topic


def _col_fees(c: _Ctx) -> _Out:
    fees = c.field.fees if c.kind == "department" else ()
    title = c.pick(
        (
            f"{c.short}行政事业性收费项目及标准",
            f"{c.short}{c.year}年涉企收费目录清单",
            f"{c.short}行政事业性收费情况公示",
            f"{c.short}{c.year}年收费项目公开",
        )
    )
    if fees:
        rows = [
            [
                f,
                f"按{c.pick(('国家', '本市'))}规定标准执行",
                c.pick(("财税", "京发改", "京财综"))
                + f"〔{c.rng.randint(min(2010, c.year), c.year)}〕{c.rng.randint(1, 200)}号",
            ]
            for f in fees
        ]
        blocks = [
            _p(
                f"根据国家和本市行政事业性收费管理有关规定，现将{c.short}行政事业性收费项目公示如下。"
            ),
            _table(["收费项目", "收费标准", "收费依据"], rows),
            _p(
                "以上收费项目全部纳入财政预算管理，实行“收支两条线”，使用财政部门统一印制的票据。"
                "凡未列入目录清单的项目，一律不得收费。"
            ),
            _p(f"对符合条件的小微企业、困难群众依法减免相关费用。{_fmt(c, c.pick(_CONTACT))}"),
        ]
    else:
        blocks = [
            _p(
                f"根据国家和本市关于清理规范行政事业性收费的有关要求，{c.short}对本单位收费项目进行了全面梳理。"
            ),
            _p(
                f"经核查，截至{_cn_date(c.when)}，{c.short}无行政事业性收费项目，"
                "也未委托其他单位代收任何费用。"
            ),
            _p(
                "在办理各类审批、服务事项过程中，不向申请人收取任何费用。"
                "如发现以本单位名义乱收费的行为，欢迎社会各界监督举报。"
            ),
            _p(_fmt(c, c.pick(_CONTACT))),
        ]
    return title, "", blocks, "财政、金融、审计"


def _col_procurement(c: _Ctx) -> _Out:
    item = (
        c.pick(c.any_field().buys)
        if not c.local
        else c.pick(
            (
                "村庄环境整治工程",
                "道路硬化工程",
                "垃圾分类设施",
                "办公设备",
                "物业服务",
                "安全隐患治理工程",
                "村庄绿化工程",
                "路灯改造工程",
                "社区活动设施",
            )
        )
    )
    where = c.place()
    if c.local:
        project = f"{where}{item}"
    else:
        project = c.pick(
            (
                f"{c.label}{c.year}年{item}",
                f"{where}{item}",
                f"{c.label}{where}{item}",
                f"{c.label}{item}（第{c.batch}包）",
            )
        )
    stage = c.pick(
        (
            "公开招标公告",
            "中标（成交）结果公告",
            "竞争性磋商公告",
            "采购意向公开",
            "更正公告",
            "合同公告",
            "竞争性谈判公告",
        )
    )
    code = f"BJYQ-{c.year}-{c.rng.randint(1, 999):03d}"
    title = f"{project}项目{stage}"
    budget = c.rng.uniform(10, 2000)
    blocks = [
        _p(
            f"项目编号：{code}；项目名称：{project}项目；采购人：{c.name}；预算金额：{budget:.2f}万元。"
        ),
    ]
    if "结果" in stage or "合同" in stage:
        winner = c.company()
        blocks.append(
            _p(
                f"经评标委员会评审，确定{winner}为中标（成交）供应商，"
                f"中标（成交）金额{budget * c.rng.uniform(0.82, 0.99):.2f}万元。"
                f"评审日期为{c.date(1, 15)}。"
            )
        )
        blocks.append(
            _table(
                ["序号", "供应商名称", "评审得分"],
                [
                    [str(i), n, f"{c.rng.uniform(60, 95):.2f}"]
                    for i, n in enumerate([winner, c.company(), c.company()], 1)
                ],
            )
        )
    elif "意向" in stage:
        blocks.append(
            _p(
                f"为便于供应商及时了解政府采购信息，现将{c.short}采购意向公开如下：采购需求概况为"
                f"{item}，预计采购时间为{c.year}年{c.rng.randint(c.when.month, 12)}月。"
            )
        )
    else:
        blocks.append(_p("采购需求："))
        blocks.append(
            _list(
                [
                    f"提供{item}，满足采购文件技术参数要求",
                    "服务期限一年，按季度考核付款",
                    "供应商须具备独立承担民事责任的能力",
                    "本项目不接受联合体投标",
                ]
            )
        )
        blocks.append(
            _p(
                "获取采购文件时间：自本公告发布之日起五个工作日；获取方式：北京市政府采购电子交易平台。"
            )
        )
    blocks.append(
        _p("本项目落实政府采购政策，对小微企业产品给予价格扣除优惠，支持绿色、节能产品采购。")
    )
    blocks.append(
        _p(
            f"采购人联系方式：{c.name}，"
            f"地址：北京市延庆区{c.pick(_ROADS)}{c.rng.randint(1, 120)}号，"
            f"电话：010-69{c.rng.randint(100000, 199999)}。"
        )
    )
    return title, "", blocks, "财政、金融、审计"


_PROJECT_SITES = _words(_PLACE_DATA["project_sites"])


def _col_projects(c: _Ctx) -> _Out:
    if c.local:
        project = c.pick(
            (
                f"{c.place()}"
                + ("美丽乡村建设项目" if c.kind == "township" else "楼本体节能改造工程"),
                f"{c.place()}道路改造工程",
                f"{c.short}{'农村污水治理' if c.kind == 'township' else '雨污分流改造'}工程",
                f"{c.place()}"
                + ("煤改电配套电网工程" if c.kind == "township" else "老旧小区综合整治工程"),
            )
        )
    else:
        project = c.pick(
            (
                f"延庆区{c.work()}项目",
                f"{c.pick(c.places)}改造提升工程",
                "妫水河世园段水环境治理工程",
                f"延庆新城{c.pick(_ROADS)}道路工程",
                "延庆区医院新院区建设工程",
                f"{c.pick(c.places)}基础设施配套工程",
            )
        )
    stage = c.pick(
        (
            "批准结果信息",
            "招标投标信息",
            "征收土地信息",
            "施工有关信息",
            "质量安全监督信息",
            "竣工验收信息",
            "重大设计变更信息",
        )
    )
    title = f"{project}{stage}"
    invest = c.rng.uniform(300, 90000)
    rows = [
        ["项目名称", project],
        [
            "建设单位",
            c.name
            if c.chance(0.5)
            else f"北京市延庆区{c.pick(('城市建设投资', '水务投资', '交通投资'))}有限公司",
        ],
        ["建设地点", c.place() if c.local else c.pick(_PROJECT_SITES)],
        ["总投资", f"{invest:.1f}万元"],
        ["批准文号", f"延{c.pick(('发改', '规自', '住建'))}〔{c.year}〕{c.n}号"],
        ["批准日期", c.date(5, 90)],
    ]
    blocks = [
        _p(f"{project}是{c.pick(_PROJECT_KINDS)}，主要建设内容包括{c.pick(_PROJECT_CONTENTS)}。"),
        _table(["项目", "内容"], rows),
        _p(
            f"根据重大建设项目领域信息公开有关要求，现将该项目{stage}予以公开。"
            f"{c.pick(_PROJECT_RULES)}。"
        ),
        _p(_fmt(c, c.pick(_CONTACT))),
    ]
    return title, "", blocks, "城乡建设、环境保护"


def _col_civil_service(c: _Ctx) -> _Out:
    year = c.year
    what = c.pick(
        (
            "公开招聘事业单位工作人员公告",
            "公开招聘事业单位工作人员拟聘用人员公示",
            "考试录用公务员拟录用人员公示",
            "公开招聘工作人员资格复审通知",
            "公开招聘面试成绩公示",
            "公开选调公务员公告",
            "公开招聘工作人员体检通知",
            "招聘社区工作者公告" if c.local else "公开遴选公务员公告",
        )
    )
    title = f"延庆区{year}年{what}" if c.kind == "district" else f"{c.short}{year}年{what}"
    posts = c.rng.randint(2, 30)
    rows = [
        [
            f"{year}{c.rng.randint(10000, 99999)}",
            f"{c.pick(_SURNAMES)}某",
            c.pick(("综合管理岗", "专业技术岗", "财务会计岗", "执法岗", "信息化岗")),
            c.pick(("本科", "硕士研究生", "本科")),
        ]
        for _ in range(c.rng.randint(2, 5))
    ]
    blocks = [
        _p(
            f"根据《事业单位人事管理条例》和公务员录用有关规定，经研究，{c.short}{year}年"
            f"计划招聘（录用）工作人员{posts}名。现将有关事项公告如下。"
        ),
        _h3("一、招聘原则"),
        _p(
            "坚持德才兼备的用人标准，贯彻公开、平等、竞争、择优的原则，按照公开报名、资格审查、"
            "考试、体检、考察、公示、聘用的程序进行。"
        ),
        _h3("二、有关名单"),
        _table(["准考证号", "姓名", "岗位", "学历"], rows),
        _p(
            f"报名时间以本公告发布之日起计算，资格审查于{c.date(0, 5)}前完成。"
            "公示期为5个工作日，如有异议，可实名向区人力资源和社会保障局反映。"
        ),
        _p(_fmt(c, c.pick(_CONTACT))),
    ]
    return title, "", blocks, "劳动、人事、监察"


_NEWS = tuple((news["title"], news["lead"]) for news in _PHRASE_DATA["news"])
_NEWS_SLOTS: dict[str, tuple[str, ...]] = {
    slot: _words(pool) for slot, pool in _PHRASE_DATA["news_slots"].items()
}
_WORK_TAILS = _words(_PHRASE_DATA["work_tails"])
_TOWN_NAMES = _words(_PLACE_DATA["town_names"])


def _col_news(c: _Ctx) -> _Out:
    if c.kind == "district":
        return _district_news(c)
    work = c.work()
    if c.chance(0.4) and work not in _era_works(c.when):
        work += c.pick(_WORK_TAILS)
    places = c.places if c.local else (*c.places, *_TOWN_NAMES)
    place = c.pick(places)
    slots = {key: c.pick(pool) for key, pool in _NEWS_SLOTS.items()}
    slots["group"] = c.pick(_AUDIENCES.get(c.field.name, _PUBLIC))
    if slots["partner"] == c.short:
        slots["partner"] = "属地乡镇"
    slots.update(
        unit=c.short,
        work=work,
        place=place,
        verb=c.pick(_VERBS),
        year=str(c.year),
        n=str(c.batch),
        day=c.date(0, 7),
        k=str(c.rng.randint(3, 60)),
    )
    title_t, lead_t = c.pick(_NEWS)
    title = title_t.format(**slots)
    blocks = [_p(lead_t.format(**slots))]
    base = work.removesuffix(next((t for t in _WORK_TAILS if work.endswith(t)), ""))
    blocks += _progress_body(c, base, f"{c.short}扎实推进{base}各项工作。")[1:]
    if c.chance(0.35):
        blocks.insert(
            1,
            _p(
                f"{c.pick(('会上', '检查中', '活动中', '调研中'))}，{c.short}负责同志指出，{base}是"
                f"{c.pick(_WORK_ROLES)}，"
                f"要{c.pick(_WORK_DEMANDS)}。"
            ),
        )
    return title, "", blocks, _topic_of_policy(c, base)


_VERBS = _words(_PHRASE_DATA["verbs"])


_PLAN_KINDS = _words(_PHRASE_DATA["plan_kinds"])
_DISTRICT_AGENDA = _words(_PHRASE_DATA["district_agenda"])


_EXPO_NOTE = _words(_PHRASE_DATA["expo_note"])
_OLYMPICS_NOTE = _words(_PHRASE_DATA["olympics_note"])


_DISTRICT_PLACES = _words(_PLACE_DATA["district_places"])
_EXPO_ASPECTS = tuple(_words(aspects) for aspects in _PHRASE_DATA["expo_aspects"])
_OLYMPIC_ASPECTS = tuple(_words(aspects) for aspects in _PHRASE_DATA["olympic_aspects"])
_OUTCOMES = _words(_PHRASE_DATA["outcomes"])


def _expo_aspects(when: datetime.date) -> tuple[str, ...]:
    if when < datetime.date(2019, 4, 29):
        return _EXPO_ASPECTS[0]
    if when <= datetime.date(2019, 10, 9):
        return _EXPO_ASPECTS[1]
    return _EXPO_ASPECTS[2]


def _olympic_aspects(when: datetime.date) -> tuple[str, ...]:
    if when < datetime.date(2015, 7, 31):
        return _OLYMPIC_ASPECTS[0]
    if when < datetime.date(2022, 2, 4):
        return _OLYMPIC_ASPECTS[1]
    if when <= datetime.date(2022, 3, 13):
        return _OLYMPIC_ASPECTS[2]
    return _OLYMPIC_ASPECTS[3]


def _district_news(c: _Ctx) -> _Out:
    work = c.work()
    place = c.pick((*_DISTRICT_PLACES, *_TOWN_NAMES))
    kind = (0, 1, 1, 2, 3, 4, 5, 5, 5, 5)[c.rng.randrange(10)]
    agenda = c.sample(_DISTRICT_AGENDA, 3)
    verb = c.pick(_VERBS)
    if kind == 0:
        meeting = c.when.timetuple().tm_yday // 9 + 1
        title = f"区政府召开第{meeting}次常务会议"
        blocks = [
            _p(
                f"{c.date(0, 6)}，区政府召开第{meeting}次常务会议，"
                "传达学习市委、市政府有关会议精神，"
                f"研究{'、'.join(agenda)}等事项。"
            ),
            _p(f"会议审议了《延庆区{agenda[0]}》，指出要聚焦{work}，细化任务分工，确保措施落地。"),
            _p(f"会议研究了{agenda[1]}，要求各部门强化协同配合，{c.pick(_TASK_TAILS)}。"),
            _p(
                f"会议还研究了{agenda[2]}等事项。区政府领导班子成员出席会议，"
                "有关部门主要负责同志列席会议。"
            ),
        ]
    elif kind == 1:
        focus = c.pick(_VISIT_FOCUS)
        title = c.pick(
            (
                f"区领导到{place}调研{work}工作",
                f"区政府主要领导检查{place}{work}工作",
                f"区领导调研督导{place}{work}",
                f"区领导到{place}现场办公 协调解决{work}难题",
            )
        )
        blocks = [
            _p(
                f"{c.date(0, 6)}，区政府主要领导带队深入{place}，实地调研{work}推进情况，"
                "现场协调解决有关问题。"
            ),
            _p(f"在{place}，调研组详细了解了{focus}，要求有关单位{c.pick(_TASK_TAILS)}。"),
            _p(
                f"区领导强调，{work}事关全区发展大局，各部门、各乡镇要坚持高标准、严要求，"
                "以钉钉子精神抓好落实。"
            ),
        ]
    elif kind in (2, 3):
        if (kind == 2 and c.when.year <= 2020) or c.when < datetime.date(2015, 1, 1):
            event, aspect = _expo(c.when), c.pick(_expo_aspects(c.when))
            note = _EXPO_NOTE[0 if c.when < datetime.date(2019, 4, 29) else 1]
        else:
            event, aspect = _olympics(c.when), c.pick(_olympic_aspects(c.when))
            note = _OLYMPICS_NOTE[0 if c.when < datetime.date(2021, 1, 1) else 1]
        title = c.pick(
            (
                f"我区召开{event}{aspect}工作调度会",
                f"区领导检查{place}{event}{aspect}工作",
                f"延庆区{verb}{event}{aspect}",
                f"{place}{event}{aspect}工作{c.pick(_OUTCOMES)}",
                f"区政府专题研究{event}{aspect}工作",
            )
        )
        blocks = [
            _p(
                f"{c.date(0, 6)}，区政府召开{event}{aspect}专题会议，通报前期工作进展，"
                "部署下阶段重点任务。"
            ),
            _p(note),
            _p(
                f"会议要求，围绕{aspect}，{c.pick(_WORK_DEMANDS)}，统筹推进{work}，"
                "展示生态涵养区良好形象。"
            ),
        ]
    elif kind == 4:
        topic = f"{work}{c.pick(_PLAN_KINDS)}" if c.chance(0.7) else agenda[0]
        title = c.pick(
            (
                f"区政府召开专题会研究{topic}",
                f"区政府专题会议研究{topic}",
                f"区政府召开会议审议{topic}",
            )
        )
        agenda = [topic, *agenda[1:]]
        blocks = [
            _p(f"{c.date(0, 6)}，区政府召开专题会，研究{agenda[0]}有关工作。"),
            _p(
                f"会议听取了牵头部门关于{agenda[0]}起草情况的汇报，"
                f"与会同志结合{work}等工作提出了意见建议。"
            ),
            _p(f"会议要求，牵头部门要进一步修改完善，{c.pick(_TASK_TAILS)}。"),
        ]
    else:
        title = c.pick(
            (
                f"延庆区{verb}{work}",
                f"延庆区{work}现场推进会在{place}召开",
                f"延庆区召开{c.year}年{work}动员部署会",
                f"{work}专项行动在全区启动",
                f"我区{work}{c.pick(_OUTCOMES)}",
                f"{place}：{work}{c.pick(_OUTCOMES)}",
            )
        )
        blocks = _progress_body(c, work, "全区上下统一思想、压实责任，推动工作取得实效。")
    if len(blocks) < 4:
        blocks.append(_p(_fmt(c, c.pick(_NEXT), unit="全区各级各部门", work=work)))
    return title, "", blocks, "综合政务"


def _quoted(title: str) -> str:
    """《title》, with 《》 inside the title turned into 〈〉."""
    return "《" + title.replace("《", "〈").replace("》", "〉") + "》"


_BACKGROUNDS = _words(_PHRASE_DATA["backgrounds"])


def _interpret_blocks(
    c: _Ctx,
    title: str,
    doc: str,
    unit_name: str,
    subject: str | None = None,
    field: _Field | None = None,
) -> list[str]:
    work = subject or c.work()
    f = field or _field_for(unit_name, work) or _key_field(work) or c.field
    quoted = _quoted(title)
    ref = f"{quoted}（{doc}）" if doc else quoted
    k = c.rng.randint(8, 40)
    points = c.sample(
        (
            f"明确了{work}的适用对象和认定条件",
            "规范了申请、受理、审核、公示和决定的办理流程",
            "细化了各部门、各乡镇（街道）的职责分工",
            "规定了资金保障和监督管理措施",
            "建立了动态调整和绩效评价机制",
            "明确了违规行为的责任追究",
            "压缩了办理时限，精简了申请材料",
            f"将{c.pick(f.works)}纳入支持范围",
            f"衔接了{c.pick(f.works)}的相关要求",
        ),
        c.rng.randint(3, 5),
    )
    background = c.pick(_BACKGROUNDS).format(
        work=work,
        law=c.pick(f.laws or _GENERIC.laws),
        unit=unit_name,
        ref=quoted,
        place=c.place(),
        k=k,
        m2=c.rng.randint(1, k),
    )
    return [
        _p(f"{unit_name}制定印发了{ref}。为便于社会公众理解和执行，现就有关内容解读如下。"),
        _h3("一、起草背景"),
        _p(background),
        _h3("二、主要内容"),
        _p(f"{quoted}共{_cn_num(c.rng.randint(8, 30))}条，主要内容包括："),
        _list(points),
        _h3("三、适用范围"),
        _p(f"{ref}适用于{c.scope}内{work}相关工作，{_implementers(c)}按照职责分工组织实施。"),
        _h3("四、施行时间"),
        _p(f"{ref}自印发之日起施行。解读机关：{unit_name}；解读日期：{_cn_date(c.when)}。"),
    ]


def _implementers(c: _Ctx) -> str:
    if c.kind == "township":
        return "各村民委员会和镇属各单位"
    if c.kind == "street":
        return "各社区居民委员会和街道各科室"
    return "各乡镇人民政府、街道办事处和区有关部门"


def _col_interpretations(c: _Ctx) -> _Out:
    policy, subject, f = _normative_title(c)
    doc = _doc_number(c)
    title = _interpretation_title(policy, c.rng)
    return (
        title,
        "",
        _interpret_blocks(c, policy, doc, c.name, subject, f),
        f.topic if c.kind == "district" else _topic_of_policy(c, subject),
    )


def _interpretation_title(policy: str, rng: random.Random) -> str:
    if rng.random() < 0.7:
        return f"{_quoted(policy)}政策解读"
    return f"关于{_quoted(policy)}的解读"


_KEY_INTROS = _words(_PHRASE_DATA["key_intros"])
_KEY_QUESTIONS = tuple((qa["question"], qa["answer"]) for qa in _PHRASE_DATA["key_questions"])


def _col_key(c: _Ctx) -> _Out:
    subject = c.subject or "重点领域信息公开"
    f = _key_field(subject)
    sub = f.works if f is not None else (*c.works(), f"{subject}政策落实", f"{subject}信息公开")
    item = c.pick(sub)
    where = c.place()
    year = c.year
    slots = _vals(c, subject=subject, item=item, place=where, year=str(year), unit=c.short)
    intro = _p(c.pick(_KEY_INTROS).format(**slots))
    shape = c.rng.randrange(5)
    doc = ""
    if shape == 0:
        title = c.pick(
            (
                f"{c.short}{year}年{subject}工作情况",
                f"{c.short}扎实推进{subject}工作",
                f"{c.short}{subject}工作：{c.pick(_VERBS)}{item}",
                f"{where}{item}取得新进展",
                f"{where}{subject}工作取得新进展",
                f"{c.short}{subject}工作进展（第{c.batch}期）",
                f"{c.short}{year}年上半年{subject}工作总结"
                if c.when.month >= 7
                else f"{c.short}{year - 1}年{subject}工作总结",
            )
        )
        blocks = _progress_body(c, subject, f"{c.short}围绕{item}持续发力。")
        blocks.insert(1, intro)
    elif shape == 1:
        title = c.pick(
            (
                f"{c.short}关于{subject}相关信息的公示",
                f"{where}{item}情况公示",
                f"{c.short}{year}年{item}结果公示（第{c.batch}批）",
            )
        )
        rows = [
            [
                c.pick(c.places) if c.local else c.place(),
                item,
                c.pick(("已完成", "推进中", "已审核通过")),
                c.date(1, 60),
            ]
            for _ in range(c.rng.randint(3, 5))
        ]
        blocks = [
            intro,
            _p(f"现将{subject}领域{item}有关情况公示如下："),
            _table(["所在地（单位）", "事项", "办理情况", "办理日期"], rows),
            _p(
                f"公示期为5个工作日。对公示内容有异议的，请在公示期内向{c.short}反映，"
                f"联系电话010-69{slots['tel']}。"
            ),
        ]
    elif shape == 2:
        title = f"关于做好{year}年{subject}工作的通知"
        doc = _doc_number(c, office=c.chance(0.5))
        blocks = [
            _p(_recipients(c)),
            intro,
            _p(f"为做好{year}年{subject}工作，现就有关事项通知如下："),
            _list([f"抓好{x}，{c.pick(_TASK_TAILS)}" for x in c.sample(sub, 3)]),
            _p("".join(_measures(c, subject, 2))),
            _p(f"{c.name}　{_cn_date(c.when)}"),
        ]
    elif shape == 3:
        title = c.pick(
            (f"{subject}政策问答", f"{c.short}{subject}相关政策问答", f"{subject}领域常见问题解答")
        )
        qas = c.sample(_KEY_QUESTIONS, 3)
        blocks = [intro]
        for q, a in qas:
            blocks.append(_p(f"<strong>问：{q.format(**slots)}</strong>"))
            blocks.append(_p(f"答：{a.format(**slots)}"))
    else:
        title = c.pick(
            (
                f"{c.short}开展{subject}专项检查",
                f"{c.short}到{where}督导检查{subject}工作",
                f"{c.short}到{where}检查{item}情况",
                f"{subject}领域信息公开：{item}",
            )
        )
        blocks = [
            _p(
                f"{c.date(0, 7)}，{c.short}组织检查组到{where}，对{subject}工作开展专项检查，"
                f"重点检查{item}落实情况。"
            ),
            intro,
            _p("".join(_measures(c, subject, 2))),
            _p(_fmt(c, c.pick(_RESULTS), work=subject)),
        ]
    if c.chance(0.3) and shape in (0, 4):
        blocks.insert(
            2,
            _table(
                ["事项", "完成情况"],
                [[x, f"已完成{c.rng.randint(40, 100)}%"] for x in c.sample(sub, 3)],
            ),
        )
    topic = f.topic if f is not None else _topic_of_policy(c, subject)
    return title, doc, blocks, topic


_COLUMNS = {
    "system": _col_system,
    "functions": _col_functions,
    "regulations": _col_regulations,
    "normative": _col_normative,
    "other-documents": _col_other,
    "plans": _col_plans,
    "statistics": _col_statistics,
    "budget": _col_budget,
    "permits": _col_permits,
    "penalties": _col_penalties,
    "fees": _col_fees,
    "procurement": _col_procurement,
    "projects": _col_projects,
    "civil-service": _col_civil_service,
    "interpretations": _col_interpretations,
    "news": _col_news,
}


# --------------------------------------------------------------------------------------------
# Finishing: keep titles and bodies within their bounds.

_FILLERS = _words(_PHRASE_DATA["fillers"])


def _finish_title(title: str) -> str:
    title = title.strip().rstrip(_TRAILING)
    if len(title) > TITLE_MAX:
        title = title[:TITLE_MAX].rstrip(_TRAILING)
    return title


def _finish_body(c: _Ctx, blocks: list[str]) -> str:
    def paragraphs() -> int:
        return sum(1 for b in blocks if b.startswith("<p>"))

    # too many paragraphs: merge the surplus in the middle
    while paragraphs() > 8:
        idx = [i for i, b in enumerate(blocks) if b.startswith("<p>")]
        a, b = idx[-3], idx[-2]
        blocks[a] = blocks[a][:-4] + blocks[b][3:]
        del blocks[b]
    while paragraphs() < 3 or _cjk("".join(blocks)) < 150:
        filler = _fmt(c, c.pick(_FILLERS))
        if paragraphs() < 8:
            blocks.append(_p(filler))
        else:
            last = max(i for i, b in enumerate(blocks) if b.startswith("<p>"))
            blocks[last] = blocks[last][:-4] + filler + "</p>"
    while _cjk("".join(blocks)) > 1500 and paragraphs() > 3:
        idx = [i for i, b in enumerate(blocks) if b.startswith("<p>")]
        del blocks[idx[len(idx) // 2]]
    return "".join(blocks)


def generate(
    *,
    column: str,
    unit_name: str,
    unit_short: str,
    unit_kind: str,
    when: datetime.date,
    serial: int,
    rng: random.Random,
    subject: str | None = None,
) -> Generated:
    """One item of ``column`` published by the unit on ``when``."""
    c = _Ctx(
        column=column,
        unit_name=unit_name,
        unit_short=unit_short,
        unit_kind=unit_kind,
        when=when,
        serial=serial,
        rng=rng,
        subject=subject,
    )
    if column.startswith("key") or (subject and column not in _COLUMNS):
        if not c.subject:
            c.subject = "重点领域信息公开"
        title, doc, blocks, topic = _col_key(c)
    else:
        title, doc, blocks, topic = _COLUMNS.get(column, _col_news)(c)
    if topic not in TOPICS:
        topic = "其他"
    return Generated(
        title=_finish_title(title), doc_number=doc, body=_finish_body(c, blocks), topic=topic
    )


def interpretation(
    *,
    policy_title: str,
    policy_doc_number: str,
    unit_name: str,
    when: datetime.date,
    rng: random.Random,
) -> Generated:
    """The 政策解读 of a policy the unit drafted."""
    core = unit_name.removeprefix("北京市延庆区").removeprefix("北京市")
    short = ("区" + core if core and _kind_of(unit_name) == "department" else core) or unit_name
    c = _Ctx(
        column="interpretations",
        unit_name=unit_name,
        unit_short=short,
        unit_kind=_kind_of(unit_name),
        when=when,
        serial=1,
        rng=rng,
        subject=None,
    )
    policy = policy_title.strip()
    if policy.startswith("《") and policy.endswith("》"):
        policy = policy[1:-1]
    subject = _subject_of_policy(policy)
    title = _interpretation_title(policy, rng)
    blocks = _interpret_blocks(c, policy, policy_doc_number.strip(), unit_name, subject)
    return Generated(
        title=_finish_title(title),
        doc_number="",
        body=_finish_body(c, blocks),
        topic=_topic_of_policy(c, policy),
    )


def _kind_of(unit_name: str) -> str:
    if unit_name.endswith("区人民政府"):
        return "district"
    if unit_name.endswith(("镇人民政府", "乡人民政府")):
        return "township"
    if unit_name.endswith(("街道办事处", "街道")):
        return "street"
    return "department"


def _subject_of_policy(policy: str) -> str | None:
    """The subject inside a policy title: 北京市延庆区〈X〉管理办法 → X."""
    core = policy
    if "《" in core and "》" in core:
        core = core[core.index("《") + 1 : core.rindex("》")]
    for head in ("北京市延庆区人民政府", "北京市延庆区", "延庆区"):
        core = core.removeprefix(head)
    if "关于" in core:
        core = core.split("关于", 1)[1]
    tails = ("若干措施", "实施方案", "工作方案", "行动计划", "的通知", "的实施意见", "的意见")
    for tail in (*tails, *_NORMATIVE_SUFFIXES, "办法", "规定", "细则"):
        core = core.removesuffix(tail)
    core = core.removeprefix("印发")
    return core or None
