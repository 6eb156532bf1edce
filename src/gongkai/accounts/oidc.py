"""OpenID Connect with the district's unified user centre (统一用户中心), for staff and applicants
(docs/sso.md).

The authorization code flow with PKCE (RFC 7636, S256), ``state`` and ``nonce`` (OpenID Connect
Core 1.0 §3.1): the protocol is Authlib's (the authorization URL, the code challenge, the token
request) and joserfc's (the ID token's signature against the provider's published keys); what
this module adds is where the flow's secrets are kept (the session, keyed by ``state``, each used
once and for ten minutes at most) and which rules an ID token must pass (:func:`verify_id_token`:
signature by a key of the provider's JWKS with an asymmetric algorithm, issuer, audience,
authorized party, expiry, issue time, nonce, access-token hash). The provider says who someone
is; what they may do in Gongkai is Gongkai's (accounts/services.py ``sso_staff``).
"""

from __future__ import annotations

import time
from collections.abc import Mapping, MutableMapping
from dataclasses import dataclass
from typing import Any

import requests
from authlib.common.security import generate_token  # type: ignore[import-untyped]
from authlib.common.urls import add_params_to_uri  # type: ignore[import-untyped]
from authlib.integrations.base_client.errors import OAuthError  # type: ignore[import-untyped]
from authlib.integrations.requests_client import OAuth2Session  # type: ignore[import-untyped]
from authlib.oidc.core import CodeIDToken  # type: ignore[import-untyped]
from django.conf import settings
from django.core.cache import cache
from joserfc import jwt
from joserfc.errors import ExpiredTokenError, InvalidKeyIdError, JoseError, MissingClaimError
from joserfc.jwk import KeySet

# The flows begun in this session and not yet finished, by state.
SESSION_FLOWS = "gk_oidc_flows"
FLOW_SECONDS = 600
MAX_FLOWS = 5  # a few tabs at once; the oldest is dropped
# Signatures with the provider's published keys only: no "none", no shared-secret HMAC.
ASYMMETRIC = ("RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512")
METADATA_SECONDS = 3600
# What an applicant's sign-in gives the application form, taken once by the form.
SESSION_APPLICANT = "gk_applicant_identity"
# What the refusals say about each claim that fails (the page and the audit row).
CLAIM_LABELS = {
    "iss": "签发者（iss）不是本系统配置的统一身份认证服务",
    "aud": "受众（aud）不是本系统",
    "azp": "授权方（azp）不是本系统",
    "exp": "身份令牌已过期（exp）",
    "iat": "签发时间（iat）无效",
    "nbf": "身份令牌尚未生效（nbf）",
    "nonce": "一次性随机数（nonce）不符，可能是重放或篡改",
    "sub": "缺少用户标识（sub）",
    "at_hash": "访问令牌摘要（at_hash）不符",
    "auth_time": "认证时间（auth_time）无效",
    "amr": "认证方式（amr）无效",
}


class SsoError(Exception):
    """A sign-in refused: the message, in Chinese, is shown and audited."""


@dataclass(frozen=True)
class Provider:
    issuer: str
    authorization_endpoint: str
    token_endpoint: str
    jwks_uri: str
    end_session_endpoint: str
    algorithms: tuple[str, ...]
    token_auth_method: str


@dataclass(frozen=True)
class Identity:
    """A sign-in that passed every check: the ID token's claims and what it was begun for."""

    claims: dict[str, Any]
    id_token: str
    purpose: str
    next_url: str


def enabled() -> bool:
    return bool(settings.GONGKAI_OIDC_ISSUER)


def _get_json(url: str) -> dict[str, Any]:
    try:
        response = requests.get(url, timeout=settings.GONGKAI_SSO_TIMEOUT_SECONDS)
        response.raise_for_status()
        data = response.json()
    except (requests.RequestException, ValueError) as exc:
        raise SsoError("暂时无法连接统一身份认证服务，请稍后再试或使用本系统账号登录") from exc
    if not isinstance(data, dict):
        raise SsoError("统一身份认证服务的应答格式不正确")
    return data


