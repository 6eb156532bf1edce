"""The guarded getters of the consultations: the only way a staff view obtains one. The
consultations are the district's, run by the office and read by the supervisor
(gongkai.accounts.access); to anyone else they do not exist (404)."""

from __future__ import annotations

from django.http import Http404

from gongkai.accounts.access import Action, can
from gongkai.consultations.models import Comment, Consultation, Survey
from gongkai.units.models import Staff


def get_consultation(
    staff: Staff, pk: int, *, action: Action = Action.VIEW_CONSULTATIONS
) -> Consultation:
    if not (can(staff, Action.VIEW_CONSULTATIONS) and can(staff, action)):
        raise Http404
    try:
        return Consultation.objects.select_related("unit").get(pk=pk)
    except Consultation.DoesNotExist:
        raise Http404 from None


def get_comment(staff: Staff, consultation: Consultation, pk: int) -> Comment:
    if not can(staff, Action.VIEW_CONSULTATIONS):
        raise Http404
    try:
        return consultation.comments.get(pk=pk)
    except Comment.DoesNotExist:
        raise Http404 from None


def get_survey(staff: Staff, pk: int) -> Survey:
    if not can(staff, Action.VIEW_CONSULTATIONS):
        raise Http404
    try:
        return Survey.objects.get(pk=pk)
    except Survey.DoesNotExist:
        raise Http404 from None
