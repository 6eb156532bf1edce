"""Building, checking and publishing annual reports; the outcome → row mapping.

A report's tables are always computed from the records (:mod:`gongkai.reports.counting`) until
it is published; publishing freezes them with the prose in ``snapshot`` and locks the year
(:mod:`gongkai.core.locks`, told by :mod:`gongkai.reports.locks`). Every change is audited
(《条例》第四十九、五十条).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from gongkai import law
from gongkai import report_format as fmt
from gongkai.applications.outcomes import RULES, Outcome
from gongkai.audit.actions import AuditAction
from gongkai.audit.services import actor_label, record
from gongkai.catalog.selectors import documents_table
from gongkai.core.updates import create_version, model_update
from gongkai.report_format import FormatVersion
from gongkai.reports import counting, identities, prose, rollup
from gongkai.reports.identities import ERROR, WARNING, Finding
from gongkai.reports.models import AnnualReport, ReportStatus, RowMapping
from gongkai.reuse import selectors as reuse
from gongkai.training import selectors as training
from gongkai.units import tree
from gongkai.units.models import GOVERNMENT_KINDS, Unit

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    Actor = AbstractBaseUser | AnonymousUser | None


class ReportError(ValueError):
    pass


# --- the mapping --------------------------------------------------------------------------------
DEFAULT_MAPPING: dict[str, str] = {rule.outcome.value: rule.row for rule in RULES}


def mapping(version: int | None = None) -> tuple[int, dict[str, str]]:
    """The mapping of a version (the newest when None); version 0 is the code's table."""
    stored = RowMapping.objects.all()
    if version is not None:
        stored = stored.filter(version=version)
    latest = stored.order_by("-version").first()
    if latest is None or version == 0:
        return 0, dict(DEFAULT_MAPPING)
    return latest.version, {**DEFAULT_MAPPING, **latest.mapping}


@transaction.atomic
def mapping_save(*, actor: Actor, changes: dict[str, str], note: str) -> RowMapping:
    """A new version of the outcome → row mapping; it applies to reports not yet published."""
    unknown = set(changes) - {o.value for o in Outcome}
    bad_rows = set(changes.values()) - set(fmt.RESULT_ROW_KEYS)
    if unknown or bad_rows:
        raise ReportError("对应关系中有不认识的办理结果或年报行")
    if not note.strip():
        raise ReportError("请说明修改对应关系的理由")
    _version, current = mapping()
    new = {**current, **changes}
    if new == current:
        raise ReportError("对应关系没有变化")
    saved = create_version(
        RowMapping,
        mapping=new,
        note=note,
        created_by_label=actor_label(actor),
    )
    record(
        actor=actor,
        action=AuditAction.REPORT_MAPPING_SAVE,
        obj=saved,
        summary=f"修改办理结果与年报行的对应关系（第{saved.version}版）：{note}",
        basis=law.REPORT_FORMAT_2021,
        changes={k: [current.get(k), v] for k, v in new.items() if current.get(k) != v},
    )
    return saved


# --- building -----------------------------------------------------------------------------------
def scope_of(report: AnnualReport) -> counting.Scope:
    """What the report counts: one unit, a government's subtree (its consolidated report), or
    with unit None everything (the top government's consolidated report, as before the tree)."""
    if report.consolidated and report.unit_id is not None:
        return counting.Scope(
            report.year, report.unit_id, units=frozenset(tree.subtree_ids(report.unit_id))
        )
    return counting.Scope(report.year, report.unit_id)


top_government = tree.top_government  # the one government with none above it, or None


def agency_of(unit: Unit | None) -> str:
    if unit is not None:
        return unit.name
    government = tree.deployment_government()
    return government.name if government is not None else "本级政府"


def acting_unit_id(report: AnnualReport) -> int | None:
    """Whom the report is acted on for (accounts.access.acts_for): its unit — for a lower
    government's consolidated report the government, so the office whose scope holds it acts
    (a district's office on its district's), and None (the deployment's office) for the top's.
    Unit staff never reach a consolidated report (access.visible_reports)."""
    return report.unit_id


def tables(
    scope: counting.Scope,
    version: FormatVersion,
    mapping_version: int | None = None,
) -> dict[str, Any]:
    _, rows_mapping = mapping(mapping_version)
    return {
        "applications": {"rows": counting.table3(scope, version, rows_mapping)},
        "review_litigation": counting.table4(scope),
    }


