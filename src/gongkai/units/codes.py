"""统一社会信用代码 (unified social credit code, GB 32100-2015) and the organization code inside
it (GB 11714-1997): validation and, for the demo district, generation. Pure: no ORM, no settings.
"""

from __future__ import annotations

# GB 32100-2015: the 31 characters allowed (no I, O, S, V, Z), in value order.
USCC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)

# 登记管理部门码 1 = 机构编制; 机构类别码 1 = 机关, 2 = 事业单位, 3 = 中央编办直接管理的群众团体.
ORGAN = "11"
PUBLIC_INSTITUTION = "12"


def uscc_check_char(first17: str) -> str:
    total = sum(USCC_CHARSET.index(c) * w for c, w in zip(first17, _USCC_WEIGHTS, strict=True))
    return USCC_CHARSET[(31 - total % 31) % 31]


def org_code_check_char(first8: str) -> str:
    total = sum(int(c, 36) * w for c, w in zip(first8, _ORG_WEIGHTS, strict=True))
    value = 11 - total % 11
    return {10: "X", 11: "0"}.get(value, str(value))


def uscc_problem(code: str) -> str | None:
    """Why ``code`` is not a valid 统一社会信用代码, in Chinese, or None when it is."""
    if len(code) != 18:
        return "统一社会信用代码应为18位"
    bad = sorted({c for c in code if c not in USCC_CHARSET})
    if bad:
        return f"统一社会信用代码含有不允许的字符：{''.join(bad)}（不使用 I、O、S、V、Z）"
    if not code[2:8].isdigit():
        return "统一社会信用代码第3—8位应为行政区划代码（6位数字）"
    if uscc_check_char(code[:17]) != code[17]:
        return "统一社会信用代码校验位不正确"
    return None


def make_uscc(category: str, region: str, serial: int) -> str:
    """A valid code for the demo: ``category`` (e.g. ORGAN), a 6-digit region code, and an
    organization code built from ``serial`` with its own GB 11714 check character."""
    body = f"{serial:08d}"
    org = body + org_code_check_char(body)
    first17 = category + region + org
    return first17 + uscc_check_char(first17)
