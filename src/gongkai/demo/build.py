"""Building the demo district. Each step is idempotent: run twice, the second run finds
everything in place and changes nothing (or repairs what was changed by hand); nothing is ever
duplicated. Later parts of Gongkai add their own steps to ``STEPS``."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction

from gongkai.audit.actions import AuditAction
from gongkai.audit.services import record
from gongkai.demo import district
from gongkai.units import services as unit_services
from gongkai.units.codes import ORGAN, PUBLIC_INSTITUTION, make_uscc
from gongkai.units.models import RemedyVenue, Role, Staff, Unit, UnitKind

DEMO_PASSWORD = "gongkai-demo"  # noqa: S105 - printed for the demo; never used outside it


@dataclass
class Login:
    username: str
    role: str
    name: str
    unit: str


@dataclass
class DemoReport:
    logins: list[Login] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)


Progress = Callable[[str], None]


def _person(rng: random.Random) -> str:
    given = rng.choice(district.GIVEN) + (rng.choice(district.GIVEN) if rng.random() < 0.6 else "")
    return rng.choice(district.SURNAMES) + given


def _unit_data(index: int, spec: dict[str, object], parent: Unit | None) -> dict[str, object]:
    rng = random.Random(f"unit-{spec['code']}")  # noqa: S311 - demo data, not security
    institution = spec["code"] in district.AUTHORIZED_ORGS
    category = PUBLIC_INSTITUTION if institution else ORGAN
    return {
        **spec,
        "parent": parent,
        "uscc": make_uscc(category, district.REGION_CODE, 11_000_000 + index * 37),
        "address": f"北京市延庆区{rng.choice(district.ROADS)}{rng.randint(1, 120)}号",
        "postcode": "102100",
        "office_hours": "周一至周五（法定节假日除外）上午9:00—12:00，下午13:30—17:00",
        "phone": f"010-69{rng.randint(100000, 199999)}",
        "fax": f"010-69{rng.randint(100000, 199999)}",
        "email": f"{spec['code']}_gk@{district.EMAIL_DOMAIN}",
        "website": district.WEBSITE,
        "sort_order": index * 10,
        "is_active": True,
    }


@transaction.atomic
def build_units(report: DemoReport, progress: Progress) -> None:
    specs = district.units()
    root: Unit | None = None
    created = updated = 0
    for index, spec in enumerate(specs):
        data = _unit_data(index, spec, root)
        existing = Unit.objects.filter(code=spec["code"]).first()
        if existing is None:
            unit = unit_services.unit_create(actor=None, data=data)
            created += 1
        else:
            unit = unit_services.unit_update(actor=None, unit=existing, data=data)
            updated += unit.updated_at != existing.updated_at
        if spec["kind"] == UnitKind.DISTRICT:
            root = unit
        if (index + 1) % 10 == 0 or index + 1 == len(specs):
            progress(f"公开单位 {index + 1}/{len(specs)}")
    report.lines.append(f"公开单位：{len(specs)}个（新建{created}个，修复{updated}个）")


@transaction.atomic
def build_venues(report: DemoReport, progress: Progress) -> None:
    """Every unit's two venue records (the 2017 and the 2023 text of the 《行政复议法》). A
    record is never changed through the service; one the demo made and someone changed by
    hand is put back as the demo made it, and the repair is audited."""
    specs = district.units()
    fields = ("rule", "body", "second_body", "online_channel", "court", "note")
    created = repaired = 0
    for index, spec in enumerate(specs):
        unit = Unit.objects.get(code=spec["code"])
        for wanted in district.venues(str(spec["code"]), str(spec["kind"])):
            values = {
                "rule": wanted.rule.value,
                "body": wanted.bodies[0],
                "second_body": wanted.bodies[1] if len(wanted.bodies) > 1 else "",
                "online_channel": wanted.online_channel,
                "court": wanted.court,
                "note": wanted.note,
            }
            existing = RemedyVenue.objects.filter(unit=unit, valid_from=wanted.valid_from)
            current = existing.values(*fields).first()
            if current is None:
                unit_services.venue_record(
                    actor=None, unit=unit, valid_from=wanted.valid_from, **values
                )
                created += 1
            elif current != values:
                existing.update(**values)
                record(
                    actor=None,
                    action=AuditAction.UNIT_VENUE_REPAIR,
                    obj=existing.get(),
                    unit=unit,
                    summary=f"演示数据：恢复{unit.name}自{wanted.valid_from.isoformat()}起的"
                    "救济途径记录",
                    basis=wanted.rule.info.basis,
                )
                repaired += 1
        if (index + 1) % 20 == 0 or index + 1 == len(specs):
            progress(f"救济途径 {index + 1}/{len(specs)}")
    report.lines.append(f"救济途径：{len(specs)}个单位各2条（新建{created}条，修复{repaired}条）")


@transaction.atomic
def build_staff(report: DemoReport, progress: Progress) -> None:
    hashed = make_password(DEMO_PASSWORD)
    user_model = get_user_model()
    office_unit = Unit.objects.get(code="zfb")
    wanted: list[tuple[str, Role, Unit | None]] = [
        ("office", Role.OFFICE, office_unit),
        ("office2", Role.OFFICE, office_unit),
        ("supervisor", Role.SUPERVISOR, None),
    ]
    codes = [str(u["code"]) for u in district.units()]
    for demo_unit in Unit.objects.filter(code__in=codes).order_by("sort_order"):
        wanted.append((f"{demo_unit.code}.clerk", Role.CLERK, demo_unit))
        wanted.append((f"{demo_unit.code}.reviewer", Role.REVIEWER, demo_unit))
    created = 0
    for i, (username, role, unit) in enumerate(wanted):
        rng = random.Random(f"staff-{username}")  # noqa: S311 - demo data
        name = _person(rng)
        member = (
            Staff.objects.select_related("user", "unit").filter(user__username=username).first()
        )
        if member is None:
            member = unit_services.staff_create(
                actor=None,
                username=username,
                password="",
                password_hash=hashed,
                name=name,
                role=role,
                unit=unit,
                phone=f"010-69{rng.randint(100000, 199999)}",
            )
            created += 1
        else:
            if (member.role, member.unit_id, member.user.is_active) != (
                role,
                unit.pk if unit else None,
                True,
            ):
                member = unit_services.staff_update(
                    actor=None,
                    member=member,
                    name=member.name,
                    role=role,
                    unit=unit,
                    phone=member.phone,
                    is_active=True,
                )
            user_model.objects.filter(pk=member.user_id).update(password=hashed)
        report.logins.append(
            Login(username, member.get_role_display(), member.name, unit.short_name if unit else "")
        )
        if (i + 1) % 25 == 0 or i + 1 == len(wanted):
            progress(f"工作人员账号 {i + 1}/{len(wanted)}")
    report.lines.append(f"工作人员账号：{len(wanted)}个（新建{created}个）")


def _once(
    name: str, step: Callable[[Progress], list[str]]
) -> Callable[[DemoReport, Progress], None]:
    """A step that builds records once; run again, it leaves them as they are."""

    def run(report: DemoReport, progress: Progress) -> None:
        from gongkai.demo.models import BuiltStep

        if BuiltStep.objects.filter(name=name).exists():
            report.lines.append(f"{name}：已建立，保持不变")
            return
        with transaction.atomic():
            report.lines.extend(step(progress))
            BuiltStep.objects.create(name=name)

    return run


def _applications_history(progress: Progress) -> list[str]:
    from gongkai.demo.applications import build_history

    return build_history(progress)


def _applications_today(progress: Progress) -> list[str]:
    from gongkai.demo.applications import build_today

    return build_today(progress)


def _training_2019(progress: Progress) -> list[str]:
    from gongkai.demo.training import build_training

    return build_training(progress)


def _consultations(progress: Progress) -> list[str]:
    from gongkai.demo.consultations import build_consultations

    return build_consultations(progress)


def _reports_2019(progress: Progress) -> list[str]:
    from gongkai.demo.reports import build_reports

    return build_reports(progress)


def _assessment_2019(progress: Progress) -> list[str]:
    from gongkai.demo.assessment import build_assessment

    return build_assessment(progress)


def _catalog(progress: Progress) -> list[str]:
    from gongkai.demo.catalog import build_catalog

    return build_catalog(progress)


def _inspections_2019(progress: Progress) -> list[str]:
    from gongkai.demo.inspections import build_inspections

    return build_inspections(progress)


def _questions(progress: Progress) -> list[str]:
    from gongkai.demo.questions import build_questions

    return build_questions(progress)


def _reuse(progress: Progress) -> list[str]:
    from gongkai.demo.reuse import build_reuse

    return build_reuse(progress)


def _website_return_2019(progress: Progress) -> list[str]:
    from gongkai.demo.websitereport import build_website_return

    return build_website_return(progress)


def build_search_index(report: DemoReport, progress: Progress) -> None:
    """The search index holds every published item: rebuilt when it does not (a new data
    folder, a schema change, items imported by the steps above)."""
    from gongkai.catalog.models import Item
    from gongkai.search import engine, sync

    items = Item.objects.public()
    expected = items.count()
    if engine.document_count() == expected:
        report.lines.append(f"检索索引：{expected} 条，与数据库一致")
        return
    count = sync.rebuild()  # and the host follows the change log from there
    progress(f"检索索引 {count} 条")
    report.lines.append(f"检索索引：已重建，{count} 条")


STEPS: list[tuple[str, Callable[[DemoReport, Progress], None]]] = [
    ("公开单位", build_units),
    ("救济途径", build_venues),
    ("工作人员", build_staff),
    ("2019年申请", _once("2019年申请、复议和诉讼", _applications_history)),
    ("当前在办申请", _once("当前在办申请", _applications_today)),
    ("主动公开目录", _once("主动公开目录", _catalog)),
    ("2019年业务培训", _once("2019年业务培训", _training_2019)),
    ("意见征集", _once("意见征集", _consultations)),
    ("2019年度报告", _once("2019年度报告草稿", _reports_2019)),
    ("2019年监督检查", _once("2019年监督检查与整改", _inspections_2019)),
    ("2019年度考核", _once("2019年度考核", _assessment_2019)),
    ("留言咨询", _once("留言咨询", _questions)),
    ("申请的再利用", _once("办结申请登记与依申请转主动公开", _reuse)),
    ("2019年度政府网站工作年度报表", _once("2019年度政府网站工作年度报表", _website_return_2019)),
    ("检索索引", build_search_index),
]


def build(progress: Progress) -> DemoReport:
    report = DemoReport()
    for _label, step in STEPS:
        step(report, progress)
    return report
