"""The reads of the consultations: what the portal lists, the feedback's counts and a survey's
results (with their SVG charts, drawn by gongkai.statistics.charts)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.utils.safestring import SafeString, mark_safe

from gongkai.consultations.models import Comment, Consultation, Question, Survey
from gongkai.consultations.status import Adoption, Moderation
from gongkai.consultations.surveytext import Kind
from gongkai.statistics import charts


@dataclass(frozen=True)
class FeedbackCounts:
    received: int  # every comment, published or not
    published: int
    rejected: int
    adopted: int
    partly: int
    not_adopted: int


def feedback_counts(consultation: Consultation) -> FeedbackCounts:
    found = consultation.comments.aggregate(
        received=Count("id"),
        published=Count("id", filter=Q(moderation=Moderation.APPROVED)),
        rejected=Count("id", filter=Q(moderation=Moderation.REJECTED)),
        adopted=Count("id", filter=Q(moderation=Moderation.APPROVED, adoption=Adoption.ADOPTED)),
        partly=Count("id", filter=Q(moderation=Moderation.APPROVED, adoption=Adoption.PARTLY)),
        not_adopted=Count(
            "id", filter=Q(moderation=Moderation.APPROVED, adoption=Adoption.NOT_ADOPTED)
        ),
    )
    return FeedbackCounts(**found)


def published_comments(consultation: Consultation) -> QuerySet[Comment]:
    """What the portal shows: the published text only, never the name or the contact."""
    return consultation.comments.filter(moderation=Moderation.APPROVED).only(
        "id", "consultation_id", "public_body", "received_at", "adoption", "adoption_reason"
    )


def consultations() -> QuerySet[Consultation]:
    return Consultation.objects.select_related("unit").order_by("-opens_on", "-id")


@dataclass(frozen=True)
class QuestionResult:
    question: Question
    rows: list[tuple[str, int]]  # (choice, answers) for a choice question
    answered: int  # people who answered it
    texts: list[str]  # free-text answers (staff only)
    svg: SafeString | None


def survey_results(survey: Survey, *, with_texts: bool = False) -> list[QuestionResult]:
    out = []
    for question in survey.questions.prefetch_related("choices"):
        answered = question.answers.values("response_id").distinct().count()
        if question.kind == Kind.TEXT:
            texts = list(question.answers.values_list("text", flat=True)) if with_texts else []
            out.append(QuestionResult(question, [], answered, texts, None))
            continue
        counts = dict(question.answers.values_list("choice_id").annotate(n=Count("id")).order_by())
        rows = [(c.label, counts.get(c.pk, 0)) for c in question.choices.all()]
        svg = charts.bar_chart(
            chart_id=f"q{question.pk}",
            title=question.text,
            desc="；".join(f"{label}：{n}人" for label, n in rows),
            labels=[label for label, _ in rows],
            values=[n for _, n in rows],
            unit="人",
        )
        safe = mark_safe(svg)  # noqa: S308 - built by charts.py, every text escaped
        out.append(QuestionResult(question, rows, answered, [], safe))
    return out
