"""The demo city (``gongkai demo --city``): 北京市 with three districts on one deployment
(集约化), each generated from the demo district's templates (gongkai.demo.district) at a reduced
size — its government, the first departments, two 乡镇 and one 街道 — with its own portal host
name, its office scoped to it, the units' staff, column trees and a few published items; and the
city's office and supervisor, who see the three. Each step is idempotent, as the district's are:
run twice, the second run finds everything in place. docs/governments.md."""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.hashers import make_password
from django.db import transaction

from gongkai.demo import district
from gongkai.demo.build import DEMO_PASSWORD, DemoReport, Login, Progress, build_search_index
from gongkai.units import services as unit_services
from gongkai.units.codes import ORGAN, PUBLIC_INSTITUTION, make_uscc
from gongkai.units.models import RemedyVenue, Role, Staff, Unit, UnitKind

CITY = {"code": "bjs", "name": "北京市人民政府", "short_name": "市政府", "kind": UnitKind.CITY}
CITY_REGION = "110000"
CITY_HOST = "bjs.localhost"


@dataclass(frozen=True)
class CityDistrict:
    prefix: str  # of its units' codes and its staff's accounts
    name: str  # 怀柔区
    region: str  # its administrative division code, in its units' credit codes
    host: str  # its portal's host name


DISTRICTS = (
    CityDistrict("hr", "怀柔区", "110116", "huairou.localhost"),
    CityDistrict("my", "密云区", "110118", "miyun.localhost"),
    CityDistrict("pg", "平谷区", "110117", "pinggu.localhost"),
)
# The reduced size of each district (the seed district has 43 departments, 11 乡镇, 4 街道).
DEPARTMENTS = 8
TOWNSHIPS = 2
STREETS = 1
ITEMS_PER_DISTRICT = 3
TEMPLATE = district.DISTRICT_NAME.removeprefix("北京市")  # 延庆区, replaced in every name


def _renamed(text: str, where: CityDistrict) -> str:
    return text.replace(TEMPLATE, where.name).replace("延庆", where.name.removesuffix("区"))


def district_specs(where: CityDistrict) -> list[dict[str, Any]]:
    """The district's units, from the demo district's: the government first, then the first
    departments, 乡镇 and 街道, each with its template's code (``template``)."""
    specs = district.units()
    kept: list[dict[str, Any]] = []
    quota = {
        UnitKind.DISTRICT: 1,
        UnitKind.DEPARTMENT: DEPARTMENTS,
        UnitKind.TOWNSHIP: TOWNSHIPS,
        UnitKind.STREET: STREETS,
    }
    for spec in specs:
        kind = UnitKind(str(spec["kind"]))
        if quota.get(kind, 0) <= 0:
            continue
        quota[kind] -= 1
        kept.append(
            {
                "template": str(spec["code"]),
                "code": f"{where.prefix}-{spec['code']}",
                "name": _renamed(str(spec["name"]), where),
                "short_name": _renamed(str(spec["short_name"]), where),
                "kind": kind,
            }
        )
    return kept


def _unit_data(
    spec: dict[str, Any], index: int, region: str, parent: Unit | None
) -> dict[str, Any]:
    rng = random.Random(f"city-unit-{spec['code']}")  # noqa: S311 - demo data, not security
    institution = spec.get("template") in district.AUTHORIZED_ORGS
    return {
        "code": spec["code"],
        "name": spec["name"],
        "short_name": spec["short_name"],
        "kind": spec["kind"],
        "parent": parent,
        "uscc": make_uscc(
            PUBLIC_INSTITUTION if institution else ORGAN, region, 11_000_000 + index * 37
        ),
        "postcode": "101400",
        "office_hours": "周一至周五（法定节假日除外）上午9:00—12:00，下午13:30—17:00",
        "phone": f"010-6{rng.randint(1000000, 1999999)}",
        "sort_order": index * 10,
        "is_active": True,
    }


def _put(data: dict[str, Any]) -> tuple[Unit, bool]:
    existing = Unit.objects.filter(code=data["code"]).first()
    if existing is None:
        return unit_services.unit_create(actor=None, data=data), True
    changed = {k: v for k, v in data.items() if getattr(existing, k) != v}
    if changed:
        existing = unit_services.unit_update(actor=None, unit=existing, data=changed)
    return existing, False


@transaction.atomic
def build_units(report: DemoReport, progress: Progress) -> None:
    city, created = _put({**_unit_data(CITY, 0, CITY_REGION, None), "portal_host": CITY_HOST})
    count = int(created)
    total = 1
    for where in DISTRICTS:
        government: Unit | None = None
        for index, spec in enumerate(district_specs(where)):
            parent = city if spec["kind"] == UnitKind.DISTRICT else government
            data = _unit_data(spec, index, where.region, parent)
            if spec["kind"] == UnitKind.DISTRICT:
                data["portal_host"] = where.host
            unit, created = _put(data)
            count += created
            total += 1
            if spec["kind"] == UnitKind.DISTRICT:
                government = unit
            _venues(unit, spec, where)
        progress(f"{where.name} 公开单位")
    report.lines.append(
        f"公开单位：市政府及{len(DISTRICTS)}个区共{total}个（新建{count}个）；"
        f"每区为演示区的缩减版：区政府、{DEPARTMENTS}个委办局、{TOWNSHIPS}个乡镇、{STREETS}个街道"
    )


