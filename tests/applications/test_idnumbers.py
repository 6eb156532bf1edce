"""Resident ID numbers (GB 11643) and masking."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.core.idnumbers import mask, resident_id_check_char, resident_id_problem


@pytest.mark.parametrize(
    "number", ["11010519491231002X", "11010519491231002x", "110229198002280014"]
)
def test_valid_numbers(number):
    assert resident_id_problem(number) is None


@pytest.mark.parametrize(
    ("number", "problem"),
    [
        ("110105194912310021", "校验位不正确"),
        ("11010519491231002", "应为18位"),
        ("1101051949123100XX", "前17位应为数字"),
        ("110105194913310028", "出生日期不正确"),
    ],
)
def test_invalid_numbers(number, problem):
    assert problem in (resident_id_problem(number) or "")


def test_the_check_digit_of_the_standards_example():
    # GB 11643-1999's worked example (born 1880: refused as a birth date, valid as a checksum).
    assert resident_id_check_char("44052418800101001") == "4"


def test_a_birth_date_in_the_future_is_refused():
    body = "11010520991231002"
    number = body + resident_id_check_char(body)
    assert resident_id_problem(number, today=dt.date(2026, 1, 1)) is not None


@given(
    st.dates(dt.date(1900, 1, 1), dt.date(2020, 12, 31)),
    st.integers(0, 999),
    st.integers(0, 16),
    st.integers(1, 9),
)
def test_any_single_digit_change_is_caught(born, serial, position, delta):
    body = f"110229{born:%Y%m%d}{serial:03d}"
    number = body + resident_id_check_char(body)
    assert resident_id_problem(number) is None
    digit = (int(number[position]) + delta) % 10
    changed = number[:position] + str(digit) + number[position + 1 :]
    assert resident_id_problem(changed) is not None


def test_masking():
    assert mask("11010519491231002X") == "110*************2X"
    assert mask("1234") == "****"
