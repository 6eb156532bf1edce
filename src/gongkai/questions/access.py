"""The guarded getters of the public questions: the only way a staff view obtains one. The
office and the supervisor see every question of their scope, and those of no unit sent to a
government of it; a unit's staff see the questions routed to their unit; to anyone else a
question does not exist (404)."""

from __future__ import annotations

from django.http import Http404

from gongkai.accounts.access import Action, can, in_own_unit
from gongkai.questions.models import Question, QuestionQuerySet
from gongkai.units.models import Staff

# Steps for the staff of the unit that holds the question only.
UNIT_ACTIONS = frozenset({Action.ANSWER_QUESTION, Action.APPROVE_ANSWER})


def visible_questions(staff: Staff) -> QuestionQuerySet:
    # a question of no unit is its government's office's (Question.government)
    return in_own_unit(
        staff,
        Question.objects.select_related("unit", "application", "government"),
        unrouted="government_id",
    )


def get_question(staff: Staff, pk: int, *, action: Action = Action.VIEW_QUESTIONS) -> Question:
    try:
        question = visible_questions(staff).get(pk=pk)
    except Question.DoesNotExist:
        raise Http404 from None
    if not can(staff, action):
        raise Http404
    if action in UNIT_ACTIONS and question.unit_id != staff.unit_id:
        raise Http404
    return question


def may(staff: Staff, question: Question, action: Action) -> bool:
    """Whether the question's page offers ``action`` to this member of staff."""
    if not can(staff, action):
        return False
    if action in UNIT_ACTIONS:
        return question.unit_id is not None and question.unit_id == staff.unit_id
    return True
