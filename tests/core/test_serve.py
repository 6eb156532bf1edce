"""``gongkai serve`` on both stacks: the real server process, started on a free port, answers a
page over IPv4 (127.0.0.1) and over IPv6 ([::1]) — waitress by default, gunicorn with
``--workers``. A machine without an IPv6 loopback fails these tests (never skips them): the
district's network is to be reachable over IPv6, and a test that skipped would hide it."""

from __future__ import annotations

import http.client
import socket
import subprocess
import sys
import time

import pytest

from gongkai.core.cli import UsageError
from gongkai.core.management.commands.serve import bind_address, ipv6_loopback, parse_hosts
from tests.accounts.test_ratelimit import data_dir, process_env

__all__ = ["data_dir"]  # the migrated data folder of the rate-limit tests, reused

NO_IPV6 = (
    "This machine cannot listen on the IPv6 loopback (::1): `gongkai serve` is required to "
    "answer over IPv6. Enable IPv6 on lo (e.g. `sysctl -w net.ipv6.conf.lo.disable_ipv6=0`, or "
    "run the container with IPv6) — this test fails rather than skips."
)


def test_hosts_are_a_list_of_addresses():
    assert parse_hosts(None) == []
    assert parse_hosts(["127.0.0.1,::1"]) == ["127.0.0.1", "::1"]
    every = "0.0.0.0"  # noqa: S104
    assert parse_hosts(["[::1]", every, " :: ", "::1"]) == ["::1", every, "::"]
    assert parse_hosts(["localhost"]) == ["localhost"]
    assert bind_address("::1", 8000) == "[::1]:8000"
    assert bind_address("127.0.0.1", 8000) == "127.0.0.1:8000"
    with pytest.raises(UsageError, match="不是IP地址"):
        parse_hosts(["example.com"])
    with pytest.raises(UsageError, match="不是IP地址"):
        parse_hosts(["127.0.0.1:8000"])


def free_port_on_both() -> int:
    """A port free on 127.0.0.1 and on ::1 alike."""
    for _ in range(50):
        with socket.socket(socket.AF_INET6) as six:
            six.bind(("::1", 0))
            port = int(six.getsockname()[1])
            try:
                with socket.socket(socket.AF_INET) as four:
                    four.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise AssertionError("no port free on both 127.0.0.1 and ::1")


def get(host: str, port: int, path: str = "/") -> tuple[int, str]:
    connection = http.client.HTTPConnection(host, port, timeout=30)
    try:
        name = f"[{host}]" if ":" in host else host
        connection.request("GET", path, headers={"Host": name})
        response = connection.getresponse()
        return response.status, response.read().decode()
    finally:
        connection.close()


def wait_for(host: str, port: int, process: subprocess.Popen[str]) -> None:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    for _ in range(300):
        if process.poll() is not None:
            out, err = process.communicate()
            raise AssertionError(f"gongkai serve stopped: {out}{err}")
        with socket.socket(family) as probe:
            probe.settimeout(1)
            if probe.connect_ex((host, port)) == 0:
                return
        time.sleep(0.1)
    raise AssertionError(f"gongkai serve did not listen on {host} port {port}")


@pytest.mark.slow
@pytest.mark.parametrize(
    "arguments",
    [[], ["--host", "127.0.0.1,::1", "--workers", "2", "--threads", "2"]],
    ids=["waitress-default", "gunicorn-hosts"],
)
def test_the_server_answers_over_ipv4_and_ipv6(data_dir, arguments):
    if not ipv6_loopback():
        pytest.fail(NO_IPV6)
    port = free_port_on_both()
    process = subprocess.Popen(
        [sys.executable, "-m", "gongkai", "serve", "--port", str(port), *arguments],
        env=process_env(data_dir),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        for host in ("127.0.0.1", "::1"):
            wait_for(host, port, process)
            status, page = get(host, port, "/deadline/")
            assert status == 200, (host, page[:500])
            assert "答复期限" in page
    finally:
        process.terminate()
        out, _err = process.communicate(timeout=30)
    assert f"http://127.0.0.1:{port}/" in out
    assert f"http://[::1]:{port}/" in out
