"""Settings come from the environment, parsed strictly, and every one is documented."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from gongkai import env as env_module
from gongkai.env import Env, SettingError

DOCS = Path(__file__).resolve().parents[1] / "docs" / "settings.md"


def test_every_setting_read_is_documented_and_every_documented_one_is_read():
    import gongkai.settings  # noqa: F401 - registers every variable it reads

    documented = set(re.findall(r"`(GONGKAI_[A-Z_]+)`", DOCS.read_text(encoding="utf-8")))
    assert set(env_module.REGISTRY) == documented


@pytest.mark.parametrize("value", ["1", "true", "TRUE", "yes", "on"])
def test_true_values(value):
    assert Env({"X": value}).boolean("X", False) is True


@pytest.mark.parametrize(
    ("read", "value", "message"),
    [
        (lambda e: e.boolean("GONGKAI_X", False), "maybe", "应为 true 或 false"),
        (lambda e: e.integer("GONGKAI_X", 5, minimum=1, maximum=9), "five", "应为整数"),
        (lambda e: e.choice("GONGKAI_X", "a", ("a", "b")), "c", "应为 a / b"),
        (lambda e: e.items("GONGKAI_X", ()), "a,,b", "空项"),
    ],
)
def test_a_bad_value_is_refused_with_its_name(read, value, message):
    with pytest.raises(SettingError, match=message) as info:
        read(Env({"GONGKAI_X": value}))
    assert "GONGKAI_X" in str(info.value)


def test_integers_are_range_checked():
    with pytest.raises(SettingError, match="超出范围"):
        Env({"N": "0"}).integer("N", 5, minimum=1, maximum=20)
    assert Env({"N": " 7 "}).integer("N", 5, minimum=1, maximum=20) == 7


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("mysql://u@h/db", "postgresql://"),
        ("postgresql://u@h/", "缺少数据库名"),
        ("postgresql://u@h:port/db", "端口不是数字"),
    ],
)
def test_a_bad_database_url_is_refused(url, message):
    with pytest.raises(SettingError, match=message):
        Env({"DB": url}).database("DB", Path("x.sqlite3"))


def test_sqlite_is_the_default_and_runs_in_wal_mode():
    config = Env({}).database("DB", Path("/tmp/x.sqlite3"))
    assert config["ENGINE"] == "django.db.backends.sqlite3"
    assert "journal_mode=WAL" in config["OPTIONS"]["init_command"]  # type: ignore[index]


def test_postgresql_is_selected_by_one_url():
    config = Env({"DB": "postgresql://gk:p%40ss@db.local:5433/gongkai"}).database("DB", Path("x"))
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["USER"], config["PASSWORD"], config["HOST"], config["PORT"], config["NAME"]) == (
        "gk",
        "p@ss",
        "db.local",
        "5433",
        "gongkai",
    )


def test_a_bad_setting_stops_start_up_with_a_clear_message(tmp_path):
    environment = {**os.environ, "GONGKAI_DATA_DIR": str(tmp_path), "GONGKAI_DEBUG": "maybe"}
    environment.pop("DJANGO_SETTINGS_MODULE", None)
    result = subprocess.run(
        [sys.executable, "-m", "gongkai", "check"],
        capture_output=True,
        text=True,
        env=environment,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "配置错误：GONGKAI_DEBUG='maybe' 无效：应为 true 或 false "
        "(invalid boolean: use true or false)"
    )


def test_a_generated_secret_key_is_kept_in_the_data_folder_not_the_repository(tmp_path):
    environment = {**os.environ, "GONGKAI_DATA_DIR": str(tmp_path)}
    environment.pop("GONGKAI_SECRET_KEY", None)
    environment.pop("DJANGO_SETTINGS_MODULE", None)
    command = [
        sys.executable,
        "-c",
        "import os; os.environ['DJANGO_SETTINGS_MODULE']="
        "'gongkai.settings'; from django.conf import settings; print(settings.SECRET_KEY)",
    ]
    first = subprocess.run(command, capture_output=True, text=True, env=environment, check=True)
    second = subprocess.run(command, capture_output=True, text=True, env=environment, check=True)
    key_file = tmp_path / "secret_key"
    assert first.stdout == second.stdout
    assert key_file.read_text().strip() == first.stdout.strip()
    assert oct(key_file.stat().st_mode & 0o777) == "0o600"


def test_it_runs_on_the_database_the_environment_selects(db):
    from django.db import connection

    expected = "postgresql" if os.environ.get("GONGKAI_DATABASE_URL") else "sqlite"
    assert connection.vendor == expected


def test_a_bad_site_id_code_stops_start_up_in_chinese(tmp_path):
    environment = {
        **os.environ,
        "GONGKAI_DATA_DIR": str(tmp_path),
        "GONGKAI_SITE_ID_CODE": "110119",
    }
    environment.pop("DJANGO_SETTINGS_MODULE", None)
    result = subprocess.run(
        [sys.executable, "-m", "gongkai", "check"],
        capture_output=True,
        text=True,
        env=environment,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr.strip().startswith(
        "配置错误：GONGKAI_SITE_ID_CODE='110119' 无效：网站标识码应为10位"
    )
