from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from gongkai.units.models import Unit, UnitKind
from gongkai.workdays.views import deadline_context


def public_units() -> list[Unit]:
    return list(Unit.objects.filter(is_active=True).order_by("sort_order", "id"))


def district() -> Unit | None:
    return (
        Unit.objects.filter(kind=UnitKind.DISTRICT, is_active=True).order_by("sort_order").first()
    )


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    units = public_units()
    groups = [(label, [u for u in units if u.kind == kind]) for kind, label in UnitKind.choices]
    return render(
        request,
        "portal/home.html",
        {"district": district(), "groups": [g for g in groups if g[1]], "unit_total": len(units)},
    )


@require_GET
def unit_directory(request: HttpRequest) -> HttpResponse:
    units = public_units()
    groups = [(label, [u for u in units if u.kind == kind]) for kind, label in UnitKind.choices]
    return render(
        request,
        "portal/units.html",
        {"groups": [g for g in groups if g[1]], "district": district()},
    )


@require_GET
def unit_page(request: HttpRequest, code: str) -> HttpResponse:
    unit = get_object_or_404(Unit, code=code, is_active=True)
    return render(request, "portal/unit.html", {"unit": unit, "district": district()})


@require_GET
def deadline(request: HttpRequest) -> HttpResponse:
    context = deadline_context(request)
    context["district"] = district()
    return render(request, "portal/deadline.html", context)


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/404.html", status=404)


def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    message = str(exception) if exception and str(exception) else "您没有权限执行此操作。"
    return render(request, "errors/403.html", {"message": message}, status=403)


def server_error(request: HttpRequest) -> HttpResponse:
    return render(request, "errors/500.html", status=500)
