"""Single sign-on against a real user centre over real HTTP (tests/accounts/idp/): an OpenID
Connect provider and a CAS 3.0 server in their own process. The person's side of the flow
(logging in at the provider) is a `requests` session; Gongkai's side is the test client, whose
server-side calls (discovery, keys, token, ticket validation) go over HTTP to the provider."""

from __future__ import annotations

import re
from html import unescape
from urllib.parse import parse_qs, urlencode, urlsplit, urlunsplit

import pytest
import requests
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from gongkai.audit.actions import AuditAction
from gongkai.audit.models import AuditEvent
from tests.accounts import idp
from tests.conftest import PASSWORD

user_centre = idp.user_centre

pytestmark = [pytest.mark.slow, pytest.mark.django_db]
GONGKAI = "http://testserver"


@pytest.fixture
def sso(settings, user_centre):
    idp.configure(settings, user_centre, GONGKAI)
    return user_centre


@pytest.fixture
def registered(clerk_a):
    clerk_a.sso_id = "zhang.wei"
    clerk_a.save()
    return clerk_a


def _form(html: str) -> tuple[str, dict[str, str]]:
    action = re.search(r'<form[^>]*action="([^"]*)"', html)
    found = re.findall(r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"', html)
    fields = {name: unescape(value) for name, value in found}
    return (unescape(action.group(1)) if action else ""), fields


def at_provider(location: str, username: str, *, tamper=None) -> str:
    """A person at the user centre: follows Gongkai's redirect, logs in, and comes back with
    the URL the provider sends them to (Gongkai's callback). ``tamper`` changes the request."""
    if tamper is not None:
        location = tamper(location)
    person = requests.Session()
    answer = person.get(location, allow_redirects=False, timeout=10)
    for _ in range(6):
        target = answer.headers.get("Location", "")
        if answer.status_code in (301, 302, 303) and target.startswith(GONGKAI):
            return target
        if answer.status_code in (301, 302, 303):
            answer = person.get(
                requests.compat.urljoin(answer.url, target), allow_redirects=False, timeout=10
            )
            continue
        # a login form (OpenID Connect's /login/ or CAS's): fill it in
        action, fields = _form(answer.text)
        fields.update(username=username, password=idp.PASSWORD)
        answer = person.post(
            requests.compat.urljoin(answer.url, action or answer.url),
            data=fields,
            headers={"Referer": answer.url},
            allow_redirects=False,
            timeout=10,
        )
    raise AssertionError(f"the provider did not send the person back: {answer.status_code}")


def _path(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + ("?" + parts.query if parts.query else "")


def oidc_sign_in(client: Client, username: str, *, start="accounts:oidc_login", tamper=None):
    started = client.get(reverse(start))
    assert started.status_code == 302
    return client.get(_path(at_provider(started["Location"], username, tamper=tamper)))


def _rows(action: AuditAction) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=action).order_by("pk"))


def test_a_registered_staff_member_signs_in_and_keeps_the_role_gongkai_gave(sso, registered):
    client = Client()
    response = oidc_sign_in(client, "zhang.wei")
    assert response.status_code == 302
    assert response["Location"] == reverse("staff:home")
    assert int(client.session["_auth_user_id"]) == registered.user.pk
    assert client.get(reverse("staff:home")).status_code == 200
    (row,) = _rows(AuditAction.ACCOUNT_SSO_LOGIN)
    assert row.actor_id == registered.user.pk
    assert "zhang.wei" in row.summary


def test_a_person_not_registered_as_staff_is_refused_and_not_created(sso, registered):
    users = get_user_model().objects.count()
    client = Client()
    response = oidc_sign_in(client, "li.na")
    assert response.status_code == 403
    assert "未登记为本系统的工作人员" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert get_user_model().objects.count() == users
    (row,) = _rows(AuditAction.ACCOUNT_SSO_REFUSED)
    assert "li.na" in row.summary or row.object_label == "li.na"


def test_an_inactive_account_is_refused(sso, registered):
    registered.user.is_active = False
    registered.user.save()
    assert oidc_sign_in(Client(), "zhang.wei").status_code == 403


def _with(url: str, **changes: str) -> str:
    parts = urlsplit(url)
    query = {k: v[0] for k, v in parse_qs(parts.query).items()}
    query.update(changes)
    return urlunsplit(parts._replace(query=urlencode(query)))


def test_a_tampered_state_is_refused(sso, registered):
    client = Client()
    started = client.get(reverse("accounts:oidc_login"))
    back = at_provider(started["Location"], "zhang.wei")
    response = client.get(_path(_with(back, state="forged-state")))
    assert response.status_code == 403
    assert "state" in response.content.decode()
    assert "_auth_user_id" not in client.session
    # and the genuine answer, once refused for another state, is no longer waited for either
    assert client.get(_path(back)).status_code == 302


def test_a_tampered_nonce_is_refused(sso, registered):
    client = Client()
    response = oidc_sign_in(
        client, "zhang.wei", tamper=lambda url: _with(url, nonce="attacker-nonce")
    )
    assert response.status_code == 403
    assert "nonce" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_pkce_verifier_is_required_by_the_provider(sso, registered):
    """The code challenge sent is S256; a code redeemed with a flow whose verifier differs is
    refused by the provider (the verifier in the session is replaced)."""
    client = Client()
    started = client.get(reverse("accounts:oidc_login"))
    assert parse_qs(urlsplit(started["Location"]).query)["code_challenge_method"] == ["S256"]
    back = at_provider(started["Location"], "zhang.wei")
    session = client.session
    flows = session["gk_oidc_flows"]
    for flow in flows.values():
        flow["verifier"] = "x" * 64
    session["gk_oidc_flows"] = flows
    session.save()
    response = client.get(_path(back))
    assert response.status_code == 403
    assert "授权码无效" in response.content.decode()


