"""先查一查: before a person submits a request or a question, the published items and the
answered questions like what they typed.

Without script, a "查一查" button posts the form back to its own page, which shows the form as
typed (nothing stored, nothing checked) with what was found; with script,
``static/gongkai/lookup.js`` asks :func:`similar_json` as the person types. Items are searched in
the catalog's index by the character pairs they share with the text (``search.engine.similar``);
published questions, which have no index, are narrowed in the database by some of those pairs
and ranked by the share of the text's pairs they hold. The application form (:func:`apply`)
and the question form (:func:`ask`) are wrapped here, since the domain apps may not import the
search (docs/lookup.md)."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from typing import Any

from django.db.models import Q
from django.http import HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from gongkai.applications import public_views as applications
from gongkai.applications.forms import OnlineApplicationForm
from gongkai.catalog.models import Item
from gongkai.core import params
from gongkai.core.ratelimit import allow
from gongkai.opendata.http import revalidated
from gongkai.questions import public_views as questions
from gongkai.questions import selectors as question_selectors
from gongkai.questions.forms import QuestionForm
from gongkai.questions.models import Question
from gongkai.search import engine
from gongkai.search.text import bigram_set
from gongkai.units.hosts import PortalScope, portal_scope

# How many items a look-up shows, and the longest text it reads.
LOOKUP_LIMIT = 5
LOOKUP_MAX_CHARS = 2000
# The submit button's name: the post is a look-up, not a submission.
LOOKUP_BUTTON = "lookup"
# Longer than any field of the forms it redisplays (their own limits then say so on submission).
TYPED_MAX_CHARS = 20000
# A published question is shown when it holds at least this share of the text's character
# pairs ("延庆镇征地补偿标准是多少" holds 7 of the 13 pairs of "我想申请延庆镇的征地补偿标准");
# the database is asked for questions holding any of at most QUESTION_PAIRS of them, and at
# most QUESTION_CANDIDATES of those, the newest, are ranked.
QUESTION_SHARE = 0.3
QUESTION_PAIRS = 24
QUESTION_CANDIDATES = 400


def similar_items(
    text: str, *, limit: int = LOOKUP_LIMIT, shown: PortalScope | None = None
) -> list[Item]:
    """Published items like ``text``, most alike first; none when the index is unavailable (a
    look-up helps, it never stops anyone from applying)."""
    text = text[:LOOKUP_MAX_CHARS]
    if not text.strip():
        return []
    shown = shown or PortalScope()
    # On a government's host the index itself keeps to its subtree, so the host gets its own
    # top ``limit``; the database narrowing below stays as the guard against a stale index.
    filters = engine.Filters(units=tuple(sorted(shown.unit_ids or ())))
    try:
        ids = engine.similar(text, limit=limit, filters=filters).ids
    except engine.SearchUnavailable:
        return []
    public = shown.narrow(Item.objects.public())
    found = {i.pk: i for i in public.filter(pk__in=ids).select_related("unit")}
    return [found[i] for i in ids if i in found]


def similar_questions(
    text: str, *, limit: int = LOOKUP_LIMIT, shown: PortalScope | None = None
) -> list[Question]:
    """Published questions (with their reply) like ``text``, most alike first."""
    wanted = bigram_set(text[:LOOKUP_MAX_CHARS])
    if not wanted:
        return []
    # The longest pairs first (latin words carry more than one CJK pair), then in order: the
    # same text always asks the same pairs.
    asked = sorted(wanted, key=lambda g: (-len(g), g))[:QUESTION_PAIRS]
    holds = Q()
    for gram in asked:
        holds |= Q(public_subject__contains=gram) | Q(public_text__contains=gram)
    published = (shown or PortalScope()).narrow(question_selectors.published())
    candidates = published.filter(holds)[:QUESTION_CANDIDATES]
    scored = []
    for question in candidates:
        share = len(wanted & bigram_set(question.public_subject + "\n" + question.public_text))
        share_of_text = share / len(wanted)
        if share_of_text >= QUESTION_SHARE:
            scored.append((-share_of_text, -question.pk, question))
    return [question for *_, question in sorted(scored, key=lambda row: row[:2])[:limit]]


def lookup_context(request: HttpRequest, fields: Iterable[str]) -> dict[str, Any]:
    """What ``portal/_lookup.html`` shows after the button: the items and the answered
    questions like the text of ``fields`` as posted."""
    text = "\n".join(params.text(request.POST, f, max_length=LOOKUP_MAX_CHARS) for f in fields)
    shown = portal_scope(request)
    return {
        "looked_up": True,
        "similar": similar_items(text, shown=shown),
        "similar_questions": similar_questions(text, shown=shown),
    }


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
    unit = portal_scope(request).units().filter(pk=chosen).first() if chosen else None
    return applications.apply_page(
        request,
        form,
        unit,
        **lookup_context(request, APPLY_FIELDS),
        files_dropped=bool(request.FILES),
    )


def _day(moment: dt.datetime | None) -> str:
    return timezone.localdate(moment).isoformat() if moment else ""


# The question's fields that say what is asked.
ASK_FIELDS = ("subject", "text")


@require_http_methods(["GET", "HEAD", "POST"])
def ask(request: HttpRequest) -> HttpResponse:
    """The question form (gongkai.questions.public_views.ask), with 先查一查."""
    if request.method != "POST" or LOOKUP_BUTTON not in request.POST:
        return questions.ask(request)
    if not allow(request, "lookup_similar"):
        return questions.too_many(request)
    try:
        token = uuid.UUID(request.POST.get("token", ""))
    except ValueError:
        token = QuestionForm.new_token()
    form = as_typed(QuestionForm, request, skip=("token", "website"))
    form.initial["token"] = token
    return questions.ask_page(request, form, **lookup_context(request, ASK_FIELDS))


@require_safe
def similar_json(request: HttpRequest) -> HttpResponseBase:
    """``?q=``: up to five published items and five answered questions like the text, for the
    as-you-type look-up."""
    q = params.text(request.GET, "q", max_length=LOOKUP_MAX_CHARS)
    shown = portal_scope(request)
    items = similar_items(q, shown=shown)
    response = JsonResponse(
        {
            "questions": [
                {
                    "title": question.public_subject,
                    "url": reverse("portal:question", args=[question.pk]),
                    "unit": question.unit.name if question.unit else "",
                    "published_on": _day(question.published_at),
                }
                for question in similar_questions(q, shown=shown)
            ],
            "items": [
                {
                    "title": item.title,
                    "url": reverse("portal:item", args=[item.pk]),
                    "unit": item.unit.name,
                    "published_on": item.published_on.isoformat() if item.published_on else "",
                }
                for item in items
            ],
        },
        json_dumps_params={"ensure_ascii": False},
    )
    return revalidated(request, response)
