"""What the public reads of a text about a person (core/publictext.py): a published question and
its reply, a published comment, the register of concluded applications. Property tests over
names, ID numbers, telephones and e-mail addresses written anywhere, in full width and with
separators; and over ordinary text, which comes out as it went in.

The strategies are shared with the end-to-end tests of the apps (tests/questions,
tests/reuse), which render the published pages and check the same."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.core.idnumbers import resident_id_check_char
from gongkai.core.publictext import (
    ADDRESS_HIDDEN,
    EMAIL_HIDDEN,
    MARKS,
    NAME_HIDDEN,
    NUMBER_HIDDEN,
    masked_name,
    reading,
    redact,
)
from tests.conftest import examples

# --- the people -------------------------------------------------------------------------------
# Name characters that appear in no template of the portal (the questions' page test uses them).
RARE = "甄戬罡鄢蔺雒阚琰翀璩"
rare_names = st.text(alphabet=RARE, min_size=2, max_size=4)
SURNAMES = "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜欧阳司马"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国红梅"
names = st.builds(
    lambda s, g: s + g,
    st.text(alphabet=SURNAMES, min_size=1, max_size=2),
    st.text(alphabet=GIVEN, min_size=1, max_size=2),
)
commenter_names = st.text(
    alphabet="张王李赵刘陈杨黄周吴伟芳娜敏静丽强磊军洋", min_size=2, max_size=4
)
CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)
cjk_names = st.text(alphabet=CJK, min_size=2, max_size=4)
id_numbers = st.from_regex(
    r"[1-6]\d{5}(19[5-9]\d|20[01]\d)(0[1-9]|1[0-2])(0[1-9]|1\d|2[0-8])\d{3}", fullmatch=True
).map(lambda first17: first17 + resident_id_check_char(first17))
mobiles = st.from_regex(r"1[3-9]\d{9}", fullmatch=True)
landlines = st.from_regex(r"0\d{2,3}-\d{7,8}", fullmatch=True)
phones = st.one_of(mobiles, landlines)
emails = st.from_regex(r"[a-z][a-z0-9._]{0,10}@[a-z0-9]{1,10}\.(cn|com|org\.cn)", fullmatch=True)

SEPARATORS = (" ", "-", ".", "－", "—", "\u3000", "  ", " - ")


def full_width(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


@st.composite
def written(draw: st.DrawFn, value: str, groups: tuple[int, ...] = ()) -> str:
    """``value`` as someone may type it: cut into ``groups`` with a separator, in full width."""
    if groups and draw(st.booleans()):
        plain = value.replace("-", "")
        sep = draw(st.sampled_from(SEPARATORS))
        cuts, start = [], 0
        for size in groups:
            cuts.append(plain[start : start + size])
            start += size
        cuts.append(plain[start:])
        value = sep.join(c for c in cuts if c)
    if draw(st.booleans()):
        value = value.swapcase() if value[-1:] in "xX" and draw(st.booleans()) else value
    return full_width(value) if draw(st.booleans()) else value


def absent(secret: str, out: str) -> bool:
    """Neither ``secret`` nor its full-width or other-case form is in ``out``."""
    return secret.casefold() not in reading(out).casefold()


# --- the property: nothing of the person is left ----------------------------------------------
@st.composite
def texts(draw: st.DrawFn, filler: st.SearchStrategy[str]) -> tuple[dict[str, str], str]:
    person = {
        "name": draw(cjk_names),
        "id_number": draw(id_numbers),
        "phone": draw(phones),
        "email": draw(emails),
    }
    parts = [
        person["name"],
        draw(written(person["id_number"], (6, 8))),
        draw(written(person["phone"], (3, 4))),
        draw(written(person["email"])),
        draw(written(person["phone"])),
        person["name"] + draw(written(person["id_number"])),
    ]
    text = "".join(draw(filler) + p for p in draw(st.permutations(parts))) + draw(filler)
    return person, text


@given(texts(st.text(max_size=20)))
@settings(max_examples=examples(300))
def test_no_given_name_id_number_phone_or_email_survives_anywhere(case):
    person, text = case
    out = redact(
        text,
        names=[person["name"]],
        id_numbers=[person["id_number"]],
        phones=[person["phone"]],
        emails=[person["email"]],
    )
    phone_digits = person["phone"].replace("-", "")
    for secret in (*person.values(), phone_digits):
        assert absent(secret, out), (secret, out)
    assert redact(out, names=[person["name"]], phones=[person["phone"]]) == out


@given(
    texts(st.text(alphabet=st.one_of(CJK, st.sampled_from("，。：；、（）《》 \n")), max_size=20))
)
@settings(max_examples=examples(300))
def test_no_id_number_phone_or_email_survives_even_when_not_given(case):
    person, text = case
    out = redact(text)
    for secret in (person["id_number"], person["phone"], person["email"]):
        assert absent(secret, out), (secret, out)
    assert absent(person["phone"].replace("-", ""), out)
    assert redact(out) == out


# --- the property: ordinary text comes out as it went in --------------------------------------
UNITS = "年月日号件条项个页人次份"
ORDINARY = (
    "2019年", "第十五条", "3件", "第12条", "第１２条", "２０２５年", "2019-06-25起", "2019.6.25前",
    "2021-2025年", "京政发〔2019〕12号", "GB/T 9704-2012规定", "PDF", "Word文档", "（一）",
    "国务院令第711号", "《条例》第四十四条", "12.5%", "9:30至17:00办公",
)  # fmt: skip
pieces = st.one_of(
    st.sampled_from(ORDINARY),
    st.builds(lambda n, u: f"{n}{u}", st.integers(0, 999_999), st.sampled_from(UNITS)),
    st.text(alphabet=CJK.filter(lambda c: c not in RARE), min_size=1, max_size=8),
    st.sampled_from("，。、；：？！（）“”《》〔〕 \n"),
)
ordinary = st.lists(pieces, max_size=20).map("".join)


@given(ordinary, rare_names, mobiles, id_numbers, emails)
@settings(max_examples=examples(300))
def test_ordinary_text_comes_out_unchanged(text, name, phone, id_number, email):
    assert redact(text) == text
    given = redact(text, names=[name], phones=[phone], id_numbers=[id_number], emails=[email])
    assert given == text


# --- the rules, case by case ------------------------------------------------------------------
def test_the_marks_are_readable_and_one_for_each_kind():
    text = (
        "本人张三（身份证号11010519491231002x，电话13800000000，住北京市延庆区高塔街1号），"
        "邮箱zhang@example.cn"
    )
    out = redact(text, names=["张三"], addresses=["北京市延庆区高塔街1号"])
    assert out == (
        f"本人{NAME_HIDDEN}（身份证号{NUMBER_HIDDEN}，电话{NUMBER_HIDDEN}，住{ADDRESS_HIDDEN}），"
        f"邮箱{EMAIL_HIDDEN}"
    )
    assert all(m.startswith("〔") and m.endswith("已隐去〕") for m in MARKS)


def test_dates_spans_of_years_and_short_numbers_stay():
    for text in (
        "2025年第3号文件，共12页",
        "建议2019-06-25前公开，2019.6.25起施行",
        "《2021-2025年规划》与2021—2025年",
        "依照GB/T 9704-2012排版",
        "第１２条",  # full width kept as written
    ):
        assert redact(text) == text
    assert redact("2025-2021") == NUMBER_HIDDEN  # no span of years: a number
    assert redact("2019-06-2512") == NUMBER_HIDDEN  # a date with digits after it: a number


def test_numbers_and_addresses_that_look_like_someones_are_hidden():
    out = redact("请回电 138 0013 8000 或写信 a.b@example.cn，身份证11010519491231002X。谢谢")
    assert out == f"请回电 {NUMBER_HIDDEN} 或写信 {EMAIL_HIDDEN}，身份证{NUMBER_HIDDEN}。谢谢"
    out = redact("第三人王五，身份证110105194912310021，手机13912345678，座机010-69101234")
    for number in ("110105194912310021", "13912345678", "69101234"):
        assert number not in out
    assert redact("统一社会信用代码91110229MA01ABCD2X。") == f"统一社会信用代码{NUMBER_HIDDEN}。"
    assert redact("１３８１２３４５６７８") == NUMBER_HIDDEN
    assert redact("ａ．ｂ＠ｅｘａｍｐｌｅ．ｃｎ") == EMAIL_HIDDEN


def test_a_given_phone_is_found_written_with_other_separators():
    out = redact("电话138，0013，8000；(010) 6910/1234", phones=["13800138000", "010-69101234"])
    assert out == f"电话{NUMBER_HIDDEN}；({NUMBER_HIDDEN}"
    assert redact("电话138，0013，8000") == "电话138，0013，8000"  # not given: too loose a shape


def test_the_published_text_keeps_the_rest():
    text = redact("我是张三，电话13812345678，建议2019-06-25前公开。", names=["张三"])
    assert text == f"我是{NAME_HIDDEN}，电话{NUMBER_HIDDEN}，建议2019-06-25前公开。"
    assert redact("第12条", names=[""], contacts=[""]) == "第12条"


def test_it_takes_out_the_applicants_data_and_keeps_the_request():
    text = (
        "本人张三（身份证号11010519491231002X，电话13800000000，住北京市延庆区高塔街1号）"
        "申请公开延庆镇2024年征地补偿标准。邮箱zhang@example.cn"
    )
    out = redact(
        text,
        names=["张三"],
        id_numbers=["11010519491231002X"],
        phones=["13800000000"],
        addresses=["北京市延庆区高塔街1号"],
    )
    for private in ("张三", "11010519491231002X", "13800000000", "高塔街", "zhang@example.cn"):
        assert private not in out
    assert "申请公开延庆镇2024年征地补偿标准" in out
    assert f"住{ADDRESS_HIDDEN}）" in out  # the address with the name-like words inside it


def test_the_longest_value_goes_first():
    out = redact("寄至张三路1号张三收", names=["张三"], addresses=["张三路1号"])
    assert out == f"寄至{ADDRESS_HIDDEN}{NAME_HIDDEN}收"


def test_values_are_found_in_any_case_width_and_spacing():
    out = redact("身份证11010519491231002x，张 三，ZHANG@EXAMPLE.CN", names=["张三"],
                 id_numbers=["11010519491231002X"], emails=["zhang@example.cn"])  # fmt: skip
    assert out == f"身份证{NUMBER_HIDDEN}，{NAME_HIDDEN}，{EMAIL_HIDDEN}"
    assert redact("张三", names=["张\u3000三"]) == NAME_HIDDEN


def test_a_contact_is_an_email_address_or_a_number():
    assert (
        redact("写信给我：我@例子.中国", contacts=["我@例子.中国"]) == f"写信给我：{EMAIL_HIDDEN}"
    )
    assert redact("加微信 zhangsan88", contacts=["zhangsan88"]) == f"加微信 {NUMBER_HIDDEN}"
    assert redact("暂无联系方式", contacts=["暂无"]) == "暂无联系方式"  # too short to be one


def test_one_character_names_are_not_hidden_two_are_everywhere():
    assert redact("一张表", names=["张"]) == "一张表"
    assert redact("王伟大", names=["王伟"]) == f"{NAME_HIDDEN}大"
    assert redact("Li uses Linux", names=["Li"]) == f"{NAME_HIDDEN} uses Linux"


def test_a_mark_never_completes_a_value():
    # a value a mark spells: the text is cleaned without marks, nothing left of either
    out = redact("姓名：张三，电话13800138000", names=["姓名", "张三"])
    assert out == "：，电话"
    # a value left standing once another is taken out is taken out too
    assert redact("张已隐三", names=["已隐", "张三"]) == ""
    assert redact("张张三三", names=["张三"]) == f"张{NAME_HIDDEN}三"
    for name in ("已隐", "隐去", "〔姓名"):
        assert name not in redact(f"{name}说：{name}好", names=[name])


asker_filler = st.text(alphabet="我想咨询关于办事流程的问题，请联系：电话号码身份证 ", max_size=30)


@st.composite
def questions(draw: st.DrawFn) -> tuple[str, str, str, str]:
    name, phone, id_number = draw(rare_names), draw(phones), draw(id_numbers)
    parts = [name, phone, id_number, phone.replace("-", ""), f"{name}{phone}"]
    text = "".join(draw(asker_filler) + p for p in draw(st.permutations(parts)))
    return name, phone, id_number, text + draw(asker_filler)


@given(questions())
@settings(max_examples=examples(200))
def test_no_name_id_number_or_phone_of_an_asker_survives(case):
    name, phone, id_number, text = case
    out = redact(text, names=[name], phones=[phone])
    for secret in (name, phone, id_number, phone.replace("-", "")):
        assert secret not in out


@given(
    commenter_names,
    id_numbers,
    mobiles,
    st.lists(
        st.tuples(
            st.text(
                alphabet="我建议草案第一二条修改为停车费用应当公开，。 -0123456789", max_size=30
            ),
            st.sampled_from("NIPS"),
        ),
        max_size=6,
    ),
)
@settings(max_examples=examples(300))
def test_no_published_comment_contains_the_commenters_name_id_number_or_phone(
    name, id_number, phone, parts
):
    spaced = f"{phone[:3]} {phone[3:7]}-{phone[7:]}"
    secret = {"N": name, "I": id_number, "P": phone, "S": spaced}
    body = "".join(text + secret[kind] for text, kind in parts)
    published = redact(body, names=[name], contacts=[phone])
    assert name not in published
    assert id_number not in published
    assert id_number[:17] not in published
    assert phone not in published
    assert redact(published, names=[name], contacts=[phone]) == published


applicant_filler = st.text(
    alphabet="申请公开延庆镇征地补偿标准的文件，联系人：电话号码身份证", max_size=20
)


@settings(max_examples=examples(100))
@given(names, id_numbers, phones, applicant_filler, applicant_filler)
def test_no_name_id_number_or_phone_of_an_applicant_survives(name, id_number, phone, before, after):
    text = f"{before}{name}{id_number}{after}{phone}{name}，{before}{phone}{after}"
    out = redact(text, names=[name], id_numbers=[id_number], phones=[phone])
    assert name not in out
    assert id_number not in out
    assert id_number.lower() not in out
    assert phone not in out
    assert phone.replace("-", "") not in out


def test_the_writer_is_named_by_surname_and_a_mask():
    assert masked_name("张三") == "张*"
    assert masked_name("欧阳修文") == "欧***"
    assert masked_name("") == "网友"
    assert masked_name("张") == "*"


@given(cjk_names)
@settings(max_examples=examples(50))
def test_a_masked_name_never_shows_the_name(name):
    assert masked_name(name) != name
    assert name not in masked_name(name)
    assert re.fullmatch(r".\*+", masked_name(name))
