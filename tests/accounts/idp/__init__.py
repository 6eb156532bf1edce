"""The unified user centre the SSO tests sign in at: a real OpenID Connect provider
(django-oidc-provider) and a real CAS 3.0 server (django-cas-server), run as their own process
on a free port of 127.0.0.1 and spoken to over HTTP, as a deployment's 统一用户中心 would be.
Both are on PyPI and pinned in the dev extra, so `make install` (and so .ci/run) installs them;
nothing is fetched while the tests run."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
import requests

ROOT = Path(__file__).resolve().parents[3]
CLIENT_ID = "gongkai"
CLIENT_SECRET = "gongkai-test-secret-" + "z" * 20
PASSWORD = "idp-password-1"
CAS = ["username", "first_name"]  # the attributes the CAS server releases
# People the user centre knows. Gongkai registers some of them as staff (Staff.sso_id).
PEOPLE = [
    {"username": u, "name": n, "id_number": i, "phone": p}
    for u, n, i, p in (
        ("zhang.wei", "张伟", "110229198001011234", "13800000001"),
        ("li.na", "李娜", "11022919850202234X", "13800000002"),
        ("wang.fang", "王芳", "110229199003033456", "13800000003"),
    )
]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class UserCentre:
    def __init__(self) -> None:
        self.data = Path(tempfile.mkdtemp(prefix="gongkai-idp-"))
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {
            **os.environ,
            "IDP_DATA_DIR": str(self.data),
            "IDP_URL": self.url,
            "DJANGO_SETTINGS_MODULE": "tests.accounts.idp.settings",
            "PYTHONPATH": str(ROOT),
        }
        self.process: subprocess.Popen[bytes] | None = None
        self.gongkai_urls: set[str] = set()

    def start(self) -> None:
        log = open(self.data / "server.log", "wb")  # noqa: SIM115 - open while the server runs
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.accounts.idp.serve", str(self.port)],
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError((self.data / "server.log").read_text(errors="replace"))
            try:
                if requests.get(self.url + "/.well-known/openid-configuration", timeout=2).ok:
                    return
            except requests.RequestException:
                time.sleep(0.2)
        raise RuntimeError("the test user centre did not start")

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)

    def register(self, gongkai_url: str) -> None:
        """Register a Gongkai at ``gongkai_url`` (its callback, its logout landing, its CAS
        service), as a deployment registers it at its user centre (docs/sso.md)."""
        self.gongkai_urls.add(gongkai_url.rstrip("/"))
        bases = sorted(self.gongkai_urls)
        config = {
            "users": [{**person, "password": PASSWORD} for person in PEOPLE],
            "clients": [
                {
                    "client_id": CLIENT_ID,
                    "secret": CLIENT_SECRET,
                    "redirect_uris": [b + "/accounts/sso/oidc/callback/" for b in bases],
                    "post_logout_redirect_uris": [b + "/" for b in bases],
                    "scope": ["openid", "profile", "phone", "identity"],
                }
            ],
            "cas_services": [
                {"pattern": "^" + re.escape(b) + "/accounts/sso/cas/callback/", "attributes": CAS}
                for b in bases
            ],
        }
        path = self.data / "setup.json"
        path.write_text(json.dumps(config), encoding="utf-8")
        subprocess.run(
            [sys.executable, "-m", "tests.accounts.idp.serve", "--setup", str(path)],
            cwd=ROOT,
            env=self.env,
            check=True,
            capture_output=True,
        )


@pytest.fixture(scope="session")
def user_centre():
    centre = UserCentre()
    centre.start()
    yield centre
    centre.stop()


def configure(settings, centre: UserCentre, gongkai_url: str, **extra) -> None:
    """Point Gongkai's settings at the user centre, both protocols on."""
    centre.register(gongkai_url)
    settings.GONGKAI_OIDC_ISSUER = centre.url
    settings.GONGKAI_OIDC_CLIENT_ID = CLIENT_ID
    settings.GONGKAI_OIDC_CLIENT_SECRET = CLIENT_SECRET
    settings.GONGKAI_OIDC_SCOPES = ["openid", "profile", "phone", "identity"]
    settings.GONGKAI_OIDC_STAFF_CLAIM = "sub"
    settings.GONGKAI_CAS_URL = centre.url + "/cas"
    for name, value in extra.items():
        setattr(settings, name, value)
