"""Identity document numbers: the 18-digit resident ID number of GB 11643-1999. Pure."""

from __future__ import annotations

import datetime as dt

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"


def resident_id_check_char(first17: str) -> str:
    total = sum(int(c) * w for c, w in zip(first17, _WEIGHTS, strict=True))
    return _CHECK[total % 11]


def resident_id_problem(number: str, *, today: dt.date | None = None) -> str | None:
    """Why ``number`` is not a valid 居民身份证号码, in Chinese, or None when it is."""
    if len(number) != 18:
        return "居民身份证号码应为18位"
    # ASCII only: "²".isdigit() is true, but int() cannot read it ("٣" it reads as 3)
    if not number.isascii() or not number[:17].isdigit() or number[17] not in "0123456789Xx":
        return "居民身份证号码前17位应为数字，最后一位为数字或X"
    try:
        born = dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return "居民身份证号码中的出生日期不正确"
    if born.year < 1900 or (today is not None and born > today):
        return "居民身份证号码中的出生日期不正确"
    if resident_id_check_char(number[:17]) != number[17].upper():
        return "居民身份证号码校验位不正确，请核对"
    return None


def mask(value: str, *, keep_start: int = 3, keep_end: int = 2) -> str:
    """``110102********1234``-style masking for lists and exports."""
    if len(value) <= keep_start + keep_end:
        return "*" * len(value)
    return value[:keep_start] + "*" * (len(value) - keep_start - keep_end) + value[-keep_end:]
