from __future__ import annotations

from typing import Any

from django.apps import AppConfig


class QuestionsConfig(AppConfig):
    name = "gongkai.questions"
    label = "questions"
    verbose_name = "留言咨询"

    def ready(self) -> None:
        from gongkai.regions.services import regional_days_changed
        from gongkai.workdays.services import calendar_changed

        calendar_changed.connect(recompute_open_questions, dispatch_uid="questions")
        regional_days_changed.connect(recompute_regional_questions, dispatch_uid="questions")


def recompute_open_questions(
    sender: Any, years: frozenset[int], calendar: Any, **kwargs: Any
) -> int:
    """A year's holidays were loaded: every open question received up to that year gets its due
    date recomputed on the new calendar, with its unit's regional days (in the load's
    transaction)."""
    import datetime as dt

    from gongkai.questions.models import Question
    from gongkai.questions.services import days_for
    from gongkai.questions.status import Kind, reply_due
    from gongkai.regions.services import calendars

    calendar_of = calendars()
    count = 0
    first = dt.date(min(years) - 1, 12, 1)  # a reply due in the new year's first days
    for question in (
        Question.objects.open()
        .filter(received_on__lte=dt.date(max(years), 12, 31), due_date__gte=first)
        .select_for_update()
    ):
        calendar = calendar_of(question.holder_id)
        due = reply_due(calendar, question.received_on, days_for(Kind(question.kind)))
        question.due_date = due
        question.due_provisional = calendar.provisional(question.received_on, due)
        question.save(update_fields=["due_date", "due_provisional"])
        count += 1
    return count


def recompute_regional_questions(
    sender: Any, unit_ids: frozenset[int], day: Any, **kwargs: Any
) -> int:
    """A government entered or withdrew a day of its region: every open question of its subtree
    received up to that day, and every one of no unit sent to a government of it, gets its due
    date recomputed on its unit's (or that government's) calendar."""
    from django.db.models import Q

    from gongkai.questions.models import Question
    from gongkai.questions.services import due_for
    from gongkai.questions.status import Kind

    count = 0
    for question in (
        Question.objects.open()
        .filter(
            Q(unit_id__in=unit_ids) | Q(unit__isnull=True, government_id__in=unit_ids),
            received_on__lte=day,
        )
        .select_for_update()
    ):
        due, provisional = due_for(question.received_on, Kind(question.kind), question.holder_id)
        question.due_date, question.due_provisional = due, provisional
        question.save(update_fields=["due_date", "due_provisional"])
        count += 1
    return count
