"""Settings for the test suite: the project's settings plus a small app that stores due dates,
so the recomputation after a holiday load is tested against a real table."""

import os
import tempfile

# Before the project's settings are read: keep test runs out of the working copy's data folder.
os.environ.setdefault("GONGKAI_DATA_DIR", tempfile.mkdtemp(prefix="gongkai-test-"))
os.environ.setdefault("GONGKAI_SECRET_KEY", "test-secret-key-" + "x" * 40)

from gongkai.settings import *  # noqa: F403

INSTALLED_APPS = [*INSTALLED_APPS, "tests.clockapp"]  # noqa: F405
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast, tests only
# One process: the local-memory cache, which tests/conftest.py empties before each test. The
# shared backends (the database table, Redis) are tested with real processes and a real Redis
# server in tests/accounts/test_ratelimit.py.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