def training_sentence(scope: counting.Scope) -> str:
    """The year's training as the overview states it, from the training records: the sessions
    the office held, and how many units and people attended (for a unit: its own people)."""
    figures = training.year_figures(scope.year, unit_id=scope.unit_id, unit_ids=scope.units)
    if not figures.sessions:
        return ""
    days = "、".join(f"{d.month}月{d.day}日" for d in figures.dates)
    held = f"（{days}）" if len(figures.dates) <= 3 else ""
    if scope.unit_id is None or scope.units is not None:
        where = "全区" if scope.units is None else "辖区内"
        return (
            f"业务培训方面，{scope.year}年组织政府信息公开业务培训{figures.sessions}期{held}，"
            f"{where}{figures.units}家公开单位{figures.people}名工作人员参加。"
        )
    return (
        f"业务培训方面，{scope.year}年本单位{figures.people}名工作人员参加政府信息公开业务培训"
        f"{figures.sessions}期{held}。"
    )


def repeated_requests_sentence(scope: counting.Scope) -> str:
    """The items published in the year because several applicants asked for the same
    information (《条例》第四十四条), when there are any."""
    count = reuse.converted_count(year=scope.year, unit_id=scope.unit_id, unit_ids=scope.units)
    if not count:
        return ""
    return (
        f"依申请转主动公开方面，{scope.year}年将多个申请人申请公开的相同政府信息纳入主动公开"
        f"{count}条（{law.ART44_REPEATED_REQUESTS.citation}）。"
    )


def draft_sections(scope: counting.Scope, built: dict[str, Any], agency: str) -> dict[str, str]:
    """A first draft of the prose, stating the year's figures from the records, in sentences
    that the prose check reads back (so prose and tables cannot disagree unnoticed)."""
    rows = built["applications"]["rows"]
    total = fmt.TOTAL

    def group(prefix: str) -> int:
        return sum(cells[total] for row, cells in rows.items() if row.startswith(prefix))

    four = built["review_litigation"]
    lawsuits = four[fmt.LITIGATION_DIRECT][total] + four[fmt.LITIGATION_AFTER_REVIEW][total]
    overview = (
        f"{scope.year}年，{agency}认真贯彻落实《中华人民共和国政府信息公开条例》，……（请补充主动公开、"
        "政府信息管理、平台建设、监督保障等方面的情况）\n"
        f"依申请公开方面，{scope.year}年共收到政府信息公开申请{rows[fmt.ROW_NEW][total]}件，"
        f"上年结转{rows[fmt.ROW_CARRIED_IN][total]}件；办结申请{rows[fmt.ROW_RESULTS_TOTAL][total]}件，"
        f"其中予以公开{rows['（一）予以公开'][total]}件，部分公开{group('（二）部分公开')}件，"
        f"不予公开{group('（三）不予公开')}件，无法提供{group('（四）无法提供')}件，"
        f"不予处理{group('（五）不予处理')}件，其他处理{group('（六）其他处理')}件；"
        f"结转下年度继续办理{rows[fmt.ROW_CARRIED_OUT][total]}件。"
        f"因政府信息公开工作被申请行政复议{four[fmt.REVIEW][total]}件，"
        f"被提起行政诉讼{lawsuits}件。"
    )
    if training := training_sentence(scope):
        overview += "\n" + training
    if repeated := repeated_requests_sentence(scope):
        overview += "\n" + repeated
    late = (
        counting._in_scope(scope)
        .filter(
            delivered_on__gte=scope.start,
            delivered_on__lte=scope.end,
            delivered_on__gt=F("due_date"),
        )
        .count()
    )
    problems = (
        "（请写明存在的主要问题及改进情况，实事求是、明确具体。）"
        f"本年度超过法定期限答复的申请{late}件。"
    )
    fee = counting.fees_collected(scope)
    complaints = counting.complaints(scope)
    other = (
        f"本年度收取信息处理费{fee}元。" if fee else "本年度未收取信息处理费。"
    ) + f"收到涉及政府信息公开工作的举报投诉{complaints}件。"
    return {"overview": overview, "problems": problems, "other": other}


