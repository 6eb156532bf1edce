"""What a published question hides of its asker, pure: a property test over names, ID numbers
and telephone numbers written anywhere in the question and the reply."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.core.idnumbers import resident_id_check_char
from gongkai.questions.redaction import masked_name, redact
from tests.conftest import examples

# Name characters that appear in no template of the portal (the page test reuses them).
NAME_CHARS = "甄戬罡鄢蔺雒阚琰翀璩"
names = st.text(alphabet=NAME_CHARS, min_size=2, max_size=4)
mobiles = st.from_regex(r"1[3-9]\d{9}", fullmatch=True)
landlines = st.from_regex(r"0\d{2,3}-\d{7,8}", fullmatch=True)
phones = st.one_of(mobiles, landlines)


@st.composite
def id_numbers(draw: st.DrawFn) -> str:
    pattern = r"[1-6]\d{5}(19[5-9]\d|200\d)(0[1-9]|1[0-2])(0[1-9]|1\d|2[0-8])\d{3}"
    first = draw(st.from_regex(pattern, fullmatch=True))
    return first + resident_id_check_char(first)


filler = st.text(alphabet="我想咨询关于办事流程的问题，请联系：电话号码身份证 ", max_size=30)


@st.composite
def questions(draw: st.DrawFn) -> tuple[str, str, str, str]:
    name, phone, id_number = draw(names), draw(phones), draw(id_numbers())
    parts = [name, phone, id_number, phone.replace("-", ""), f"{name}{phone}"]
    text = "".join(draw(filler) + p for p in draw(st.permutations(parts))) + draw(filler)
    return name, phone, id_number, text


@given(questions())
@settings(max_examples=examples(200))
def test_no_name_id_number_or_phone_survives(case):
    name, phone, id_number, text = case
    out = redact(text, name=name, phone=phone)
    for secret in (name, phone, id_number, phone.replace("-", "")):
        assert secret not in out
    assert masked_name(name) != name
    assert name not in masked_name(name)


def test_the_asker_is_named_by_surname_and_a_mask():
    assert masked_name("张三") == "张*"
    assert masked_name("欧阳修文") == "欧***"
    assert masked_name("") == "网友"


def test_numbers_and_addresses_that_look_like_someones_are_hidden():
    out = redact("请回电 138 0013 8000 或写信 a.b@example.cn，身份证11010519491231002X。谢谢")
    assert "138" not in out
    assert "example" not in out
    assert "1101051949" not in out
    assert out.endswith("。谢谢")


def test_short_numbers_stay():
    assert redact("2025年第3号文件，共12页") == "2025年第3号文件，共12页"
