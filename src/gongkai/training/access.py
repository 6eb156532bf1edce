"""The guarded getters of the training records: the only way a staff view obtains one. The
sessions are the district's, read by the office and the supervisor (gongkai.accounts.access);
to anyone else they do not exist (404)."""

from __future__ import annotations

from django.http import Http404

from gongkai.accounts.access import Action, can
from gongkai.training.models import Material, Session
from gongkai.units.models import Staff


def get_session(staff: Staff, pk: int, *, action: Action = Action.VIEW_TRAINING) -> Session:
    if not (can(staff, Action.VIEW_TRAINING) and can(staff, action)):
        raise Http404
    try:
        return Session.objects.get(pk=pk)
    except Session.DoesNotExist:
        raise Http404 from None


def get_material(staff: Staff, session: Session, pk: int) -> Material:
    if not can(staff, Action.VIEW_TRAINING):
        raise Http404
    try:
        return session.materials.get(pk=pk)
    except Material.DoesNotExist:
        raise Http404 from None