# Table 二 第二十条第（一）项 from the catalog: (row, column) → the count of
# gongkai.catalog.selectors.documents_table that fills it, per format version.
CATALOG_ITEM = "第二十条第（一）项"
CATALOG_CELLS: dict[FormatVersion, dict[tuple[str, str], tuple[str, str]]] = {
    FormatVersion.V2019: {
        (row, column): (kind, count)
        for row, kind in (("规章", "regulation"), ("规范性文件", "normative"))
        for column, count in (
            ("本年新制作数量", "made"),
            ("本年新公开数量", "published"),
            ("对外公开总数量", "public"),
        )
    },
    FormatVersion.V2021: {
        (row, column): (kind, count)
        for row, kind in (("规章", "regulation"), ("行政规范性文件", "normative"))
        for column, count in (
            ("本年制发件数", "made"),
            ("本年废止件数", "ended"),
            ("现行有效件数", "in_force"),
        )
    },
}


def rolled_up_entries(report: AnnualReport) -> dict[str, Any]:
    """A lower government's consolidated table 二, the cells units enter: the sum of what the
    units of its subtree entered in their own reports of the year (one query for the reports;
    a unit without a report adds nothing). Decimal columns are summed exactly."""
    subtree = tree.subtree_ids(report.unit_id) if report.unit_id is not None else set()
    sums: dict[str, dict[str, dict[str, Decimal]]] = {}
    entries = AnnualReport.objects.filter(
        year=report.year, consolidated=False, unit_id__in=sorted(subtree)
    ).values_list("proactive", flat=True)
    for entered in entries:
        for item, rows in (entered or {}).items():
            for row, cells in rows.items():
                for column, value in cells.items():
                    try:
                        number = Decimal(str(value))
                    except InvalidOperation:
                        continue  # the unit's own check reports it
                    cell = sums.setdefault(item, {}).setdefault(row, {})
                    cell[column] = cell.get(column, Decimal(0)) + number
    return {
        item: {
            row: {
                column: int(v) if v == v.to_integral_value() else float(v)
                for column, v in cells.items()
            }
            for row, cells in rows.items()
        }
        for item, rows in sums.items()
    }


def proactive_table(report: AnnualReport) -> dict[str, Any]:
    """Table 二: 规章 and 规范性文件 counted from the catalog (unless the report says they are
    entered), the other blocks as the unit entered them — for a lower government's consolidated
    report, as its subtree's units entered them (docs/rollup.md)."""
    version = FormatVersion(report.format_version)
    table = fmt.empty_table2(version)
    own = rolled_up_entries(report) if report.consolidated else report.proactive
    for item, rows in table.items():
        for row, cells in rows.items():
            entered = own.get(item, {}).get(row, {})
            for column in cells:
                cells[column] = entered.get(column, 0)
    if report.proactive_from_catalog:
        units = scope_of(report).units
        counts = documents_table(year=report.year, unit=report.unit, unit_ids=units)
        for (row, column), (kind, count) in CATALOG_CELLS[version].items():
            table[CATALOG_ITEM][row][column] = counts[kind][count]
    return table


def build(report: AnnualReport) -> dict[str, Any]:
    """The report as JSON (the shape of the fixtures' files): the published snapshot, or the
    tables computed now with the prose as written."""
    if report.snapshot is not None:
        return dict(report.snapshot)
    version = FormatVersion(report.format_version)
    mapping_version, _ = mapping(report.mapping_version)
    built = tables(scope_of(report), version, mapping_version)
    return {
        "agency": report.agency if report.unit else agency_of(None),
        "unit": report.unit.code if report.unit else None,
        "year": report.year,
        "format": report.format_version,
        "title": report.title,
        "status": report.status,
        "mapping_version": mapping_version,
        "sections": {
            fmt.SECTION_TITLES[0]: report.overview,
            fmt.SECTION_TITLES[4]: report.problems,
            fmt.SECTION_TITLES[5]: report.other,
        },
        "proactive": proactive_table(report),
        **built,
    }


# --- checking -----------------------------------------------------------------------------------
def _check_proactive(report: AnnualReport) -> list[Finding]:
    findings = []
    for block in fmt.TABLE2[FormatVersion(report.format_version)]:
        for row in block.rows:
            for column in block.columns:
                value = report.proactive.get(block.item, {}).get(row, {}).get(column, 0)
                try:
                    number = Decimal(str(value))
                except InvalidOperation:
                    number = None
                ok = (
                    number is not None
                    and number.is_finite()
                    and (column in fmt.SIGNED_COLUMNS or number >= 0)
                    and (column in fmt.DECIMAL_COLUMNS or number == number.to_integral_value())
                )
                if not ok:
                    findings.append(
                        Finding(
                            "table2.value",
                            "二",
                            f"{block.item}/{row}",
                            column,
                            None,
                            value,
                            ERROR,
                            f"表二“{row}”的“{column}”填写不正确：{value}",
                        )
                    )
    return findings


