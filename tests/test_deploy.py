"""The production profile: ``gongkai check --deploy`` is clean with HTTPS on; every HTML page
obeys its Content-Security-Policy (no inline script, event handler or style attribute; an
inline ``<style>`` only when its hash is allowed); the security headers are sent; and every
public page answers HEAD — status 200 and no body, through the production server (waitress)."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import threading
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from gongkai.applications import public_forms
from gongkai.core import security
from tests.accounts.test_access import build_world, routes, url_for
from tests.conftest import login
from tests.factories import PNG, columns_of, draft, publish

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "gongkai"
PRODUCTION = {
    "GONGKAI_HTTPS": "true",
    "GONGKAI_DEBUG": "false",
    "GONGKAI_SECRET_KEY": "k7#Vq2!pLx9@Zr4$Wm8^Tn1&Yb6*Hc3(Jd5)Fg0_Se-Ua+Ri=Ow;Eh:Kl" * 2,
    "GONGKAI_ALLOWED_HOSTS": "gk.example.gov.cn",
    "GONGKAI_CSRF_TRUSTED_ORIGINS": "https://gk.example.gov.cn",
    "GONGKAI_TRUSTED_PROXIES": "1",
}


def run_gongkai(tmp_path: Path, environment: dict[str, str], *args: str):
    # the machine's environment, not the test session's (no GONGKAI_*, no DJANGO_* the browser
    # tests set): the production profile is exactly what is given here
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GONGKAI_", "DJANGO_"))}
    if os.environ.get("GONGKAI_DATABASE_URL"):
        env["GONGKAI_DATABASE_URL"] = os.environ["GONGKAI_DATABASE_URL"]
    env.update({"GONGKAI_DATA_DIR": str(tmp_path), **environment})
    return subprocess.run(
        [sys.executable, "-m", "gongkai", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


# --- check --deploy -----------------------------------------------------------------------------
@pytest.mark.slow
def test_check_deploy_is_clean_in_the_production_profile(tmp_path):
    result = run_gongkai(tmp_path, PRODUCTION, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
    assert "WARNING" not in result.stdout + result.stderr


@pytest.mark.slow
def test_check_deploy_warns_without_https(tmp_path):
    """The control: the same check does find what the production profile sets."""
    plain = {**PRODUCTION, "GONGKAI_HTTPS": "false"}
    result = run_gongkai(tmp_path, plain, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode != 0
    for warning in ("security.W004", "security.W008", "security.W012", "security.W016"):
        assert warning in result.stderr


SHOW_SETTINGS = (
    "import json, django; from django.conf import settings; django.setup(); print(json.dumps({"
    "k: getattr(settings, k, None) for k in ('SECURE_SSL_REDIRECT', 'SECURE_HSTS_SECONDS', "
    "'SECURE_HSTS_INCLUDE_SUBDOMAINS', 'SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE', "
    "'SECURE_PROXY_SSL_HEADER')}))"
)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("environment", "expected"),
    [
        ({}, [False, 0, False, False, False, None]),
        (PRODUCTION, [True, 31_536_000, True, True, True, ["HTTP_X_FORWARDED_PROTO", "https"]]),
        # no proxy of ours in front: X-Forwarded-Proto would be anyone's word, so not believed
        (
            {**PRODUCTION, "GONGKAI_TRUSTED_PROXIES": "0"},
            [True, 31_536_000, True, True, True, None],
        ),
        (
            {**PRODUCTION, "GONGKAI_HSTS_SECONDS": "300"},
            [True, 300, True, True, True, ["HTTP_X_FORWARDED_PROTO", "https"]],
        ),
    ],
)
def test_https_switches_on_redirect_hsts_and_secure_cookies(tmp_path, environment, expected):
    # the machine's environment, not the test session's (no GONGKAI_*, no DJANGO_* the browser
    # tests set): the production profile is exactly what is given here
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GONGKAI_", "DJANGO_"))}
    env.update({"GONGKAI_DATA_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "gongkai.settings"})
    env.update(environment)
    result = subprocess.run(
        [sys.executable, "-c", SHOW_SETTINGS],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    shown = json.loads(result.stdout)
    assert list(shown.values()) == expected


@pytest.mark.django_db
def test_behind_the_proxy_plain_http_is_redirected_and_https_gets_hsts(settings, district):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31_536_000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    plain = Client().get("/units/")
    assert plain.status_code == 301
    assert plain["Location"] == "https://testserver/units/"
    secure = Client().get("/units/", HTTP_X_FORWARDED_PROTO="https")
    assert secure.status_code == 200
    assert secure["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


# --- headers ------------------------------------------------------------------------------------
@pytest.mark.django_db
def test_pages_carry_the_security_headers(client, district):
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    directives = dict(d.split(" ", 1) for d in policy.split("; "))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"  # no 'unsafe-inline', no hashes: no inline code
    assert "'unsafe-inline'" not in directives["style-src"]
    assert directives["frame-ancestors"] == "'none'"
    assert directives["form-action"] == "'self'"
    assert directives["base-uri"] == "'none'"
    assert directives["object-src"] == "'none'"
    assert directives["img-src"] == "'self' data:"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    stylesheet = client.get("/static/gongkai/site.css")
    assert "Content-Security-Policy" not in stylesheet  # only documents that can run script
    assert "Permissions-Policy" in stylesheet


# --- the policy holds on every page --------------------------------------------------------------
class InlineCode(HTMLParser):
    """What a CSP without 'unsafe-inline' blocks: inline scripts, event-handler attributes,
    javascript: URLs, style attributes, and <style> blocks whose hash is not allowed."""

    def __init__(self, policy: str) -> None:
        super().__init__(convert_charrefs=True)
        self.policy = policy
        self.problems: list[str] = []
        self._inside: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=…>")
            elif name == "style":
                self.problems.append(f"<{tag} style={value!r}>")
            elif name in ("href", "src", "action", "formaction") and (
                value or ""
            ).strip().lower().startswith("javascript:"):
                self.problems.append(f"<{tag} {name}={value!r}>")
        if tag == "script" and not values.get("src"):
            self._inside, self._text = "script", []
        elif tag == "style":
            self._inside, self._text = "style", []

    def handle_data(self, data: str) -> None:
        if self._inside:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag != self._inside:
            return
        text = "".join(self._text)
        if tag == "script":
            self.problems.append(f"inline <script>{text[:60]!r}")
        elif security.source_hash(text) not in self.policy:
            self.problems.append(f"<style> not allowed by its hash: {text[:60]!r}")
        self._inside = None


def inline_code(response) -> list[str]:
    checker = InlineCode(response["Content-Security-Policy"])
    checker.feed(response.content.decode())
    return checker.problems


@pytest.fixture
def published(clerk_a, reviewer_a, unit_a, district):
    columns = columns_of(unit_a)
    item = draft(clerk_a.user, unit_a, columns["news"])
    from gongkai.catalog import services as catalog

    catalog.attachments_add(actor=clerk_a.user, item=item, files=[("photo.png", PNG)])
    catalog.item_submit(actor=clerk_a.user, item=item)
    catalog.item_publish(actor=reviewer_a.user, item=item, secrecy_review="经审查，不涉密")
    publish(clerk_a.user, reviewer_a.user, unit_a, columns["news"], title="防汛工作通知")
    return item


def public_urls(item, unit) -> list[str]:
    attachment = item.attachments.first()
    return [
        "/",
        reverse("portal:units"),
        reverse("portal:unit", args=[unit.code]),
        reverse("portal:column", args=[item.column_id]),
        reverse("portal:column_feed", args=[item.column_id]),
        reverse("portal:key_areas"),
        reverse("portal:interpretations"),
        reverse("portal:item", args=[item.pk]),
        reverse("portal:attachment", args=[item.pk, attachment.pk]),
        reverse("portal:search") + "?q=通知",
        reverse("portal:search"),
        reverse("portal:api_items"),
        reverse("portal:deadline"),
        reverse("portal:deadline") + "?received=2025-03-03",
        reverse("portal:apply"),
        reverse("portal:apply_form"),
        reverse("portal:lookup"),
        reverse("portal:reports"),
        reverse("portal:sitemap"),
        reverse("accounts:login"),
    ]


@pytest.mark.django_db
def test_no_public_page_has_inline_script_or_style(client, published, unit_a):
    checked = 0
    for url in public_urls(published, unit_a):
        response = client.get(url)
        assert response.status_code == 200, url
        if response["Content-Type"].startswith("text/html"):
            assert inline_code(response) == [], url
            checked += 1
    assert checked >= 12


@pytest.fixture
def world(office, supervisor, clerk_a, reviewer_a, clerk_b, citizen, unit_a):
    """The records of tests/accounts/test_access.py, with every persona."""
    return build_world(office=office, clerk_a=clerk_a, unit_a=unit_a)


@pytest.mark.django_db
@pytest.mark.slow
def test_no_staff_page_has_inline_script_or_style(world, office, clerk_a):
    checked = 0
    for member in (office, clerk_a):
        client = login(member)
        for pattern in routes():
            url = url_for(pattern, world)
            response = client.get(url)
            if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
                continue
            assert inline_code(response) == [], url
            checked += 1
    assert checked >= 30
    # the self-contained documents: a notice and the case file, styled by an allowed hash
    application, notice, clerk = world["application"], world["document"], login(clerk_a)
    for url in (
        reverse("staff:document_print", args=[application.pk, notice.pk]),
        reverse("staff:case_print", args=[application.pk]),
    ):
        response = clerk.get(url)
        assert response.status_code == 200, url
        assert "<style>" in response.content.decode()
        assert inline_code(response) == [], url


def test_no_template_has_inline_script_event_handler_or_style():
    """Also the templates no test above renders."""
    inline = re.compile(
        r"<script(?![^>]*\bsrc=)[^>]*>|\son[a-z]+\s*=|\sstyle\s*=|<style\b|javascript:", re.I
    )
    found = []
    for template in sorted(SRC.rglob("*.html")):
        if "templates" not in template.parts:
            continue
        for number, line in enumerate(template.read_text(encoding="utf-8").splitlines(), 1):
            if inline.search(line):
                found.append(f"{template.relative_to(SRC)}:{number}: {line.strip()[:80]}")
    assert found == []


def test_the_printed_form_stylesheet_has_every_column_and_row_height():
    css = (SRC / "static" / "gongkai" / "apply_form.css").read_text(encoding="utf-8")
    for width in public_forms.COLUMNS_MM:
        assert f"col.w{width} {{ width: {width}mm; }}" in css
    heights = {c.height_mm for row in public_forms.form_rows() for c in row if c.height_mm}
    assert heights
    for height in heights:
        assert f"td.h{height} {{ height: {height}mm; }}" in css


def test_an_inline_style_must_be_ascii_so_the_traditional_display_keeps_its_hash():
    with pytest.raises(ValueError, match="ASCII"):
        security.inline_style('body { font-family: "宋体"; }')
    with pytest.raises(ValueError, match="ASCII"):
        security.inline_style("</style><script>alert(1)</script>")


@pytest.mark.django_db
def test_the_traditional_display_keeps_the_case_file_style_allowed(world, clerk_a):
    client = login(clerk_a)
    client.cookies["gk_script"] = "hant"
    response = client.get(reverse("staff:case_print", args=[world["application"].pk]))
    assert response["Content-Language"] == "zh-Hant"
    assert inline_code(response) == []


# --- HEAD ---------------------------------------------------------------------------------------
@pytest.fixture
def server(transactional_db):
    """The production WSGI server (waitress, as ``gongkai serve`` runs it) in a thread."""
    from django.core.handlers.wsgi import WSGIHandler
    from django.db import connections
    from waitress.server import create_server

    handler = WSGIHandler()

    def application(environ, start_response):
        try:
            yield from handler(environ, start_response)
        finally:  # in the server's thread: no connection outlives the test database
            connections.close_all()

    instance = create_server(application, host="127.0.0.1", port=0, threads=2)
    thread = threading.Thread(target=instance.run, daemon=True)
    thread.start()
    yield instance.effective_port
    instance.close()
    instance.task_dispatcher.shutdown()
    thread.join(timeout=10)


def head(port: int, url: str) -> tuple[int, bytes]:
    """Send HEAD and read until the server closes: the status, and any bytes after the headers."""
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        sock.sendall(
            f"HEAD {url} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n".encode()
        )
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    headers, _, body = data.partition(b"\r\n\r\n")
    return int(headers.split(b" ", 2)[1]), body


def test_every_public_page_answers_head_with_200_and_no_body(server, published, unit_a):
    from urllib.parse import quote

    for url in public_urls(published, unit_a):
        status, body = head(server, quote(url, safe="/?=&"))
        assert (status, body) == (200, b""), url
