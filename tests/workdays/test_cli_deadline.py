"""``gongkai deadline`` on the command line, run as a user runs it."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from django.core.management import call_command


def run(*args: str, data_dir) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "GONGKAI_DATA_DIR": str(data_dir), "DJANGO_SETTINGS_MODULE": ""}
    env.pop("DJANGO_SETTINGS_MODULE")
    return subprocess.run(
        [sys.executable, "-m", "gongkai", "deadline", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )


@pytest.mark.slow
def test_the_command_prints_the_due_date_as_json(tmp_path):
    result = run("--received", "2025-01-24", data_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["due"] == "2025-02-27"
    assert out["working_days"] == 20
    assert out["provisional"] is False


@pytest.mark.slow
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--received", "2025-01-2x"], "格式不正确"),
        (["--received", "2025-02-30"], "格式不正确"),
        (["--received", "2025-01-24", "--days", "-3"], "正整数"),
        (["--received", "2025-01-24", "--days", "abc"], "正整数"),
        (["--received", "2025-01-24", "--paused", "2025-02-10:2025-02-01"], "早于开始日期"),
        (["--received", "2025-01-24", "--paused", "2025-02-10"], "开始日期:结束日期"),
        (["--received", "2025-01-24", "--correction-received", "2025-01-01"], "早于收到申请之日"),
        ([], "缺少必需的参数"),
        (["--received", "2199-12-20"], "超出可计算范围"),
    ],
)
def test_bad_input_gives_one_line_and_status_2(tmp_path, args, message):
    result = run(*args, data_dir=tmp_path)
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert message in lines[0]
    assert "Traceback" not in result.stderr


def call(*args: str) -> dict:
    from io import StringIO

    out = StringIO()
    call_command("deadline", *args, stdout=out)
    return json.loads(out.getvalue())


@pytest.mark.django_db
def test_options_for_periods_extension_correction_and_pauses():
    assert call("--received", "2025-01-24", "--days", "7")["due"] == "2025-02-10"
    assert call("--received", "2025-01-24", "--extended")["due"] == "2025-03-27"
    restarted = call("--received", "2025-03-03", "--correction-received", "2025-03-20")
    assert restarted["start"] == "2025-03-20"
    assert restarted["due"] == "2025-04-18"
    paused = call("--received", "2025-03-03", "--paused", "2025-03-05:2025-03-12")
    assert paused["due"] == "2025-04-07"
    assert paused["paused"][0]["excluded_working_days"] == 4
    inclusive = call(
        "--received",
        "2025-03-03",
        "--paused",
        "2025-03-05:2025-03-12",
        "--pause-boundary",
        "inclusive",
    )
    assert inclusive["paused"][0]["excluded_working_days"] == 6
    twice = call(
        "--received",
        "2025-03-03",
        "--paused",
        "2025-03-05:2025-03-06",
        "--paused",
        "2025-03-10:2025-03-12",
    )
    assert len(twice["paused"]) == 2


@pytest.mark.django_db
def test_explain_and_working_days_left():
    out = call("--received", "2025-01-24", "--explain", "--on", "2025-02-20")
    assert out["working_days_left"] == 5
    assert any("调休上班日" in line for line in out["explanation"])
    assert out["explanation"][-1].startswith("计算所得期限届满日：2025年2月27日")


@pytest.mark.django_db
def test_a_due_date_in_a_year_without_data_is_provisional():
    out = call("--received", "2026-12-21")
    assert out["provisional"] is True
    assert out["years_without_data"] == [2027]


@pytest.mark.django_db
def test_without_days_the_period_is_the_one_in_force_at_receipt():
    """国务院令第492号 第二十四条: 15 + 15 working days before 2019-05-15; 20 + 20 after."""
    old = call("--received", "2019-03-01", "--explain")
    assert old["working_days"] == 15
    assert not any("第三十一条" in line for line in old["explanation"])
    assert call("--received", "2019-03-01", "--extended")["working_days"] == 30
    assert call("--received", "2019-05-15")["working_days"] == 20
    assert call("--received", "2019-05-15", "--extended")["working_days"] == 40
    assert call("--received", "2019-03-01", "--days", "7")["working_days"] == 7
