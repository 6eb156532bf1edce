"""Build ``src/gongkai/workdays/data/baseline.json`` from the ``chinese-calendar`` package.

The baseline holiday data (2004 onwards) is data, not code: this script turns the package's
day lists into one arrangement per year, in the same shape the office loads for a new year
(see docs/holidays.md), and attaches the notice that set each day. ``tests/test_baseline.py``
checks the committed file against the installed package day by day, so the file cannot drift.

Run after upgrading chinese-calendar:  .venv/bin/python scripts/build_holiday_baseline.py
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import chinese_calendar
from chinese_calendar.constants import holidays, workdays

OUT = Path(__file__).resolve().parents[1] / "src/gongkai/workdays/data/baseline.json"

NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日",
}

# The yearly notices 《国务院办公厅关于YYYY年部分节假日安排的通知》: number, signing date and how
# the number was verified (V: seen in a copy of the notice; E: secondary sources only).
# Sources are listed in docs/holidays.md.
NOTICES: dict[int, tuple[str, str, str]] = {
    2004: ("国办发明电〔2003〕53号", "2003-12-18", "E"),
    2005: ("国办发明电〔2004〕52号", "2004-12-17", "E"),
    2006: ("国办发明电〔2005〕35号", "2005-12-16", "V"),
    2007: ("国办发明电〔2006〕49号", "2006-12-14", "V"),
    2008: ("国办发明电〔2007〕52号", "2007-12-18", "E"),
    2009: ("国办发明电〔2008〕42号", "2008-12-10", "V"),
    2010: ("国办发明电〔2009〕27号", "2009-12-07", "V"),
    2011: ("国办发明电〔2010〕40号", "2010-12-09", "V"),
    2012: ("国办发明电〔2011〕45号", "2011-12-05", "V"),
    2013: ("国办发明电〔2012〕33号", "2012-12-08", "V"),
    2014: ("国办发明电〔2013〕28号", "2013-12-11", "V"),
    2015: ("国办发明电〔2014〕28号", "2014-12-16", "E"),
    2016: ("国办发明电〔2015〕18号", "2015-12-10", "V"),
    2017: ("国办发明电〔2016〕17号", "2016-12-01", "V"),
    2018: ("国办发明电〔2017〕12号", "2017-11-30", "V"),
    2019: ("国办发明电〔2018〕15号", "2018-12-04", "V"),
    2020: ("国办发明电〔2019〕16号", "2019-11-21", "V"),
    2021: ("国办发明电〔2020〕27号", "2020-11-25", "V"),
    2022: ("国办发明电〔2021〕11号", "2021-10-25", "V"),
    2023: ("国办发明电〔2022〕16号", "2022-12-08", "V"),
    2024: ("国办发明电〔2023〕7号", "2023-10-25", "V"),
    2025: ("国办发明电〔2024〕12号", "2024-11-12", "V"),
    2026: ("国办发明电〔2025〕7号", "2025-11-04", "V"),
}

# Mid-year amendments: the days they set carry their own notice.
AMENDMENTS: list[tuple[str, str, str]] = [
    # 国务院关于中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日调休放假的通知
    ("2015-09-03", "2015-09-06", "国发明电〔2015〕1号"),
    # 国务院办公厅关于调整2019年劳动节假期安排的通知
    ("2019-04-28", "2019-05-05", "国办发明电〔2019〕3号"),
    # 国务院办公厅关于延长2020年春节假期的通知 (extension from 31 Jan; 1 Feb no longer worked)
    ("2020-01-31", "2020-02-02", "国办发明电〔2020〕1号"),
]


def notice_of(day: dt.date, year: int) -> str:
    for start, end, notice in AMENDMENTS:
        if dt.date.fromisoformat(start) <= day <= dt.date.fromisoformat(end):
            return notice
    return NOTICES[year][0]


def arrangement_year(day: dt.date, name: str) -> int:
    # A 元旦 arrangement can reach back into the previous December (the notices for 2007, 2008,
    # 2012, 2019, 2023 and 2024 did): such days belong to the next year's notice.
    if day.month == 12 and name == "New Year's Day":
        return day.year + 1
    return day.year


def main() -> None:
    years: dict[int, dict[str, list[dict[str, str]]]] = {
        y: {"holidays": [], "makeup_workdays": []} for y in NOTICES
    }
    # Holiday ranges: runs of consecutive days with the same arrangement year and notice.
    # The package omits some weekend days inside a holiday; a gap made only of ordinary
    # weekend days does not break a run (it changes no working day).
    runs: list[dict[str, object]] = []
    for day in sorted(holidays):
        name = holidays[day]
        year = arrangement_year(day, name)
        notice = notice_of(day, year)
        last = runs[-1] if runs else None
        if last is not None and last["year"] == year and last["notice"] == notice:
            prev: dt.date = last["end"]  # type: ignore[assignment]
            gap = [prev + dt.timedelta(days=i) for i in range(1, (day - prev).days)]
            if all(g.weekday() >= 5 and g not in workdays for g in gap) and len(gap) <= 2:
                last["end"] = day
                names: list[str] = last["names"]  # type: ignore[assignment]
                if NAMES[name] not in names:
                    names.append(NAMES[name])
                continue
        runs.append(
            {"year": year, "notice": notice, "start": day, "end": day, "names": [NAMES[name]]}
        )
    for run in runs:
        year = int(run["year"])  # type: ignore[call-overload]
        entry = {
            "name": "、".join(run["names"]),  # type: ignore[arg-type]
            "start": run["start"].isoformat(),  # type: ignore[attr-defined]
            "end": run["end"].isoformat(),  # type: ignore[attr-defined]
        }
        if run["notice"] != NOTICES[year][0]:
            entry["notice"] = str(run["notice"])
        years[year]["holidays"].append(entry)
    for day in sorted(workdays):
        name = workdays[day]
        year = arrangement_year(day, name)
        entry = {"date": day.isoformat(), "name": NAMES[name]}
        notice = notice_of(day, year)
        if notice != NOTICES[year][0]:
            entry["notice"] = notice
        years[year]["makeup_workdays"].append(entry)

    out = {
        "source": f"chinese-calendar {chinese_calendar.__version__}",
        "years": [
            {
                "year": y,
                "notice": NOTICES[y][0],
                "title": f"国务院办公厅关于{y}年部分节假日安排的通知",
                "dated": NOTICES[y][1],
                "notice_verified": NOTICES[y][2] == "V",
                **years[y],
            }
            for y in sorted(years)
        ],
    }
    OUT.write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {OUT.relative_to(Path.cwd()) if OUT.is_relative_to(Path.cwd()) else OUT}")


if __name__ == "__main__":
    main()
