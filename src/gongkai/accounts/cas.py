"""CAS 3.0 with the unified user centre where a province still uses it (docs/sso.md).

The client is small: the login and logout addresses, and the validation of a service ticket at
``/p3/serviceValidate`` (CAS Protocol 3.0 §2.5, §2.7), whose XML answer is parsed by defusedxml
(no entities, no external references: the answer comes over the network). No CAS client library
fits Gongkai's rules (django-cas-ng creates the users it does not know); the validation is one
GET and one document.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

import requests
from defusedxml import ElementTree  # type: ignore[import-untyped]
from django.conf import settings

NS = "{http://www.yale.edu/tp/cas}"
MAX_ANSWER = 100_000  # bytes: an answer is a few hundred


class CasError(Exception):
    """A ticket refused: the message, in Chinese, is shown and audited."""


@dataclass(frozen=True)
class CasIdentity:
    user: str
    attributes: dict[str, list[str]]

    def value(self, attribute: str) -> str:
        """The CAS user, or the first value of the attribute named (GONGKAI_CAS_STAFF_ATTRIBUTE)."""
        if not attribute:
            return self.user
        values = self.attributes.get(attribute) or [""]
        return values[0]


def enabled() -> bool:
    return bool(settings.GONGKAI_CAS_URL)


def login_url(service: str) -> str:
    return f"{settings.GONGKAI_CAS_URL}/login?{urlencode({'service': service})}"


def logout_url(service: str) -> str:
    return f"{settings.GONGKAI_CAS_URL}/logout?{urlencode({'service': service})}"


def validate(*, ticket: str, service: str) -> CasIdentity:
    """The user and attributes the CAS server vouches for with this ticket (used once)."""
    if not ticket or len(ticket) > 256 or not ticket.isascii() or not ticket.isprintable():
        raise CasError("CAS 票据缺失或格式不正确")
    url = f"{settings.GONGKAI_CAS_URL}/p3/serviceValidate"
    try:
        response = requests.get(
            url,
            params={"service": service, "ticket": ticket},
            timeout=settings.GONGKAI_SSO_TIMEOUT_SECONDS,
        )
        response.raise_for_status()
    except requests.RequestException as exc:
        raise CasError("暂时无法连接统一身份认证服务，请稍后再试或使用本系统账号登录") from exc
    return parse(response.content[:MAX_ANSWER])


def parse(answer: bytes) -> CasIdentity:
    """The ``serviceResponse`` document: success with its user and attributes, or failure."""
    try:
        root = ElementTree.fromstring(answer)
    except Exception as exc:  # defusedxml's refusals and the parser's errors alike
        raise CasError("CAS 服务的应答不是有效的 XML") from exc
    if root.tag != f"{NS}serviceResponse":
        raise CasError("CAS 服务的应答格式不正确")
    failure = root.find(f"{NS}authenticationFailure")
    if failure is not None:
        code = str(failure.get("code") or "")[:40]
        raise CasError(f"CAS 票据无效或已使用（{code or '未说明原因'}）")
    success = root.find(f"{NS}authenticationSuccess")
    user = success.find(f"{NS}user") if success is not None else None
    name = (user.text or "").strip() if user is not None else ""
    if success is None or not name:
        raise CasError("CAS 服务的应答缺少用户名")
    attributes: dict[str, list[str]] = {}
    block = success.find(f"{NS}attributes")
    for element in list(block) if block is not None else []:
        if element.tag.startswith(NS):
            attributes.setdefault(element.tag[len(NS) :], []).append((element.text or "").strip())
    return CasIdentity(user=name, attributes=attributes)
