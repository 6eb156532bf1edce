"""The URL of any page for the sweeps that open every page (the outsider sweep in
tests/accounts/test_access.py, the hostile-input sweep in tests/test_hostile_input.py): each path
parameter filled from a world of records that both build."""

from __future__ import annotations

import uuid
from typing import Any

from django.urls import URLPattern, reverse


def _pk(short: str, world: dict[str, Any]) -> int:
    if short.startswith(("item", "attachment")):
        return world["item"].pk
    if short.startswith("column"):
        return world["column"].pk
    if short.startswith("staff_"):
        return world["member"].pk
    if short.startswith(("unit_", "venue_")):
        return world["unit"].pk
    if short == "appeal":
        return world["appeal"].pk
    if short.startswith("report"):
        return world["report"].pk
    if short.startswith("inspection"):
        return world["inspection"].pk
    if short.startswith("rectification"):
        return world["rectification"].pk
    if short == "track_document":
        return world["document"].pk
    if short.startswith("training"):
        return world["training"].pk
    if short.startswith("consultation"):
        return world["consultation"].pk
    if short.startswith("survey"):
        return world["survey"].pk
    if short.startswith("website_return"):
        return world["website_return"].pk
    if short.startswith("concern_response"):
        return world["concern_response"].pk
    if short.startswith("question"):
        return world["question"].pk
    if short.startswith("task"):
        # a run of a world that has one (the outsider sweeps'); another world's is a run
        # that does not exist (404)
        run = world.get("task_run")
        return run.pk if run is not None else 999999
    if short.startswith("regional_day"):
        return world["regional_day"].pk
    return world["application"].pk


def url_for(name: str, pattern: URLPattern, world: dict[str, Any], *, step: str) -> str:
    """The page ``name`` ("staff:case", "portal:item" …) with its parameters from ``world``;
    ``step`` is the handling step tried where a page takes one."""
    short = name.split(":")[1]
    fixed: dict[str, Any] = {
        "step": step,
        "kind": "reply",
        "action": "publish",
        "ext": "json",
        "year": 2025,
        "section": "items",
        "item": "B1",  # an item of the assessment's rubric
    }
    kwargs: dict[str, Any] = {}
    for key in pattern.pattern.converters:
        if key == "pk":
            kwargs[key] = _pk(short, world)
        elif key == "code":
            kwargs[key] = world["unit"].code
        elif key == "tracking_number":
            kwargs[key] = world["application"].tracking_number
        elif key == "token":
            kwargs[key] = uuid.uuid4()
        elif key == "unit":
            kwargs[key] = world["unit"].pk
        elif key in ("attachment", "material", "evidence", "comment"):
            kwargs[key] = world[key].pk
        elif key == "doc":
            kwargs[key] = world["document"].pk
        elif key in fixed:
            kwargs[key] = fixed[key]
    return reverse(name, kwargs=kwargs)