def previous_report(report: AnnualReport) -> AnnualReport | None:
    return AnnualReport.objects.filter(
        year=report.year - 1, unit=report.unit, consolidated=report.consolidated
    ).first()


def validate(report: AnnualReport, built: dict[str, Any] | None = None) -> list[Finding]:
    """Every identity of the format, the prose against the tables, table 二's entries, and the
    carry-over against last year's report."""
    built = built or build(report)
    findings = identities.check_report(built)
    for title, text in built.get("sections", {}).items():
        findings += prose.check_prose(text or "", built, where=title[:2] + "部分")
    findings += _check_proactive(report)
    previous = previous_report(report)
    if previous is not None:
        findings += identities.check_carry_over(
            built["applications"]["rows"], build(previous)["applications"]["rows"]
        )
    for title, text in built.get("sections", {}).items():
        if not (text or "").strip():
            findings.append(
                Finding(
                    "section.empty", title[:2], title, "", None, None, ERROR, f"“{title}”尚未填写"
                )
            )
        elif "（请" in text:
            findings.append(
                Finding(
                    "section.placeholder",
                    title[:2],
                    title,
                    "",
                    None,
                    None,
                    WARNING,
                    f"“{title}”中还有待补充的提示文字",
                )
            )
    return findings


def deadline(report: AnnualReport) -> dt.date:
    """第四十九条: departments by 31 January, the government's own report by 31 March."""
    due = law.REPORT_DUE_GOVERNMENT if report.is_consolidated else law.REPORT_DUE_DEPARTMENT
    return law.report_due(report.year, due)


def rollup_level(report: AnnualReport) -> str:
    """The level of :mod:`gongkai.reports.rollup` whose date the report keeps: ``unit`` for a
    unit's own report, the government's kind for a consolidated one (the top's, for unit None;
    a district when there is no single top government, as in the single-district deployment)."""
    if not report.is_consolidated:
        return rollup.UNIT
    government = report.unit if report.unit is not None else top_government()
    kind = government.kind if government is not None else "district"
    return kind if kind in rollup.LEVELS else "district"


def rollup_due(report: AnnualReport) -> dt.date:
    """The roll-up date (国办公开办函〔2021〕30号, GONGKAI_REPORT_ROLLUP_DUE): by when the report
    is submitted (a unit's, to its government's office; a government's, up the tree) and
    published."""
    return rollup.due_on(report.year, rollup_level(report), settings.GONGKAI_REPORT_ROLLUP_DUE)


# --- workflow -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Created:
    report: AnnualReport
    created: bool


@transaction.atomic
def report_create(
    *,
    actor: Actor,
    year: int,
    unit: Unit | None,
    format_version: FormatVersion | None = None,
    consolidated: bool = False,
) -> Created:
    """A draft report whose prose starts from the year's figures. ``consolidated``: the
    consolidated report of the government ``unit`` over its subtree; the top government's is
    the report with unit None (docs/rollup.md)."""
    if consolidated:
        if unit is None or unit.kind not in GOVERNMENT_KINDS:
            raise ReportError("汇总报告只能为省、市、区、县人民政府编制")
        top = top_government()
        if top is not None and top.pk == unit.pk:
            unit, consolidated = None, False
    existing = AnnualReport.objects.filter(year=year, unit=unit, consolidated=consolidated).first()
    if existing is not None:
        return Created(existing, False)
    if year > timezone.localdate().year:
        raise ReportError("不能为尚未开始的年度编制报告")
    version = format_version or FormatVersion.for_year(year)
    report = AnnualReport(
        year=year, unit=unit, consolidated=consolidated, format_version=version.value
    )
    scope = scope_of(report)
    sections = draft_sections(scope, tables(scope, version), agency_of(unit))
    report.overview, report.problems, report.other = (
        sections["overview"],
        sections["problems"],
        sections["other"],
    )
    report.save()
    record(
        actor=actor,
        action=AuditAction.REPORT_CREATE,
        obj=report,
        unit=unit,
        summary=f"编制{report.title}（{version.value}年格式）草稿",
        basis=law.ART49_ANNUAL_REPORT,
    )
    return Created(report, True)


