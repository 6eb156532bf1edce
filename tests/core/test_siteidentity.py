"""The forms of a government website's identifying numbers (gongkai.core.siteidentity)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.core import siteidentity
from gongkai.core.siteidentity import SiteIdentity, problems
from tests.conftest import examples


@pytest.mark.parametrize("code", ["1101190001", "1304000009", "bm01000001", ""])
def test_a_site_id_code_of_ten_characters_is_accepted(code):
    assert siteidentity.id_code_problem(code) is None


@pytest.mark.parametrize(
    "code", ["110119", "11011900011", "0101190001", "BM01000001", "bm0100000", "11011９0001", " "]
)
def test_any_other_site_id_code_is_refused_in_chinese(code):
    assert "网站标识码应为10位" in (siteidentity.id_code_problem(code) or "")


@given(st.text(max_size=14))
@settings(max_examples=examples(300))
def test_a_site_id_code_is_accepted_exactly_when_it_has_one_of_the_two_forms(code):
    local = len(code) == 10 and code.isascii() and code.isdigit() and code[0] != "0"
    department = len(code) == 10 and code[:2] == "bm" and code[2:].isascii() and code[2:].isdigit()
    assert (siteidentity.id_code_problem(code) is None) == (local or department or code == "")


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        ("京ICP备05060933号", True),
        ("京ICP备05060933号-1", True),
        ("粤ICP备2021012345号", True),
        ("京ICP备0506号", False),
        ("ICP备05060933号", False),
        ("港ICP备05060933号", False),
        ("京ICP证05060933号", False),
    ],
)
def test_icp_numbers(value, ok):
    assert (siteidentity.icp_problem(value) is None) is ok


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        ("京公网安备 11011902000001号", True),
        ("京公网安备11011902000001号", True),
        ("京公网安备 1101190200000号", False),
        ("京公网安备 11011902000001", False),
        ("公网安备 11011902000001号", False),
    ],
)
def test_psb_numbers(value, ok):
    assert (siteidentity.psb_problem(value) is None) is ok


def test_the_psb_lookup_takes_the_fourteen_digits():
    identity = SiteIdentity(psb="京公网安备 11011902000001号", icp="京ICP备05060933号")
    assert identity.psb_code == "11011902000001"
    assert identity.psb_url.endswith("code=11011902000001")
    assert identity.icp_url == siteidentity.ICP_LOOKUP
    assert SiteIdentity().psb_url == ""
    assert SiteIdentity().icp_url == ""


def test_an_empty_identity_is_valid_and_each_bad_fact_is_named():
    assert problems(SiteIdentity()) == []
    bad = SiteIdentity(
        domain="http://www.bjyq.gov.cn/",
        phone="010-6917x",
        email="not-an-address",
        party_mark=True,
        sponsor="<script>",
    )
    assert [name for name, _ in problems(bad)] == [
        "domain",
        "sponsor",
        "phone",
        "email",
        "party_mark_url",
    ]
    assert "须填写其链接" in problems(bad)[-1][1]
