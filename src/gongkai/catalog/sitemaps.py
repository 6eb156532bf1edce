"""The sitemap: the portal's fixed pages, every unit, column and published item the host's
portal shows (units.hosts: a government's host lists its own subtree only)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.sitemaps import Sitemap
from django.db.models import QuerySet
from django.urls import reverse

from gongkai.catalog.models import Column, Item
from gongkai.units.hosts import PortalScope
from gongkai.units.models import Unit


class _Shown(Sitemap):  # type: ignore[type-arg]
    """A section built per request for the host's scope (Django instantiates a class given in
    the sitemaps with no arguments: the whole deployment)."""

    def __init__(self, shown: PortalScope | None = None) -> None:
        self.shown = shown or PortalScope()


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


class UnitSitemap(_Shown):
    changefreq = "weekly"

    def items(self) -> QuerySet[Unit]:
        return self.shown.units()

    def location(self, item: Unit) -> str:
        return reverse("portal:unit", args=[item.code])


class ColumnSitemap(_Shown):
    changefreq = "daily"

    def items(self) -> QuerySet[Column]:
        return self.shown.narrow(Column.objects.public()).order_by("pk")

    def location(self, item: Column) -> str:
        return reverse("portal:column", args=[item.pk])


class ItemSitemap(_Shown):
    changefreq = "monthly"
    limit = 10_000

    def items(self) -> Any:
        return self.shown.narrow(Item.objects.public()).only("pk", "updated_at").order_by("pk")

    def location(self, item: Item) -> str:
        return reverse("portal:item", args=[item.pk])

    def lastmod(self, item: Item) -> dt.datetime:
        return item.updated_at


SITEMAPS: dict[str, type[Sitemap]] = {  # type: ignore[type-arg]
    "pages": PagesSitemap,
    "units": UnitSitemap,
    "columns": ColumnSitemap,
    "items": ItemSitemap,
}


def sitemaps_for(shown: PortalScope) -> dict[str, type[Sitemap] | Sitemap]:  # type: ignore[type-arg]
    """The sections as the host's portal shows them."""
    sections: dict[str, type[Sitemap] | Sitemap] = {}  # type: ignore[type-arg]
    for name, section in SITEMAPS.items():
        sections[name] = section(shown) if issubclass(section, _Shown) else section()
    return sections
