"""The report checker in a child process with its own limits (issue 12: a 128 KB PDF grew a web
worker to 4.7 GB, kept until restart).

Every check of an uploaded or named file (the staff page, ``gongkai check_report``) runs here:
the parent starts ``python -m gongkai.reports.sandbox``, gives it a one-line JSON header (the
limits, the file's name, the previous year's report as already read) and the file's bytes on
stdin (or its path), and reads the :class:`~gongkai.reports.checker.Result` back as JSON on
stdout. The child sets its own limits before it reads anything: address space
(``RLIMIT_AS``, ``GONGKAI_CHECK_MEMORY_MB``) and CPU time (``RLIMIT_CPU``,
``GONGKAI_CHECK_SECONDS``); the parent kills it after a wall-clock timeout (twice the CPU
seconds plus 5, for a busy machine). A child that runs out of memory or time, or dies, is
answered with "文件过于复杂，无法在限定的时间和内存内检查（…）", the reason in brackets; the
parent's memory does not grow with the file, since the parsing happens elsewhere.

The reading layer's own caps (:class:`gongkai.reports.reading.Limits`) refuse most hostile files
before parsing; the child's limits are for what they cannot foresee.

The child imports no Django: the checker is pure.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import resource
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import IO, Any

from gongkai.report_format import FormatVersion
from gongkai.reports import checker, parsing
from gongkai.reports.identities import Finding

log = logging.getLogger(__name__)

TOO_COMPLEX = "文件过于复杂，无法在限定的时间和内存内检查（{reason}）"
FAILED = "读取时出错，无法识别该文件的内容"
EXIT_MEMORY = 3  # the child ran out of address space (MemoryError)
EXIT_CRASH = 4  # an unexpected exception in the checker (a bug): logged, not "too complex"
_HOGS = ("memory", "cpu", "sleep", "crash")  # for the tests of the limits themselves


@dataclass(frozen=True)
class Limits:
    memory_mb: int = 512
    seconds: int = 8
    wall: float | None = None  # by default twice the CPU seconds plus 5

    @property
    def wall_seconds(self) -> float:
        """The parent's timeout: CPU time is the child's real limit; the wall clock only
        catches a child that waits (or is starved) instead of computing."""
        return self.wall if self.wall is not None else self.seconds * 2 + 5.0


def configured() -> Limits:
    """The limits of the settings (GONGKAI_CHECK_MEMORY_MB, GONGKAI_CHECK_SECONDS) where
    Django is set up, the defaults otherwise (the benchmarks)."""
    try:
        from django.conf import settings

        if settings.configured:
            return Limits(int(settings.CHECK_MEMORY_MB), int(settings.CHECK_SECONDS))
    except ImportError:  # pragma: no cover - Django is always installed with Gongkai
        pass
    return Limits()


@dataclass
class Run:
    """One check in a child: its result and what it cost."""

    result: checker.Result
    outcome: str  # ok, memory, cpu, timeout, killed, failed
    seconds: float  # wall clock, start to end of the child
    peak_kb: int  # the child's peak resident memory (ru_maxrss)


# --- the result as JSON -------------------------------------------------------------------------
def parsed_to_dict(parsed: parsing.Parsed) -> dict[str, Any]:
    data = asdict(parsed)
    data["format"] = parsed.format.value
    data["layout"] = parsed.layout.value if parsed.layout else None
    return data


def parsed_from_dict(data: dict[str, Any]) -> parsing.Parsed:
    return parsing.Parsed(
        kind=data["kind"],
        agency=data["agency"],
        year=data["year"],
        format=FormatVersion(data["format"]),
        layout=FormatVersion(data["layout"]) if data["layout"] else None,
        proactive=data["proactive"],
        rows=data["rows"],
        review=data["review"],
        prose=data["prose"],
        findings=[Finding(**f) for f in data["findings"]],
        marks=data["marks"],
    )


def result_to_dict(result: checker.Result) -> dict[str, Any]:
    return {
        "name": result.name,
        "readable": result.readable,
        "error": result.error,
        "too_complex": result.too_complex,
        "parsed": parsed_to_dict(result.parsed) if result.parsed else None,
        "findings": [f.as_dict() for f in result.findings],
    }


def result_from_dict(data: dict[str, Any]) -> checker.Result:
    return checker.Result(
        name=data["name"],
        readable=data["readable"],
        error=data["error"],
        parsed=parsed_from_dict(data["parsed"]) if data["parsed"] else None,
        findings=[Finding(**f) for f in data["findings"]],
        too_complex=data["too_complex"],
    )


# --- the parent ---------------------------------------------------------------------------------
def run(
    data: bytes | None = None,
    name: str = "",
    previous: parsing.Parsed | None = None,
    *,
    path: Path | None = None,
    limits: Limits | None = None,
    hog: str | None = None,
    previous_error: str = "",
) -> Run:
    """Check ``data`` (or the file at ``path``) in a child process within ``limits``;
    ``previous_error`` says why the year before, though given, could not be read."""
    limits = limits or configured()
    if hog is not None and hog not in _HOGS:
        raise ValueError(hog)
    header = {
        "name": name,
        "path": str(path) if path is not None else None,
        "previous": parsed_to_dict(previous) if previous is not None else None,
        "previous_error": previous_error,
        "memory_mb": limits.memory_mb,
        "seconds": limits.seconds,
        "hog": hog,
    }
    package = Path(__file__).resolve().parents[2]  # the folder that holds gongkai/
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(package), env.get("PYTHONPATH")) if p)
    with (
        tempfile.TemporaryFile() as given,
        tempfile.TemporaryFile() as out,
        tempfile.TemporaryFile() as err,
    ):
        # files rather than pipes: nothing to pump while waiting, no deadlock on a big report
        given.write(json.dumps(header, ensure_ascii=False).encode() + b"\n")
        if path is None:
            given.write(data or b"")
        given.seek(0)
        started = time.monotonic()
        child = subprocess.Popen(
            [sys.executable, "-m", "gongkai.reports.sandbox"],
            stdin=given,
            stdout=out,
            stderr=err,
            env=env,
            close_fds=True,
        )
        status, usage, timed_out = _wait(child, limits.wall_seconds)
        seconds = time.monotonic() - started
        cpu = usage.ru_utime + usage.ru_stime if usage else 0.0
        result, outcome = _answer(name, status, timed_out, cpu, out, err, limits)
    return Run(result, outcome, seconds, int(usage.ru_maxrss) if usage else 0)


def _wait(
    child: subprocess.Popen[bytes], timeout: float
) -> tuple[int, resource.struct_rusage | None, bool]:
    """The child's wait status and resource usage (os.wait4, so each child's own peak memory
    is known), killing it once ``timeout`` seconds have passed."""
    box: list[tuple[int, int, resource.struct_rusage]] = []
    waiter = threading.Thread(target=lambda: box.append(os.wait4(child.pid, 0)), daemon=True)
    waiter.start()
    waiter.join(timeout)
    timed_out = waiter.is_alive()
    if timed_out:
        with contextlib.suppress(ProcessLookupError):  # it ended in between
            os.kill(child.pid, signal.SIGKILL)
        waiter.join()
    _pid, status, usage = box[0]
    child.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
    return status, usage, timed_out


def _answer(
    name: str,
    status: int,
    timed_out: bool,
    cpu: float,
    out: IO[bytes],
    err: IO[bytes],
    limits: Limits,
) -> tuple[checker.Result, str]:
    def too_complex(reason: str) -> checker.Result:
        return checker.Result(name, False, TOO_COMPLEX.format(reason=reason), too_complex=True)

    if timed_out:
        return too_complex(f"用时超过 {limits.wall_seconds:.0f} 秒"), "timeout"
    if os.WIFSIGNALED(status):
        number = os.WTERMSIG(status)
        # the soft CPU limit, or the hard one a second later (a SIGKILL from elsewhere, the
        # kernel's OOM killer, comes before the CPU time is used up)
        if number == signal.SIGXCPU or (number == signal.SIGKILL and cpu >= limits.seconds):
            return too_complex(f"计算时间超过 {limits.seconds} 秒"), "cpu"
        return too_complex(f"检查进程异常终止：{signal.Signals(number).name}"), "killed"
    code = os.WEXITSTATUS(status)
    if code == EXIT_MEMORY:
        return too_complex(f"内存超过 {limits.memory_mb} MB"), "memory"
    out.seek(0)
    try:
        if code != 0:
            raise ValueError(code)
        return result_from_dict(json.loads(out.read())), "ok"
    except (ValueError, KeyError, TypeError):
        err.seek(0)
        log.error(
            "report checker child failed on %r (exit %s): %s",
            name,
            code,
            err.read()[-4000:].decode("utf-8", "replace"),
        )
        return checker.Result(name, False, FAILED), "failed"


def check_bytes(
    data: bytes,
    name: str = "",
    previous: parsing.Parsed | None = None,
    *,
    limits: Limits | None = None,
    previous_error: str = "",
) -> checker.Result:
    """:func:`gongkai.reports.checker.check_bytes`, in a child within the limits."""
    return run(data, name, previous, limits=limits, previous_error=previous_error).result


def check_path(path: Path, *, limits: Limits | None = None) -> checker.Result:
    return run(None, str(path), path=path, limits=limits).result


def check_file(
    path: Path, previous: Path | None = None, *, limits: Limits | None = None
) -> checker.Result:
    """:func:`gongkai.reports.checker.check_file`, each file read in a child of its own."""
    before: parsing.Parsed | None = None
    previous_error = ""
    if previous is not None:
        prior = check_path(previous, limits=limits)
        if prior.readable:
            before = prior.parsed
        else:
            previous_error = checker.previous_unreadable(previous.name, prior)
    result = run(
        None, str(path), before, path=path, limits=limits, previous_error=previous_error
    ).result
    if previous is not None and not result.readable:
        checker.not_read(result)
    return result


# --- the child ----------------------------------------------------------------------------------
def _limit(memory_mb: int, seconds: int) -> None:
    memory = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    # SIGXCPU at the soft limit ends the child (no handler: it may be deep in C code); the
    # hard limit a second later is SIGKILL, in case
    resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds + 1))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # no core file when it is killed


def _hog(kind: str) -> None:
    """What a hostile file could do, done on purpose: the tests of the limits themselves."""
    if kind == "memory":
        hoard = []
        while True:
            hoard.append(bytearray(64 * 1024 * 1024))
    elif kind == "cpu":
        while True:
            pass
    elif kind == "crash":
        raise RuntimeError("a failure nobody foresaw")
    else:
        time.sleep(3600)


def main() -> None:
    stdin = sys.stdin.buffer
    header = json.loads(stdin.readline())
    _limit(int(header["memory_mb"]), int(header["seconds"]))
    try:
        if header.get("hog"):
            _hog(str(header["hog"]))
        previous = parsed_from_dict(header["previous"]) if header.get("previous") else None
        previous_error = str(header.get("previous_error") or "")
        name = str(header.get("name") or "")
        if header.get("path"):
            result = checker.check_path(
                Path(header["path"]), previous, previous_error=previous_error
            )
        else:
            result = checker.check_bytes(
                stdin.read(), name, previous, previous_error=previous_error
            )
        answer = json.dumps(result_to_dict(result), ensure_ascii=False).encode()
    except MemoryError:
        os._exit(EXIT_MEMORY)
    except RecursionError:
        result = checker.Result(header.get("name") or "", False, "文件结构嵌套过深，无法读取")
        answer = json.dumps(result_to_dict(result), ensure_ascii=False).encode()
    except Exception:
        import traceback

        traceback.print_exc()
        sys.stderr.flush()
        os._exit(EXIT_CRASH)
    sys.stdout.buffer.write(answer)
    sys.stdout.flush()


if __name__ == "__main__":
    main()