def provider() -> Provider:
    """The provider's metadata from its discovery document (OpenID Connect Discovery 1.0 §4),
    whose ``issuer`` must be the one configured (§4.3); kept an hour."""
    issuer = settings.GONGKAI_OIDC_ISSUER
    key = f"gk-oidc-metadata:{issuer}"
    data = cache.get(key)
    if not isinstance(data, dict):
        data = _get_json(issuer + "/.well-known/openid-configuration")
        if str(data.get("issuer", "")).rstrip("/") != issuer:
            raise SsoError("统一身份认证服务的签发者与本系统配置不符，请联系系统管理员")
        cache.set(key, data, METADATA_SECONDS)
    try:
        offered = data.get("id_token_signing_alg_values_supported") or ["RS256"]
        algorithms = tuple(a for a in offered if a in ASYMMETRIC)
        found = Provider(
            issuer=issuer,
            authorization_endpoint=str(data["authorization_endpoint"]),
            token_endpoint=str(data["token_endpoint"]),
            jwks_uri=str(data["jwks_uri"]),
            end_session_endpoint=str(data.get("end_session_endpoint") or ""),
            algorithms=algorithms,
            token_auth_method=_auth_method(data.get("token_endpoint_auth_methods_supported")),
        )
    except (KeyError, TypeError) as exc:
        raise SsoError("统一身份认证服务的配置文档不完整") from exc
    if not found.algorithms:
        raise SsoError("统一身份认证服务不支持本系统接受的签名算法")
    return found


def _auth_method(offered: object) -> str:
    methods = offered if isinstance(offered, list) else ["client_secret_basic"]
    return "client_secret_basic" if "client_secret_basic" in methods else "client_secret_post"


def keys(found: Provider, *, refresh: bool = False) -> dict[str, Any]:
    """The provider's public keys (JWKS), kept an hour and fetched again for an unknown key id
    (the provider rotated its keys)."""
    key = f"gk-oidc-jwks:{found.jwks_uri}"
    data = None if refresh else cache.get(key)
    if not isinstance(data, dict):
        data = _get_json(found.jwks_uri)
        cache.set(key, data, METADATA_SECONDS)
    return data


def _client(redirect_uri: str, method: str = "client_secret_basic") -> OAuth2Session:
    return OAuth2Session(
        client_id=settings.GONGKAI_OIDC_CLIENT_ID,
        client_secret=settings.GONGKAI_OIDC_CLIENT_SECRET,
        scope=" ".join(settings.GONGKAI_OIDC_SCOPES),
        redirect_uri=redirect_uri,
        code_challenge_method="S256",
        token_endpoint_auth_method=method,
    )


def begin(
    *, session: MutableMapping[str, Any], redirect_uri: str, purpose: str, next_url: str
) -> str:
    """The provider's authorization URL for a new flow, whose state, nonce and PKCE verifier
    are kept in the session until :func:`finish`."""
    found = provider()
    state, nonce, verifier = generate_token(32), generate_token(32), generate_token(64)
    with _client(redirect_uri) as client:
        url, _ = client.create_authorization_url(
            found.authorization_endpoint, state=state, code_verifier=verifier, nonce=nonce
        )
    flows = dict(session.get(SESSION_FLOWS) or {})
    for old in sorted(flows, key=lambda s: float(flows[s].get("at", 0)))[: -MAX_FLOWS + 1]:
        flows.pop(old)
    flows[state] = {
        "nonce": nonce,
        "verifier": verifier,
        "purpose": purpose,
        "next": next_url,
        "at": time.time(),
    }
    session[SESSION_FLOWS] = flows
    return str(url)


