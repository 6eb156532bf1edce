"""Reuse in the demo district: the three units with the most concluded applications publish the
de-identified register of them, and the largest group of 2019 applications to one unit asking
for the same information (《条例》第四十四条) is made public as an item, published today. The
seed's report says nothing of either; they are here so the pages have something to show
(docs/reuse.md)."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth import get_user_model
from django.db.models import Count, Q

from gongkai.applications.models import Application
from gongkai.applications.status import Status
from gongkai.catalog import services as catalog_services
from gongkai.catalog.models import Column
from gongkai.reuse import selectors, services
from gongkai.units.models import Unit

REGISTER_UNITS = 3


def build_reuse(progress: Callable[[str], None]) -> list[str]:
    users = get_user_model().objects
    office = users.get(username="office")
    units = list(
        Unit.objects.filter(is_active=True)
        .annotate(closed=Count("applications", filter=Q(applications__status=Status.CLOSED)))
        .filter(closed__gt=0)
        .order_by("-closed", "sort_order")[:REGISTER_UNITS]
    )
    for unit in units:
        services.register_switch(actor=office, unit=unit, enabled=True)
    lines = [f"办结申请登记：{'、'.join(u.short_name or u.name for u in units)}公开"]
    progress("办结申请登记")
    best: list[Application] = []
    for cluster in selectors.clusters(Application.objects.all(), year=2019):
        by_unit: dict[int, list[Application]] = {}
        for application in cluster.applications:
            if application.unit_id is not None:
                by_unit.setdefault(application.unit_id, []).append(application)
        for same_unit in by_unit.values():
            if len(same_unit) > len(best):
                best = same_unit
    if len(best) < 2:
        return [*lines, "依申请转主动公开：2019年没有多人申请相同信息的情况"]
    owner = best[0].unit
    assert owner is not None
    column = Column.objects.filter(unit=owner, code="news").first()
    if column is None:
        return [*lines, f"依申请转主动公开：{owner.name}没有“工作动态”栏目"]
    clerk = users.get(username=f"{owner.code}.clerk")
    reviewer = users.get(username=f"{owner.code}.reviewer")
    title = best[0].info_title or "多人申请的政府信息"
    item = services.publication_draft(
        actor=clerk,
        unit=owner,
        applications=best,
        column=column,
        title=f"{title}（依申请转主动公开）",
        body=f"<p>{len(best)}位申请人申请公开本信息，现依据《中华人民共和国政府信息公开条例》"
        "第四十四条予以主动公开。</p>",
    )
    catalog_services.item_submit(actor=clerk, item=item)
    catalog_services.item_publish(
        actor=reviewer, item=item, secrecy_review="经审查，不涉及国家秘密和个人信息，同意公开"
    )
    progress("依申请转主动公开")
    return [*lines, f"依申请转主动公开：{owner.name}，关联申请{len(best)}件"]
