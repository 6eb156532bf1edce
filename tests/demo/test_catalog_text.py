"""The demo's generated titles and bodies (gongkai.demo.catalog_text): pure, no database."""

from __future__ import annotations

import datetime as dt
import random
import re
from collections import Counter
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.demo.catalog_text import TOPICS, Generated, generate, interpretation
from tests.conftest import examples

COLUMNS = (
    "system", "functions", "regulations", "normative", "other-documents", "plans",
    "statistics", "budget", "permits", "penalties", "fees", "procurement", "projects",
    "civil-service", "interpretations", "news", "key-01", "key-18", "key-38",
)  # fmt: skip
KEY_SUBJECTS = {"key-01": "权责清单", "key-18": "脱贫攻坚", "key-38": "冬奥会和世园会服务保障"}

# (full name, short name, kind): some of each kind of the demo district's units
UNITS = (
    ("北京市延庆区人民政府", "区政府", "district"),
    ("北京市延庆区卫生健康委员会", "区卫生健康委", "department"),
    ("北京市延庆区教育委员会", "区教委", "department"),
    ("北京市延庆区发展和改革委员会", "区发展改革委", "department"),
    ("北京市延庆区档案馆", "区档案馆", "department"),
    ("北京市延庆区某某服务中心", "区某某中心", "department"),
    ("北京市延庆区张山营镇人民政府", "张山营镇", "township"),
    ("北京市延庆区珍珠泉乡人民政府", "珍珠泉乡", "town"),
    ("北京市延庆区儒林街道办事处", "儒林街道", "street"),
    ("延庆区某协会", "某协会", "other"),
)
ALLOWED_TAGS = {"p", "h3", "ol", "ul", "li", "table", "thead", "tbody", "tr", "th", "td", "strong"}
DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")
DOC_YEAR = re.compile(r"〔(\d{4})〕\d+号$")


