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
import select
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import IO, Any

from gongkai.report_format import FormatVersion
from gongkai.reports import checker, ocr, parsing
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
    ocr: ocr.Options = ocr.OPTIONS  # scanned pages: their own budget (reports/ocr.py)

    @property
    def wall_seconds(self) -> float:
        """The parent's timeout: CPU time is the child's real limit; the wall clock only
        catches a child that waits (or is starved) instead of computing."""
        return self.wall if self.wall is not None else self.seconds * 2 + 5.0

    def ocr_seconds(self, pages: int) -> tuple[int, float]:
        """What reading ``pages`` scanned pages adds: CPU seconds of the child itself, and
        seconds of wall clock (each page's tesseract time, twice over, and the child's)."""
        pages = min(pages, self.ocr.max_pages)
        cpu = pages * ocr.PYTHON_SECONDS_PER_PAGE
        return cpu, pages * self.ocr.wall_seconds_per_page + 2.0 * cpu

    @property
    def cpu_hard(self) -> int:
        """The child's hard CPU limit: its soft limit (``seconds``) is raised towards it when
        it has pages to read by OCR, and each tesseract process it starts gets
        ``ocr.seconds_per_page`` within it."""
        most, _wall = self.ocr_seconds(self.ocr.max_pages)
        return max(self.seconds + most, self.ocr.seconds_per_page) + 1


