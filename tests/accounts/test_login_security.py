"""Logging in: failures counted per account and per address and locked, without telling which
accounts exist; every login, logout, failure and lock audited with the client's address;
passwords like the account name refused; the optional second factor (TOTP, RFC 6238)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from gongkai.accounts import services, totp
from gongkai.accounts.models import TotpDevice
from gongkai.audit.models import AuditEvent
from tests.conftest import PASSWORD, examples, login

LOGIN = "/accounts/login/"
CODE = "/accounts/login/code/"
WRONG = "账号或密码不正确"
LOCKED = "登录失败次数过多"


def attempt(client: Client, username: str, password: str, **extra):
    return client.post(LOGIN, {"username": username, "password": password}, **extra)


def errors_of(response) -> str:
    """The page's error text (what tells a visitor why the login failed)."""
    text = response.content.decode()
    start = text.find('class="errors"')
    return text[start : text.find("</div>", start)] if start >= 0 else ""


def logged_in(client: Client) -> bool:
    return client.get(reverse("staff:home")).status_code == 200


def events(action: str):
    return list(AuditEvent.objects.filter(action=action).order_by("id"))


# --- audit ----------------------------------------------------------------------------------------
@pytest.mark.django_db
def test_a_login_and_a_logout_are_audited_with_the_address(clerk_a):
    client = Client(REMOTE_ADDR="198.51.100.4")
    response = attempt(client, "clerk.a", PASSWORD)
    assert response.status_code == 302
    assert logged_in(client)
    (event,) = events("account.login")
    assert event.actor_id == clerk_a.user.pk
    assert event.changes["address"] == "198.51.100.4"
    assert "198.51.100.4" in event.summary
    assert "网络安全法》第二十一条" in event.legal_basis
    assert "GB/T 22239-2019" in event.legal_basis
    assert event.unit_id == clerk_a.unit_id
    assert client.post(reverse("accounts:logout")).status_code == 302
    assert not logged_in(client)
    (out,) = events("account.logout")
    assert out.actor_id == clerk_a.user.pk
    assert out.changes["address"] == "198.51.100.4"


@pytest.mark.django_db
def test_a_failure_is_audited_with_the_name_tried_and_the_address(clerk_a):
    client = Client(REMOTE_ADDR="198.51.100.5")
    assert attempt(client, "clerk.a", "wrong-password").status_code == 200
    assert attempt(client, "nobody", "wrong-password").status_code == 200
    known, unknown = events("account.login_failed")
    assert known.object_label == "clerk.a"
    assert known.object_id == str(clerk_a.user.pk)
    assert unknown.object_label == "nobody"
    assert unknown.object_id == ""
    for event in (known, unknown):
        assert event.actor_id is None
        assert event.changes["address"] == "198.51.100.5"
        assert "198.51.100.5" in event.actor_label
    assert not events("account.login")


@pytest.mark.django_db
def test_behind_a_proxy_the_address_audited_is_the_one_the_proxy_saw(clerk_a, settings):
    settings.GONGKAI_TRUSTED_PROXIES = 1
    client = Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9")
    attempt(client, "clerk.a", "wrong-password")
    (event,) = events("account.login_failed")
    assert event.changes["address"] == "203.0.113.9"


# --- lockout --------------------------------------------------------------------------------------
@pytest.mark.django_db
def test_five_failures_lock_the_account_even_for_the_right_password(clerk_a, reviewer_a):
    client = Client(REMOTE_ADDR="198.51.100.6")
    for _ in range(4):
        response = attempt(client, "clerk.a", "wrong-password")
        assert response.status_code == 200
        assert WRONG in errors_of(response)
    fifth = attempt(client, "clerk.a", "wrong-password")
    assert fifth.status_code == 429
    assert LOCKED in errors_of(fifth)
    assert "15分钟" in errors_of(fifth)
    # locked: the right password is refused, from this address and from any other
    for other in (client, Client(REMOTE_ADDR="192.0.2.77")):
        refused = attempt(other, "clerk.a", PASSWORD)
        assert refused.status_code == 429
        assert LOCKED in errors_of(refused)
        assert not logged_in(other)
    (lock,) = events("account.locked")
    assert "clerk.a" in lock.summary
    assert lock.object_id == str(clerk_a.user.pk)
    assert lock.changes["address"] == "198.51.100.6"
    # another account from the same address is not locked by this one's failures
    assert attempt(client, "reviewer.a", PASSWORD).status_code == 302
    # attempts during the lock are failures too, audited
    assert sum("锁定期间" in e.summary for e in events("account.login_failed")) == 2


