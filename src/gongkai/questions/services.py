"""The writes of the public questions (留言咨询): one function per change, each in a
transaction with its audit row. The asker submits on the portal; the office routes; the unit's
clerk drafts the reply and its reviewer approves it (a second person); the office or the unit
converts a question that is really a request for information into a disclosure application.
"""

from __future__ import annotations

import datetime as dt
import hmac
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from gongkai.applications import services as applications
from gongkai.applications.services.numbers import hash_query_code, new_query_code
from gongkai.audit.actions import AuditAction
from gongkai.audit.services import record
from gongkai.core import publictext
from gongkai.questions.models import Question, QuestionCounter
from gongkai.questions.status import (
    ERROR_CATEGORY_LABELS,
    Kind,
    Status,
    Step,
    after,
    reply_due,
    site_error_subject,
    why_not,
    why_not_approve,
)
from gongkai.regions import services as regions
from gongkai.units import tree
from gongkai.units.models import Unit

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    Actor = AbstractBaseUser | AnonymousUser | None

# 国办发〔2017〕47号 asks every government website for a working 互动交流 channel whose messages
# are answered; 国办秘函〔2019〕19号 vetoes a site whose messages wait three months.
BASIS = "国务院办公厅《政府网站发展指引》（国办发〔2017〕47号）“互动交流”：对网民留言应及时答复处理"
CONVERT_BASIS = (
    "《中华人民共和国政府信息公开条例》第二十七条、第三十一条（以留言收到之日为收到申请之日）"
)
SITE_ERROR_BASIS = (
    "国务院办公厅《政府网站发展指引》（国办发〔2017〕47号）：政府网站应当设置"
    "“我为政府网站找错”入口，对网民反映的问题及时核实处理并答复"
)
PREFIX = "LY"
PREFIXES = {Kind.QUESTION: PREFIX, Kind.SITE_ERROR: "ZC"}


class QuestionError(ValueError):
    """A change the rules do not allow; the message is for the user, in Chinese."""


def today() -> dt.date:
    return timezone.localdate()


def reply_days() -> int:
    """The working days a reply is due in (GONGKAI_QUESTION_REPLY_WORKING_DAYS)."""
    return int(settings.GONGKAI_QUESTION_REPLY_WORKING_DAYS)


def site_error_reply_days() -> int:
    """The working days the reply to an error report is due in
    (GONGKAI_SITE_ERROR_REPLY_WORKING_DAYS)."""
    return int(settings.GONGKAI_SITE_ERROR_REPLY_WORKING_DAYS)


def days_for(kind: Kind) -> int:
    return site_error_reply_days() if kind is Kind.SITE_ERROR else reply_days()


def due_for(
    received: dt.date, kind: Kind = Kind.QUESTION, unit: Unit | int | None = None
) -> tuple[dt.date, bool]:
    """The reply's due date on the calendar of ``unit``'s region (the national calendar for a
    question not yet given to a unit), and whether it is provisional (a year whose holiday
    arrangement is not loaded yet)."""
    calendar = regions.calendar_for(unit)
    due = reply_due(calendar, received, days_for(kind))
    return due, calendar.provisional(received, due)


def _unrouted(government: Unit | None) -> str:
    return f"（不确定，待{government.name}分办）" if government else "（不确定，待分办）"


# --- numbers and codes ----------------------------------------------------------------------
def query_code_matches(question: Question, code: str) -> bool:
    """The applications' query codes, hashed the same way (applications/services/numbers.py)."""
    salt, _, _digest = question.query_code_hash.partition("$")
    return hmac.compare_digest(hash_query_code(code, salt), question.query_code_hash)