def finish(
    *,
    session: MutableMapping[str, Any],
    params: Mapping[str, str],
    redirect_uri: str,
    now: float | None = None,
) -> Identity:
    """The provider's answer at the callback: the flow of its ``state`` (used once), the code
    exchanged with the PKCE verifier, the ID token verified. Raises :class:`SsoError`."""
    flows = dict(session.get(SESSION_FLOWS) or {})
    state = params.get("state", "")
    flow = flows.pop(state, None) if state else None
    session[SESSION_FLOWS] = flows
    if not isinstance(flow, dict):
        raise SsoError("登录请求无效：state 参数与本系统发出的不符（请求已使用、已失效或被篡改）")
    moment = time.time() if now is None else now
    if moment - float(flow.get("at", 0)) > FLOW_SECONDS:
        raise SsoError("登录请求已超时，请重新登录")
    if params.get("error"):
        raise SsoError(f"统一身份认证服务未完成认证（{params['error'][:60]}）")
    code = params.get("code", "")
    if not code:
        raise SsoError("统一身份认证服务的应答缺少授权码")
    found = provider()
    try:
        with _client(redirect_uri, found.token_auth_method) as client:
            token = client.fetch_token(
                found.token_endpoint,
                grant_type="authorization_code",
                code=code,
                code_verifier=flow["verifier"],
                timeout=settings.GONGKAI_SSO_TIMEOUT_SECONDS,
            )
    except (OAuthError, requests.RequestException, ValueError) as exc:
        raise SsoError("授权码无效或已使用，统一身份认证服务拒绝签发令牌") from exc
    id_token = token.get("id_token")
    if not isinstance(id_token, str) or not id_token:
        raise SsoError("统一身份认证服务未返回身份令牌（id_token）")
    arguments: dict[str, Any] = {
        "issuer": found.issuer,
        "client_id": settings.GONGKAI_OIDC_CLIENT_ID,
        "nonce": str(flow["nonce"]),
        "access_token": str(token.get("access_token") or ""),
        "algorithms": found.algorithms,
        "now": int(moment),
        "leeway": settings.GONGKAI_OIDC_LEEWAY_SECONDS,
    }
    try:
        claims = verify_id_token(id_token, keys=keys(found), **arguments)
    except _UnknownKey:
        claims = verify_id_token(id_token, keys=keys(found, refresh=True), **arguments)
    return Identity(
        claims=claims, id_token=id_token, purpose=str(flow["purpose"]), next_url=str(flow["next"])
    )


class _UnknownKey(SsoError):
    pass


def verify_id_token(
    id_token: str,
    *,
    keys: Mapping[str, Any],
    issuer: str,
    client_id: str,
    nonce: str,
    access_token: str,
    algorithms: tuple[str, ...],
    now: int,
    leeway: int,
) -> dict[str, Any]:
    """The ID token's claims once every rule of OpenID Connect Core §3.1.3.7 has passed; else
    :class:`SsoError` naming the rule."""
    try:
        key_set = KeySet.import_key_set(dict(keys))  # type: ignore[arg-type]
    except (JoseError, ValueError, TypeError) as exc:
        raise SsoError("统一身份认证服务公布的公钥无效") from exc
    try:
        token = jwt.decode(id_token, key_set, algorithms=list(algorithms))
    except InvalidKeyIdError as exc:
        raise _UnknownKey("身份令牌的签名密钥不在统一身份认证服务公布的公钥中") from exc
    except (JoseError, ValueError, TypeError) as exc:
        raise SsoError("身份令牌的签名无效，或使用了不接受的算法") from exc
    options: dict[str, Any] = {
        "iss": {"essential": True, "value": issuer},
        "aud": {"essential": True, "value": client_id},
        "sub": {"essential": True},
    }
    params = {"nonce": nonce, "client_id": client_id, "access_token": access_token}
    claims = CodeIDToken(token.claims, token.header, options, params)
    try:
        claims.validate(now=now, leeway=leeway)
    except ExpiredTokenError as exc:
        raise SsoError(CLAIM_LABELS["exp"]) from exc
    except (MissingClaimError, JoseError) as exc:
        claim = str(getattr(exc, "claim", "") or "")
        raise SsoError(CLAIM_LABELS.get(claim, f"身份令牌校验失败（{claim or exc}）")) from exc
    if not str(claims.get("sub") or ""):
        raise SsoError(CLAIM_LABELS["sub"])
    return dict(claims)


def applicant_identity(session: MutableMapping[str, Any]) -> dict[str, str]:
    """What an applicant's sign-in gave for the application form, once (then forgotten, so a
    shared computer does not show the next person the last one's identity)."""
    found = session.pop(SESSION_APPLICANT, None)
    return {str(k): str(v) for k, v in found.items()} if isinstance(found, dict) else {}


def logout_url(*, id_token: str, post_logout_redirect_uri: str) -> str:
    """RP-initiated logout (OpenID Connect RP-Initiated Logout 1.0) where the provider publishes
    an ``end_session_endpoint``; empty otherwise (then only Gongkai's session ends)."""
    try:
        found = provider()
    except SsoError:
        return ""
    if not found.end_session_endpoint:
        return ""
    return str(
        add_params_to_uri(
            found.end_session_endpoint,
            {
                "id_token_hint": id_token,
                "post_logout_redirect_uri": post_logout_redirect_uri,
                "client_id": settings.GONGKAI_OIDC_CLIENT_ID,
            },
        )
    )