def _venues(unit: Unit, spec: dict[str, Any], where: CityDistrict) -> None:
    """The unit's two venue records, the demo district's with the district's names."""
    for wanted in district.venues(spec["template"], str(spec["kind"])):
        if RemedyVenue.objects.filter(unit=unit, valid_from=wanted.valid_from).exists():
            continue
        unit_services.venue_record(
            actor=None,
            unit=unit,
            valid_from=wanted.valid_from,
            rule=wanted.rule.value,
            body=_renamed(wanted.bodies[0], where),
            second_body=_renamed(wanted.bodies[1], where) if len(wanted.bodies) > 1 else "",
            online_channel=_renamed(wanted.online_channel, where),
            court=_renamed(wanted.court, where),
            note=_renamed(wanted.note, where),
        )


def wanted_staff() -> list[tuple[str, Role, str]]:
    """Every account of the demo city: username, role, the code of its unit."""
    wanted = [
        ("city.office", Role.OFFICE, CITY["code"]),
        ("city.supervisor", Role.SUPERVISOR, CITY["code"]),
    ]
    for where in DISTRICTS:
        specs = district_specs(where)
        wanted.append((f"{where.prefix}.office", Role.OFFICE, specs[0]["code"]))
        for spec in specs:
            wanted.append((f"{spec['code']}.clerk", Role.CLERK, spec["code"]))
            wanted.append((f"{spec['code']}.reviewer", Role.REVIEWER, spec["code"]))
    return wanted


@transaction.atomic
def build_staff(report: DemoReport, progress: Progress) -> None:
    hashed = make_password(DEMO_PASSWORD)
    units = {u.code: u for u in Unit.objects.all()}
    created = 0
    for username, role, code in wanted_staff():
        unit = units[code]
        member = Staff.objects.select_related("unit").filter(user__username=username).first()
        if member is None:
            rng = random.Random(f"city-staff-{username}")  # noqa: S311 - demo data
            given = rng.choice(district.GIVEN) + rng.choice(district.GIVEN)
            member = unit_services.staff_create(
                actor=None,
                username=username,
                password="",
                password_hash=hashed,
                name=rng.choice(district.SURNAMES) + given,
                role=role,
                unit=unit,
                phone="",
            )
            created += 1
        report.logins.append(
            Login(username, member.get_role_display(), member.name, unit.short_name)
        )
    progress("工作人员账号")
    report.lines.append(f"工作人员账号：{len(report.logins)}个（新建{created}个）")


@transaction.atomic
def build_catalog(report: DemoReport, progress: Progress) -> None:
    """Each unit's column tree; a few items published in each district (once)."""
    from gongkai.catalog import services as catalog_services
    from gongkai.catalog.models import Column, Item

    users = {m.user.username: m.user for m in Staff.objects.select_related("user")}
    published = 0
    for where in DISTRICTS:
        specs = district_specs(where)
        units = {u.code: u for u in Unit.objects.filter(code__in=[s["code"] for s in specs])}
        for spec in specs:
            catalog_services.build_tree(units[spec["code"]])
        if Item.objects.filter(unit__in=units.values()).exists():
            continue
        for n, spec in enumerate(specs[:ITEMS_PER_DISTRICT]):
            unit = units[spec["code"]]
            news = Column.objects.get(unit=unit, code="news")
            clerk, reviewer = users[f"{unit.code}.clerk"], users[f"{unit.code}.reviewer"]
            item = catalog_services.item_create(
                actor=clerk,
                unit=unit,
                data={
                    "column": news,
                    "title": f"{unit.short_name}关于做好{where.name}春季植树造林工作的通知",
                    "doc_number": f"演示〔2026〕{n + 1}号",
                    "formed_on": catalog_services.publication_day(),
                    "topic": "农业、林业、水利",
                    "body": f"<p>演示数据：{unit.name}发布的信息。</p>",
                },
            )
            catalog_services.item_submit(actor=clerk, item=item)
            catalog_services.item_publish(
                actor=reviewer, item=item, secrecy_review="经审查，不涉密，同意公开（演示）"
            )
            published += 1
        progress(f"{where.name} 主动公开目录")
    report.lines.append(f"主动公开目录：各单位栏目；新发布信息{published}条")


STEPS = (build_units, build_staff, build_catalog, build_search_index)


def build(progress: Progress) -> DemoReport:
    report = DemoReport()
    for step in STEPS:
        step(report, progress)
    return report
