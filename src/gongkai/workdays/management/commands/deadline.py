"""``gongkai deadline``: when is it due? Prints one JSON object.

gongkai deadline --received 2025-01-24
gongkai deadline --received 2025-01-24 --days 7
gongkai deadline --received 2025-01-24 --extended --explain
gongkai deadline --received 2025-03-03 --paused 2025-03-05:2025-03-12 --on 2025-03-20
"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import CommandParser

from gongkai import law
from gongkai.core.cli import GongkaiCommand, UsageError, parse_date
from gongkai.workdays import clock, services
from gongkai.workdays.calendar import CalendarRangeError

_SINCE = law.in_chinese(law.REGULATION_2019_FROM)


class Command(GongkaiCommand):
    help = (
        f"计算以工作日计的期限（默认为收到申请时适用的答复期限：{_SINCE}起{clock.ANSWER.days}个"
        f"工作日，此前{clock.ANSWER_2007.days}个工作日），输出一个 JSON 对象。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--received", required=True, help="收到申请之日 YYYY-MM-DD")
        parser.add_argument(
            "--days",
            help=f"期限（工作日），默认为收到申请时适用的答复期限（{clock.ANSWER.days}个工作日；"
            f"{_SINCE}前{clock.ANSWER_2007.days}个）",
        )
        parser.add_argument(
            "--extended",
            action="store_true",
            help=f"加上最长的延长期限（{clock.EXTENSION_MAX.days}个工作日；"
            f"{_SINCE}前{clock.EXTENSION_MAX_2007.days}个）",
        )
        parser.add_argument(
            "--correction-received", metavar="DATE", help="收到补正之日：期限自该日重新计算"
        )
        parser.add_argument(
            "--paused",
            metavar="START:END",
            action="append",
            default=[],
            help="不计入期限的期间（可重复）",
        )
        parser.add_argument("--on", metavar="DATE", help="给出该日剩余的工作日数")
        parser.add_argument(
            "--pause-boundary",
            choices=[b.value for b in clock.PauseBoundary],
            help="暂停期间的首尾两日是否也不计（默认取 GONGKAI_PAUSE_BOUNDARY）",
        )
        parser.add_argument("--explain", action="store_true", help="附上中文计算说明")

    def handle(self, *args: Any, **options: Any) -> None:
        received = parse_date(options["received"], "收到申请之日")
        days: int | None = None
        if options["days"] is not None:
            try:
                days = int(options["days"])
            except ValueError:
                raise UsageError(f"期限“{options['days']}”应为正整数个工作日") from None
            if days < 1:
                raise UsageError(f"期限“{options['days']}”应为正整数个工作日")
        events: list[clock.ClockEvent] = []
        if options["extended"]:
            events.append(clock.Extension())
        if options["correction_received"]:
            corrected = parse_date(options["correction_received"], "收到补正之日")
            if corrected < received:
                raise UsageError("收到补正之日早于收到申请之日")
            events += [clock.CorrectionRequested(received), clock.CorrectionReceived(corrected)]
        for span in options["paused"]:
            start_text, sep, end_text = span.partition(":")
            if not sep:
                raise UsageError(f"--paused “{span}” 应为 开始日期:结束日期")
            start = parse_date(start_text, "暂停开始日期")
            end = parse_date(end_text, "暂停结束日期")
            if end < start:
                raise UsageError(f"--paused {span}：结束日期早于开始日期")
            events.append(clock.Pause(start, end))
        kwargs: dict[str, Any] = {"period": days}
        if options["pause_boundary"]:
            kwargs["boundary"] = clock.PauseBoundary(options["pause_boundary"])
        on = parse_date(options["on"], "--on 日期") if options["on"] else None
        try:
            result = services.compute(received, events, **kwargs)
            left = result.working_days_left(on) if on else None
        except (clock.ClockError, CalendarRangeError) as exc:
            raise UsageError(str(exc)) from None
        assert result.due is not None
        out: dict[str, Any] = {
            "received": received.isoformat(),
            "start": result.anchor.isoformat(),
            "due": result.due.isoformat(),
            "working_days": result.working_days,
            "provisional": result.provisional,
        }
        if result.unknown_years:
            out["years_without_data"] = list(result.unknown_years)
        if result.pauses:
            out["paused"] = [
                {
                    "start": p.start.isoformat(),
                    "end": p.end.isoformat(),
                    "excluded_working_days": result.calendar.count(
                        p.first_excluded - clock.ONE_DAY, p.last_excluded
                    ),
                }
                for p in result.pauses
            ]
        if on is not None:
            out["on"] = on.isoformat()
            out["working_days_left"] = left
        if options["explain"]:
            out["explanation"] = result.explanation()
        self.stdout.write(json.dumps(out, ensure_ascii=False))