@pytest.mark.django_db
def test_a_lock_does_not_tell_whether_the_account_exists(clerk_a):
    pages = {}
    for name in ("clerk.a", "no.such.person"):
        client = Client(REMOTE_ADDR="198.51.100.7")
        first = attempt(client, name, "wrong-password")
        for _ in range(3):
            attempt(client, name, "wrong-password")
        fifth = attempt(client, name, "wrong-password")
        sixth = attempt(client, name, "wrong-password")
        pages[name] = [(r.status_code, errors_of(r)) for r in (first, fifth, sixth)]
    assert pages["clerk.a"] == pages["no.such.person"]
    assert pages["clerk.a"][0][0] == 200
    assert WRONG in pages["clerk.a"][0][1]
    assert [status for status, _ in pages["clerk.a"][1:]] == [429, 429]


@pytest.mark.django_db
def test_names_are_counted_regardless_of_case_and_spaces(clerk_a):
    client = Client(REMOTE_ADDR="198.51.100.8")
    for name in ("clerk.a", "CLERK.A", " Clerk.A ", "clerk.A", "cLerk.a"):
        attempt(client, name, "wrong-password")
    assert attempt(client, "clerk.a", PASSWORD).status_code == 429


@pytest.mark.django_db
def test_a_success_forgives_the_accounts_failures(clerk_a):
    client = Client(REMOTE_ADDR="198.51.100.9")
    for _ in range(4):
        attempt(client, "clerk.a", "wrong-password")
    assert attempt(client, "clerk.a", PASSWORD).status_code == 302
    client.post(reverse("accounts:logout"))
    for _ in range(4):
        assert attempt(client, "clerk.a", "wrong-password").status_code == 200
    assert attempt(client, "clerk.a", PASSWORD).status_code == 302


@pytest.mark.django_db
def test_an_address_with_many_failures_is_locked_for_every_account(clerk_a, settings):
    settings.GONGKAI_LOGIN_ADDRESS_FAILURES = 6
    guesser = Client(REMOTE_ADDR="198.51.100.10")
    for i in range(5):
        assert attempt(guesser, f"name{i}", "guess").status_code == 200
    assert attempt(guesser, "name5", "guess").status_code == 429
    assert attempt(guesser, "clerk.a", PASSWORD).status_code == 429
    (lock,) = events("account.locked")
    assert "198.51.100.10" in lock.summary
    assert lock.object_id == ""
    # the account itself is not locked: from elsewhere it logs in
    assert attempt(Client(REMOTE_ADDR="192.0.2.1"), "clerk.a", PASSWORD).status_code == 302


@pytest.mark.django_db
def test_an_ipv6_guesser_cannot_escape_the_address_lock_within_its_64(clerk_a, settings):
    settings.GONGKAI_LOGIN_ADDRESS_FAILURES = 3
    for i in range(3):
        attempt(Client(REMOTE_ADDR=f"2001:db8:1:2::{i + 1:x}"), f"name{i}", "guess")
    assert attempt(Client(REMOTE_ADDR="2001:db8:1:2::ffff"), "x", "y").status_code == 429
    assert attempt(Client(REMOTE_ADDR="2001:db8:1:3::1"), "clerk.a", PASSWORD).status_code == 302


@pytest.mark.django_db
def test_empty_forms_are_not_counted(clerk_a):
    client = Client(REMOTE_ADDR="198.51.100.11")
    for _ in range(10):
        assert client.post(LOGIN, {"username": "clerk.a", "password": ""}).status_code == 200
    assert attempt(client, "clerk.a", PASSWORD).status_code == 302
    assert not events("account.login_failed")


@pytest.mark.django_db
def test_next_is_followed_only_within_the_site(clerk_a):
    inside = Client().post(
        LOGIN, {"username": "clerk.a", "password": PASSWORD, "next": "/staff/audit/"}
    )
    assert inside["Location"] == "/staff/audit/"
    outside = Client().post(
        LOGIN, {"username": "clerk.a", "password": PASSWORD, "next": "https://evil.example/"}
    )
    assert outside["Location"] == reverse("staff:home")


# --- passwords ----------------------------------------------------------------------------------
@pytest.mark.django_db
@pytest.mark.parametrize(
    ("password", "message"),
    [("zhang.wei.2025", "太相似"), ("37158204960312", "只包含数字"), ("short", "太短")],
)
def test_a_weak_password_is_refused_in_chinese(password, message):
    user = get_user_model()(username="zhang.wei")
    with pytest.raises(ValidationError) as info:
        password_validation.validate_password(password, user)
    assert any(message in m for m in info.value.messages)