def _locked(report: AnnualReport) -> AnnualReport:
    return (
        AnnualReport.objects.select_for_update(of=("self",))
        .select_related("unit")
        .get(pk=report.pk)
    )


# What a unit edits in its draft, with the name the audit row gives each part.
EDITABLE = {
    "overview": "总体情况",
    "problems": "问题及改进",
    "other": "其他事项",
    "proactive": "表二",
    "proactive_from_catalog": "表二第（一）项的来源",
}


@transaction.atomic
def report_update(
    *,
    actor: Actor,
    report: AnnualReport,
    overview: str,
    problems: str,
    other: str,
    proactive: dict[str, Any],
    proactive_from_catalog: bool | None = None,
) -> AnnualReport:
    report = _locked(report)
    if report.status != ReportStatus.DRAFT:
        raise ReportError("只有草稿可以修改；已报送的请公开办退回，已发布的请先撤回发布")
    data: dict[str, Any] = {
        "overview": overview,
        "problems": problems,
        "other": other,
        "proactive": proactive,
    }
    if proactive_from_catalog is not None:
        data["proactive_from_catalog"] = proactive_from_catalog
    changes = model_update(report, fields=EDITABLE, data=data).changes()
    changed = [label for name, label in EDITABLE.items() if name in changes]
    report.save()
    if changed:
        record(
            actor=actor,
            action=AuditAction.REPORT_UPDATE,
            obj=report,
            unit=report.unit,
            summary=f"修改{report.title}：{'、'.join(changed)}",
            basis=law.ART50_REPORT_CONTENT,
        )
    return report


def _no_errors(report: AnnualReport) -> None:
    problems = [f for f in validate(report) if f.severity == ERROR]
    if problems:
        listed = "；".join(f.message for f in problems[:10])
        raise ReportError(f"报告未通过校验（{len(problems)}项错误）：{listed}")


def receiving_unit_id(report: AnnualReport) -> int | None:
    """The government whose office receives a consolidated report under 30号's roll-up: the
    nearest government above the report's (a district's to its city, a city's to its province).
    None for a unit's own report (its own government's office receives it, 第四十九条) and for a
    government with none above it — the top's report (unit None), or a city of a deployment
    holding several side by side: it has nothing to submit to."""
    if not report.consolidated or report.unit_id is None:
        return None
    return tree.government_above(report.unit_id, strictly=True)


def receiver(report: AnnualReport) -> Unit | None:
    """The government above whose office receives the consolidated report, or None."""
    above = receiving_unit_id(report)
    return Unit.objects.filter(pk=above).first() if above is not None else None


def _receiver(report: AnnualReport) -> Unit:
    found = receiver(report)
    if found is None:
        raise ReportError(
            "本级政府在本系统中没有上一级政府，汇总报告无需向上报送；请由本级公开办审核后发布"
        )
    return found


@transaction.atomic
def report_submit(*, actor: Actor, report: AnnualReport) -> AnnualReport:
    """The unit submits its report to its government's office (第四十九条); a government's office
    submits its consolidated report to the office of the government above (《条例》第五十条,
    国办公开办函〔2021〕30号: a county-level report to the city, a city's to the province). The
    same state, 已报送, with the day it was submitted, which the roll-up dates are kept against."""
    report = _locked(report)
    receiver = _receiver(report) if report.is_consolidated else None
    if report.status != ReportStatus.DRAFT:
        raise ReportError("只有草稿可以报送")
    _no_errors(report)
    report.status = ReportStatus.SUBMITTED
    report.submitted_at = timezone.now()
    # the return it answers stays in the audit log; the page no longer shows it
    report.returned_at, report.return_reason = None, ""
    report.save()
    record(
        actor=actor,
        action=AuditAction.REPORT_SUBMIT,
        obj=report,
        unit=report.unit,
        summary=f"报送{report.title}"
        if receiver is None
        else f"向{receiver.name}政府信息公开工作主管部门报送{report.title}",
        basis=law.ART49_ANNUAL_REPORT if receiver is None else law.REPORT_ROLLUP,
    )
    return report


