"""The registry as a tree: province → city → district/county → departments, 乡镇, 街道
(``Unit.parent``). One deployment may hold many governments (集约化, 国办发〔2017〕47号); a
government's subtree is everything under it, itself included. The walks are done in Python over
one query of the (id, parent) pairs: a province has some thousands of units, and the same code
then runs on SQLite and PostgreSQL alike (no recursive SQL)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping

from django.db.models import QuerySet

from gongkai.units.models import GOVERNMENT_KINDS, Unit

Parents = Mapping[int, int | None]


def parents() -> dict[int, int | None]:
    """Every unit's parent, by id."""
    return dict(Unit.objects.values_list("pk", "parent_id"))


def descendants(parent_of: Parents, roots: Iterable[int]) -> set[int]:
    """The ids under ``roots`` in the tree ``parent_of``, the roots included (pure)."""
    children: dict[int | None, list[int]] = defaultdict(list)
    for child, parent in parent_of.items():
        children[parent].append(child)
    found: set[int] = set()
    stack = [root for root in roots if root in parent_of]
    while stack:
        node = stack.pop()
        if node in found:  # a cycle the form refuses (Unit.clean) cannot loop here either
            continue
        found.add(node)
        stack.extend(children.get(node, ()))
    return found


def ancestors(parent_of: Parents, node: int) -> list[int]:
    """``node`` and the ids above it, nearest first (pure)."""
    chain: list[int] = []
    current: int | None = node
    while current is not None and current in parent_of and current not in chain:
        chain.append(current)
        current = parent_of[current]
    return chain


def subtree_ids(unit: Unit | int) -> set[int]:
    """The ids of ``unit`` and every unit under it."""
    root = unit.pk if isinstance(unit, Unit) else unit
    return descendants(parents(), [root])


def subtree(unit: Unit | int) -> QuerySet[Unit]:
    return Unit.objects.filter(pk__in=subtree_ids(unit))


def government_of(unit: Unit) -> Unit | None:
    """The nearest government at or above ``unit`` (GOVERNMENT_KINDS), or None for a unit
    hanging under none."""
    chain = ancestors(parents(), unit.pk)
    kinds = dict(Unit.objects.filter(pk__in=chain).values_list("pk", "kind"))
    for pk in chain:
        if kinds.get(pk) in GOVERNMENT_KINDS:
            return Unit.objects.get(pk=pk)
    return None


def government_above(unit: Unit | int, *, strictly: bool = False) -> int | None:
    """The id of the nearest government at or above ``unit`` (strictly above it, with
    ``strictly``: the government a government reports to under 30号's roll-up), or None for
    none. Two queries: the (id, parent) pairs and the governments' ids."""
    node = unit.pk if isinstance(unit, Unit) else unit
    government_ids = set(governments().values_list("pk", flat=True))
    chain = ancestors(parents(), node)
    return next((pk for pk in chain[1 if strictly else 0 :] if pk in government_ids), None)


def governments() -> QuerySet[Unit]:
    return Unit.objects.filter(kind__in=GOVERNMENT_KINDS)


def government_scope(unit: Unit | int) -> frozenset[int] | None:
    """What the office of ``unit`` sees, and the portal of a government's host shows: the
    subtree of the nearest government at or above ``unit``; ``None`` (the whole deployment)
    when that government is the only one at the top of the registry, or when there is no
    government above ``unit`` at all (a registry kept before the tree). docs/governments.md."""
    node = unit.pk if isinstance(unit, Unit) else unit
    parent_of = parents()
    government_ids = set(governments().values_list("pk", flat=True))
    root = next((pk for pk in ancestors(parent_of, node) if pk in government_ids), None)
    if root is None:
        return None
    if [pk for pk in government_ids if parent_of.get(pk) is None] == [root]:
        return None
    return frozenset(descendants(parent_of, [root]))


def top_government() -> Unit | None:
    """The deployment's top government: the one government with no government above it, or
    None when there are none or several (two cities side by side)."""
    parent_of = parents()
    ids = set(governments().values_list("pk", flat=True))
    tops = [pk for pk in ids if not ids & set(ancestors(parent_of, pk)[1:])]
    return Unit.objects.get(pk=tops[0]) if len(tops) == 1 else None


def deployment_government() -> Unit | None:
    """The government the deployment speaks for where no portal host names one: the site's
    name, the website checked and returned, the agency of the top consolidated report, the
    office's own filings. The top government; with several at the top, or a registry without
    a tree, the first active government in the registry's order (before the tree: the
    district)."""
    top = top_government()
    if top is not None:
        return top
    return governments().filter(is_active=True).order_by("sort_order", "id").first()


def within(government: Unit | int | None, unit: Unit | int) -> bool:
    """Whether ``unit`` may hold a submission sent to ``government`` (an application or a
    question left 不确定 on its portal host): a unit of its subtree. Anywhere for the
    deployment's (None) and for a government whose scope is the whole deployment (the top one,
    ``government_scope``), as the deployment's office has always routed."""
    if government is None:
        return True
    found = government_scope(government)
    return found is None or (unit.pk if isinstance(unit, Unit) else unit) in found


def level(
    parent_of: Parents, government_ids: Collection[int], root: int | None
) -> tuple[set[int], set[int]]:
    """A government's own level of the tree (pure): the units whose nearest government at or
    above is ``root`` — itself, its departments, 乡镇 and 街道 — and the governments right below
    it (whose nearest government above is ``root``), whose own units are not in the level.
    ``root`` None: the units under no government at all, and the governments at the top.
    The portal lists a province a level at a time (docs/governments.md)."""
    children: dict[int | None, list[int]] = defaultdict(list)
    for child, parent in parent_of.items():
        children[parent if parent in parent_of else None].append(child)
    own: set[int] = set()
    below: set[int] = set()
    if root is None:
        stack = list(children.get(None, ()))
    elif root in parent_of:
        own.add(root)
        stack = list(children.get(root, ()))
    else:
        stack = []
    while stack:
        node = stack.pop()
        if node in own or node in below or node == root:
            continue  # a cycle (refused by Unit.clean) cannot loop here
        if node in government_ids:
            below.add(node)
            continue
        own.add(node)
        stack.extend(children.get(node, ()))
    return own, below


def subtree_sizes(
    parent_of: Parents, roots: Iterable[int], counted: Collection[int]
) -> dict[int, int]:
    """For each of ``roots``, how many of ``counted`` its subtree holds, itself included (pure;
    the tree's children are gathered once for all the roots: a province's level lists a
    hundred governments)."""
    children: dict[int | None, list[int]] = defaultdict(list)
    for child, parent in parent_of.items():
        children[parent].append(child)
    sizes: dict[int, int] = {}
    for root in roots:
        seen: set[int] = set()
        stack = [root] if root in parent_of else []
        while stack:
            node = stack.pop()
            if node not in seen:
                seen.add(node)
                stack.extend(children.get(node, ()))
        sizes[root] = len(seen.intersection(counted))
    return sizes
