"""The guarded getters of the catalog: the only way a staff view obtains an item, an attachment,
a column or a paper transfer. Who may do what is decided in :mod:`gongkai.accounts.access`;
these functions apply it to the catalog and answer 404 to outsiders (docs/access.md)."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from gongkai.accounts.access import Action, can, in_own_unit, visible_units
from gongkai.catalog.models import Attachment, Column, Item, PaperTransfer
from gongkai.units import tree
from gongkai.units.models import Staff


def visible_items(staff: Staff) -> QuerySet[Item]:
    """Items of the staff member's unit (every unit's for the office and the supervisor). An
    item in a shared key-area column belongs to the unit that drafted it."""
    return in_own_unit(staff, Item.objects.select_related("unit", "column"))


def get_item(staff: Staff, pk: int, *, action: Action = Action.VIEW_CATALOG) -> Item:
    """An item the staff member may see, and act on with ``action``; 404 otherwise. Drafting
    and reviewing are for the staff of the unit that holds the item."""
    try:
        item = visible_items(staff).get(pk=pk)
    except Item.DoesNotExist:
        raise Http404 from None
    if not can(staff, action):
        raise Http404
    if action in (Action.EDIT_ITEM, Action.REVIEW_ITEM) and item.unit_id != staff.unit_id:
        raise Http404
    return item


def get_attachment(staff: Staff, item: Item, pk: int) -> Attachment:
    try:
        return item.attachments.get(pk=pk)
    except Attachment.DoesNotExist:
        raise Http404 from None


def may_act_on_item(staff: Staff, item: Item, action: Action) -> bool:
    """Whether the item page offers ``action`` to this staff member."""
    if not can(staff, action):
        return False
    if action in (Action.EDIT_ITEM, Action.REVIEW_ITEM):
        return item.unit_id == staff.unit_id
    return True


def columns_for_items(staff: Staff) -> QuerySet[Column]:
    """The columns a unit's staff may put items in: the unit's own, and the shared ones of its
    government (every shared column when that is the whole deployment; docs/governments.md)."""
    if staff.unit_id is None:
        return Column.objects.none()
    shared = Q(shared=True, unit__is_active=True)
    government = tree.government_scope(staff.unit_id)
    if government is not None:
        shared &= Q(unit_id__in=government)
    return Column.objects.filter(is_active=True).filter(Q(unit_id=staff.unit_id) | shared)


def get_column(staff: Staff, pk: int, *, for_change: bool = False) -> Column:
    """A column of a unit the staff member may see (to change: the office only)."""
    try:
        column = Column.objects.select_related("unit").get(pk=pk, unit__in=visible_units(staff))
    except Column.DoesNotExist:
        raise Http404 from None
    if for_change and not can(staff, Action.MANAGE_COLUMNS):
        raise Http404
    return column


def visible_transfers(staff: Staff) -> QuerySet[PaperTransfer]:
    return in_own_unit(staff, PaperTransfer.objects.select_related("place", "unit"))
