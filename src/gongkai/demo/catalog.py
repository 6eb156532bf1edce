"""The demo catalog: the seed's 2019 proactive disclosure, and some of this year's work.

2019, as the district's report states it (docs/demo.md): 11,006 items — 53 法规文件 and 3
规范性文件 of the district government, 222 区政府动态, 6,828 items of the 委办局 and 3,900 of
the towns and streets; 15 policy interpretations (by the departments that drafted the policies,
“谁起草、谁解读”), 38 key-area columns, 576 and 306 paper documents sent to 3 district and 3
municipal reading places, and every unit's guide updated on 2019-05-15.

This year: a few hundred items over the last months, some drafts and submissions waiting (one
of them past its 20 working days), most guides updated in March and a few not, so that the
office's monitoring has something to show. Titles and bodies come from
:mod:`gongkai.demo.catalog_text`.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from typing import Any

from django.contrib.auth import get_user_model
from django.utils import timezone

from gongkai.audit.services import actor_label
from gongkai.catalog import services
from gongkai.catalog.models import Column, Guide, Item, ReadingPlace
from gongkai.catalog.status import State
from gongkai.demo import catalog_text
from gongkai.units.models import Unit, UnitKind
from gongkai.workdays import services as workdays

YEAR = 2019
DOCUMENTS, NORMATIVE, DISTRICT_NEWS = 53, 3, 222
DEPARTMENT_ITEMS, TOWN_ITEMS = 6828, 3900
INTERPRETATIONS = 15
# The forms other than text among them (the seed's report: two 一图读懂, one 20问), by position.
INTERPRETATION_FORMS = {3: "graphic", 8: "graphic", 12: "qa"}
GUIDES_UPDATED = dt.datetime(2019, 5, 15, 10, 0, tzinfo=dt.UTC)
PLACES = (
    ("延庆区政务服务中心政府信息公开查阅点", "district", "北京市延庆区湖南东路1号"),
    ("延庆区图书馆政府信息查阅室", "district", "北京市延庆区高塔街1号"),
    ("延庆区档案馆政府信息查阅室", "district", "北京市延庆区东外大街61号"),
    ("北京市政务服务中心政府信息公开大厅", "municipal", "北京市丰台区西三环南路1号"),
    ("首都图书馆政府信息查阅室", "municipal", "北京市朝阳区东三环南路88号"),
    ("北京市档案馆政府信息查阅室", "municipal", "北京市东城区王府井大街"),
)
PAPER = {"district": 576, "municipal": 306}
# Where the demo's back-entered items take their publication dates from.
BACK_ENTRY_SOURCE = "据原门户网站发布记录及纸质公开登记簿补录"

# Where a department's or a town's items go: column code → weight.
DEPARTMENT_COLUMNS = {
    "news": 46, "permits": 12, "penalties": 9, "procurement": 6, "budget": 3, "statistics": 4,
    "plans": 3, "civil-service": 2, "functions": 1, "system": 1, "other-documents": 5,
    "key": 8,
}  # fmt: skip
TOWN_COLUMNS = {
    "news": 52, "permits": 8, "budget": 4, "plans": 3, "statistics": 3, "procurement": 3,
    "projects": 3, "functions": 1, "key": 10,
}  # fmt: skip
# Key areas a kind of unit writes about (by the key-area names of gongkai.catalog.tree).
TOWN_KEY_AREAS = ("脱贫攻坚", "农业农村", "社会救助", "征地拆迁", "生态环境保护", "养老服务",
                  "安全生产", "冬奥会和世园会服务保障")  # fmt: skip

Progress = Callable[[str], None]


def _office() -> Any:
    return get_user_model().objects.get(username="office")


def _workdays(year: int) -> list[dt.date]:
    calendar = workdays.current_calendar()
    day, out = dt.date(year, 1, 1), []
    while day.year == year:
        if calendar.is_workday(day):
            out.append(day)
        day += dt.timedelta(days=1)
    return out


def _formed(published: dt.date, rng: random.Random, late: bool) -> dt.date:
    """A formation date before publication: within 20 working days, or (rarely) later."""
    calendar = workdays.current_calendar()
    back = rng.randint(22, 30) if late else rng.choice((0, 1, 1, 2, 3, 3, 5, 7, 10, 14))
    day = published
    for _ in range(back):
        day -= dt.timedelta(days=1)
        while not calendar.is_workday(day):
            day -= dt.timedelta(days=1)
    return day


def _split(total: int, weights: dict[str, int]) -> dict[str, int]:
    """``total`` divided in proportion to ``weights``, exactly."""
    whole = sum(weights.values())
    shares = {k: total * w // whole for k, w in weights.items()}
    rest = total - sum(shares.values())
    for key in sorted(weights, key=lambda k: -weights[k])[:rest]:
        shares[key] += 1
    return shares


def _row(
    generated: catalog_text.Generated, column: Column, published: dt.date, formed: dt.date
) -> dict[str, Any]:
    return {
        "column": column,
        "title": generated.title,
        "doc_number": generated.doc_number,
        "body": generated.body,
        "topic": generated.topic,
        "formed_on": formed,
        "published_on": published,
    }


class Builder:
    def __init__(self, progress: Progress) -> None:
        self.progress = progress
        self.rng = random.Random(2019)  # noqa: S311 - demo data, not secrets
        self.office = _office()
        self.units = list(Unit.objects.order_by("sort_order", "id"))
        self.district = next(u for u in self.units if u.kind == UnitKind.DISTRICT)
        self.columns: dict[int, dict[str, Column]] = {}
        self.key_areas: dict[str, Column] = {}
        self.serials: dict[int, int] = {}  # per unit, so a unit's 文号 do not repeat
        self.people: dict[tuple[int | None, str], str] = {}  # (unit, role): the audit label

    # --- structure --------------------------------------------------------------------------
    def trees(self) -> None:
        start = dt.datetime(2019, 1, 1, tzinfo=dt.UTC)
        for unit in self.units:
            services.tree_create(
                actor=self.office, unit=unit, key_areas=unit.kind == UnitKind.DISTRICT
            )
        Column.objects.all().update(created_at=start)
        for column in Column.objects.all():
            self.columns.setdefault(column.unit_id, {})[column.code] = column
            if column.shared:
                self.key_areas[column.name] = column
        self.progress(
            f"公开目录栏目 {Column.objects.count()} 个（重点领域 {len(self.key_areas)} 个）"
        )

    def places(self) -> list[ReadingPlace]:
        return [
            services.reading_place_save(
                actor=self.office, place=None, data={"name": n, "level": lv, "address": a}
            )
            for n, lv, a in PLACES
        ]

    # --- items ------------------------------------------------------------------------------
    def _generate(
        self, unit: Unit, code: str, when: dt.date, subject: str | None = None
    ) -> catalog_text.Generated:
        self.serials[unit.pk] = self.serials.get(unit.pk, 0) + 1
        return catalog_text.generate(
            column=code,
            unit_name=unit.name,
            unit_short=unit.short_name,
            unit_kind=str(unit.kind),
            when=when,
            serial=self.serials[unit.pk],
            rng=self.rng,
            subject=subject,
        )

    def _column(self, unit: Unit, code: str) -> tuple[Column, str, str | None]:
        """The column for a code; "key" picks a key area fitting the unit."""
        if code != "key":
            return self.columns[unit.pk][code], code, None
        if unit.kind in (UnitKind.TOWNSHIP, UnitKind.STREET):
            name = self.rng.choice(TOWN_KEY_AREAS)
        else:
            name = self.rng.choice(sorted(self.key_areas))
        column = self.key_areas[name]
        return column, column.code, name

    def items_for(
        self, unit: Unit, plan: dict[str, int], days: list[dt.date]
    ) -> list[dict[str, Any]]:
        rows = []
        for code, count in plan.items():
            for _ in range(count):
                column, text_code, subject = self._column(unit, code)
                published = self.rng.choice(days)
                formed = _formed(published, self.rng, late=self.rng.random() < 0.02)
                rows.append(_row(self._generate(unit, text_code, formed, subject), column,
                                 published, formed))  # fmt: skip
        return rows

    def import_rows(self, unit: Unit, rows: list[dict[str, Any]], note: str) -> list[int]:
        # Drafted by the unit's clerk and reviewed by its reviewer: two people, as in real work.
        if not self.people:
            for member in _staff():
                self.people[(member.unit_id, member.role)] = actor_label(member.user)
        named = {
            "drafted_by": self.people.get((unit.pk, "clerk"), ""),
            "reviewed_by": self.people.get((unit.pk, "reviewer"), ""),
        }
        rows = [{**named, **row} for row in rows]
        # The demo's items are historical: entered by the office as back-entries, with the
        # source of their dates (a date typed by anyone else is refused, docs/sitecheck.md).
        return services.items_back_enter(
            actor=self.office, unit=unit, rows=rows, note=f"{note}，{BACK_ENTRY_SOURCE}"
        )

    def year_2019(self) -> None:
        days = _workdays(YEAR)
        district = self.district
        # The district government: documents, normative documents, news.
        rows = self.items_for(district, {"other-documents": DOCUMENTS, "news": DISTRICT_NEWS}, days)
        normative_days = sorted(self.rng.sample(days[20:-20], NORMATIVE))
        normative = []
        for published in normative_days:
            formed = _formed(published, self.rng, late=False)
            normative.append(
                _row(self._generate(district, "normative", formed),
                     self.columns[district.pk]["normative"], published, formed)
            )  # fmt: skip
        self.import_rows(district, rows + normative, f"{YEAR}年区政府主动公开信息")
        self.progress(f"{YEAR}年区政府信息 {len(rows) + len(normative)} 条")
        # The departments and the towns and streets, in proportion to a weight per unit.
        departments = [u for u in self.units if u.kind == UnitKind.DEPARTMENT]
        towns = [u for u in self.units if u.kind in (UnitKind.TOWNSHIP, UnitKind.STREET)]
        for group, total, columns, label in (
            (departments, DEPARTMENT_ITEMS - INTERPRETATIONS, DEPARTMENT_COLUMNS, "委办局"),
            (towns, TOWN_ITEMS, TOWN_COLUMNS, "乡镇（街道）"),
        ):
            weights = {u.code: self.rng.randint(4, 16) for u in group}
            per_unit = _split(total, weights)
            done = 0
            for unit in group:
                plan = _split(per_unit[unit.code], columns)
                unit_rows = self.items_for(unit, plan, days)
                self.import_rows(unit, unit_rows, f"{YEAR}年主动公开信息")
                done += len(unit_rows)
            self.progress(f"{YEAR}年{label}信息 {done} 条")
        self.interpretations_2019(departments)

    def interpretations_2019(self, departments: list[Unit]) -> None:
        """15 interpretations: of the 3 normative documents and of 12 district documents, each
        by a department, published on the policy's day or within a few days."""
        policies = (
            list(
                Item.objects.filter(
                    unit=self.district, column__code="normative", published_on__year=YEAR
                )
            )
            + list(
                Item.objects.filter(
                    unit=self.district, column__code="other-documents", published_on__year=YEAR
                ).order_by("published_on", "id")
            )[:: max(1, DOCUMENTS // 12)][: INTERPRETATIONS - NORMATIVE]
        )
        calendar = workdays.current_calendar()
        by_unit: dict[int, list[dict[str, Any]]] = {}
        for i, policy in enumerate(policies):
            unit = departments[(i * 7) % len(departments)]
            assert policy.published_on is not None
            lag = self.rng.choice((0, 0, 1, 2))  # the same day, or a day or two later
            published = calendar.add(policy.published_on, lag) if lag else policy.published_on
            published = min(published, dt.date(YEAR, 12, 31))
            generated = catalog_text.interpretation(
                policy_title=policy.title,
                policy_doc_number=policy.doc_number,
                unit_name=unit.name,
                when=published,
                rng=self.rng,
            )
            row = _row(generated, self.columns[unit.pk]["interpretations"], published, published)
            row["interprets"] = policy
            # Written, but for the seed's two graphics (一图读懂) and its one Q&A (20问).
            row["interpretation_form"] = INTERPRETATION_FORMS.get(i, "text")
            by_unit.setdefault(unit.pk, []).append(row)
        for unit_id, rows in by_unit.items():
            unit = next(u for u in self.units if u.pk == unit_id)
            self.import_rows(unit, rows, f"{YEAR}年政策解读")
        self.progress(f"{YEAR}年政策解读 {len(policies)} 篇")

    def paper_2019(self, places: list[ReadingPlace]) -> None:
        """The district government's monthly deliveries, adding up to the seed's totals."""
        published = list(
            Item.objects.filter(
                unit=self.district,
                column__code__in=["other-documents", "normative"],
                published_on__year=YEAR,
            ).order_by("published_on")
        )
        for level, total in PAPER.items():
            level_places = [p for p in places if p.level == level]
            shares = _split(total, {f"{p.pk}-{m}": 1 for p in level_places for m in range(1, 13)})
            for place in level_places:
                for month in range(1, 13):
                    sent_on = dt.date(YEAR, month, 25 if month != 12 else 27)
                    items = [
                        i for i in published if i.published_on and i.published_on.month == month
                    ]
                    services.paper_transfer_record(
                        actor=self.office, unit=self.district, place=place, sent_on=sent_on,
                        copies=shares[f"{place.pk}-{month}"], items=items,
                        note=f"{YEAR}年{month}月区政府文件",
                    )  # fmt: skip
        self.progress(
            f"{YEAR}年纸质文件报送：区级 {PAPER['district']} 份，市级 {PAPER['municipal']} 份"
        )

    # --- guides -----------------------------------------------------------------------------
    def guides(self) -> None:
        today = timezone.localdate()
        recent = dt.datetime(today.year, 3, 16, 9, 30, tzinfo=dt.UTC)
        stale = {u.pk for u in self.rng.sample(self.units[1:], 7)}
        for unit in self.units:
            parts = services.draft_guide(unit)
            first = services.guide_publish(actor=self.office, unit=unit, parts=parts,
                                           note="依据新修订的条例全面更新")  # fmt: skip
            Guide.objects.filter(pk=first.pk).update(published_at=GUIDES_UPDATED)
            if unit.pk not in stale and recent.date() <= today:
                second = services.guide_publish(actor=self.office, unit=unit, parts=parts,
                                                note="更新办公时间和联系方式")  # fmt: skip
                Guide.objects.filter(pk=second.pk).update(published_at=recent)
        self.progress(f"公开指南：{len(self.units)} 个单位，{len(stale)} 个本年尚未更新")

    # --- this year --------------------------------------------------------------------------
    def this_year(self) -> None:
        """The last year of publishing: most columns kept up within their intervals, some left
        behind, a few units gone quiet, three key areas without news — what the monitoring is
        for."""
        today = timezone.localdate()
        calendar = workdays.current_calendar()
        back = [today - dt.timedelta(days=n) for n in range(1, 331)]
        back = [d for d in back if calendar.is_workday(d)]
        quiet = {u.pk for u in self.rng.sample(self.units[1:], 4)}
        total = 0
        for unit in self.units:
            if unit.pk in quiet:
                continue
            rows = []
            for code, column in self.columns[unit.pk].items():
                interval = column.expected_interval_days
                if interval is None or not column.takes_items or column.shared:
                    continue
                if self.rng.random() < 0.08:  # a column left behind
                    continue
                fresh = [d for d in back if (today - d).days < interval - 3]
                count = max(1, min(8, 200 // interval)) + self.rng.randint(0, 1)
                for k in range(count):
                    published = self.rng.choice(fresh if k == 0 else back[:200])
                    formed = _formed(published, self.rng, late=self.rng.random() < 0.03)
                    generated = self._generate(unit, code, formed)
                    rows.append(_row(generated, column, published, formed))
            self.import_rows(unit, rows, f"{today.year}年主动公开信息")
            total += len(rows)
        departments = [u for u in self.units if u.kind == UnitKind.DEPARTMENT and u.pk not in quiet]
        names = sorted(self.key_areas)
        for name in self.rng.sample(names, len(names) - 3):
            unit = self.rng.choice(departments)
            rows = []
            for _ in range(self.rng.randint(1, 3)):
                published = self.rng.choice([d for d in back if (today - d).days < 80])
                formed = _formed(published, self.rng, late=False)
                column = self.key_areas[name]
                rows.append(_row(self._generate(unit, column.code, formed, name), column,
                                 published, formed))  # fmt: skip
            self.import_rows(unit, rows, f"{today.year}年重点领域信息")
            total += len(rows)
        self.progress(f"近一年已发布信息 {total} 条")
        self.pending(today)

    def pending(self, today: dt.date) -> None:
        """Drafts and submissions waiting in a few units, one of them past its 20 working days."""
        calendar = workdays.current_calendar()
        users = {s.user.username: s.user for s in _staff()}
        for code, state, back in (("fgw", State.SUBMITTED, 2), ("fgw", State.DRAFT, 0),
                                  ("jw", State.SUBMITTED, 5), ("kzz", State.DRAFT, 24),
                                  ("sthj", State.SUBMITTED, 1)):  # fmt: skip
            unit = next((u for u in self.units if u.code == code), None)
            if unit is None:
                continue
            formed = today
            for _ in range(back):
                formed -= dt.timedelta(days=1)
                while not calendar.is_workday(formed):
                    formed -= dt.timedelta(days=1)
            generated = self._generate(unit, "news", formed)
            clerk = users.get(f"{code}.clerk", self.office)
            item = services.item_create(
                actor=clerk,
                unit=unit,
                data={"column": self.columns[unit.pk]["news"], "title": generated.title,
                      "doc_number": generated.doc_number, "body": generated.body,
                      "topic": generated.topic, "formed_on": formed},
            )  # fmt: skip
            if state == State.SUBMITTED:
                services.item_submit(actor=clerk, item=item)
        self.progress("待提交、待审核的信息 5 条")


def _staff() -> list[Any]:
    from gongkai.units.models import Staff

    return list(Staff.objects.select_related("user", "unit"))


def build_catalog(progress: Progress) -> list[str]:
    builder = Builder(progress)
    builder.trees()
    places = builder.places()
    builder.year_2019()
    builder.paper_2019(places)
    builder.guides()
    builder.this_year()
    counted = Item.objects.filter(published_on__year=YEAR).count()
    return [
        f"{YEAR}年主动公开信息：{counted} 条（法规文件{DOCUMENTS}、规范性文件{NORMATIVE}、"
        f"区政府动态{DISTRICT_NEWS}、委办局{DEPARTMENT_ITEMS}、乡镇街道{TOWN_ITEMS}；"
        f"政策解读{INTERPRETATIONS}篇）；重点领域栏目{len(builder.key_areas)}个；"
        f"纸质文件报送区级{PAPER['district']}份、市级{PAPER['municipal']}份",
    ]
