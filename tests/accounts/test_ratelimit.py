"""Rate limits: who the client is behind trusted proxies (no header value lets a client choose
its address), counts shared by every process (the database cache and a real Redis server), and
the public forms' two allowances (form errors cost less than submissions). The end-to-end test
runs 2 gunicorn workers behind a proxy header against a real Redis server."""

from __future__ import annotations

import http.client
import ipaddress
import json
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from gongkai.core.ratelimit import client_key, hit, resolve_client
from gongkai.env import Env, SettingError

ROOT = Path(__file__).resolve().parents[2]
PEER = "10.1.2.3"

addresses = st.ip_addresses().map(str)
proxy_counts = st.integers(min_value=1, max_value=5)


def normal(address: str) -> str:
    parsed = ipaddress.ip_address(address)
    if isinstance(parsed, ipaddress.IPv6Address) and parsed.ipv4_mapped is not None:
        return str(parsed.ipv4_mapped)
    return str(parsed)


# --- the client's address: a pure function ---------------------------------------------------
@pytest.mark.parametrize(
    ("forwarded", "proxies", "expected"),
    [
        (None, 0, PEER),
        ("1.1.1.1", 0, PEER),  # no proxy trusted: the header is ignored
        ("203.0.113.5", 1, "203.0.113.5"),
        ("6.6.6.6, 203.0.113.5", 1, "203.0.113.5"),  # the client's own entry is ignored
        ("6.6.6.6,203.0.113.5", 1, "203.0.113.5"),
        ("6.6.6.6, 203.0.113.5, 10.0.0.7", 2, "203.0.113.5"),
        ("203.0.113.5, 10.0.0.7", 2, "203.0.113.5"),
        ("10.0.0.7", 2, PEER),  # fewer entries than proxies: not set up as configured
        ("", 1, PEER),
        ("unknown", 1, PEER),  # what the outermost proxy wrote is not an address
        ("6.6.6.6, garbage", 1, PEER),
        ("6.6.6.6, ", 1, PEER),
        ("203.0.113.5:4711", 1, "203.0.113.5"),  # some proxies add the port
        ("[2001:db8::5]:4711", 1, "2001:db8::5"),
        ("2001:DB8:0:0::5", 1, "2001:db8::5"),  # one spelling per address
        ("::ffff:203.0.113.5", 1, "203.0.113.5"),
        ("203.0.113.5:x", 1, PEER),
        ("[2001:db8::5", 1, PEER),
        ("1.2.3.4:5:6", 1, PEER),
    ],
)
def test_the_client_is_the_address_the_outermost_trusted_proxy_appended(
    forwarded, proxies, expected
):
    assert resolve_client(PEER, forwarded, proxies) == expected


@given(
    sent=st.text(),
    appended=st.lists(addresses, min_size=1, max_size=5),
)
def test_no_header_value_lets_a_client_choose_its_address(sent, appended):
    """Whatever the client sends as X-Forwarded-For, each of our proxies appends the address it
    saw: the result is what the outermost one appended."""
    header = ", ".join([sent, *appended]) if sent else ", ".join(appended)
    assert resolve_client(PEER, header, len(appended)) == normal(appended[0])


@given(first=st.text(), second=st.text(), appended=st.lists(addresses, min_size=1, max_size=3))
def test_two_clients_sending_different_headers_from_one_address_are_one_client(
    first, second, appended
):
    tail = ", ".join(appended)
    one = resolve_client(PEER, f"{first}, {tail}", len(appended))
    other = resolve_client(PEER, f"{second}, {tail}", len(appended))
    assert one == other


@given(header=st.one_of(st.none(), st.text()), peer=addresses)
def test_without_a_trusted_proxy_the_header_is_never_read(header, peer):
    assert resolve_client(peer, header, 0) == normal(peer)


@given(header=st.text(), proxies=proxy_counts, peer=addresses, prefix=st.text())
def test_garbage_gives_an_address_and_what_is_left_of_the_trusted_part_never_matters(
    header, proxies, peer, prefix
):
    result = resolve_client(peer, header, proxies)
    ipaddress.ip_address(result)  # always an address: the peer's, or one a proxy wrote
    if len(header.split(",")) >= proxies:
        assert resolve_client(peer, f"{prefix},{header}", proxies) == result


