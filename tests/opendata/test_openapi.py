"""The open API's contract: the OpenAPI document is valid OpenAPI 3.1 (checked by
openapi-spec-validator against the meta-schema), names every public JSON/CSV route of the
URLconf and nothing else (like datasette's tests that keep docs and settings in step), and the
live app keeps it: schemathesis generates requests from the document, sends them to the WSGI
app over a built world, and checks that no answer is a server error, that every status code is
documented and every response matches its schema and content type."""

from __future__ import annotations

import re

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.urls import URLPattern, URLResolver, get_resolver
from hypothesis import HealthCheck, settings
from openapi_spec_validator import validate
from schemathesis import checks as st_checks
from schemathesis.specs.openapi import checks as openapi_checks

from gongkai.opendata import openapi
from tests.conftest import examples
from tests.opendata import world as world_module

DOCUMENT = openapi.document()


def test_the_document_is_valid_openapi_3_1():
    assert DOCUMENT["openapi"].startswith("3.1")
    validate(DOCUMENT)  # raises on any violation of the OpenAPI 3.1 meta-schema


def test_every_operation_documents_its_responses_with_schemas():
    for path, methods in DOCUMENT["paths"].items():
        for method, operation in methods.items():
            assert operation["summary"], (path, method)
            for status, response in operation["responses"].items():
                if status == "304":
                    continue
                for media, content in response["content"].items():
                    if "officedocument" not in media:  # a binary file has no JSON schema
                        assert content.get("schema"), (path, status, media)


def _patterns(resolver: URLResolver, prefix: str = "") -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            namespace = entry.namespace or ""
            for route, name in _patterns(entry, prefix + str(entry.pattern)):
                found.append((route, f"{namespace}:{name}" if namespace else name))
        elif isinstance(entry, URLPattern):
            found.append((prefix + str(entry.pattern), entry.name or ""))
    return found


def _as_openapi(route: str) -> str:
    """``api/items/<int:year>.<slug:ext>`` → ``/api/items/{year}.{ext}``."""
    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", route)


def _is_api(route: str, name: str) -> bool:
    """A public route that answers JSON or CSV: under api/ (but the page for people, api/), or
    named .json/.csv, or a file in a format of the caller's choice (download.<ext>)."""
    if not name.startswith("portal:"):
        return False
    if route == "api/":
        return False
    return (
        route.startswith("api/")
        or route.endswith((".json", ".csv"))
        or bool(re.search(r"\.<\w+:ext>$", route))
    )


def test_every_public_api_route_is_documented_and_every_documented_path_is_a_route():
    routes = {
        _as_openapi(route) for route, name in _patterns(get_resolver()) if _is_api(route, name)
    }
    assert routes == set(DOCUMENT["paths"])


def test_every_path_parameter_of_the_document_is_one_of_its_route():
    for path, methods in DOCUMENT["paths"].items():
        in_path = set(re.findall(r"\{(\w+)\}", path))
        for operation in methods.values():
            declared = {p["name"] for p in operation["parameters"] if p["in"] == "path"}
            assert declared == in_path, path


# --- schemathesis over the live app --------------------------------------------------------------
schema = schemathesis.openapi.from_dict(DOCUMENT)
CHECKS = [
    st_checks.not_a_server_error,
    openapi_checks.status_code_conformance,
    openapi_checks.content_type_conformance,
    openapi_checks.response_schema_conformance,
    openapi_checks.response_headers_conformance,
]


@pytest.fixture
def app_world(unit_a, clerk_a, reviewer_a, office):
    """A built world, and the WSGI app answering in the test's transaction (Django's own test
    client does the same: it keeps the connection open across requests)."""
    world = world_module.build(unit_a, clerk_a, reviewer_a, office)
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield world
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=examples(30),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_the_live_app_keeps_the_contract(case, app_world):
    case.call_and_validate(app=WSGIHandler(), checks=CHECKS)