@transaction.atomic
def report_return(*, actor: Actor, report: AnnualReport, reason: str) -> AnnualReport:
    """Returned for correction (退回修改) with the reason: a unit's report by its government's
    office, a lower government's consolidated report by the office above (30号's roll-up). It
    is a draft again; its authors edit it and submit it again."""
    report = _locked(report)
    if report.status != ReportStatus.SUBMITTED:
        raise ReportError("只有已报送的报告可以退回")
    if not reason.strip():
        raise ReportError("请说明退回的理由")
    report.status = ReportStatus.DRAFT
    report.submitted_at = None
    report.returned_at = timezone.now()
    report.return_reason = reason.strip()
    report.save()
    record(
        actor=actor,
        action=AuditAction.REPORT_RETURN,
        obj=report,
        unit=report.unit,
        summary=f"退回{report.title}：{reason}",
        basis=law.REPORT_ROLLUP if report.is_consolidated else law.ART49_ANNUAL_REPORT,
    )
    return report


@transaction.atomic
def report_accept(*, actor: Actor, report: AnnualReport) -> AnnualReport:
    """The office of the government above accepts a lower government's consolidated report it
    received (《条例》第五十条, 国办公开办函〔2021〕30号); the lower office may then publish it.
    A unit's report has no such step: its government's office publishes it."""
    report = _locked(report)
    receiver = _receiver(report)
    if report.status != ReportStatus.SUBMITTED:
        raise ReportError("只有已报送的汇总报告可以接收")
    report.status = ReportStatus.ACCEPTED
    report.accepted_at = timezone.now()
    report.save()
    record(
        actor=actor,
        action=AuditAction.REPORT_ACCEPT,
        obj=report,
        unit=report.unit,
        summary=f"{receiver.name}政府信息公开工作主管部门接收{report.title}",
        basis=law.REPORT_ROLLUP,
    )
    return report


@transaction.atomic
def report_publish(*, actor: Actor, report: AnnualReport) -> AnnualReport:
    """The office publishes: the content is frozen, the mapping pinned, the year locked."""
    report = _locked(report)
    if report.status == ReportStatus.PUBLISHED:
        raise ReportError("报告已发布")
    if not report.is_consolidated and report.status != ReportStatus.SUBMITTED:
        raise ReportError("单位报告须先由单位报送")
    if report.is_consolidated and report.status == ReportStatus.SUBMITTED:
        # what the office above may still return must not be frozen under it
        raise ReportError("汇总报告已报送上一级政府，待上级接收或退回后才能发布")
    _no_errors(report)
    report.mapping_version = mapping()[0]
    built = build(report)
    built["status"] = ReportStatus.PUBLISHED.value
    built["published"] = timezone.localdate().isoformat()
    report.snapshot = built
    report.status = ReportStatus.PUBLISHED
    report.published_at = timezone.now()
    report.published_by_label = actor_label(actor)
    # a return still on the draft is settled by publishing (it stays in the audit log)
    report.returned_at, report.return_reason = None, ""
    report.save()
    record(
        actor=actor,
        action=AuditAction.REPORT_PUBLISH,
        obj=report,
        unit=report.unit,
        summary=f"发布{report.title}；{report.year}年度的记录随之锁定",
        basis=law.ART49_ANNUAL_REPORT,
    )
    return report


@transaction.atomic
def report_reopen(*, actor: Actor, report: AnnualReport, reason: str) -> AnnualReport:
    """Withdraw a publication so that records of its year can change; the published content
    is kept in the audit log."""
    report = _locked(report)
    if report.status != ReportStatus.PUBLISHED:
        raise ReportError("只有已发布的报告可以撤回发布")
    if not reason.strip():
        raise ReportError("撤回发布须说明理由")
    published = report.snapshot
    report.status = ReportStatus.DRAFT
    report.snapshot = None
    report.published_at = None
    report.submitted_at = None
    report.accepted_at = None  # changed after acceptance: submitted and accepted again
    report.save()
    record(
        actor=actor,
        action=AuditAction.REPORT_REOPEN,
        obj=report,
        unit=report.unit,
        summary=f"撤回{report.title}的发布：{reason}",
        basis=law.ART49_ANNUAL_REPORT,
        changes={"published": published},
    )
    return report


def records_for_cell(report: AnnualReport, row: str, column: str) -> Any:
    """The records a table 三 cell counts (applications), for the link behind every number."""
    version = FormatVersion(report.format_version)
    _, rows_mapping = mapping(report.mapping_version)
    return counting.records(scope_of(report), row, column, version, rows_mapping)


def appeals_for_cell(report: AnnualReport, group: str, cell: str) -> Any:
    return counting.appeal_records(scope_of(report), group, cell)