def test_ipv6_clients_are_counted_by_their_64():
    assert (
        client_key("2001:db8:1:2::1") == client_key("2001:db8:1:2:ffff::9") == ("2001:db8:1:2::/64")
    )
    assert client_key("2001:db8:1:3::1") != client_key("2001:db8:1:2::1")
    assert client_key("203.0.113.5") == "203.0.113.5"


# --- settings ----------------------------------------------------------------------------------
def settings_with(**environ: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GONGKAI_")}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env.update(GONGKAI_DATA_DIR=tempfile.mkdtemp(prefix="gongkai-test-"), **environ)
    code = (
        "import os, json; os.environ['DJANGO_SETTINGS_MODULE']='gongkai.settings'\n"
        "from django.conf import settings\n"
        "print(json.dumps([settings.GONGKAI_TRUSTED_PROXIES, settings.CACHES['default']]))"
    )
    return subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False
    )


@pytest.mark.parametrize(
    ("environ", "proxies"),
    [
        ({}, 0),
        ({"GONGKAI_TRUSTED_PROXIES": "2"}, 2),
        ({"GONGKAI_BEHIND_PROXY": "true"}, 1),  # the older name: one proxy
        ({"GONGKAI_BEHIND_PROXY": "true", "GONGKAI_TRUSTED_PROXIES": "2"}, 2),
    ],
)
def test_the_proxy_count(environ, proxies):
    run = settings_with(**environ)
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)[0] == proxies


def test_a_contradiction_about_proxies_stops_start_up():
    run = settings_with(GONGKAI_BEHIND_PROXY="false", GONGKAI_TRUSTED_PROXIES="1")
    assert run.returncode != 0
    assert "矛盾" in run.stderr


