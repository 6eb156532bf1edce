"""The sitemap: the portal's fixed pages, every unit, column and published item."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.sitemaps import Sitemap
from django.db.models import QuerySet
from django.urls import reverse

from gongkai.catalog.models import Column, Item
from gongkai.units.models import Unit


class PagesSitemap(Sitemap):  # type: ignore[type-arg]
    changefreq = "daily"

    def items(self) -> list[str]:
        return [
            "portal:home",
            "portal:units",
            "portal:search",
            "portal:key_areas",
            "portal:interpretations",
            "portal:reports",
            "portal:apply",
            "portal:deadline",
        ]

    def location(self, item: str) -> str:
        return reverse(item)


class UnitSitemap(Sitemap):  # type: ignore[type-arg]
    changefreq = "weekly"

    def items(self) -> QuerySet[Unit]:
        return Unit.objects.filter(is_active=True).order_by("sort_order", "id")

    def location(self, item: Unit) -> str:
        return reverse("portal:unit", args=[item.code])


class ColumnSitemap(Sitemap):  # type: ignore[type-arg]
    changefreq = "daily"

    def items(self) -> QuerySet[Column]:
        return Column.objects.public().order_by("pk")

    def location(self, item: Column) -> str:
        return reverse("portal:column", args=[item.pk])


class ItemSitemap(Sitemap):  # type: ignore[type-arg]
    changefreq = "monthly"
    limit = 10_000

    def items(self) -> Any:
        return Item.objects.public().only("pk", "updated_at").order_by("pk")

    def location(self, item: Item) -> str:
        return reverse("portal:item", args=[item.pk])

    def lastmod(self, item: Item) -> dt.datetime:
        return item.updated_at


SITEMAPS = {
    "pages": PagesSitemap,
    "units": UnitSitemap,
    "columns": ColumnSitemap,
    "items": ItemSitemap,
}