def configured() -> Limits:
    """The limits of the settings (GONGKAI_CHECK_MEMORY_MB, GONGKAI_CHECK_SECONDS,
    GONGKAI_OCR_*) where Django is set up, the defaults otherwise (the benchmarks)."""
    try:
        from django.conf import settings

        if settings.configured:
            return Limits(
                int(settings.CHECK_MEMORY_MB),
                int(settings.CHECK_SECONDS),
                ocr=ocr.Options(
                    min_confidence=int(settings.OCR_MIN_CONFIDENCE),
                    seconds_per_page=int(settings.OCR_SECONDS_PER_PAGE),
                    max_pages=int(settings.OCR_MAX_PAGES),
                ),
            )
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
        ocr=data.get("ocr", []),
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
    budget_read, budget_write = os.pipe()  # the child asks here for time to read scans
    header = {
        "name": name,
        "path": str(path) if path is not None else None,
        "previous": parsed_to_dict(previous) if previous is not None else None,
        "previous_error": previous_error,
        "memory_mb": limits.memory_mb,
        "seconds": limits.seconds,
        "cpu_hard": limits.cpu_hard,
        "ocr": asdict(limits.ocr),
        "budget_fd": budget_write,
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
        try:
            child = subprocess.Popen(
                [sys.executable, "-m", "gongkai.reports.sandbox"],
                stdin=given,
                stdout=out,
                stderr=err,
                env=env,
                close_fds=True,
                pass_fds=(budget_write,),
            )
        finally:
            os.close(budget_write)
        try:
            status, usage, timed_out, wall = _wait(child, limits, budget_read)
        finally:
            os.close(budget_read)
        seconds = time.monotonic() - started
        cpu = usage.ru_utime + usage.ru_stime if usage else 0.0
        result, outcome = _answer(name, status, timed_out, cpu, out, err, limits, wall)
    return Run(result, outcome, seconds, int(usage.ru_maxrss) if usage else 0)


def _wait(
    child: subprocess.Popen[bytes], limits: Limits, budget: int
) -> tuple[int, resource.struct_rusage | None, bool, float]:
    """The child's wait status and resource usage (os.wait4, so each child's own peak memory
    is known), killing it once its wall clock has run out: ``limits.wall_seconds``, extended
    when the child says (on the ``budget`` pipe) that it has scanned pages to read by OCR, by
    what those pages may take (:meth:`Limits.ocr_seconds`, once, at most for the most pages).
    Returns the wall clock allowed in the end as well."""
    box: list[tuple[int, int, resource.struct_rusage]] = []
    waiter = threading.Thread(target=lambda: box.append(os.wait4(child.pid, 0)), daemon=True)
    waiter.start()
    allowed = limits.wall_seconds
    deadline = time.monotonic() + allowed
    asked = b""
    listening = True
    while waiter.is_alive():
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            break
        if not listening:
            waiter.join(remaining)
            continue
        ready, _, _ = select.select([budget], [], [], remaining)
        if not ready:
            continue
        chunk = os.read(budget, 64)
        if not chunk:  # the child ended (or closed it): nothing more to ask
            listening = False
            continue
        asked += chunk
        if b"\n" in asked:  # one request, the number of pages; later ones are ignored
            listening = False
            try:
                pages = max(int(asked.split(b"\n", 1)[0]), 0)
            except ValueError:
                pages = 0
            _cpu, extra = limits.ocr_seconds(pages)
            allowed += extra
            deadline += extra
    timed_out = waiter.is_alive()
    if timed_out:
        with contextlib.suppress(ProcessLookupError):  # it ended in between
            os.kill(child.pid, signal.SIGKILL)
        waiter.join()
    _pid, status, usage = box[0]
    child.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
    return status, usage, timed_out, allowed


def _answer(
    name: str,
    status: int,
    timed_out: bool,
    cpu: float,
    out: IO[bytes],
    err: IO[bytes],
    limits: Limits,
    wall: float | None = None,
) -> tuple[checker.Result, str]:
    def too_complex(reason: str) -> checker.Result:
        return checker.Result(name, False, TOO_COMPLEX.format(reason=reason), too_complex=True)

    if timed_out:
        return too_complex(f"用时超过 {wall or limits.wall_seconds:.0f} 秒"), "timeout"
    if os.WIFSIGNALED(status):
        number = os.WTERMSIG(status)
        # the soft CPU limit, or the hard one later (a SIGKILL from elsewhere, the kernel's OOM
        # killer, comes before the CPU time is used up); a child reading scans had more
        if number == signal.SIGXCPU or (number == signal.SIGKILL and cpu >= limits.seconds):
            return too_complex(f"计算时间超过 {max(limits.seconds, int(cpu))} 秒"), "cpu"
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
def _limit(memory_mb: int, seconds: int, cpu_hard: int | None = None) -> None:
    memory = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))  # tesseract inherits it too
    # SIGXCPU at the soft limit ends the child (no handler: it may be deep in C code); the
    # hard limit is SIGKILL, in case. The soft limit is raised towards the hard one only by
    # the child's own code, when it has scanned pages to read (_ocr_budget)
    hard = max(cpu_hard or seconds + 1, seconds + 1)
    resource.setrlimit(resource.RLIMIT_CPU, (seconds, hard))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # no core file when it is killed


def _ocr_budget(limits: Limits, fd: int | None) -> Callable[[int], None]:
    """What the child does before it reads ``pages`` scanned pages by OCR: raise its own CPU
    limit by what they may take, and ask the parent (on ``fd``) to extend its wall clock."""

    def extend(pages: int) -> None:
        cpu, _wall = limits.ocr_seconds(pages)
        soft, hard = resource.getrlimit(resource.RLIMIT_CPU)
        resource.setrlimit(resource.RLIMIT_CPU, (min(soft + cpu, hard - 1), hard))
        if fd is not None:
            with contextlib.suppress(OSError):
                os.write(fd, f"{pages}\n".encode())
                os.close(fd)

    return extend


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
    _limit(int(header["memory_mb"]), int(header["seconds"]), header.get("cpu_hard"))
    options = ocr.Options(**header["ocr"]) if header.get("ocr") else ocr.Options()
    limits = Limits(int(header["memory_mb"]), int(header["seconds"]), ocr=options)
    ocr.configure(options, _ocr_budget(limits, header.get("budget_fd")))
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
