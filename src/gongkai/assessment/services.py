"""The assessment's changes: loading a rubric, opening a year's assessment, the office's scores,
the third-party import, locking and reopening. Each runs in one transaction and writes its audit
row (《条例》第四十六条: 各级人民政府应当建立健全政府信息公开工作考核制度). A locked assessment
refuses every change until the office reopens it with a reason, as a published annual report
does (docs/assessment.md)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from gongkai import law
from gongkai.assessment import selectors
from gongkai.assessment.models import Assessment, AssessmentStatus, RubricVersion, Score
from gongkai.assessment.rubric import Rubric, Scoring, shipped
from gongkai.audit.actions import AuditAction
from gongkai.audit.services import actor_label, record
from gongkai.units.models import Unit

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    Actor = AbstractBaseUser | AnonymousUser | None

BASIS = law.ART46_ASSESSMENT
NOTE_MAX = 1000


class AssessmentError(ValueError):
    pass


# --- the rubric -----------------------------------------------------------------------------------
def rubric_in_force() -> tuple[Rubric, int]:
    """The newest loaded rubric and its version, or the shipped one (version 0)."""
    latest = RubricVersion.objects.order_by("-version").first()
    if latest is None:
        return shipped(), 0
    return latest.rubric(), latest.version


def canonical_sha256(rubric: Rubric) -> str:
    text = json.dumps(rubric.to_mapping(), ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@transaction.atomic
def rubric_load(*, actor: Actor, rubric: Rubric, source_name: str, note: str) -> RubricVersion:
    """Store a validated rubric as the next version; it applies to assessments opened later."""
    last = RubricVersion.objects.select_for_update().aggregate(v=Max("version"))["v"] or 0
    version = RubricVersion.objects.create(
        version=last + 1,
        code=rubric.code,
        title=rubric.title,
        payload=rubric.to_mapping(),
        sha256=canonical_sha256(rubric),
        source_name=source_name[:200],
        note=note[:300],
        loaded_by_label=actor_label(actor),
    )
    record(
        actor=actor,
        action=AuditAction.ASSESSMENT_RUBRIC_LOAD,
        obj=version,
        summary=f"载入考核细则《{rubric.title}》第{version.version}版（{len(rubric.items())}个考核项目，"
        f"总分{rubric.total}）" + (f"：{note}" if note else ""),
        basis=BASIS,
        changes={"source": source_name, "sha256": version.sha256},
    )
    return version


# --- the assessment -------------------------------------------------------------------------------
@transaction.atomic
def assessment_create(*, actor: Actor, year: int, as_of: dt.date | None = None) -> Assessment:
    """Open a year's assessment under the rubric in force; the automatic indicators read the
    records as of ``as_of`` (the last day of the year unless said otherwise)."""
    if year > timezone.localdate().year or year < 2008:
        raise AssessmentError("只能考核已开始的年度（2008年以后）")
    if Assessment.objects.filter(year=year).exists():
        raise AssessmentError(f"{year}年度的考核已经开始")
    as_of = as_of or dt.date(year, 12, 31)
    if as_of.year != year:
        raise AssessmentError(f"考核基准日应在{year}年内")
    rubric, version = rubric_in_force()
    assessment = Assessment.objects.create(
        year=year,
        rubric=rubric.to_mapping(),
        rubric_version=version,
        as_of=as_of,
        created_by_label=actor_label(actor),
    )
    record(
        actor=actor,
        action=AuditAction.ASSESSMENT_CREATE,
        obj=assessment,
        summary=f"开始{assessment.title}：依据《{rubric.title}》第{version}版，考核基准日"
        f"{as_of:%Y-%m-%d}",
        basis=BASIS,
    )
    return assessment


def _locked_row(assessment: Assessment) -> Assessment:
    return Assessment.objects.select_for_update().get(pk=assessment.pk)


def _open(assessment: Assessment) -> Assessment:
    fresh = _locked_row(assessment)
    if fresh.is_locked:
        raise AssessmentError(
            f"{fresh.title}已锁定，评分不能再修改；如确需更改，请公开办先撤回锁定并说明理由"
        )
    return fresh


def parse_score(value: str | Decimal | float | int, points: Decimal) -> Decimal:
    """A score as the office types it: a number from 0 to the item's points, one decimal."""
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        raise AssessmentError(f"得分“{str(value)[:20]}”不是数字") from None
    if not number.is_finite() or number < 0 or number > points:
        raise AssessmentError(f"得分应在0至{points}分之间")
    if number != number.quantize(Decimal("0.1")):
        raise AssessmentError("得分最多保留一位小数")
    return number.quantize(Decimal("0.1"))


