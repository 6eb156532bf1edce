"""The rules an ID token and a CAS answer must pass, each failing on its own, and the settings
of single sign-on (docs/sso.md)."""

from __future__ import annotations

import base64
import hashlib

import pytest
from joserfc import jwt
from joserfc.jwk import OctKey, RSAKey

from gongkai.accounts import cas, oidc
from gongkai.env import Env, SettingError

ISSUER = "https://uc.example.gov.cn"
CLIENT = "gongkai"
NONCE = "n-0S6_WzA2Mj"
NOW = 1_800_000_000
ACCESS = "access-token-value"
KEY = RSAKey.generate_key(2048, parameters={"kid": "k1"})
OTHER = RSAKey.generate_key(2048, parameters={"kid": "k1"})
KEYS = {"keys": [KEY.as_dict(private=False)]}


def _at_hash(token: str) -> str:
    digest = hashlib.sha256(token.encode()).digest()[:16]
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def claims(**changes):
    base = {
        "iss": ISSUER,
        "sub": "zhang.wei",
        "aud": CLIENT,
        "exp": NOW + 300,
        "iat": NOW - 10,
        "nonce": NONCE,
        "at_hash": _at_hash(ACCESS),
    }
    base.update(changes)
    return {k: v for k, v in base.items() if v is not None}


def token(payload=None, *, key=KEY, alg="RS256", kid="k1"):
    return jwt.encode({"alg": alg, "kid": kid}, payload or claims(), key)


def verify(value, **changes):
    arguments = {
        "keys": KEYS,
        "issuer": ISSUER,
        "client_id": CLIENT,
        "nonce": NONCE,
        "access_token": ACCESS,
        "algorithms": ("RS256",),
        "now": NOW,
        "leeway": 60,
    }
    arguments.update(changes)
    return oidc.verify_id_token(value, **arguments)


def test_a_good_id_token_passes():
    assert verify(token())["sub"] == "zhang.wei"


def test_a_token_signed_by_another_key_is_refused():
    with pytest.raises(oidc.SsoError, match="签名无效"):
        verify(token(key=OTHER))


def test_a_key_not_published_is_told_apart_so_the_keys_are_fetched_again():
    with pytest.raises(oidc._UnknownKey):
        verify(token(kid="rotated"))


def test_a_shared_secret_signature_is_refused_even_when_the_secret_is_known():
    secret = OctKey.import_key("s" * 32)
    forged = jwt.encode({"alg": "HS256"}, claims(), secret)
    with pytest.raises(oidc.SsoError):
        verify(forged, keys={"keys": [KEY.as_dict(private=False), secret.as_dict()]})


def test_an_unsigned_token_is_refused():
    header = base64.urlsafe_b64encode(b'{"alg":"none"}').rstrip(b"=").decode()
    body = base64.urlsafe_b64encode(b'{"sub":"x"}').rstrip(b"=").decode()
    with pytest.raises(oidc.SsoError):
        verify(f"{header}.{body}.")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"iss": "https://evil.example"}, "签发者"),
        ({"iss": None}, "iss"),
        ({"aud": "another-client"}, "受众"),
        ({"aud": None}, "aud"),
        ({"exp": NOW - 61}, "已过期"),
        ({"exp": None}, "exp"),
        ({"iat": None}, "iat"),
        ({"nonce": "replayed"}, "nonce"),
        ({"nonce": None}, "nonce"),
        ({"sub": None}, "sub"),
        ({"at_hash": _at_hash("another token")}, "at_hash"),
        ({"aud": [CLIENT, "other"], "azp": "other"}, "azp"),
        ({"aud": [CLIENT, "other"]}, "azp"),
    ],
)
def test_each_claim_rule_fails_on_its_own(change, message):
    with pytest.raises(oidc.SsoError, match=message):
        verify(token(claims(**change)))


