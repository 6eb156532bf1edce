"""The information-processing fee (《条例》第四十二条, 国办函〔2020〕109号): notice, receipt of the
notice, payment, lapse."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db import transaction

from gongkai import law
from gongkai.applications import fees, notices, rules
from gongkai.applications.models import Application, ApplicationEvent, EventKind
from gongkai.applications.outcomes import Outcome
from gongkai.applications.selectors import applications_this_month, deadline, fee_notice
from gongkai.applications.services.common import (
    ApplicationError,
    _append,
    _check_date,
    _events,
    _finish,
    _lapse,
    _lock,
    _move,
    calendar_of,
    presumed_fee_receipt,
)
from gongkai.applications.services.documents import _issue_notice, _issue_reply
from gongkai.applications.status import Status
from gongkai.workdays import clock

if TYPE_CHECKING:
    from gongkai.applications.services.common import Actor


# How a fee notice reaches the applicant; by post its receipt is presumed until recorded.
FEE_DELIVERY = {
    "in_person": "直接送达",
    "online": "在线送达",
    "email": "电子邮件",
    "post": "邮寄",
}


def fee_quote(
    application: Application, basis: fees.FeeBasis, *, pages: int = 0, items: int = 1
) -> fees.FeeQuote:
    if basis is fees.FeeBasis.PER_PAGE:
        return fees.per_page(pages)
    return fees.per_application(applications_this_month(application), items)


@transaction.atomic
def application_notify_fee(
    *,
    actor: Actor,
    application: Application,
    on: dt.date,
    basis: fees.FeeBasis,
    pages: int = 0,
    items: int = 1,
    method: str,
    delivery: str = "in_person",
    received_on: dt.date | None = None,
) -> ApplicationEvent:
    """A fee notice, sent within the answer period (国办函〔2020〕109号); the applicant has 20
    working days from the day after *receiving* it to pay. The receipt is recorded when known
    (``received_on``), otherwise derived from how the notice was sent: the same day when handed
    over or sent online, GONGKAI_POST_DELIVERY_DAYS calendar days later by post until the
    actual receipt is recorded (:func:`application_record_fee_receipt`)."""
    application = _lock(application)
    _check_date(application, on, "收费通知日期")
    problem = rules.why_not_notify_fee(application, _events(application), on)
    if problem:
        raise ApplicationError(problem)
    if delivery not in FEE_DELIVERY:
        raise ApplicationError("请选择收费通知的送达方式")
    if received_on is not None:
        _check_date(application, received_on, "申请人收到收费通知的日期")
        if received_on < on:
            raise ApplicationError("申请人收到收费通知的日期不能早于发出日期")
    quote = fee_quote(application, basis, pages=pages, items=items)
    if quote.total <= 0:
        raise ApplicationError("未超过免费额度，不应收费：" + "；".join(quote.explanation()))
    if not method.strip():
        raise ApplicationError("请写明缴纳方式")
    before = application.status
    _move(application, Status.AWAITING_FEE, "发出收费通知")
    calendar = calendar_of(application)
    received, presumed = presumed_fee_receipt(on, delivery, received_on)
    pay_by = calendar.add(received, clock.FEE_PAYMENT.days)
    how = FEE_DELIVERY[delivery]
    event = _append(
        application,
        EventKind.FEE_NOTIFIED,
        actor=actor,
        on=on,
        status_before=before,
        summary=f"发出收费通知（{how}）：{basis.label}，{quote.total}元；"
        + (f"推定{received}收到，" if presumed else f"{received}收到，")
        + f"缴费期限至{pay_by}",
        basis=[law.ART42_FEES, law.FEE_MEASURE],
        data={
            "basis": basis.value,
            "pages": pages,
            "items": items,
            "total": quote.total,
            "lines": quote.explanation(),
            "pay_by": pay_by.isoformat(),
            "method": method,
            "delivery": delivery,
            "received": received_on.isoformat() if received_on else "",
            "presumed_received": received.isoformat() if presumed else "",
        },
    )
    _finish(application)
    _issue_notice(
        application,
        notices.NoticeKind.FEE,
        actor=actor,
        on=on,
        event=event,
        context={
            "fee": {
                "basis_label": basis.label,
                "lines": quote.explanation()[:-1] or quote.explanation(),
                "total": quote.total,
                "pay_by": pay_by,
                "method": method,
                "delivery": how,
                "received": received,
                "presumed": presumed or received_on is None,
                "provisional": bool(calendar.unknown_years(received, pay_by)),
            }
        },
    )
    return event


@transaction.atomic
def application_record_fee_receipt(*, actor: Actor, application: Application, on: dt.date) -> None:
    """The day the applicant actually received the fee notice (送达回证, the postal record):
    the payment period runs from the day after it (国办函〔2020〕109号). A period the notice
    already told the applicant is never shortened."""
    application = _lock(application)
    _check_date(application, on, "申请人收到收费通知的日期")
    events = _events(application)
    if problem := rules.why_not_record_fee_receipt(application, events):
        raise ApplicationError(problem)
    notice = fee_notice(events)
    assert notice is not None
    if on < notice.occurred_on:
        raise ApplicationError("收到日期不能早于收费通知发出日期")
    _append(
        application,
        EventKind.FEE_NOTICE_RECEIVED,
        actor=actor,
        on=on,
        summary=f"申请人于{on}收到收费通知，缴费期限自次日起计算",
        basis=law.FEE_MEASURE,
    )
    _finish(application)


@transaction.atomic
def application_record_payment(
    *, actor: Actor, application: Application, on: dt.date, amount: int
) -> None:
    application = _lock(application)
    _check_date(application, on, "缴费日期")
    events = _events(application)
    if problem := rules.why_not_record_payment(application, events):
        raise ApplicationError(problem)
    notice = fee_notice(events)
    assert notice is not None
    if on < notice.occurred_on:
        raise ApplicationError("缴费日期不能早于收费通知日期")
    pay_by = deadline(application, "fee") or dt.date.fromisoformat(notice.data["pay_by"])
    if on > pay_by:
        raise ApplicationError(f"已超过缴费期限（{pay_by}），应按逾期未缴费处理")
    if amount != int(notice.data["total"]):
        raise ApplicationError(f"缴费金额应为{notice.data['total']}元")
    before = application.status
    _move(application, Status.PROCESSING, "登记缴费")
    application.save()
    _append(
        application,
        EventKind.FEE_PAID,
        actor=actor,
        on=on,
        status_before=before,
        summary=f"申请人缴纳信息处理费{amount}元，继续办理",
        basis=law.FEE_MEASURE,
        data={"amount": amount},
    )
    _finish(application)


@transaction.atomic
def application_lapse_fee(*, actor: Actor, application: Application, on: dt.date) -> None:
    """Not paid within 20 working days of receiving the notice: deemed abandoned (2021 row
    其他处理 2)."""
    application = _lock(application)
    _check_date(application, on)
    events = _events(application)
    if problem := rules.why_not_lapse_fee(application, events):
        raise ApplicationError(problem)
    notice = fee_notice(events)
    assert notice is not None
    pay_by = deadline(application, "fee") or dt.date.fromisoformat(notice.data["pay_by"])
    event = _lapse(
        application,
        actor=actor,
        on=on,
        due=pay_by,
        doing="缴费",
        kind=EventKind.FEE_LAPSED,
        outcome=Outcome.NO_FEE,
        basis=law.FEE_MEASURE,
    )
    _issue_reply(application, actor=actor, on=on, event=event)
