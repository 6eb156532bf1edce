"""GONGKAI_DATA_LICENSE: a URL, or start-up stops with a clear message."""

from __future__ import annotations

import os
import subprocess
import sys


def test_a_licence_that_is_no_url_stops_start_up(tmp_path):
    environment = {
        **os.environ,
        "GONGKAI_DATA_DIR": str(tmp_path),
        "GONGKAI_DATA_LICENSE": "随便用",
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
    assert "GONGKAI_DATA_LICENSE='随便用' 无效" in result.stderr
