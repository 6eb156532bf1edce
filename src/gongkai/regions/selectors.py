"""What the pages read of the regional days."""

from __future__ import annotations

from collections.abc import Iterable

from gongkai.regions.models import RegionalDay
from gongkai.units.models import Unit


def entries(governments: Iterable[Unit]) -> list[RegionalDay]:
    """Every entry of these governments, withdrawn ones too, the latest day first."""
    return list(
        RegionalDay.objects.filter(government__in=list(governments))
        .select_related("government")
        .order_by("-day", "government__sort_order", "id")
    )