def test_a_callback_replayed_is_refused(sso, registered):
    client = Client()
    started = client.get(reverse("accounts:oidc_login"))
    back = _path(at_provider(started["Location"], "zhang.wei"))
    assert client.get(back).status_code == 302
    assert Client().get(back).status_code == 403


def test_logout_ends_the_session_at_the_provider_too(sso, registered):
    client = Client()
    oidc_sign_in(client, "zhang.wei")
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 200  # a page that goes on to the provider (CSP form-action)
    location = unescape(
        re.search(r'href="([^"]+)" data-provider-logout', response.content.decode())[1]
    )
    assert location.startswith(sso.url + "/end-session")
    query = parse_qs(urlsplit(location).query)
    assert query["post_logout_redirect_uri"] == [GONGKAI + "/"]
    assert query["id_token_hint"]
    ended = requests.get(location, allow_redirects=False, timeout=10)
    assert ended.status_code == 302
    assert ended.headers["Location"] == GONGKAI + "/"
    assert "_auth_user_id" not in client.session
    (row,) = _rows(AuditAction.ACCOUNT_SSO_LOGOUT)
    assert "统一身份认证服务退出" in row.summary


def test_cas_signs_in_a_registered_staff_member(sso, registered):
    client = Client()
    started = client.get(reverse("accounts:cas_login"))
    assert started["Location"].startswith(sso.url + "/cas/login?service=")
    response = client.get(_path(at_provider(started["Location"], "zhang.wei")))
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == registered.user.pk
    (row,) = _rows(AuditAction.ACCOUNT_SSO_LOGIN)
    assert "CAS" in row.summary
    out = client.post(reverse("accounts:logout")).content.decode()
    assert f'href="{sso.url}/cas/logout?service=' in out


def test_cas_matches_by_an_attribute_when_told_to(settings, sso, registered):
    settings.GONGKAI_CAS_STAFF_ATTRIBUTE = "first_name"
    registered.sso_id = "张伟"
    registered.save()
    client = Client()
    started = client.get(reverse("accounts:cas_login"))
    assert client.get(_path(at_provider(started["Location"], "zhang.wei"))).status_code == 302
    assert int(client.session["_auth_user_id"]) == registered.user.pk


def test_cas_refuses_an_unregistered_person_and_a_forged_ticket(sso, registered):
    client = Client()
    started = client.get(reverse("accounts:cas_login"))
    response = client.get(_path(at_provider(started["Location"], "wang.fang")))
    assert response.status_code == 403
    assert "未登记" in response.content.decode()
    forged = client.get(reverse("accounts:cas_callback") + "?ticket=ST-forged")
    assert forged.status_code == 403
    assert "票据无效" in forged.content.decode()
    assert len(_rows(AuditAction.ACCOUNT_SSO_REFUSED)) == 2


def test_an_applicant_may_fill_in_the_form_through_the_user_centre(settings, sso, district):
    settings.GONGKAI_OIDC_APPLICANTS = True
    client = Client()
    assert "通过统一身份认证填写身份信息" in client.get(reverse("portal:apply")).content.decode()
    response = oidc_sign_in(client, "li.na", start="accounts:oidc_apply")
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:apply") + "#applicant"
    page = client.get(reverse("portal:apply")).content.decode()
    for value in ("李娜", "11022919850202234X", "13800000002"):
        assert f'value="{value}"' in page
    assert "_auth_user_id" not in client.session  # an applicant is not logged in
    # shown once: the next visitor of a shared computer does not see it
    assert "李娜" not in client.get(reverse("portal:apply")).content.decode()
    (row,) = _rows(AuditAction.ACCOUNT_SSO_APPLICANT)
    assert "李娜" not in row.summary
    assert "11022919850202234X" not in row.summary


def test_without_a_user_centre_the_sso_pages_are_not_there(client):
    for name in ("oidc_login", "oidc_apply", "oidc_callback", "cas_login", "cas_callback"):
        assert client.get(reverse(f"accounts:{name}")).status_code == 404
    assert "统一身份认证" not in client.get(reverse("accounts:login")).content.decode()


def test_the_login_page_offers_both_ways(sso, client):
    page = client.get(reverse("accounts:login")).content.decode()
    assert "使用统一身份认证登录" in page
    assert "账号密码登录" in page


def test_local_login_can_be_kept_to_break_glass_accounts(settings, office, clerk_a):
    settings.GONGKAI_LOCAL_LOGIN_ACCOUNTS = [office.user.username]
    refused = Client().post(
        reverse("accounts:login"), {"username": clerk_a.user.username, "password": PASSWORD}
    )
    assert refused.status_code == 403
    assert "仅供应急账号使用" in refused.content.decode()
    allowed = Client().post(
        reverse("accounts:login"), {"username": office.user.username, "password": PASSWORD}
    )
    assert allowed.status_code == 302
    assert _rows(AuditAction.ACCOUNT_LOGIN_FAILED)