def _next_number(year: int, kind: Kind = Kind.QUESTION) -> str:
    prefix = PREFIXES[kind]
    QuestionCounter.objects.bulk_create(
        [QuestionCounter(prefix=prefix, year=year, last=0)], ignore_conflicts=True
    )
    counter = QuestionCounter.objects.select_for_update().get(prefix=prefix, year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return f"{prefix}-{year}-{counter.last:05d}"


# --- the asker ------------------------------------------------------------------------------
@dataclass(frozen=True)
class AskerData:
    asker_name: str
    subject: str
    text: str
    phone: str = ""
    email: str = ""
    public: bool = True


@dataclass(frozen=True)
class Submitted:
    question: Question
    query_code: str | None  # None when the same form was already stored
    created: bool


def question_submit(
    *,
    data: AskerData,
    unit: Unit | None,
    token: uuid.UUID | None = None,
    government: Unit | None = None,
) -> Submitted:
    """A question sent on the portal, on the host of ``government`` (None: a host naming none,
    the deployment's). The same form sent twice (its token) stores nothing new. A question
    addressed to a unit is that unit's at once; one marked 不确定 waits for the office of
    ``government`` to route it, its reply due on that government's region's calendar."""
    if token is not None:
        existing = Question.objects.filter(submission_token=token).first()
        if existing is not None:
            return Submitted(existing, None, False)
    if not (data.phone or data.email):
        raise QuestionError("请填写联系电话或电子邮箱中的至少一项")
    if unit is not None and not unit.is_active:
        raise QuestionError("所选单位已停用，请重新选择")
    if unit is not None and not tree.within(government, unit):
        raise QuestionError("请从列表中选择单位")
    received = today()
    due, provisional = due_for(received, Kind.QUESTION, unit or government)
    code = new_query_code()
    question = Question(
        query_code_hash=hash_query_code(code),
        submission_token=token,
        asker_name=data.asker_name,
        phone=data.phone,
        email=data.email,
        subject=data.subject,
        text=data.text,
        public=data.public,
        asked_unit=unit,
        unit=unit,
        government=government,
        status=(Status.ROUTED if unit else Status.RECEIVED).value,
        received_on=received,
        received_at=timezone.now(),
        due_date=due,
        due_provisional=provisional,
    )
    question.full_clean(exclude=["tracking_number", "query_code_hash"])
    try:
        with transaction.atomic():
            question.tracking_number = _next_number(received.year)
            question.save()
            record(
                actor=None,
                label="留言人（网上留言）",
                action=AuditAction.QUESTION_SUBMIT,
                obj=question,
                # one of no unit is audited under the government whose office routes it
                unit=unit or government,
                summary=f"收到网上留言，向{unit.name if unit else _unrouted(government)}提出",
                basis=BASIS,
            )
    except IntegrityError:
        existing = Question.objects.filter(submission_token=token).first() if token else None
        if existing is None:
            raise
        return Submitted(existing, None, False)
    return Submitted(question, code, True)


# --- an error on the website (我为政府网站找错) -------------------------------------------------
@dataclass(frozen=True)
class SiteErrorData:
    page_url: str
    category: str
    description: str
    reporter_name: str = ""
    phone: str = ""
    email: str = ""


def site_error_submit(
    *, data: SiteErrorData, token: uuid.UUID | None = None, government: Unit | None = None
) -> Submitted:
    """A visitor reports an error on the site: the page, the kind of error, what is wrong, and
    — if they wish — who they are and how to reach them. It is a question of its own kind: the
    office of the government whose portal host it came in on (``government``; None: the
    deployment's) routes it to the unit that runs the page, the unit answers it and a second person
    approves the answer, within GONGKAI_SITE_ERROR_REPLY_WORKING_DAYS working days; the reply
    goes to the reporter (by the number and query code), never onto the portal. The same form
    sent twice (its token) stores nothing new."""
    if token is not None:
        existing = Question.objects.filter(submission_token=token).first()
        if existing is not None:
            return Submitted(existing, None, False)
    if data.category not in ERROR_CATEGORY_LABELS:
        raise QuestionError("请从列表中选择错误类型")
    received = today()
    due, provisional = due_for(received, Kind.SITE_ERROR, government)
    code = new_query_code()
    report = Question(
        kind=Kind.SITE_ERROR.value,
        query_code_hash=hash_query_code(code),
        submission_token=token,
        page_url=data.page_url,
        error_category=data.category,
        asker_name=data.reporter_name,
        phone=data.phone,
        email=data.email,
        subject=site_error_subject(data.category, data.page_url),
        text=data.description,
        public=False,
        government=government,
        status=Status.RECEIVED.value,
        received_on=received,
        received_at=timezone.now(),
        due_date=due,
        due_provisional=provisional,
    )
    report.full_clean(exclude=["tracking_number", "query_code_hash"])
    try:
        with transaction.atomic():
            report.tracking_number = _next_number(received.year, Kind.SITE_ERROR)
            report.save()
            record(
                actor=None,
                label="网民（我为政府网站找错）",
                action=AuditAction.QUESTION_SUBMIT,
                obj=report,
                unit=government,
                summary=f"收到网站找错：{ERROR_CATEGORY_LABELS[data.category]}，"
                f"待{government.name if government else ''}分办",
                basis=SITE_ERROR_BASIS,
            )
    except IntegrityError:
        existing = Question.objects.filter(submission_token=token).first() if token else None
        if existing is None:
            raise
        return Submitted(existing, None, False)
    return Submitted(report, code, True)


# --- the district --------------------------------------------------------------------------------
def _locked(question: Question) -> Question:
    return Question.objects.select_for_update().get(pk=question.pk)


def _step(question: Question, step: Step) -> Status:
    problem = why_not(step, question.state)
    if problem:
        raise QuestionError(problem)
    return after(step, question.state, public=question.public)


@transaction.atomic
def question_route(*, actor: Actor, question: Question, unit: Unit) -> Question:
    """The office gives the question to the unit that answers it (or to another one): for one
    sent on a government's host (Question.government), a unit of that government's subtree —
    the asker wrote to that government's site."""
    question = _locked(question)
    status = _step(question, Step.ROUTE)
    if not unit.is_active:
        raise QuestionError("所选单位已停用")
    if not tree.within(question.government_id, unit):
        government = question.government
        assert government is not None  # within() holds for the deployment's
        raise QuestionError(f"该留言是在{government.name}门户网站提出的，只能分办至其所属单位")
    before = question.unit.name if question.unit else "（待分办）"
    question.unit, question.status = unit, status.value
    # The reply is due on the calendar of the unit that answers; a date already shown to the
    # asker never becomes earlier (a region's make-up working day cannot shorten it).
    due, provisional = due_for(question.received_on, Kind(question.kind), unit)
    if due > question.due_date:
        question.due_date, question.due_provisional = due, provisional
    question.save(update_fields=["unit", "status", "due_date", "due_provisional"])
    record(
        actor=actor,
        action=AuditAction.QUESTION_ROUTE,
        obj=question,
        unit=unit,
        summary=f"留言分办至{unit.name}（原：{before}）",
        basis=BASIS,
        changes={
            "unit": [before, unit.name],
            **({"government": question.government.name} if question.government else {}),
        },
    )
    return question


@transaction.atomic
def question_draft(*, actor: Actor, question: Question, reply: str) -> Question:
    """The unit's clerk writes the reply; it waits for the reviewer."""
    question = _locked(question)
    status = _step(question, Step.DRAFT)
    reply = reply.strip()
    if not reply:
        raise QuestionError("请填写答复内容")
    question.reply, question.status = reply, status.value
    question.drafted_by_id = actor.pk if actor is not None and actor.is_authenticated else None
    question.return_reason = ""
    question.save(update_fields=["reply", "status", "drafted_by", "return_reason"])
    record(
        actor=actor,
        action=AuditAction.QUESTION_DRAFT,
        obj=question,
        unit=question.unit,
        summary="起草留言答复，提交审核",
        basis=BASIS,
    )
    return question


@transaction.atomic
def question_return(*, actor: Actor, question: Question, reason: str) -> Question:
    """The reviewer sends the draft back to be rewritten, saying why."""
    question = _locked(question)
    status = _step(question, Step.RETURN)
    reason = reason.strip()
    if not reason:
        raise QuestionError("请填写退回理由")
    question.status, question.return_reason = status.value, reason[:500]
    question.save(update_fields=["status", "return_reason"])
    record(
        actor=actor,
        action=AuditAction.QUESTION_RETURN,
        obj=question,
        unit=question.unit,
        summary=f"退回留言答复：{reason[:100]}",
        basis=BASIS,
    )
    return question


def public_copy(question: Question) -> dict[str, str]:
    """What the portal will show: the texts without the asker's identity."""
    who = {"names": [question.asker_name], "phones": [question.phone], "emails": [question.email]}
    return {
        "public_subject": publictext.redact(question.subject, **who),
        "public_text": publictext.redact(question.text, **who),
        "public_reply": publictext.redact(question.reply, **who),
        "public_asker": publictext.masked_name(question.asker_name),
    }


@transaction.atomic
def question_approve(*, actor: Actor, question: Question) -> Question:
    """The unit's reviewer approves the reply (never the one who drafted it): it is published
    with the asker's identity masked, or kept private when the asker asked so."""
    question = _locked(question)
    status = _step(question, Step.APPROVE)
    approver = actor.pk if actor is not None and actor.is_authenticated else None
    problem = why_not_approve(drafted_by=question.drafted_by_id, approver=approver or 0)
    if problem:
        raise QuestionError(problem)
    question.status = status.value
    question.approved_by_id = approver
    question.replied_on = today()
    fields = ["status", "approved_by", "replied_on"]
    if status is Status.PUBLISHED:
        for name, value in public_copy(question).items():
            setattr(question, name, value)
        question.published_at = timezone.now()
        fields += ["public_subject", "public_text", "public_reply", "public_asker", "published_at"]
    question.save(update_fields=fields)
    how = "按留言人意愿不公开"
    if status is Status.PUBLISHED:
        how = "在门户网站公开（留言人信息已隐去）"
    record(
        actor=actor,
        action=AuditAction.QUESTION_APPROVE,
        obj=question,
        unit=question.unit,
        summary=f"审核通过留言答复，{how}",
        basis=BASIS,
    )
    return question


def question_convert(
    *,
    actor: Actor,
    question: Question,
    data: applications.ApplicantData,
    unit: Unit | None,
    files: Sequence[applications.Upload] = (),
    government: Unit | None = None,
) -> Question:
    """Register a question that is really a request for government information as a disclosure
    application, received the day the question was (《条例》第三十一条), and link the two. The
    application is sent to the question's government (the host it came in on) or, for a
    question of the deployment's, to ``government`` (the converting office's): left without a
    unit, it is that government's office's to route.

    Not one transaction: the application's intake takes its number in a transaction of its own
    (applications.services.intake). The question is checked before and locked after; if it was
    answered or converted in between, the new application stays registered and the error says
    so by its number."""
    if question.is_site_error:
        raise QuestionError("网站找错报告不能转为政府信息公开申请")
    problem = why_not(Step.CONVERT, question.state)
    if problem:
        raise QuestionError(problem)
    intake = applications.application_register_converted(
        actor=actor,
        data=data,
        unit=unit,
        received_on=question.received_on,
        source=f"网上留言{question.tracking_number}",
        files=files,
        government=question.government or government,
    )
    application = intake.application
    with transaction.atomic():
        locked = _locked(question)
        problem = why_not(Step.CONVERT, locked.state)
        if problem:
            raise QuestionError(f"{problem}（已登记的申请：{application.tracking_number}）")
        locked.status = after(Step.CONVERT, locked.state).value
        locked.application = application
        locked.save(update_fields=["status", "application"])
        record(
            actor=actor,
            action=AuditAction.QUESTION_CONVERT,
            obj=locked,
            unit=unit or locked.unit or locked.government,
            summary=f"留言转为政府信息公开申请{application.tracking_number}，"
            f"收到申请之日为留言收到之日{locked.received_on:%Y-%m-%d}",
            basis=CONVERT_BASIS,
        )
    return locked
