"""The statutory periods for every page: a template writes ``{{ periods.answer.days }}个工作日``,
never the number, so the page says what the clock computes (``workdays/clock.py`` is the only
place a number of working days is written)."""

from __future__ import annotations

from django.http import HttpRequest

from gongkai import law
from gongkai.workdays import clock

PERIODS = {
    "answer": clock.ANSWER,
    "extension_max": clock.EXTENSION_MAX,
    "correction_notice": clock.CORRECTION_NOTICE,
    "third_party_reply": clock.THIRD_PARTY_REPLY,
    "agency_reply": clock.AGENCY_REPLY,
    "fee_payment": clock.FEE_PAYMENT,
    "publication": clock.PUBLICATION,
    "answer_2007": clock.ANSWER_2007,
    "extension_max_2007": clock.EXTENSION_MAX_2007,
}


def periods(request: HttpRequest) -> dict[str, object]:
    return {"periods": PERIODS, "regulation_2019_from": law.REGULATION_2019_FROM}
