"""Compiling, publishing and reopening the website's annual return (国办函〔2018〕12号), and the
office's log of responses to public concerns that it counts.

Until it is published a return's counted rows are computed from the records
(:mod:`gongkai.websitereport.selectors`); publishing freezes them, with what the office entered
and the reconciliation with table 二, in ``snapshot``, and locks the year for the response log
through the closed-year lock the annual report uses (:mod:`gongkai.core.locks`, book
``website_return``). Every change is audited."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from gongkai.audit.actions import AuditAction
from gongkai.audit.services import actor_label, record
from gongkai.core import locks
from gongkai.core.updates import model_update
from gongkai.units import tree
from gongkai.websitereport import form, selectors
from gongkai.websitereport.locks import BOOK
from gongkai.websitereport.models import ConcernResponse, ReturnStatus, WebsiteReturn

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    Actor = AbstractBaseUser | AnonymousUser | None


class WebsiteReturnError(ValueError):
    pass


def today() -> dt.date:
    return timezone.localdate()


# --- the return as data -------------------------------------------------------------------------
def build(ret: WebsiteReturn) -> dict[str, Any]:
    """The return as JSON: the published snapshot, or the rows computed now with what the office
    entered so far, and the reconciliation with table 二."""
    if ret.snapshot is not None:
        return dict(ret.snapshot)
    figures = selectors.counted(ret)
    rows = []
    for row in form.ROWS:
        value = figures.get(row.key) if row.source == form.Source.RECORDS else None
        if row.source == form.Source.ENTERED:
            value = ret.entered.get(row.key, "")
        rows.append(
            {
                "key": row.key,
                "section": row.section,
                "group": row.group,
                "label": row.label,
                "unit": row.unit,
                "source": row.source.value,
                "value": value,
            }
        )
    checked = selectors.reconciliation(ret, figures)
    return {
        "title": ret.title,
        "year": ret.year,
        "status": ret.status,
        "basis": form.BASIS,
        "due": form.due(ret.year).isoformat(),
        "rows": rows,
        "choices": {
            "column_categories": dict(ret.column_categories),
            "interpretation_products": dict(ret.interpretation_products),
            "response_count": ret.response_count,
            "working_days": ret.working_days,
        },
        "reconciliation": {"note": checked["note"], "differences": checked["differences"]},
    }


def values(built: dict[str, Any]) -> dict[str, Any]:
    """key → value of a built return."""
    return {row["key"]: row["value"] for row in built["rows"]}


# --- the return ---------------------------------------------------------------------------------
# What a new return takes over from last year's: the website and who answers for it.
CARRIED = ("site_name", "site_url", "sponsor", "site_kind", "site_code", "icp", "police")


def identity_defaults() -> dict[str, str]:
    """The website's details as the site states them in its footer (GONGKAI_SITE_*,
    docs/site-identity.md): a new return starts from them; last year's return, where there is
    one, says what the office entered then and wins."""
    identity = settings.GONGKAI_SITE_IDENTITY
    government = tree.deployment_government()
    district = government.name if government is not None else ""
    known = {
        "site_name": district,
        "site_url": f"https://{identity.domain}/" if identity.domain else "",
        "sponsor": identity.sponsor or district,
        "site_code": identity.id_code,
        "icp": identity.icp,
        "police": identity.psb,
    }
    return {key: value for key, value in known.items() if value}


@transaction.atomic
def return_create(*, actor: Actor, year: int) -> WebsiteReturn:
    """A draft return for ``year`` (the existing one if there is one), taking over last year's
    website details and choices."""
    existing = WebsiteReturn.objects.filter(year=year).first()
    if existing is not None:
        return existing
    if not 2018 <= year <= today().year:
        raise WebsiteReturnError("只能为2018年以来、已经开始的年度编制报表")
    ret = WebsiteReturn(year=year)
    ret.entered = identity_defaults()
    previous = WebsiteReturn.objects.filter(year=year - 1).first()
    if previous is not None:
        last = values(build(previous))
        ret.entered |= {key: last[key] for key in CARRIED if last.get(key)}
        ret.column_categories = dict(previous.column_categories)
        ret.interpretation_products = dict(previous.interpretation_products)
        ret.response_count = previous.response_count
        ret.working_days = previous.working_days
    ret.save()
    record(
        actor=actor,
        action=AuditAction.WEBSITE_RETURN_CREATE,
        obj=ret,
        summary=f"编制{ret.title}草稿",
        basis=form.BASIS,
    )
    return ret


def _locked(ret: WebsiteReturn) -> WebsiteReturn:
    return WebsiteReturn.objects.select_for_update().get(pk=ret.pk)


def _refuse_published(ret: WebsiteReturn) -> None:
    if ret.status == ReturnStatus.PUBLISHED:
        raise WebsiteReturnError(
            f"{ret.title}已发布，{ret.year}年度已锁定；如确需更改，请先撤回发布并说明理由"
        )


def _clean_entered(entered: dict[str, Any]) -> dict[str, Any]:
    clean: dict[str, Any] = {}
    problems = []
    for key, value in entered.items():
        row = form.BY_KEY.get(key)
        if row is None or row.source != form.Source.ENTERED:
            problems.append(f"报表中没有可填报的“{key[:20]}”")
            continue
        text = "" if value is None else str(value).strip()
        problem = form.value_problem(row, text)
        if problem:
            problems.append(problem)
        elif text:
            clean[key] = text
    if problems:
        raise WebsiteReturnError("；".join(problems))
    return clean


UPDATABLE = {
    "entered": "填报内容",
    "column_categories": "栏目归类",
    "interpretation_products": "解读形式归类",
    "response_count": "回应数量的计法",
    "working_days": "平均办理时间的计法",
}


@transaction.atomic
def return_update(
    *,
    actor: Actor,
    ret: WebsiteReturn,
    entered: dict[str, Any],
    column_categories: dict[str, str] | None = None,
    interpretation_products: dict[str, str] | None = None,
    response_count: str | None = None,
    working_days: bool | None = None,
) -> WebsiteReturn:
    """The office enters the rows the records cannot give, and its choices where the form is
    silent. A published return is refused: its year is locked."""
    ret = _locked(ret)
    _refuse_published(ret)
    data: dict[str, Any] = {"entered": _clean_entered(entered)}
    if column_categories is not None:
        allowed = {c.value for c in form.Category}
        if any(v not in allowed for v in column_categories.values()):
            raise WebsiteReturnError("栏目归类只能是概况类、政务动态、信息公开目录或不计入")
        data["column_categories"] = {
            code: value
            for code, value in column_categories.items()
            if value != form.category_of(code, {})
        }
    if interpretation_products is not None:
        allowed = {p.value for p in form.Product}
        if any(v not in allowed for v in interpretation_products.values()):
            raise WebsiteReturnError("解读形式只能归为解读材料或解读产品")
        data["interpretation_products"] = {
            key: value
            for key, value in interpretation_products.items()
            if form.DEFAULT_PRODUCTS.get(key) != value
        }
    if response_count is not None:
        if response_count not in {c.value for c in form.ResponseCount}:
            raise WebsiteReturnError("回应数量的计法不正确")
        data["response_count"] = response_count
    if working_days is not None:
        data["working_days"] = working_days
    changes = model_update(ret, fields=UPDATABLE, data=data).changes()
    ret.save()
    if changes:
        changed = [label for name, label in UPDATABLE.items() if name in changes]
        record(
            actor=actor,
            action=AuditAction.WEBSITE_RETURN_UPDATE,
            obj=ret,
            summary=f"修改{ret.title}：{'、'.join(changed)}",
            basis=form.BASIS,
            changes=changes,
        )
    return ret


@transaction.atomic
def return_publish(*, actor: Actor, ret: WebsiteReturn) -> WebsiteReturn:
    """Publish on the website's home page (due by 31 January): the figures are frozen with the
    reconciliation as it stands, and the year's response log is locked."""
    ret = _locked(ret)
    _refuse_published(ret)
    if ret.year >= today().year:
        raise WebsiteReturnError(f"{ret.year}年度尚未结束，不能发布该年度的报表")
    entered = ret.entered
    lacking = form.missing(entered, media=entered.get("media") == form.YES)
    if lacking:
        raise WebsiteReturnError(
            f"尚有{len(lacking)}项未填写：{'；'.join(lacking[:8])}"
            + ("等" if len(lacking) > 8 else "")
        )
    built = build(ret)
    built["status"] = ReturnStatus.PUBLISHED.value
    built["published"] = today().isoformat()
    ret.snapshot = built
    ret.status = ReturnStatus.PUBLISHED
    ret.published_at = timezone.now()
    ret.published_by_label = actor_label(actor)
    ret.save()
    late = "（已超过1月31日的发布期限）" if today() > form.due(ret.year) else ""
    record(
        actor=actor,
        action=AuditAction.WEBSITE_RETURN_PUBLISH,
        obj=ret,
        summary=f"发布{ret.title}{late}；{ret.year}年度的回应关注记录随之锁定",
        basis=form.BASIS,
    )
    return ret


