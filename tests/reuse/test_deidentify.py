"""Personal data taken out of the register's texts."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.core.idnumbers import resident_id_check_char
from gongkai.reuse.deidentify import deidentify
from tests.conftest import examples

SURNAMES = "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜欧阳司马"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国红梅"
names = st.builds(
    lambda s, g: s + g,
    st.text(alphabet=SURNAMES, min_size=1, max_size=2),
    st.text(alphabet=GIVEN, min_size=1, max_size=2),
)
id_numbers = st.from_regex(
    r"\A[1-6]\d{5}(19|20)\d{2}(0[1-9]|1[0-2])(0[1-9]|1\d|2[0-8])\d{3}\Z"
).map(lambda first17: first17 + resident_id_check_char(first17))
phones = st.one_of(st.from_regex(r"\A1[3-9]\d{9}\Z"), st.from_regex(r"\A0\d{2,3}-\d{7,8}\Z"))
filler = st.text(alphabet="申请公开延庆镇征地补偿标准的文件，联系人：电话号码身份证", max_size=20)


def test_it_takes_out_the_applicants_data_and_keeps_the_request():
    text = (
        "本人张三（身份证号11010519491231002X，电话13800000000，住北京市延庆区高塔街1号）"
        "申请公开延庆镇2024年征地补偿标准。邮箱zhang@example.cn"
    )
    out = deidentify(
        text,
        names=["张三"],
        id_numbers=["11010519491231002X"],
        phones=["13800000000"],
        addresses=["北京市延庆区高塔街1号"],
    )
    for private in ("张三", "11010519491231002X", "13800000000", "高塔街", "zhang@example.cn"):
        assert private not in out
    assert "申请公开延庆镇2024年征地补偿标准" in out
    assert "110105********002X" in out


def test_it_masks_numbers_that_are_not_the_applicants_too():
    out = deidentify("第三人王五，身份证110105194912310021，手机13912345678，座机010-69101234")
    assert "110105194912310021" not in out
    assert "13912345678" not in out
    assert "69101234" not in out


@settings(max_examples=examples(100))
@given(names, id_numbers, phones, filler, filler)
def test_no_name_id_number_or_phone_survives(name, id_number, phone, before, after):
    text = f"{before}{name}{id_number}{after}{phone}{name}，{before}{phone}{after}"
    out = deidentify(text, names=[name], id_numbers=[id_number], phones=[phone])
    assert name not in out
    assert id_number not in out
    assert id_number.lower() not in out
    assert phone not in out
    assert phone.replace("-", "") not in out
