"""Single sign-on in a real browser against the real test user centre (tests/accounts/idp/:
django-oidc-provider in its own process): a registered clerk signs in through the provider and
lands on the dashboard with the role Gongkai gave; logout ends the provider's session too; a
person the centre knows but Gongkai does not is refused; a tampered state and a tampered nonce
are refused. The pages pass the automated accessibility check."""

from __future__ import annotations

from urllib.parse import parse_qs, urlencode, urlsplit, urlunsplit

import pytest

from tests.accounts import idp
from tests.browser import test_portal
from tests.browser.test_portal import violations

axe_source = test_portal.axe_source
user_centre = idp.user_centre

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def _with(url: str, **changes: str) -> str:
    parts = urlsplit(url)
    query = {k: v[0] for k, v in parse_qs(parts.query).items()}
    query.update(changes)
    return urlunsplit(parts._replace(query=urlencode(query)))


def at_provider(page, base: str, username: str) -> None:
    page.goto(base + "/accounts/login/")
    page.click("text=使用统一身份认证登录")
    page.wait_for_selector("text=统一用户中心登录")
    page.fill("#id_username", username)
    page.fill("#id_password", idp.PASSWORD)
    page.click("button[type=submit]")


def test_staff_sign_in_through_the_user_centre(
    new_page, live_server, settings, user_centre, clerk_a, axe_source
):
    base = live_server.url
    idp.configure(settings, user_centre, base)
    clerk_a.sso_id = "zhang.wei"
    clerk_a.name = "张伟"
    clerk_a.save()

    page = new_page()
    page.goto(base + "/accounts/login/")
    assert violations(page, axe_source) == []
    at_provider(page, base, "zhang.wei")
    page.wait_for_url(base + "/staff/")
    assert "张伟" in page.inner_text("header")
    assert clerk_a.get_role_display() in page.inner_text("body")

    page.click("button:has-text('退出')")
    page.wait_for_url(base + "/")
    # the provider's session ended too: signing in again asks for the password again
    page.goto(base + "/accounts/sso/oidc/login/")
    page.wait_for_selector("text=统一用户中心登录")

    stranger = new_page()
    at_provider(stranger, base, "li.na")
    stranger.wait_for_selector("text=未登记为本系统的工作人员")
    assert "/accounts/sso/oidc/callback/" in stranger.url
    assert violations(stranger, axe_source) == []

    # A tampered state: the centre still knows li.na in this browser, so it answers at once;
    # the answer's state is changed on its way back.
    context = stranger.context
    begun = context.request.get(base + "/accounts/sso/oidc/login/", max_redirects=0)
    answered = context.request.get(begun.headers["location"], max_redirects=0)
    stranger.goto(_with(answered.headers["location"], state="forged"))
    stranger.wait_for_selector("text=state 参数与本系统发出的不符")

    # A tampered nonce: the request to the centre is changed on its way there.
    tampered = new_page()
    begun = tampered.context.request.get(base + "/accounts/sso/oidc/login/", max_redirects=0)
    tampered.goto(_with(begun.headers["location"], nonce="attacker"))
    tampered.fill("#id_username", "zhang.wei")
    tampered.fill("#id_password", idp.PASSWORD)
    tampered.click("button[type=submit]")
    tampered.wait_for_selector("text=一次性随机数（nonce）不符")
    assert "/staff/" not in tampered.url