def test_the_cache_is_the_database_unless_redis_is_configured():
    default = json.loads(settings_with().stdout)[1]
    assert default["BACKEND"] == "gongkai.core.cache.DatabaseCache"
    redis = json.loads(settings_with(GONGKAI_CACHE_URL="redis://127.0.0.1:6390/2").stdout)[1]
    assert redis["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert redis["LOCATION"] == "redis://127.0.0.1:6390/2"


@pytest.mark.parametrize(
    "url",
    ["memcached://h:1", "redis://", "redis://h:port/0", "redis://h:6379/zero", "redis://h/0?x=1"],
)
def test_a_bad_cache_url_stops_start_up(url):
    run = settings_with(GONGKAI_CACHE_URL=url)
    assert run.returncode != 0
    assert "GONGKAI_CACHE_URL" in run.stderr


def test_env_is_strict_about_the_proxy_count():
    with pytest.raises(SettingError):
        Env({"GONGKAI_TRUSTED_PROXIES": "-1"}).integer(
            "GONGKAI_TRUSTED_PROXIES", 0, minimum=0, maximum=10
        )


# --- the public forms: attempts and submissions ---------------------------------------------------
def lookup(client: Client, number: str = "GK-NONE", code: str = "nope"):
    return client.post(reverse("portal:lookup"), {"tracking_number": number, "query_code": code})


@pytest.mark.django_db
def test_form_errors_cost_less_than_submissions(client, settings):
    settings.GONGKAI_PUBLIC_RATE_LIMIT = 2
    settings.GONGKAI_PUBLIC_ATTEMPT_LIMIT = 6
    # a citizen fixing a form error three times is not held up ...
    for _ in range(3):
        assert lookup(client, number="").status_code == 400
    # ... and still has both of the submissions of the minute
    assert lookup(client).status_code == 400  # checked: wrong number or code
    assert lookup(client).status_code == 400
    blocked = lookup(client)
    assert blocked.status_code == 429
    assert "提交过于频繁" in blocked.content.decode()


@pytest.mark.django_db
def test_a_flood_of_invalid_posts_is_still_stopped(client, settings):
    settings.GONGKAI_PUBLIC_RATE_LIMIT = 2
    settings.GONGKAI_PUBLIC_ATTEMPT_LIMIT = 6
    statuses = [lookup(client, number="").status_code for _ in range(10)]
    assert statuses == [400] * 6 + [429] * 4
    # and valid ones after it too: the attempt allowance is shared
    assert lookup(client).status_code == 429


@pytest.mark.django_db
def test_the_count_is_per_client_behind_the_proxy(settings):
    settings.GONGKAI_PUBLIC_RATE_LIMIT = 2
    settings.GONGKAI_TRUSTED_PROXIES = 1
    proxy = "10.0.0.2"
    for i in range(2):
        spoofed = Client(REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR=f"9.9.9.{i}, 203.0.113.5")
        assert lookup(spoofed).status_code == 400
    third = Client(REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="1.1.1.1, 203.0.113.5")
    assert lookup(third).status_code == 429
    other = Client(REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="203.0.113.5, 203.0.113.6")
    assert lookup(other).status_code == 400


@pytest.mark.django_db
def test_zero_turns_the_limits_off(client, settings):
    settings.GONGKAI_PUBLIC_RATE_LIMIT = 0
    settings.GONGKAI_PUBLIC_ATTEMPT_LIMIT = 0
    assert all(lookup(client).status_code == 400 for _ in range(30))


# --- the database cache, in this process (SQLite or PostgreSQL, whichever the suite runs on) --
@pytest.fixture
def db_cache(db, settings):
    settings.CACHES = {
        "default": {"BACKEND": "gongkai.core.cache.DatabaseCache", "LOCATION": "gongkai_cache"}
    }
    yield cache
    cache.clear()


def test_the_database_cache_counts_and_keeps_the_window(db_cache):
    assert [hit("k", 60) for _ in range(5)] == [1, 2, 3, 4, 5]
    assert db_cache.get("k") == 5
    with pytest.raises(ValueError, match="not found"):
        db_cache.incr("missing")
    db_cache.set("old", 3, timeout=-1)  # already expired
    with pytest.raises(ValueError, match="not found"):
        db_cache.incr("old")
    assert hit("old", 60) == 1  # a new window


def test_the_database_cache_increment_keeps_the_expiry(db_cache):
    from django.db import connection

    db_cache.add("e", 0, timeout=120)
    key = db_cache.make_and_validate_key("e")
    with connection.cursor() as cursor:
        cursor.execute("SELECT expires FROM gongkai_cache WHERE cache_key = %s", [key])
        before = cursor.fetchone()[0]
        db_cache.incr("e", 5)
        cursor.execute("SELECT expires FROM gongkai_cache WHERE cache_key = %s", [key])
        assert cursor.fetchone()[0] == before
    assert db_cache.get("e") == 5


# --- real processes: a migrated data folder, a real Redis server ------------------------------
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def process_env(data_dir: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GONGKAI_")}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env.update(
        GONGKAI_DATA_DIR=str(data_dir),
        GONGKAI_SECRET_KEY="test-secret-key-" + "x" * 40,
        GONGKAI_LOG_LEVEL="WARNING",
        PYTHONPATH=str(ROOT / "src"),
        **extra,
    )
    return env


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    """A data folder with a migrated SQLite database, as `gongkai migrate` leaves it."""
    folder = tmp_path_factory.mktemp("gongkai-data")
    subprocess.run(
        [sys.executable, "-m", "gongkai", "migrate", "--noinput"],
        env=process_env(folder),
        check=True,
        capture_output=True,
    )
    return folder


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory):
    """A real Redis server on a free port, stopped at the end."""
    server = shutil.which("redis-server")
    if server is None:
        if os.environ.get("GONGKAI_REQUIRE_SYSTEM_TOOLS"):
            pytest.fail("redis-server is not installed (.ci/run installs it)")
        pytest.skip("redis-server is not installed")
    folder = tmp_path_factory.mktemp("redis")
    port = free_port()
    command = [server, "--port", str(port), "--bind", "127.0.0.1", "--save", ""]
    command += ["--appendonly", "no", "--dir", str(folder), "--protected-mode", "yes"]
    process = subprocess.Popen(
        command,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1) as s:
                    s.sendall(b"PING\r\n")
                    if s.recv(16).startswith(b"+PONG"):
                        break
            except OSError:
                time.sleep(0.05)
        else:
            pytest.fail("redis-server did not start")
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(timeout=10)


COUNTER = """
import json, os, sys, time
os.environ["DJANGO_SETTINGS_MODULE"] = "gongkai.settings"
import django
django.setup()
from gongkai.core.ratelimit import hit
start = float(sys.argv[2])
while time.time() < start:  # both processes begin together
    time.sleep(0.001)
print(json.dumps([hit(sys.argv[1], 600) for _ in range(int(sys.argv[3]))]))
"""


def count_in_two_processes(env: dict[str, str], key: str, each: int) -> list[int]:
    start = str(time.time() + 2)
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", COUNTER, key, start, str(each)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    counts: list[int] = []
    for process in processes:
        out, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
        counts += json.loads(out)
    return counts