@transaction.atomic
def score_set(
    *,
    actor: Actor,
    assessment: Assessment,
    unit: Unit,
    item_id: str,
    score: str | Decimal,
    note: str,
) -> Score:
    """The office scores a unit on a manual item (or an indicator no feed computes yet), with
    a note saying on what."""
    assessment = _open(assessment)
    rubric = assessment.parsed_rubric()
    try:
        item = rubric.item(item_id)
    except KeyError:
        raise AssessmentError(f"考核细则中没有项目“{item_id[:20]}”") from None
    if not selectors.scored_by_hand(item):
        raise AssessmentError(
            f"“{item.name}”是{item.scoring.label}项目，不能由公开办直接评分"
            + ("（请导入第三方评估得分）" if item.scoring is Scoring.THIRD_PARTY else "")
        )
    value = parse_score(score, item.points)
    note = note.strip()
    if not note:
        raise AssessmentError("请写明评分说明（依据的材料或扣分理由）")
    if len(note) > NOTE_MAX:
        raise AssessmentError(f"评分说明不超过{NOTE_MAX}字")
    existing = Score.objects.filter(assessment=assessment, unit=unit, item_id=item.id).first()
    before = None if existing is None else {"score": str(existing.score), "note": existing.note}
    row, _ = Score.objects.update_or_create(
        assessment=assessment,
        unit=unit,
        item_id=item.id,
        defaults={
            "source": Scoring.MANUAL.value,
            "score": value,
            "note": note,
            "source_name": "",
            "scored_by_label": actor_label(actor),
            "scored_at": timezone.now(),
        },
    )
    record(
        actor=actor,
        action=AuditAction.ASSESSMENT_SCORE,
        obj=row,
        unit=unit,
        summary=f"{assessment.year}年度考核 {unit.short_name} {item.id}“{item.name}”评为{value}分"
        f"（满分{item.points}）：{note}",
        basis=BASIS,
        changes={"before": before, "after": {"score": str(value), "note": note}},
    )
    return row


@dataclass(frozen=True)
class ImportedScore:
    unit: Unit
    item_id: str
    score: Decimal
    note: str


@transaction.atomic
def third_party_import(
    *, actor: Actor, assessment: Assessment, rows: list[ImportedScore], source_name: str
) -> int:
    """Store the third-party evaluator's scores read from its file (every row checked before;
    all stored or none). A score imported again replaces the earlier one."""
    assessment = _open(assessment)
    rubric = assessment.parsed_rubric()
    if not rows:
        raise AssessmentError("文件中没有可导入的得分")
    for row in rows:
        item = rubric.item(row.item_id)
        if item.scoring is not Scoring.THIRD_PARTY:
            raise AssessmentError(f"“{item.name}”不是第三方评估项目")
        parse_score(row.score, item.points)
    label = actor_label(actor)
    now = timezone.now()
    for row in rows:
        Score.objects.update_or_create(
            assessment=assessment,
            unit=row.unit,
            item_id=row.item_id,
            defaults={
                "source": Scoring.THIRD_PARTY.value,
                "score": row.score,
                "note": row.note or f"第三方评估得分，导入自“{source_name}”",
                "source_name": source_name[:200],
                "scored_by_label": label,
                "scored_at": now,
            },
        )
    units = len({row.unit.pk for row in rows})
    record(
        actor=actor,
        action=AuditAction.ASSESSMENT_IMPORT,
        obj=assessment,
        summary=f"导入{assessment.year}年度考核第三方评估得分：{units}个单位，{len(rows)}项，"
        f"文件“{source_name}”",
        basis=BASIS,
        changes={
            "scores": [[row.unit.code, row.item_id, str(row.score)] for row in rows],
        },
    )
    return len(rows)


@transaction.atomic
def assessment_lock(*, actor: Actor, assessment: Assessment) -> Assessment:
    """Freeze every unit's sheet and the ranking; refused while an item is not scored."""
    assessment = _open(assessment)
    sheets = selectors.compute(assessment, selectors.units_of(assessment))
    missing = [s for s in sheets.values() if not s["complete"]]
    if missing:
        names = "、".join(s["unit"]["short_name"] for s in missing[:5])
        more = f"等{len(missing)}个单位" if len(missing) > 5 else ""
        raise AssessmentError(f"尚有单位未完成评分（{names}{more}），不能锁定")
    ranking = selectors.rank_rows(sheets)
    assessment.snapshot = {
        "sheets": {str(k): v for k, v in sheets.items()},
        "ranking": ranking,
        "locked": timezone.localdate().isoformat(),
    }
    assessment.status = AssessmentStatus.LOCKED
    assessment.locked_at = timezone.now()
    assessment.locked_by_label = actor_label(actor)
    assessment.save()
    first = ranking[0]["unit"]["short_name"] if ranking else "—"
    record(
        actor=actor,
        action=AuditAction.ASSESSMENT_LOCK,
        obj=assessment,
        summary=f"锁定{assessment.title}：{len(sheets)}个单位的评分和排名随之固定（第一名：{first}）",
        basis=BASIS,
    )
    return assessment


@transaction.atomic
def assessment_reopen(*, actor: Actor, assessment: Assessment, reason: str) -> Assessment:
    """Withdraw the lock so that scores may change; the frozen sheets are kept in the audit
    log's row."""
    assessment = _locked_row(assessment)
    if not assessment.is_locked:
        raise AssessmentError("只有已锁定的考核可以撤回锁定")
    reason = reason.strip()
    if not reason:
        raise AssessmentError("撤回锁定须说明理由")
    frozen = assessment.snapshot
    assessment.status = AssessmentStatus.OPEN
    assessment.snapshot = None
    assessment.locked_at = None
    assessment.locked_by_label = ""
    assessment.save()
    record(
        actor=actor,
        action=AuditAction.ASSESSMENT_REOPEN,
        obj=assessment,
        summary=f"撤回{assessment.title}的锁定：{reason[:300]}",
        basis=BASIS,
        changes={"ranking": frozen["ranking"] if frozen else None},
    )
    return assessment
