"""What identifies a government website, and the forms its numbers take. Pure.

《政府网站发展指引》（国办发〔2017〕47号）asks every government website to show, at the foot of
each page, its 网站标识码, ICP备案编号, 公安机关备案标识, 党政机关网站标识, 主办单位 and
承办单位 with their contacts; and the 《政府网站网页设计规范》 asks each page to carry the site's
name, domain and 标识码 in ``<meta>`` tags (SiteName, SiteDomain, SiteIDCode). The settings that
hold them (``GONGKAI_SITE_*``, docs/settings.md) are checked here at start-up, so a mistyped
number stops the site with a message in Chinese instead of being shown on every page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# 网站标识码: 10 characters. A local government's site: the 6-digit administrative division
# code of its area and a 4-digit serial (1101190001); a State Council department's: "bm", its
# 2-digit department number and a 6-digit serial (bm01000001).
SITE_ID_CODE = re.compile(r"(?:[1-9]\d{9}|bm\d{8})", re.ASCII)
# The one-character names of the 31 provinces used in ICP and 公网安备 numbers.
PROVINCES = "京津冀晋蒙辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝川贵云藏陕甘青宁新"
# ICP备案号: 京ICP备05060933号, optionally with the site's number (京ICP备05060933号-1).
ICP = re.compile(rf"[{PROVINCES}]ICP备\d{{6,10}}号(?:-\d{{1,3}})?", re.ASCII)
# 公安机关备案号: 京公网安备 11011902000001号 — 14 digits, of which the first 6 are the division
# code of the public-security office that filed the site.
PSB = re.compile(rf"([{PROVINCES}])公网安备 ?([1-9]\d{{13}})号", re.ASCII)
DOMAIN = re.compile(r"(?=.{4,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}")
URL = re.compile(r"https?://[^\s<>\"']{4,500}")
PHONE = re.compile(r"[0-9][0-9 ()\-]{4,28}[0-9]", re.ASCII)
EMAIL = re.compile(r"[^@\s<>\"']{1,64}@[^@\s<>\"']{1,190}\.[a-zA-Z]{2,63}", re.ASCII)
NAME_MAX = 100

# Where the footer's numbers are looked up (the national filing systems).
ICP_LOOKUP = "https://beian.miit.gov.cn/"
PSB_LOOKUP = "https://beian.mps.gov.cn/#/query/webSearch?code="


@dataclass(frozen=True)
class SiteIdentity:
    """The footer's facts; an empty string is a fact not configured (not shown)."""

    domain: str = ""
    id_code: str = ""
    icp: str = ""
    psb: str = ""
    party_mark: bool = False
    party_mark_url: str = ""
    sponsor: str = ""
    operator: str = ""
    phone: str = ""
    email: str = ""

    @property
    def psb_code(self) -> str:
        """The 14 digits of the 公安机关备案号, which its lookup takes."""
        match = PSB.fullmatch(self.psb)
        return match.group(2) if match else ""

    @property
    def icp_url(self) -> str:
        return ICP_LOOKUP if self.icp else ""

    @property
    def psb_url(self) -> str:
        return PSB_LOOKUP + self.psb_code if self.psb_code else ""


def id_code_problem(value: str) -> str | None:
    if not value or SITE_ID_CODE.fullmatch(value):
        return None
    return (
        "网站标识码应为10位：地方政府网站为6位行政区划代码加4位顺序号（如 1101190001），"
        "国务院部门网站为 bm 加8位数字（如 bm01000001）"
    )


def icp_problem(value: str) -> str | None:
    if not value or ICP.fullmatch(value):
        return None
    return "ICP备案号格式应为“省份简称ICP备+数字+号”，如 京ICP备05060933号 或 京ICP备05060933号-1"


def psb_problem(value: str) -> str | None:
    if not value or PSB.fullmatch(value):
        return None
    return "公安机关备案号格式应为“省份简称公网安备+14位数字+号”，如 京公网安备 11011902000001号"


def domain_problem(value: str) -> str | None:
    if not value or DOMAIN.fullmatch(value):
        return None
    return "网站域名应为小写的主机名，不含 http:// 和路径，如 www.bjyq.gov.cn"


def url_problem(value: str) -> str | None:
    if not value or URL.fullmatch(value):
        return None
    return "链接应以 http:// 或 https:// 开头，且不含空格和引号"


def phone_problem(value: str) -> str | None:
    if not value or PHONE.fullmatch(value):
        return None
    return "联系电话只能包含数字、空格、括号和连字符，如 010-69173291"


def email_problem(value: str) -> str | None:
    if not value or EMAIL.fullmatch(value):
        return None
    return "电子邮箱格式不正确"


def name_problem(value: str) -> str | None:
    if len(value) <= NAME_MAX and not any(c in value for c in "<>\"'\n\r"):
        return None
    return f"单位名称不超过{NAME_MAX}个字符，且不含尖括号、引号和换行"


def problems(identity: SiteIdentity) -> list[tuple[str, str]]:
    """Every fact that does not have its form, as (field, message); none for a valid identity."""
    checks = [
        ("domain", domain_problem(identity.domain)),
        ("id_code", id_code_problem(identity.id_code)),
        ("icp", icp_problem(identity.icp)),
        ("psb", psb_problem(identity.psb)),
        ("party_mark_url", url_problem(identity.party_mark_url)),
        ("sponsor", name_problem(identity.sponsor)),
        ("operator", name_problem(identity.operator)),
        ("phone", phone_problem(identity.phone)),
        ("email", email_problem(identity.email)),
    ]
    found = [(name, message) for name, message in checks if message is not None]
    if identity.party_mark and not identity.party_mark_url:
        found.append(
            (
                "party_mark_url",
                "显示党政机关网站标识时须填写其链接（开办单位在中国机构编制网的信息）",
            )
        )
    return found
