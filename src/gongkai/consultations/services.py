"""The writes of the consultations and surveys: one function per change, in a transaction, each
with its audit row. The office (公开办) opens, moderates and answers; the public comments and
answers surveys without an account (docs/consultations.md)."""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from gongkai import law
from gongkai.audit.actions import AuditAction
from gongkai.audit.services import actor_label, record
from gongkai.consultations import status, surveytext
from gongkai.consultations.models import (
    Answer,
    Attachment,
    Choice,
    Comment,
    Consultation,
    Question,
    Response,
    Survey,
)
from gongkai.consultations.status import Adoption, Moderation, State
from gongkai.core import publictext, storedfiles, uploads
from gongkai.units.models import Unit

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    Actor = AbstractBaseUser | AnonymousUser | None

BASIS = law.MAJOR_DECISION_CONSULTATION
ATTACHMENT_TYPES = uploads.STAFF_TYPES
MAX_ATTACHMENTS = 20


class ConsultationError(ValueError):
    """A change the rules do not allow; the message is for the user, in Chinese."""


def minimum_days() -> int:
    return int(settings.GONGKAI_CONSULTATION_MIN_DAYS)


_REPLAYED_DAY: contextvars.ContextVar[dt.date | None] = contextvars.ContextVar(
    "consultations_replayed_day", default=None
)


def today() -> dt.date:
    """The day the rules of the states are applied on: the server's, unless a past
    consultation is being replayed (:func:`replaying`)."""
    return _REPLAYED_DAY.get() or timezone.localdate()


@contextlib.contextmanager
def replaying(day: dt.date) -> Iterator[None]:
    """Apply the rules as on ``day``: the demo district enters its 2019 consultation on the
    days it ran (comments while open, the feedback after the close). Never used by a view."""
    token = _REPLAYED_DAY.set(day)
    try:
        yield
    finally:
        _REPLAYED_DAY.reset(token)


def _audit(
    actor: Actor,
    consultation: Consultation,
    action: AuditAction,
    summary: str,
    changes: Mapping[str, object] | None = None,
) -> None:
    record(
        actor=actor,
        action=action,
        obj=consultation,
        unit=consultation.unit,
        summary=f"{summary}：{consultation.title[:80]}",
        basis=BASIS,
        changes=dict(changes or {}),
    )


def _locked(consultation: Consultation) -> Consultation:
    return Consultation.objects.select_for_update().get(pk=consultation.pk)


@transaction.atomic
def consultation_open(
    *,
    actor: Actor,
    unit: Unit,
    title: str,
    draft: str,
    opens_on: dt.date,
    closes_on: dt.date,
    shortened_reason: str = "",
) -> Consultation:
    """Announce a consultation on a unit's draft, with its period."""
    problem = status.period_problem(
        opens_on, closes_on, minimum_days=minimum_days(), shortened_reason=shortened_reason
    )
    if problem:
        raise ConsultationError(problem)
    if status.period_days(opens_on, closes_on) >= minimum_days():
        shortened_reason = ""
    consultation = Consultation(
        unit=unit,
        title=title,
        draft=draft,
        opens_on=opens_on,
        closes_on=closes_on,
        shortened_reason=shortened_reason,
        created_by_label=actor_label(actor),
    )
    consultation.full_clean()
    consultation.save()
    _audit(
        actor,
        consultation,
        AuditAction.CONSULTATION_OPEN,
        f"发布意见征集（{opens_on:%Y-%m-%d}至{closes_on:%Y-%m-%d}）",
    )
    return consultation


@transaction.atomic
def attachments_add(
    *, actor: Actor, consultation: Consultation, files: Sequence[tuple[str, bytes]]
) -> list[Attachment]:
    """The draft's materials, each checked by its content and size; all or none."""
    consultation = _locked(consultation)
    if consultation.state(today()) is State.ANSWERED:
        raise ConsultationError("反馈已发布，不能再上传附件")
    if not files:
        raise ConsultationError("请选择要上传的文件")
    if consultation.attachments.count() + len(files) > MAX_ATTACHMENTS:
        raise ConsultationError(f"每个意见征集最多{MAX_ATTACHMENTS}个附件")
    try:
        checked = storedfiles.check_uploads(files, allowed=ATTACHMENT_TYPES)
    except uploads.UploadError as error:
        raise ConsultationError(str(error)) from None
    out = [
        storedfiles.store_checked(Attachment(consultation=consultation), check, content)
        for (_, content), check in zip(files, checked, strict=True)
    ]
    names = "、".join(a.name for a in out)
    _audit(
        actor, consultation, AuditAction.CONSULTATION_ATTACHMENT, f"上传附件{len(out)}个（{names}）"
    )
    return out


