from __future__ import annotations

from django.http import HttpRequest

from gongkai.units.models import Unit, UnitKind

DEFAULT_SITE_NAME = "政府信息公开平台"


def site(request: HttpRequest) -> dict[str, object]:
    """The site's name: the district government's, once the registry has one."""
    name = (
        Unit.objects.filter(kind=UnitKind.DISTRICT, is_active=True)
        .order_by("sort_order", "id")
        .values_list("name", flat=True)
        .first()
    )
    return {"site_name": name or DEFAULT_SITE_NAME, "has_district": bool(name)}
