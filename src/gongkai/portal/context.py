from __future__ import annotations

import functools

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.urls import get_script_prefix, reverse

from gongkai.units import tree
from gongkai.units.hosts import portal_scope

DEFAULT_SITE_NAME = "政府信息公开平台"
SITE_NAME_KEY = "gongkai:site-name"


def site_name() -> str:
    """The deployment's government's name (units.tree.deployment_government), once the
    registry has one; cached for a minute, since every page shows it. A government's own host
    shows its name instead (site_context)."""
    name = cache.get(SITE_NAME_KEY)
    if name is None:
        government = tree.deployment_government()
        name = government.name if government is not None else ""
        cache.set(SITE_NAME_KEY, name, 60)
    return str(name)


# The addresses every page's header and menus link to: reversed once per process (per script
# prefix) instead of on every page, where they were a sizeable part of rendering.
NAV = (
    "accounts:login",
    "accounts:logout",
    "portal:api",
    "portal:apply",
    "portal:deadline",
    "portal:display",
    "portal:home",
    "portal:interpretations",
    "portal:key_areas",
    "portal:lookup",
    "portal:questions",
    "portal:reports",
    "portal:consultations",
    "portal:search",
    "portal:site_error",
    "portal:sitemap_page",
    "portal:units",
    "staff:home",
)


@functools.cache
def _nav(prefix: str) -> dict[str, str]:
    return {name.replace(":", "_"): reverse(name) for name in NAV}


def site_meta(name: str, domain: str | None = None) -> list[tuple[str, str]]:
    """The site's tags of the 《政府网站网页设计规范》, on every page (the page's own tags come
    from the view: gongkai.core.pagemeta); ``domain``: a government's own portal host."""
    identity = settings.GONGKAI_SITE_IDENTITY
    pairs = [
        ("SiteName", name),
        ("SiteDomain", domain or identity.domain),
        ("SiteIDCode", identity.id_code),
    ]
    return [(key, value) for key, value in pairs if value]


def site(request: HttpRequest) -> dict[str, object]:
    # A government's own host: its name is the site's (docs/governments.md); the footer's
    # filing numbers stay the deployment's (GONGKAI_SITE_*).
    government = portal_scope(request).government
    name = government.name if government is not None else site_name()
    identity = settings.GONGKAI_SITE_IDENTITY
    return {
        "site_identity": identity,
        "site_sponsor": name if government is not None else identity.sponsor or name,
        "site_meta": site_meta(
            name or DEFAULT_SITE_NAME, government.portal_host if government else None
        ),
        "nav": _nav(get_script_prefix()),
        "site_name": name or DEFAULT_SITE_NAME,
        "has_district": bool(name),
        "display_script": getattr(request, "display_script", "hans"),
        "large_text": getattr(request, "large_text", False),
        "switches": getattr(request, "switches", {}),
        "here": request.get_full_path(),
    }
