"""The demo district's 2019 assessment of its 62 units under the shipped rubric: the automatic
indicators computed from the demo's own records, the office's scores with their notes, the
third-party evaluator's scores, and the year locked (docs/assessment.md, docs/demo.md).

The seed says only that the units were assessed on 基础工作、主动公开、依申请公开 with a
third-party evaluation, that all 62 units' staff were trained on 2019-06-25, and what the
supervision found (审批程序不规范、答复引用条款不准确、案卷归档不完整、栏目更新不及时, all
rectified). The manual and third-party scores below are invented to match: plausible, seeded,
the same on every build."""

from __future__ import annotations

import random
from collections.abc import Callable
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction

from gongkai.assessment import selectors, services
from gongkai.assessment.models import Assessment
from gongkai.assessment.services import ImportedScore
from gongkai.units.models import Unit, UnitKind

YEAR = 2019
THIRD_PARTY_FILE = "2019年度政务公开第三方评估结果.xlsx"

# item → (score choices with weights, the note for full marks, the note for a deduction)
MANUAL: dict[str, tuple[list[tuple[str, int]], str, str]] = {
    "B1": ([("3", 9), ("2", 1)], "分管领导、工作机构和专职人员已明确并备案",
           "专职人员调整后未及时报公开办备案，扣1分"),
    "B2": ([("4", 7), ("3", 2), ("2", 1)], "保密审查、申请办理等制度健全，审批程序规范",
           "抽查发现依申请公开审批程序不够规范，扣分"),
    "B4": ([("3", 1)], "2019年6月25日派员参加全区新修订条例培训", ""),
    "P5": ([("4", 9), ("3", 1)], "2018年度报告按时报送并发布，格式符合要求",
           "年度报告发布时间晚于规定，扣1分"),
    "P6": ([("5", 6), ("4", 3), ("3", 1)], "重点领域信息按要求在专栏公开",
           "重点领域专栏部分信息未公开，扣分"),
    "A4": ([("5", 6), ("4", 3), ("3", 1)], "抽查案卷材料齐全、归档规范",
           "抽查发现案卷归档不够完整，扣分"),
}  # fmt: skip


def _choice(rng: random.Random, options: list[tuple[str, int]]) -> Decimal:
    values = [Decimal(v) for v, _ in options]
    weights = [w for _, w in options]
    return rng.choices(values, weights)[0]


@transaction.atomic
def build_assessment(progress: Callable[[str], None]) -> list[str]:
    office = get_user_model().objects.get(username="office")
    assessment = Assessment.objects.filter(year=YEAR).first()
    if assessment is None:
        assessment = services.assessment_create(actor=office, year=YEAR)
    rubric = assessment.parsed_rubric()
    units = selectors.units_of(assessment)
    for index, unit in enumerate(units, start=1):
        rng = random.Random(f"assessment-{YEAR}-{unit.code}")  # noqa: S311 - demo data
        for item_id, (options, full, less) in MANUAL.items():
            item = rubric.item(item_id)
            score = _choice(rng, options)
            if unit.kind == UnitKind.DISTRICT:
                score = item.points  # the district government itself sets the example
            services.score_set(
                actor=office, assessment=assessment, unit=unit, item_id=item_id,
                score=score, note=full if score == item.points else less,
            )  # fmt: skip
        if index % 20 == 0:
            progress(f"2019年度考核评分 {index}/{len(units)}")
    rows = []
    for unit in units:
        rng = random.Random(f"third-party-{YEAR}-{unit.code}")  # noqa: S311 - demo data
        rows.append(ImportedScore(unit, "P7", Decimal(rng.randint(60, 80)) / 10, ""))
        rows.append(ImportedScore(unit, "A5", Decimal(rng.randint(35, 50)) / 10, ""))
    services.third_party_import(
        actor=office, assessment=assessment, rows=rows, source_name=THIRD_PARTY_FILE
    )
    assessment = services.assessment_lock(actor=office, assessment=assessment)
    assert assessment.snapshot is not None
    ranking = assessment.snapshot["ranking"]
    first = ranking[0]
    progress(f"2019年度考核：{len(units)}个单位，已锁定")
    count = Unit.objects.filter(is_active=True).count()
    return [
        f"2019年度考核：{count}个单位评分完毕并锁定，第一名{first['unit']['short_name']}"
        f"（{first['total']}分）"
    ]