@pytest.mark.django_db
def test_the_office_cannot_give_a_new_account_its_own_name_as_password(office, unit_a):
    response = login(office).post(
        reverse("staff:staff_create"),
        {
            "username": "li.ming",
            "password": "li.ming.2025",
            "name": "李明",
            "role": "clerk",
            "unit": unit_a.pk,
        },
    )
    assert response.status_code == 400
    assert "太相似" in response.content.decode()
    assert not get_user_model().objects.filter(username="li.ming").exists()


@pytest.mark.django_db
def test_nor_reset_a_password_to_one_like_the_account_name(office, clerk_a):
    client = login(office)
    url = reverse("staff:staff_password", args=[clerk_a.pk])
    assert client.post(url, {"password": "clerk.a.2025"}).status_code == 400
    assert client.post(url, {"password": "a-much-better-passphrase"}).status_code == 302


# --- TOTP: the pure rule ------------------------------------------------------------------------
SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
EPOCH = dt.datetime(2025, 3, 3, 9, 0, 0, tzinfo=dt.UTC)
times = st.integers(min_value=0, max_value=10**9).map(lambda s: EPOCH + dt.timedelta(seconds=s))


def test_the_rfc_6238_test_vector():
    # RFC 6238 appendix B, SHA-1, T = 59 s: 94287082 (8 digits); its last 6 digits here
    secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"  # base32 of "12345678901234567890"
    assert totp.code_at(secret, dt.datetime.fromtimestamp(59, tz=dt.UTC)) == "287082"


@given(at=times, drift=st.integers(min_value=-30, max_value=30))
@hsettings(max_examples=examples(200))
def test_a_code_is_accepted_within_one_step_and_only_once(at, drift):
    code = totp.code_at(SECRET, at)
    step = totp.matching_step(SECRET, code, at + dt.timedelta(seconds=drift), 0)
    assert step is not None
    assert totp.matching_step(SECRET, code, at + dt.timedelta(seconds=drift), step) is None
    assert totp.matching_step(SECRET, f" {code[:3]} {code[3:]} ", at, 0) is not None


@given(at=times, away=st.integers(min_value=2, max_value=10_000))
def test_a_code_is_refused_two_steps_away(at, away):
    code = totp.code_at(SECRET, at)
    later = at + dt.timedelta(seconds=30 * away + 30)
    earlier_codes = {totp.code_at(SECRET, later + dt.timedelta(seconds=30 * k)) for k in (-1, 0, 1)}
    if code not in earlier_codes:  # another step may show the same 6 digits by chance
        assert totp.matching_step(SECRET, code, later, 0) is None


@given(text=st.text(max_size=12))
def test_anything_but_six_digits_is_refused(text):
    if not (len(totp.normalize(text)) == 6 and totp.normalize(text).isascii()):
        assert totp.matching_step(SECRET, text, EPOCH, 0) is None


def test_the_qr_code_is_an_inline_svg_without_script():
    svg = totp.qr_svg(totp.provisioning_uri(SECRET, "office"))
    assert svg.startswith("<svg")
    assert "<script" not in svg
    assert "href" not in svg
    assert totp.provisioning_uri(SECRET, "office").startswith("otpauth://totp/")


# --- TOTP: binding and logging in ----------------------------------------------------------------
def enrol(client: Client) -> str:
    """Bind an app on the security page; the secret the page showed."""
    assert client.post(reverse("staff:security"), {"op": "start"}).status_code == 302
    page = client.get(reverse("staff:security")).content.decode()
    assert "<svg" in page
    secret = TotpDevice.objects.get().secret
    assert totp.grouped(secret) in page
    response = client.post(
        reverse("staff:security"),
        {"op": "confirm", "confirm-code": totp.code_at(secret, timezone.now())},
    )
    assert response.status_code == 302
    return secret