class _Checker(HTMLParser):
    """Records tags outside ALLOWED_TAGS and nesting errors; collects the text."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.paragraphs = 0
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in ALLOWED_TAGS:
            self.errors.append(f"tag {tag}")
        if attrs:
            self.errors.append(f"attributes on {tag}")
        if tag == "p":
            self.paragraphs += 1
        self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"unbalanced </{tag}>")
        else:
            self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)


def _parse(body: str) -> _Checker:
    checker = _Checker()
    checker.feed(body)
    checker.close()
    return checker


def _cjk(text: str) -> int:
    return sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")


def _make(column, unit, when=dt.date(2019, 6, 12), serial=7, seed=1, subject=None):
    name, short, kind = unit
    if subject is None and column.startswith("key"):
        subject = KEY_SUBJECTS.get(column, "住房保障")
    return generate(
        column=column,
        unit_name=name,
        unit_short=short,
        unit_kind=kind,
        when=when,
        serial=serial,
        rng=random.Random(seed),
        subject=subject,
    )


def _check(item: Generated, when: dt.date) -> None:
    assert item.title
    assert len(item.title) <= 120
    assert item.title[-1] not in "。，、；：！？.,;:!? "
    assert item.topic in TOPICS
    if item.doc_number:
        match = DOC_YEAR.search(item.doc_number)
        assert match, item.doc_number
        assert int(match.group(1)) == when.year
    parsed = _parse(item.body)
    assert not parsed.errors, parsed.errors
    assert not parsed.stack, parsed.stack
    assert 3 <= parsed.paragraphs <= 8
    assert 150 <= _cjk("".join(parsed.text)) <= 1500
    for year, month, day in DATE.findall(item.title + item.body):
        assert dt.date(int(year), int(month), int(day)) <= when, (year, month, day, item.body)
    sentences = [s for s in re.split(r"[。；]", "".join(parsed.text)) if len(s) > 12]
    assert max(Counter(sentences).values(), default=0) <= 1


def test_the_same_arguments_and_rng_state_give_the_same_item():
    for column in COLUMNS:
        for unit in UNITS:
            assert _make(column, unit) == _make(column, unit)
    assert _make("news", UNITS[1], seed=1) != _make("news", UNITS[1], seed=2)


@pytest.mark.parametrize("column", COLUMNS)
@pytest.mark.parametrize("unit", UNITS, ids=lambda u: u[2] + "-" + u[1])
def test_every_column_and_unit_kind_gives_a_valid_item(column, unit):
    for seed in range(8):
        when = dt.date(2019, 1, 1) + dt.timedelta(days=seed * 45)
        _check(_make(column, unit, when=when, serial=seed * 37 + 1, seed=seed), when)


def test_an_unknown_column_code_still_gives_a_valid_item():
    _check(_make("annual-reports", UNITS[1]), dt.date(2019, 6, 12))


@pytest.mark.parametrize(
    "subject",
    ["住房保障", "征地拆迁", "生态环境保护", "安全生产", "医疗卫生", "教育", "社会救助",
     "养老服务", "公共文化", "冬奥会和世园会服务保障", "双随机一公开", "优化营商环境",
     "数字乡村试点"],
)  # fmt: skip
def test_key_area_text_mentions_its_subject(subject):
    for seed, unit in enumerate(UNITS):
        item = _make("key-07", unit, seed=seed, subject=subject)
        assert subject in item.body
        _check(item, dt.date(2019, 6, 12))


def test_interpretation_mentions_the_policy_title_and_doc_number():
    when = dt.date(2019, 9, 3)
    for seed in range(20):
        item = interpretation(
            policy_title="北京市延庆区农业保险保费补贴管理办法",
            policy_doc_number="延政发〔2019〕12号",
            unit_name="北京市延庆区农业农村局",
            when=when,
            rng=random.Random(seed),
        )
        assert "《北京市延庆区农业保险保费补贴管理办法》" in item.title
        assert "解读" in item.title
        assert "延政发〔2019〕12号" in item.body
        for heading in ("一、起草背景", "二、主要内容", "三、适用范围", "四、施行时间"):
            assert heading in item.body
        _check(item, when)


def test_an_interpretation_of_a_notice_nests_its_title_marks():
    when = dt.date(2019, 4, 2)
    item = interpretation(
        policy_title="北京市延庆区人民政府关于印发《延庆区促进乡村民宿发展若干措施》的通知",
        policy_doc_number="延政发〔2019〕3号",
        unit_name="北京市延庆区文化和旅游局",
        when=when,
        rng=random.Random(3),
    )
    assert "〈延庆区促进乡村民宿发展若干措施〉" in item.title
    assert "延政发〔2019〕3号" in item.body
    _check(item, when)
    long = interpretation(
        policy_title="北京市延庆区" + "关于进一步加强和改进农村人居环境整治工作" * 6 + "的实施意见",
        policy_doc_number="",
        unit_name="北京市延庆区康庄镇人民政府",
        when=when,
        rng=random.Random(4),
    )
    _check(long, when)


def test_an_interpretation_without_a_policy_invents_one():
    item = _make("interpretations", UNITS[3])
    assert "解读" in item.title
    assert "《" in item.title
    assert "一、起草背景" in item.body


def test_normative_documents_are_numbered_articles_with_a_doc_number():
    district = _make("normative", UNITS[0], serial=12)
    assert district.title.startswith("北京市延庆区")
    assert re.fullmatch(r"延政(办)?发〔2019〕12号", district.doc_number)
    assert "第一条" in district.body
    assert "起施行" in district.body
    department = _make("normative", UNITS[3], serial=3)
    assert department.doc_number.startswith("延发改")
    assert department.title.endswith(("办法", "细则", "规定"))


def test_doc_numbers_use_the_serial_and_the_year():
    for serial in (1, 5, 40):
        item = _make("regulations", UNITS[0], serial=serial, when=dt.date(2018, 3, 1))
        assert item.doc_number.endswith(f"〔2018〕{serial}号")
        assert item.doc_number.startswith(("延政发", "延政办发"))


def test_towns_and_streets_number_their_own_documents():
    town = _make("regulations", UNITS[6], serial=9)
    assert re.fullmatch(r"张山营政(办)?发〔2019〕9号", town.doc_number)
    street = _make("regulations", UNITS[8], serial=9)
    assert re.fullmatch(r"儒林办发〔2019〕9号", street.doc_number)


def test_a_town_writes_about_its_villages_and_a_street_about_its_communities():
    town = [_make("permits", UNITS[6], seed=s) for s in range(10)]
    assert all("村" in item.title + item.body for item in town)
    street = [_make("news", UNITS[8], seed=s) for s in range(30)]
    assert sum("社区" in item.body for item in street) >= 15


def test_departments_write_about_their_own_field():
    health = " ".join(_make("news", UNITS[1], seed=s).body for s in range(20))
    assert any(word in health for word in ("医", "卫生", "疾控", "健康"))
    schools = " ".join(_make("permits", UNITS[2], seed=s).body for s in range(10))
    assert any(word in schools for word in ("学校", "教师", "培训机构"))


def test_department_news_titles_are_varied():
    rng = random.Random(11)
    titles = {
        generate(
            column="news",
            unit_name="北京市延庆区卫生健康委员会",
            unit_short="区卫生健康委",
            unit_kind="department",
            when=dt.date(2019, 1, 2) + dt.timedelta(days=i % 360),
            serial=i,
            rng=rng,
        ).title
        for i in range(2000)
    }
    assert len(titles) >= 1800


def test_town_permit_titles_are_varied():
    rng = random.Random(12)
    titles = {
        generate(
            column="permits",
            unit_name="北京市延庆区康庄镇人民政府",
            unit_short="康庄镇",
            unit_kind="township",
            when=dt.date(2019, 1, 2) + dt.timedelta(days=i % 360),
            serial=i,
            rng=rng,
        ).title
        for i in range(2000)
    }
    assert len(titles) >= 1600


def test_bodies_are_not_dominated_by_one_sentence():
    rng = random.Random(13)
    counts: Counter[str] = Counter()
    total = 400
    for i in range(total):
        name, short, kind = UNITS[i % len(UNITS)]
        item = generate(
            column="news",
            unit_name=name,
            unit_short=short,
            unit_kind=kind,
            when=dt.date(2019, 5, 1),
            serial=i,
            rng=rng,
        )
        text = "".join(_parse(item.body).text)
        counts.update({s for s in re.split(r"[。；]", text) if len(s) > 12})
    assert counts.most_common(1)[0][1] < total * 0.2


@settings(max_examples=examples(60), deadline=None)
@given(
    when=st.dates(min_value=dt.date(2015, 1, 1), max_value=dt.date(2026, 12, 31)),
    serial=st.integers(min_value=0, max_value=20_000),
    column=st.sampled_from(COLUMNS),
    unit=st.sampled_from(UNITS),
    seed=st.integers(min_value=0, max_value=2**32),
)
def test_any_date_and_serial_give_a_valid_item(when, serial, column, unit, seed):
    _check(_make(column, unit, when=when, serial=serial, seed=seed), when)