@transaction.atomic
def return_reopen(*, actor: Actor, ret: WebsiteReturn, reason: str) -> WebsiteReturn:
    """Withdraw the publication so that the return and the year's log can change; the published
    content is kept in the audit log."""
    ret = _locked(ret)
    if ret.status != ReturnStatus.PUBLISHED:
        raise WebsiteReturnError("只有已发布的报表可以撤回发布")
    if not reason.strip():
        raise WebsiteReturnError("撤回发布须说明理由")
    published = ret.snapshot
    ret.status = ReturnStatus.DRAFT
    ret.snapshot = None
    ret.published_at = None
    ret.save()
    record(
        actor=actor,
        action=AuditAction.WEBSITE_RETURN_REOPEN,
        obj=ret,
        summary=f"撤回{ret.title}的发布：{reason.strip()[:200]}",
        basis=form.BASIS,
        changes={"published": published},
    )
    return ret


# --- the response log ---------------------------------------------------------------------------
RESPONSE_FIELDS = ("responded_on", "concern", "response", "channel", "link")
RESPONSE_BASIS = (
    "《国务院办公厅关于在政务公开工作中进一步做好政务舆情回应的通知》（国办发〔2016〕61号）"
)


def _check_open(day: dt.date) -> None:
    try:
        locks.check_open(None, day, book=BOOK)
    except locks.YearLocked as exc:
        raise WebsiteReturnError(str(exc)) from None