@pytest.mark.django_db
def test_a_reviewer_binds_an_app_and_then_logs_in_with_a_code(reviewer_a):
    secret = enrol(login(reviewer_a))
    device = TotpDevice.objects.get(user=reviewer_a.user)
    assert device.confirmed
    (enabled,) = events("account.totp_enabled")
    assert enabled.actor_id == reviewer_a.user.pk
    assert "地址" in enabled.summary
    # the secret is not shown again
    page = login(reviewer_a).get(reverse("staff:security")).content.decode()
    assert totp.grouped(secret) not in page
    assert "<svg" not in page
    assert "已启用" in page

    client = Client(REMOTE_ADDR="198.51.100.20")
    response = attempt(client, "reviewer.a", PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == CODE
    assert not logged_in(client)  # the password alone does not log in
    assert client.post(CODE, {"code": "000000"}).status_code == 400
    code = totp.code_at(secret, timezone.now() + dt.timedelta(seconds=30))  # the next step
    response = client.post(CODE, {"code": code})
    assert response.status_code == 302
    assert response["Location"] == reverse("staff:home")
    assert logged_in(client)
    (event,) = events("account.login")
    assert "动态口令" in event.summary
    assert event.changes["address"] == "198.51.100.20"
    assert any("动态口令不正确" in e.summary for e in events("account.login_failed"))

    # the same code does not log in twice
    again = Client()
    attempt(again, "reviewer.a", PASSWORD)
    assert again.post(CODE, {"code": code}).status_code == 400
    assert not logged_in(again)


@pytest.mark.django_db
def test_wrong_codes_count_toward_the_lock(reviewer_a):
    secret = enrol(login(reviewer_a))
    client = Client()
    attempt(client, "reviewer.a", PASSWORD)
    for _ in range(4):
        assert client.post(CODE, {"code": "000001"}).status_code == 400
    locked = client.post(CODE, {"code": "000001"}, follow=True)
    assert LOCKED in locked.content.decode()
    # locked: neither the password nor a right code gets in
    assert attempt(client, "reviewer.a", PASSWORD).status_code == 429
    assert client.post(CODE, {"code": totp.code_at(secret, timezone.now())}).status_code == 302
    assert not logged_in(client)


@pytest.mark.django_db
def test_the_code_step_expires_and_needs_the_password_first(reviewer_a):
    assert Client().post(CODE, {"code": "123456"}).status_code == 302
    enrol(login(reviewer_a))
    client = Client()
    attempt(client, "reviewer.a", PASSWORD)
    session = client.session
    pending = session["gk_login_pending"]
    pending["until"] = 0
    session["gk_login_pending"] = pending
    session.save()
    response = client.post(CODE, {"code": "123456"})
    assert response.status_code == 302
    assert response["Location"] == LOGIN


@pytest.mark.django_db
def test_disabling_needs_the_password_and_a_code_and_is_audited(reviewer_a):
    client = login(reviewer_a)
    secret = enrol(client)
    url = reverse("staff:security")
    later = totp.code_at(secret, timezone.now() + dt.timedelta(seconds=30))
    refused = client.post(
        url, {"op": "disable", "disable-password": "wrong", "disable-code": later}
    )
    assert refused.status_code == 400
    assert TotpDevice.objects.exists()
    response = client.post(
        url, {"op": "disable", "disable-password": PASSWORD, "disable-code": later}
    )
    assert response.status_code == 302
    assert not TotpDevice.objects.exists()
    (event,) = events("account.totp_disabled")
    assert event.actor_id == reviewer_a.user.pk
    assert attempt(Client(), "reviewer.a", PASSWORD)["Location"] == reverse("staff:home")


@pytest.mark.django_db
def test_required_for_the_office_it_is_bound_at_the_next_login(office, clerk_a, settings):
    settings.GONGKAI_TOTP_REQUIRED = True
    # a clerk is not asked
    assert attempt(Client(), "clerk.a", PASSWORD)["Location"] == reverse("staff:home")
    client = Client()
    assert attempt(client, "office", PASSWORD)["Location"] == CODE
    page = client.get(CODE).content.decode()
    secret = TotpDevice.objects.get(user=office.user).secret
    assert "<svg" in page
    assert totp.grouped(secret) in page
    assert not logged_in(client)
    response = client.post(CODE, {"code": totp.code_at(secret, timezone.now())})
    assert response.status_code == 302
    assert logged_in(client)
    assert TotpDevice.objects.get(user=office.user).confirmed
    assert len(events("account.totp_enabled")) == 1
    # and may not be removed while required
    client.post(
        reverse("staff:security"),
        {"op": "disable", "disable-password": PASSWORD, "disable-code": "000000"},
    )
    assert TotpDevice.objects.filter(user=office.user).exists()


@pytest.mark.django_db
def test_a_clerk_has_no_security_page(clerk_a):
    assert login(clerk_a).get(reverse("staff:security")).status_code == 404


@pytest.mark.django_db
def test_the_command_line_resets_a_lost_phone(reviewer_a, capsys):
    enrol(login(reviewer_a))
    with pytest.raises(SystemExit):
        call_command("totp_reset", "reviewer.a")  # a reason is required
    call_command("totp_reset", "reviewer.a", "--reason", "手机丢失，经本人申请")
    assert not TotpDevice.objects.exists()
    (event,) = events("account.totp_disabled")
    assert event.actor_id is None
    assert "手机丢失" in event.summary
    with pytest.raises(SystemExit):
        call_command("totp_reset", "reviewer.a", "--reason", "再次")
    assert "未启用" in capsys.readouterr().err


@pytest.mark.django_db
def test_services_refuse_a_second_binding(reviewer_a):
    enrol(login(reviewer_a))
    with pytest.raises(services.TotpError):
        services.totp_start(user=reviewer_a.user)
