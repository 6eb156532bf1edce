"""先查一查: before a person submits a request, the published items like what they typed.

Without script, a "查一查" button posts the form back to its own page, which shows the form as
typed (nothing stored, nothing checked) with the items found; with script,
``static/gongkai/lookup.js`` asks :func:`similar_json` as the person types. Both search the
catalog's index for items sharing character pairs with the text (``search.engine.similar``).
A form of another app uses it by including ``portal/_lookup.html`` and wrapping its view here
the way :func:`apply` wraps the application form (docs/lookup.md)."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_safe

from gongkai.applications import public_views as applications
from gongkai.applications.forms import OnlineApplicationForm
from gongkai.catalog.models import Item
from gongkai.core import params
from gongkai.core.ratelimit import allow
from gongkai.search import engine
from gongkai.units.models import Unit

# How many items a look-up shows, and the longest text it reads.
LOOKUP_LIMIT = 5
LOOKUP_MAX_CHARS = 2000
# The submit button's name: the post is a look-up, not a submission.
LOOKUP_BUTTON = "lookup"
# Longer than any field of the forms it redisplays (their own limits then say so on submission).
TYPED_MAX_CHARS = 20000


def similar_items(text: str, *, limit: int = LOOKUP_LIMIT) -> list[Item]:
    """Published items like ``text``, most alike first; none when the index is unavailable (a
    look-up helps, it never stops anyone from applying)."""
    text = text[:LOOKUP_MAX_CHARS]
    if not text.strip():
        return []
    try:
        ids = engine.similar(text, limit=limit).ids
    except engine.SearchUnavailable:
        return []
    found = {i.pk: i for i in Item.objects.public().filter(pk__in=ids).select_related("unit")}
    return [found[i] for i in ids if i in found]


def lookup_context(request: HttpRequest, fields: Iterable[str]) -> dict[str, Any]:
    """What ``portal/_lookup.html`` shows after the button: the items like the text of
    ``fields`` as posted."""
    text = "\n".join(params.text(request.POST, f, max_length=LOOKUP_MAX_CHARS) for f in fields)
    return {"looked_up": True, "similar": similar_items(text)}


def as_typed(form_class: type[Any], request: HttpRequest, *, skip: Iterable[str] = ()) -> Any:
    """An unbound form showing what was posted: redisplayed, neither checked nor stored (so no
    error is shown for a field not filled in yet). Files are not kept: a browser never fills a
    file field again."""
    initial = {
        name: params.text(request.POST, name, max_length=TYPED_MAX_CHARS)
        for name, field in form_class.base_fields.items()
        if name not in skip and name in request.POST and not field.widget.needs_multipart_form
    }
    return form_class(initial=initial)


# The application's fields that say what information is wanted.
APPLY_FIELDS = ("info_title", "info_number", "info_description")


@require_http_methods(["GET", "HEAD", "POST"])
def apply(request: HttpRequest) -> HttpResponse:
    """The application form (gongkai.applications.public_views.apply), with 先查一查."""
    if request.method != "POST" or LOOKUP_BUTTON not in request.POST:
        return applications.apply(request)
    if not allow(request, "lookup_similar"):
        return applications.too_many(request)
    try:
        token = uuid.UUID(request.POST.get("token", ""))
    except ValueError:
        token = OnlineApplicationForm.new_token()
    form = as_typed(OnlineApplicationForm, request, skip=("token", "website"))
    form.initial["token"] = token
    chosen = params.integer(request.POST, "unit", low=1, high=2**31 - 1)
    unit = Unit.objects.filter(pk=chosen, is_active=True).first() if chosen else None
    return applications.apply_page(
        request,
        form,
        unit,
        **lookup_context(request, APPLY_FIELDS),
        files_dropped=bool(request.FILES),
    )


@require_safe
def similar_json(request: HttpRequest) -> JsonResponse:
    """``?q=``: up to five published items like the text, for the as-you-type look-up."""
    q = params.text(request.GET, "q", max_length=LOOKUP_MAX_CHARS)
    items = similar_items(q)
    return JsonResponse(
        {
            "items": [
                {
                    "title": item.title,
                    "url": reverse("portal:item", args=[item.pk]),
                    "unit": item.unit.name,
                    "published_on": item.published_on.isoformat() if item.published_on else "",
                }
                for item in items
            ]
        },
        json_dumps_params={"ensure_ascii": False},
    )