def _check_response(response: ConcernResponse) -> None:
    if response.responded_on > today():
        raise WebsiteReturnError("回应日期不能晚于今天")
    response.concern = response.concern.strip()
    response.response = response.response.strip()
    try:
        response.full_clean()
    except ValidationError as exc:
        raise WebsiteReturnError("；".join(exc.messages)) from None


@transaction.atomic
def response_record(*, actor: Actor, data: dict[str, Any]) -> ConcernResponse:
    """The office logs a response to a public concern (国办发〔2016〕61号); refused in a year
    whose return is published."""
    response = ConcernResponse(created_by_label=actor_label(actor))
    for key in RESPONSE_FIELDS:
        setattr(response, key, data.get(key) or "")
    _check_response(response)
    _check_open(response.responded_on)
    response.save()
    record(
        actor=actor,
        action=AuditAction.CONCERN_RESPONSE_RECORD,
        obj=response,
        summary=f"登记回应关注：{response.concern[:60]}（{response.get_channel_display()}）",
        basis=RESPONSE_BASIS,
    )
    return response


@transaction.atomic
def response_update(
    *, actor: Actor, response: ConcernResponse, data: dict[str, Any]
) -> ConcernResponse:
    response = ConcernResponse.objects.select_for_update().get(pk=response.pk)
    _check_open(response.responded_on)
    update = model_update(response, fields=RESPONSE_FIELDS, data=data)
    _check_response(response)
    _check_open(response.responded_on)
    response.save()
    changes = update.changes()
    if changes:
        record(
            actor=actor,
            action=AuditAction.CONCERN_RESPONSE_UPDATE,
            obj=response,
            summary=f"修改回应关注记录：{response.concern[:60]}",
            basis=RESPONSE_BASIS,
            changes=changes,
        )
    return response
