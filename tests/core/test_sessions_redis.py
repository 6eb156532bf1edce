"""Sessions in Redis when GONGKAI_CACHE_URL is set (docs/settings.md): a login made in one
process is read by another — as a login through one application host is by every other — and
nothing is written to the database's session table; without Redis, sessions stay in the
database. A real redis-server on a free port (tests/accounts/test_ratelimit.py)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.accounts.test_ratelimit import ROOT, data_dir, process_env, redis_url

__all__ = ["data_dir", "redis_url"]  # the fixtures, reused

LOGIN = """
import json, django; django.setup()
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
user, _ = get_user_model().objects.get_or_create(username="session.test")
client = Client()
client.force_login(user)
print(json.dumps({"key": client.session.session_key, "engine": settings.SESSION_ENGINE}))
"""

READ = """
import json, sys, django; django.setup()
from importlib import import_module
from django.conf import settings
from django.contrib.sessions.models import Session
store = import_module(settings.SESSION_ENGINE).SessionStore(session_key=sys.argv[1])
print(json.dumps({"user": store.get("_auth_user_id"), "rows": Session.objects.count()}))
"""


def python(env: dict[str, str], script: str, *args: str) -> dict:
    env = {**env, "DJANGO_SETTINGS_MODULE": "gongkai.settings"}
    done = subprocess.run(
        [sys.executable, "-c", script, *args],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.slow
def test_a_login_made_in_one_process_is_read_by_another_from_redis(data_dir, redis_url):
    env = process_env(data_dir, GONGKAI_CACHE_URL=redis_url)
    made = python(env, LOGIN)
    assert made["engine"] == "django.contrib.sessions.backends.cache"
    read = python(env, READ, made["key"])
    assert read["user"] is not None
    assert read["rows"] == 0  # not in the database

    import redis

    keys = redis.Redis.from_url(redis_url).keys("gongkai-session:*")
    assert any(made["key"].encode() in key for key in keys)


@pytest.mark.slow
def test_without_redis_sessions_stay_in_the_database(data_dir):
    env = process_env(data_dir)
    made = python(env, LOGIN)
    assert made["engine"] == "django.contrib.sessions.backends.db"
    read = python(env, READ, made["key"])
    assert read["user"] is not None
    assert read["rows"] >= 1
