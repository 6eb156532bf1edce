"""``gongkai sitecheck [--json] [--date YYYY-MM-DD]``: the website self-check under
国办秘函〔2019〕19号. Prints each indicator's verdict and findings (or JSON with ``--json``);
exit status 1 when an indicator vetoes the site (单项否决), 0 otherwise."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import CommandParser

from gongkai.core.cli import GongkaiCommand, UsageError, parse_date
from gongkai.sitecheck import selectors, thresholds
from gongkai.sitecheck.indicators import Report, Verdict


def as_json(report: Report) -> dict[str, Any]:
    return {
        "date": report.today.isoformat(),
        "thresholds": {"version": report.version, "source": report.source},
        "verdict": report.verdict.value,
        "verdict_label": report.verdict.label,
        "vetoes": [r.key for r in report.vetoes],
        "indicators": [
            {
                "key": r.key,
                "name": r.name,
                "rule": r.rule,
                "verdict": r.verdict.value,
                "verdict_label": r.verdict.label,
                "summary": r.summary,
                "count": r.count,
                "findings": list(r.findings),
                "veto_from": r.veto_from.isoformat() if r.veto_from else None,
                "forecasts": [
                    {
                        "subject": f.subject,
                        "column": f.column_id,
                        "since": f.since.isoformat(),
                        "stale_from": f.stale_from.isoformat(),
                    }
                    for f in r.forecasts
                ],
            }
            for r in report.results
        ],
    }


class Command(GongkaiCommand):
    help = "政府网站自查（国办秘函〔2019〕19号）：有单项否决时退出状态为1。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--json", action="store_true", help="以 JSON 输出")
        parser.add_argument("--date", help="检查日期（默认今天），YYYY-MM-DD")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            today = parse_date(options["date"], "检查日期") if options["date"] else None
            th = thresholds.load()
        except (UsageError, thresholds.ThresholdError) as exc:
            raise UsageError(str(exc)) from None
        report = selectors.run(today=today, th=th)
        if options["json"]:
            self.stdout.write(json.dumps(as_json(report), ensure_ascii=False, indent=2))
        else:
            self._print(report)
        if report.verdict == Verdict.VETO:
            raise SystemExit(1)

    def _print(self, report: Report) -> None:
        self.stdout.write(f"政府网站自查 {report.today.isoformat()}（{report.source}）")
        for r in report.results:
            when = (
                f"；预计{r.veto_from.isoformat()}起单项否决"
                if (r.veto_from and r.verdict != Verdict.VETO)
                else ""
            )
            self.stdout.write(f"[{r.verdict.label}] {r.name}：{r.summary}{when}")
            for finding in r.findings[:10]:
                self.stdout.write(f"    {finding}")
            if len(r.findings) > 10:
                self.stdout.write(f"    ……共{len(r.findings)}项")
        vetoes = "、".join(r.name for r in report.vetoes)
        self.stdout.write(f"结论：{report.verdict.label}" + (f"（{vetoes}）" if vetoes else ""))
