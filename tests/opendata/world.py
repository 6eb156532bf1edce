"""A small world of public and non-public records for the open API's tests: items published
in 2025 and 2024 (one withdrawn, one a draft, one with a formula for a title), questions
published, answered privately and still open, and the annual reports of 2024 (one published,
one a draft: a published report locks its year, and the tests change 2025)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from gongkai.catalog import services as catalog_services
from gongkai.reports import services as report_services
from tests.factories import columns_of, draft, publish
from tests.questions.test_questions import answered, ask

ASKER = {"asker_name": "欧阳明远", "phone": "13912345678", "email": "mingyuan@example.cn"}


def build(unit, clerk, reviewer, office) -> dict[str, Any]:
    column = columns_of(unit)["news"]
    user, boss = clerk.user, reviewer.user
    items = [
        publish(user, boss, unit, column, on=dt.date(2025, 3, 10), title="第一条通知"),
        publish(user, boss, unit, column, on=dt.date(2025, 4, 1), title='=HYPERLINK("x")'),
        publish(user, boss, unit, column, on=dt.date(2025, 5, 6), title="将撤回的通知"),
        publish(
            user,
            boss,
            unit,
            column,
            on=dt.date(2024, 6, 1),
            title="上一年的通知",
            formed_on=dt.date(2024, 5, 20),
        ),
    ]
    withdrawn = catalog_services.item_withdraw(actor=boss, item=items[2], reason="内容有误")
    unpublished = draft(user, unit, column, title="尚未发布的草稿")
    question = answered(ask(unit, **ASKER), clerk, reviewer, reply="请联系欧阳明远本人。")
    private = answered(ask(unit, public=False, asker_name="司马青山"), clerk, reviewer)
    waiting = ask(unit, asker_name="诸葛云飞")
    report = report_services.report_create(actor=user, year=2024, unit=unit).report
    report_services.report_submit(actor=boss, report=report)
    report = report_services.report_publish(actor=office.user, report=report)
    district_draft = report_services.report_create(actor=office.user, year=2024, unit=None).report
    return {
        "items": items,
        "public_2025": [items[0], items[1]],
        "withdrawn": withdrawn,
        "draft": unpublished,
        "question": question,
        "private": private,
        "waiting": waiting,
        "report": report,
        "report_draft": district_draft,
    }