@pytest.mark.slow
def test_the_database_cache_is_shared_and_exact_between_two_processes(data_dir):
    counts = count_in_two_processes(process_env(data_dir), "two-processes", 150)
    # every use counted once: no two processes saw the same number, none was lost
    assert sorted(counts) == list(range(1, 301))


@pytest.mark.slow
def test_redis_is_shared_and_exact_between_two_processes(data_dir, redis_url):
    env = process_env(data_dir, GONGKAI_CACHE_URL=redis_url)
    counts = count_in_two_processes(env, "two-processes", 300)
    assert sorted(counts) == list(range(1, 601))


# --- end to end: 2 gunicorn workers behind a proxy, counting in Redis ---------------------------
class Site:
    """A client of the server, as the proxy in front of it would be: it appends the address it
    saw to whatever X-Forwarded-For the client sent."""

    def __init__(self, port: int) -> None:
        self.port = port
        status, headers = self.request("GET", "/track/", {})
        assert status == 200
        cookie = next(v for k, v in headers if k.lower() == "set-cookie" and "csrftoken=" in v)
        self.token = cookie.split(";")[0].split("=", 1)[1]

    def request(self, method: str, path: str, headers: dict[str, str], body: str = ""):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            connection.request(method, path, body=body.encode() or None, headers=headers)
            response = connection.getresponse()
            response.read()
            return response.status, response.getheaders()
        finally:
            connection.close()

    def lookup(self, forwarded: str) -> int:
        body = f"tracking_number=GK-NONE&query_code=nope&csrfmiddlewaretoken={self.token}"
        status, _ = self.request(
            "POST",
            "/track/",
            {
                "Content-Type": "application/x-www-form-urlencoded",
                "Cookie": f"csrftoken={self.token}",
                "X-Forwarded-For": forwarded,
            },
            body,
        )
        return status


def spoofed_prefix(rng: random.Random) -> str:
    """What a hostile client puts in its own X-Forwarded-For: random addresses and junk."""
    junk = [
        f"{rng.randint(1, 223)}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}"
        for _ in range(rng.randint(0, 3))
    ]
    junk += rng.sample(["unknown", "127.0.0.1", "::1", "", "203.0.113.99"], k=rng.randint(0, 2))
    rng.shuffle(junk)
    return ", ".join(junk)


@pytest.mark.slow
def test_the_limit_holds_across_two_gunicorn_workers_behind_a_proxy(data_dir, redis_url):
    limit, sent = 7, 40
    port = free_port()
    log = data_dir / "access.log"
    env = process_env(
        data_dir,
        GONGKAI_CACHE_URL=redis_url,
        GONGKAI_TRUSTED_PROXIES="1",
        GONGKAI_PUBLIC_RATE_LIMIT=str(limit),
        GONGKAI_PUBLIC_ATTEMPT_LIMIT="1000",
    )
    command = [sys.executable, "-m", "gunicorn", "gongkai.wsgi:application"]
    command += ["--bind", f"127.0.0.1:{port}", "--workers", "2", "--worker-class", "sync"]
    command += ["--access-logfile", str(log), "--access-logformat", "%(p)s %(s)s"]
    server = subprocess.Popen(
        command,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        for _ in range(200):
            try:
                site = Site(port)
                break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail("gunicorn did not start")
        rng = random.Random(12)
        headers = []
        for _ in range(sent):
            prefix = spoofed_prefix(rng)
            # the proxy (the test) appends the one address it saw: that client is one
            headers.append(f"{prefix}, 198.51.100.23" if prefix else "198.51.100.23")
        barrier = threading.Barrier(8)

        def fire(chunk: list[str]) -> list[int]:
            barrier.wait()
            return [site.lookup(h) for h in chunk]

        with ThreadPoolExecutor(8) as pool:
            results = [
                s for part in pool.map(fire, [headers[i::8] for i in range(8)]) for s in part
            ]
        another = site.lookup("198.51.100.24")
    finally:
        server.terminate()
        _, err = server.communicate(timeout=30)
    assert sorted(set(results)) == [400, 429], err
    assert results.count(400) == limit  # exactly the limit was checked, whatever was spoofed
    assert results.count(429) == sent - limit
    assert another == 400  # another client has its own count
    lines = [line.split() for line in log.read_text().splitlines() if line.strip()]
    workers = {pid for pid, status in lines if status in ("400", "429")}
    assert len(workers) == 2, "both workers answered"
