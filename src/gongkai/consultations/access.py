"""The guarded getters of the consultations: the only way a staff view obtains one. The
consultations are the district's, run by the office and read by the supervisor
(gongkai.accounts.access); to anyone else they do not exist (404)."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from gongkai.accounts.access import Action, can, in_own_unit, is_whole_deployment
from gongkai.consultations.models import Comment, Consultation, Survey
from gongkai.units.models import Staff


def visible_consultations(staff: Staff) -> QuerySet[Consultation]:
    """The consultations of the units of the staff member's scope (a government's office: its
    subtree's; docs/governments.md)."""
    if not can(staff, Action.VIEW_CONSULTATIONS):
        return Consultation.objects.none()
    return in_own_unit(staff, Consultation.objects.select_related("unit"))


def visible_surveys(staff: Staff) -> QuerySet[Survey]:
    """The surveys of those consultations, and the surveys of no consultation for the
    deployment's office and supervisor."""
    if not can(staff, Action.VIEW_CONSULTATIONS):
        return Survey.objects.none()
    if is_whole_deployment(staff):
        return Survey.objects.select_related("consultation")
    return Survey.objects.select_related("consultation").filter(
        Q(consultation__in=visible_consultations(staff))
    )


def get_consultation(
    staff: Staff, pk: int, *, action: Action = Action.VIEW_CONSULTATIONS
) -> Consultation:
    if not (can(staff, Action.VIEW_CONSULTATIONS) and can(staff, action)):
        raise Http404
    try:
        return visible_consultations(staff).get(pk=pk)
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
        return visible_surveys(staff).get(pk=pk)
    except Survey.DoesNotExist:
        raise Http404 from None