def test_the_leeway_allows_a_little_clock_skew_and_no_more():
    assert verify(token(claims(exp=NOW - 30)))
    with pytest.raises(oidc.SsoError):
        verify(token(claims(exp=NOW - 30)), leeway=0)


def test_an_empty_subject_is_refused():
    with pytest.raises(oidc.SsoError, match="sub"):
        verify(token(claims(sub="")))


def test_garbage_is_refused_not_crashed_on():
    for value in ("", "a.b.c", "x" * 5000, "eyJ.eyJ.", "\x00"):
        with pytest.raises(oidc.SsoError):
            verify(value)
    with pytest.raises(oidc.SsoError, match="公钥无效"):
        verify(token(), keys={"keys": [{"kty": "nonsense"}]})


# --- CAS --------------------------------------------------------------------------------------
SUCCESS = b"""<cas:serviceResponse xmlns:cas="http://www.yale.edu/tp/cas">
 <cas:authenticationSuccess><cas:user>zhang.wei</cas:user>
  <cas:attributes><cas:employeeNumber>E1001</cas:employeeNumber>
   <cas:memberOf>a</cas:memberOf><cas:memberOf>b</cas:memberOf></cas:attributes>
 </cas:authenticationSuccess></cas:serviceResponse>"""


def test_a_cas_success_gives_the_user_and_attributes():
    identity = cas.parse(SUCCESS)
    assert identity.user == "zhang.wei"
    assert identity.value("") == "zhang.wei"
    assert identity.value("employeeNumber") == "E1001"
    assert identity.attributes["memberOf"] == ["a", "b"]
    assert identity.value("missing") == ""


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        (
            b'<cas:serviceResponse xmlns:cas="http://www.yale.edu/tp/cas"><cas:authenticationFailure'
            b' code="INVALID_TICKET">no</cas:authenticationFailure></cas:serviceResponse>',
            "INVALID_TICKET",
        ),
        (b"<html>not cas</html>", "格式不正确"),
        (b"not xml at all <", "不是有效的 XML"),
        (
            b'<cas:serviceResponse xmlns:cas="http://www.yale.edu/tp/cas"><cas:authenticationSuccess>'
            b"<cas:user> </cas:user></cas:authenticationSuccess></cas:serviceResponse>",
            "缺少用户名",
        ),
        (
            b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>'
            b'<cas:serviceResponse xmlns:cas="http://www.yale.edu/tp/cas"><cas:authenticationSuccess>'
            b"<cas:user>&b;</cas:user></cas:authenticationSuccess></cas:serviceResponse>",
            "不是有效的 XML",
        ),
    ],
)
def test_each_bad_cas_answer_is_refused(answer, message):
    with pytest.raises(cas.CasError, match=message):
        cas.parse(answer)


@pytest.mark.parametrize("ticket", ["", "ST-" + "x" * 300, "ST-\u4e2d", "ST-\n1"])
def test_a_malformed_ticket_is_refused_before_any_request(ticket):
    with pytest.raises(cas.CasError, match="格式不正确"):
        cas.validate(ticket=ticket, service="http://testserver/")


# --- settings ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "value",
    [
        "http://uc.example.gov.cn",  # plain http off this machine
        "https://uc.example.gov.cn/?x=1",
        "ftp://uc.example.gov.cn",
        "https://user:pw@uc.example.gov.cn",
        "uc.example.gov.cn",
    ],
)
def test_a_bad_provider_address_is_refused_at_start_up(value):
    with pytest.raises(SettingError, match="GONGKAI_X"):
        Env({"GONGKAI_X": value}).url("GONGKAI_X")


def test_a_provider_address_is_https_or_this_machine():
    assert (
        Env({"X": "https://uc.example.gov.cn/oidc/"}).url("X") == "https://uc.example.gov.cn/oidc"
    )
    assert Env({"X": "http://127.0.0.1:8080"}).url("X") == "http://127.0.0.1:8080"
    assert Env({}).url("X") == ""