@transaction.atomic
def consultation_end(*, actor: Actor, consultation: Consultation, reason: str) -> Consultation:
    """End the consultation before its close date: no comment is taken from today on."""
    consultation = _locked(consultation)
    if not status.may_end(consultation.state(today())):
        raise ConsultationError("意见征集已截止")
    if not reason.strip():
        raise ConsultationError("请说明提前结束的理由")
    consultation.ended_on = today()
    consultation.end_reason = reason.strip()
    consultation.save(update_fields=["ended_on", "end_reason"])
    _audit(actor, consultation, AuditAction.CONSULTATION_END, f"提前结束（{reason.strip()[:100]}）")
    return consultation


@transaction.atomic
def comment_submit(
    *, consultation: Consultation, body: str, name: str = "", contact: str = ""
) -> Comment:
    """A comment from the public, kept for moderation; nothing of it is public yet."""
    consultation = _locked(consultation)
    if not status.may_comment(consultation.state(today())):
        raise ConsultationError("该意见征集不在征集期内，不能提交意见")
    comment = Comment(
        consultation=consultation,
        body=body,
        name=name,
        contact=contact,
        public_body=publictext.redact(body, names=[name], contacts=[contact]),
    )
    comment.full_clean()
    comment.save()
    _audit(None, consultation, AuditAction.CONSULTATION_COMMENT, f"收到意见（编号{comment.pk}）")
    return comment


@transaction.atomic
def comment_moderate(
    *, actor: Actor, comment: Comment, approve: bool, reason: str = "", public_body: str = ""
) -> Comment:
    """Publish a comment (the office may shorten its public text further) or keep it from the
    portal, with the reason (abuse, advertising, off the subject …)."""
    consultation = _locked(comment.consultation)
    comment = Comment.objects.select_for_update().get(pk=comment.pk)
    if not status.may_moderate(consultation.state(today())):
        raise ConsultationError("反馈已发布，不能再审核意见")
    if not approve and not reason.strip():
        raise ConsultationError("不予公开的，请说明理由")
    before = comment.moderation
    if approve:
        text = public_body.strip() or comment.public_body
        # the office's edit is cleaned too: what is published never names the commenter
        comment.public_body = publictext.redact(
            text, names=[comment.name], contacts=[comment.contact]
        )
        comment.moderation = Moderation.APPROVED
        comment.moderation_reason = ""
    else:
        comment.moderation = Moderation.REJECTED
        comment.moderation_reason = reason.strip()
        comment.adoption = ""
        comment.adoption_reason = ""
    comment.moderated_at = timezone.now()
    comment.full_clean()
    comment.save()
    verdict = "公开" if approve else f"不予公开（{reason.strip()[:100]}）"
    _audit(
        actor,
        consultation,
        AuditAction.CONSULTATION_MODERATE,
        f"意见{comment.pk}：{verdict}",
        {"moderation": [before, comment.moderation]},
    )
    return comment


@transaction.atomic
def comment_adoption(*, actor: Actor, comment: Comment, adoption: Adoption, reason: str) -> Comment:
    """Mark a published comment adopted, partly adopted or not adopted, with the reason."""
    consultation = _locked(comment.consultation)
    comment = Comment.objects.select_for_update().get(pk=comment.pk)
    if consultation.state(today()) is not State.CLOSED:
        raise ConsultationError("征集截止后、反馈发布前才能标明采纳情况")
    if comment.moderation != Moderation.APPROVED:
        raise ConsultationError("只能对已公开的意见标明采纳情况")
    if adoption is not Adoption.ADOPTED and not reason.strip():
        raise ConsultationError("部分采纳或未采纳的，请说明理由")
    before = comment.adoption
    comment.adoption = adoption.value
    comment.adoption_reason = reason.strip()
    comment.full_clean()
    comment.save(update_fields=["adoption", "adoption_reason"])
    _audit(
        actor,
        consultation,
        AuditAction.CONSULTATION_ADOPTION,
        f"意见{comment.pk}：{adoption.label}",
        {"adoption": [before, adoption.value]},
    )
    return comment


