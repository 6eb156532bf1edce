"""Build ``src/gongkai/workdays/data/lunar.json`` from the ``lunar_python`` package.

The statutory holidays of a year without a loaded arrangement (``gongkai.workdays.statutory``)
need four dates a year that follow the Chinese calendar (农历): 正月初一 (the lunar new year;
除夕 is the day before it), 清明 (the day of the solar term, Beijing time), 端午 (五月初五) and
中秋 (八月十五). Computing them takes lunar_python about ten milliseconds a year, too slow for a
calendar that is precomputed for 1990–2199 in every process, so they are data: this script
writes them once and ``tests/workdays/test_statutory.py`` recomputes every year from the installed
package and compares it with the committed file, so the file cannot drift.

Run after upgrading lunar_python:  .venv/bin/python scripts/build_lunar_table.py
"""

from __future__ import annotations

import datetime as dt
import json
from importlib.metadata import version
from pathlib import Path
from typing import Any

from lunar_python import Lunar

OUT = Path(__file__).resolve().parents[1] / "src/gongkai/workdays/data/lunar.json"

# The years of the calendar (gongkai.workdays.calendar.FIRST_DAY / LAST_DAY).
FIRST_YEAR = 1990
LAST_YEAR = 2199

FIELDS = {
    "lunar_new_year": "正月初一（春节；除夕为其前一日）",
    "qingming": "清明节气所在日（北京时间）",
    "dragon_boat": "五月初五（端午）",
    "mid_autumn": "八月十五（中秋）",
}


def _date(solar: Any) -> str:
    return dt.date(solar.getYear(), solar.getMonth(), solar.getDay()).isoformat()


def lunar_dates(year: int) -> dict[str, Any]:
    """The four dates of the Gregorian year ``year``, computed by lunar_python.

    Lunar year ``year`` begins in Gregorian ``year`` (正月初一 falls between 21 January and
    20 February), so its 端午 and 中秋 do too; the 清明 of its solar-term table is the one of
    April of that year. The test checks every one of these facts for every year."""
    new_year = Lunar.fromYmd(year, 1, 1)  # month 5 and 8 below are never the leap month (闰月)
    return {
        "year": year,
        "lunar_new_year": _date(new_year.getSolar()),
        "qingming": _date(new_year.getJieQiTable()["清明"]),
        "dragon_boat": _date(Lunar.fromYmd(year, 5, 5).getSolar()),
        "mid_autumn": _date(Lunar.fromYmd(year, 8, 15).getSolar()),
    }


def table() -> dict[str, Any]:
    return {
        "source": f"lunar_python {version('lunar_python')}",
        "generated_by": "scripts/build_lunar_table.py",
        "first_year": FIRST_YEAR,
        "last_year": LAST_YEAR,
        "fields": FIELDS,
        "years": [lunar_dates(y) for y in range(FIRST_YEAR, LAST_YEAR + 1)],
    }


def dumps(data: dict[str, Any]) -> str:
    """The table as JSON, one year a line (so a change reads as a diff of the years changed)."""
    head = {k: v for k, v in data.items() if k != "years"}
    text = json.dumps(head, ensure_ascii=False, indent=1)
    rows = ",\n  ".join(json.dumps(row, ensure_ascii=False) for row in data["years"])
    return text[:-2] + f',\n "years": [\n  {rows}\n ]\n}}\n'


def main() -> None:
    OUT.write_text(dumps(table()), encoding="utf-8")
    print(f"wrote {OUT.relative_to(Path.cwd()) if OUT.is_relative_to(Path.cwd()) else OUT}")


if __name__ == "__main__":
    main()