@transaction.atomic
def feedback_publish(*, actor: Actor, consultation: Consultation, text: str) -> Consultation:
    """Publish the feedback: the counts and each comment's adoption, with the office's words."""
    consultation = _locked(consultation)
    comments = consultation.comments.all()
    pending = comments.filter(moderation=Moderation.PENDING).count()
    undecided = comments.filter(moderation=Moderation.APPROVED, adoption="").count()
    problem = status.feedback_problem(
        consultation.state(today()), pending=pending, undecided=undecided
    )
    if problem:
        raise ConsultationError(problem)
    if not text.strip():
        raise ConsultationError("请填写反馈说明")
    consultation.feedback = text.strip()
    consultation.feedback_published_at = timezone.now()
    consultation.full_clean()
    consultation.save(update_fields=["feedback", "feedback_published_at"])
    _audit(
        actor,
        consultation,
        AuditAction.CONSULTATION_FEEDBACK,
        f"发布反馈（收到意见{comments.count()}条）",
    )
    return consultation


@transaction.atomic
def survey_create(
    *,
    actor: Actor,
    title: str,
    intro: str,
    questions_text: str,
    opens_on: dt.date,
    closes_on: dt.date,
    consultation: Consultation | None = None,
) -> Survey:
    """A survey with its questions, standalone or attached to a consultation."""
    if closes_on < opens_on:
        raise ConsultationError("截止日期不能早于开始日期")
    try:
        questions = surveytext.parse(questions_text)
    except surveytext.SurveyTextError as error:
        raise ConsultationError(str(error)) from None
    survey = Survey(
        consultation=consultation,
        title=title,
        intro=intro,
        opens_on=opens_on,
        closes_on=closes_on,
        created_by_label=actor_label(actor),
    )
    survey.full_clean()
    survey.save()
    for position, q in enumerate(questions, start=1):
        question = Question.objects.create(
            survey=survey, position=position, kind=q.kind.value, text=q.text
        )
        Choice.objects.bulk_create(
            Choice(question=question, position=i, label=label)
            for i, label in enumerate(q.choices, start=1)
        )
    record(
        actor=actor,
        action=AuditAction.SURVEY_CREATE,
        obj=survey,
        summary=f"发布调查问卷（{len(questions)}个问题）：{title[:80]}",
        basis=BASIS,
    )
    return survey


@transaction.atomic
def survey_answer(
    *, survey: Survey, choices: Mapping[int, Sequence[int]], texts: Mapping[int, str]
) -> Response:
    """One person's answers: for each question the ids of the choices taken, or the text. The
    answers are anonymous: the audit row says that a response came, not who sent it nor what
    it says (docs/consultations.md)."""
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    if not survey.is_open(today()):
        raise ConsultationError("该问卷不在调查期内")
    questions = list(survey.questions.prefetch_related("choices"))
    answers: list[Answer] = []
    for question in questions:
        valid = {c.pk: c for c in question.choices.all()}
        taken = list(dict.fromkeys(choices.get(question.pk, ())))
        if question.kind == surveytext.Kind.TEXT:
            text = texts.get(question.pk, "").strip()
            if text:
                answers.append(Answer(question=question, text=text))
            continue
        if any(pk not in valid for pk in taken):
            raise ConsultationError(f"“{question.text[:30]}”的选项无效")
        if question.kind == surveytext.Kind.SINGLE and len(taken) > 1:
            raise ConsultationError(f"“{question.text[:30]}”只能选一项")
        answers.extend(Answer(question=question, choice=valid[pk]) for pk in taken)
    if not answers:
        raise ConsultationError("请至少回答一个问题")
    response = Response.objects.create(survey=survey)
    for answer in answers:
        answer.response = response
    Answer.objects.bulk_create(answers)
    record(
        actor=None,
        action=AuditAction.SURVEY_ANSWER,
        summary=f"收到问卷“{survey.title[:40]}”的回答（编号{response.pk}）",
        basis=BASIS,
        obj=survey,
    )
    return response
