"""Changes to the catalog: columns, items through draft → submitted → reviewed (保密审查) →
published, revision and withdrawal, validity, attachments, guides, reading places and paper
transfers. One function per change, each in a transaction and audited with its legal basis;
every change to what the public sees is announced once the transaction commits
(:data:`gongkai.catalog.signals.items_changed`), and the search index follows."""

from __future__ import annotations

import datetime as dt
import html
import re
import uuid
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import nh3
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from gongkai import law
from gongkai.accounts.access import Action, can, staff_of
from gongkai.audit.actions import AuditAction
from gongkai.audit.models import AuditEvent
from gongkai.audit.services import actor_label, record
from gongkai.catalog import rules, signals, status, tree
from gongkai.catalog.models import (
    GUIDE_PARTS,
    Attachment,
    Column,
    ColumnKind,
    Guide,
    IndexCounter,
    InterpretationForm,
    Item,
    PaperTransfer,
    ReadingPlace,
    Validity,
)
from gongkai.catalog.selectors import contacts_of
from gongkai.catalog.status import State
from gongkai.core import locks, storedfiles, uploads
from gongkai.core.updates import create_version, model_update
from gongkai.regions import services as regions
from gongkai.units.models import Unit
from gongkai.workdays import clock

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    Actor = AbstractBaseUser | AnonymousUser | None


class CatalogError(ValueError):
    """A change the rules do not allow; the message is for the user, in Chinese."""


# --- text ---------------------------------------------------------------------------------------
ALLOWED_TAGS = {
    "p", "br", "strong", "b", "em", "i", "u", "ul", "ol", "li", "h2", "h3", "h4", "blockquote",
    "table", "thead", "tbody", "tr", "th", "td", "a", "span", "sub", "sup", "hr",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
}
SUMMARY_LENGTH = 120
# A body with none of these tags is plain text (pasted from a document), kept as paragraphs.
_BLOCK_TAG = re.compile(r"<(p|div|br|table|ul|ol|h[1-6]|blockquote|pre)\b", re.IGNORECASE)


def sanitize(body: str) -> str:
    """The body as safe HTML: no scripts, styles, event handlers, frames or foreign schemes.
    Plain text (no tags at all) becomes paragraphs, so a pasted text keeps its lines."""
    if not _BLOCK_TAG.search(body):
        paragraphs = [line.strip() for line in body.splitlines() if line.strip()]
        body = "".join(f"<p>{html.escape(line)}</p>" for line in paragraphs)
    return nh3.clean(
        body,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )


def plain_text(body: str) -> str:
    """The body's text, for search and summaries."""
    text = re.sub(r"<(br|/p|/li|/h[2-4]|/tr|/blockquote)\b[^>]*>", "\n", body)
    text = html.unescape(re.sub(r"<[^>]+>", "", text))
    return re.sub(r"[ \t\r\f\v]+", " ", re.sub(r"\n\s*\n+", "\n", text)).strip()


def summary_of(body: str) -> str:
    """A 内容概述 from the body, when the clerk gives none (《条例》第十二条 asks for one)."""
    text = plain_text(body).replace("\n", " ")
    return text if len(text) <= SUMMARY_LENGTH else text[: SUMMARY_LENGTH - 1] + "…"


# --- columns ------------------------------------------------------------------------------------
def _tree_nodes(*, key_areas: bool, unit_kind: str) -> list[tuple[str | None, tree.Node, bool]]:
    """(parent code, node, shared) of the standard tree for a unit of ``unit_kind`` (without the
    columns that kind has no content for), with the key areas placed after the news column of
    the district government's tree."""
    nodes = [
        (parent, node, False)
        for parent, node in tree.walk(tree.STANDARD)
        if node.applies_to(unit_kind)
    ]
    if not key_areas:
        return nodes
    after = next(i for i, (_, node, _) in enumerate(nodes) if node.code == "news") + 1
    extra: list[tuple[str | None, tree.Node, bool]] = [("statutory", tree.KEY_AREA_GROUP, False)]
    extra += [(tree.KEY_AREA_GROUP.code, node, True) for node in tree.key_area_nodes()]
    return nodes[:after] + extra + nodes[after:]


def build_tree(unit: Unit, *, key_areas: bool = False) -> int:
    """Create the standard tree for a unit (and the key areas, for the district government);
    columns that exist are left as they are. Returns how many were created. In a transaction."""
    by_code = {c.code: c for c in Column.objects.filter(unit=unit)}
    created = 0
    nodes = _tree_nodes(key_areas=key_areas, unit_kind=unit.kind)
    for order, (parent_code, node, shared) in enumerate(nodes, 1):
        if node.code in by_code:
            continue
        by_code[node.code] = Column.objects.create(
            unit=unit,
            parent=by_code.get(parent_code) if parent_code else None,
            code=node.code,
            name=node.name,
            kind=node.kind,
            expected_interval_days=node.interval,
            shared=shared,
            sort_order=order * 10,
        )
        created += 1
    return created


@transaction.atomic
def tree_create(*, actor: Actor, unit: Unit, key_areas: bool = False) -> int:
    """The office lays out a unit's columns in the standard structure."""
    created = build_tree(unit, key_areas=key_areas)
    record(
        actor=actor,
        action=AuditAction.COLUMN_TREE,
        object_type="unit",
        object_id=str(unit.pk),
        object_label=unit.name,
        unit=unit,
        summary=f"按标准结构建立栏目{created}个" + ("（含重点领域）" if key_areas else ""),
        basis=law.ART12_GUIDE_AND_CATALOG,
    )
    return created


COLUMN_FIELDS = (
    "name",
    "parent",
    "kind",
    "expected_interval_days",
    "sort_order",
    "is_active",
    "shared",
)


@transaction.atomic
def column_save(*, actor: Actor, unit: Unit, column: Column | None, data: dict[str, Any]) -> Column:
    """The office creates or edits a column of a unit's tree."""
    created = column is None
    if column is None:
        column = Column(unit=unit, code=f"c-{uuid.uuid4().hex[:8]}")
    elif column.unit_id != unit.pk:
        raise CatalogError("栏目不属于该单位")
    update = model_update(column, fields=COLUMN_FIELDS, data=data)
    parent = column.parent
    if parent is not None and parent.unit_id != unit.pk:
        raise CatalogError("上级栏目须属于同一单位")
    while parent is not None:
        if column.pk is not None and parent.pk == column.pk:
            raise CatalogError("栏目不能成为自己的下级")
        parent = parent.parent
    if column.kind == ColumnKind.GROUP and column.pk and column.items.exists():
        raise CatalogError("栏目中已有信息，不能改为栏目分组")
    try:
        column.full_clean()
    except ValidationError as error:
        raise CatalogError("；".join(error.messages)) from None
    column.save()
    record(
        actor=actor,
        action=AuditAction.COLUMN_SAVE,
        obj=column,
        unit=unit,
        summary=f"{'新建' if created else '修改'}栏目“{column.name}”",
        basis=law.ART12_GUIDE_AND_CATALOG,
        changes=update.changes(),
    )
    if not created and update.before.get("is_active") != column.is_active:
        # A column switched off takes its items off the portal and out of search, and back.
        published = column.items.published()
        _changed_on_commit(list(published.values_list("pk", flat=True)))
    return column


# --- index numbers (索引号) ---------------------------------------------------------------------
def format_index_number(pattern: str, unit: Unit, year: int, serial: int) -> str:
    values = {
        "统一社会信用代码": unit.uscc or unit.code.upper(),
        "单位代码": unit.code.upper(),
        "YYYY": str(year),
        "NNNNN": f"{serial:05d}",
        "NNNNNN": f"{serial:06d}",
    }
    try:
        return pattern.format(**values)
    except (KeyError, IndexError, ValueError):
        raise CatalogError(f"索引号格式“{pattern}”无效") from None


def next_index_numbers(unit: Unit, year: int, count: int = 1) -> list[str]:
    """Reserve ``count`` index numbers for a unit and year: the counter row is locked, so two
    reviewers publishing at once get different numbers, and a number once issued is never
    issued again, even when its item is withdrawn. Call inside a transaction."""
    IndexCounter.objects.bulk_create([IndexCounter(unit=unit, year=year)], ignore_conflicts=True)
    counter = IndexCounter.objects.select_for_update().get(unit=unit, year=year)
    first = counter.last + 1
    counter.last += count
    counter.save(update_fields=["last"])
    pattern = settings.GONGKAI_INDEX_PATTERN
    return [format_index_number(pattern, unit, year, n) for n in range(first, first + count)]


# --- items --------------------------------------------------------------------------------------
ITEM_FIELDS = (
    "title",
    "doc_number",
    "publisher",
    "formed_on",
    "topic",
    "summary",
    "body",
    "column",
    "interprets",
    "interpretation_form",
    "no_interpretation_reason",
)
# What a reviewer may correct in a published item (the column and dates stay as published).
REVISABLE_FIELDS = ("title", "doc_number", "publisher", "topic", "summary", "body")


def _check_column(unit: Unit, column: Column) -> None:
    if not column.takes_items or not column.is_active:
        raise CatalogError(f"栏目“{column.name}”不能直接发布信息")
    if column.unit_id != unit.pk and not column.shared:
        raise CatalogError(f"栏目“{column.name}”属于其他单位")


def _check_item(item: Item) -> None:
    if item.formed_on > timezone.localdate():
        raise CatalogError("成文日期不能晚于今天")
    if item.interprets_id is not None:
        if item.column.kind != ColumnKind.INTERPRETATION:
            raise CatalogError("政策解读应发布在“政策解读”栏目")
        if item.pk is not None and item.interprets_id == item.pk:
            raise CatalogError("解读不能解读自身")
        policy = item.interprets
        assert policy is not None
        if policy.status == State.WITHDRAWN:
            raise CatalogError("所解读的政策已撤回")
        if policy.interprets_id is not None:
            raise CatalogError("所解读的应是政策文件，而不是另一篇解读")
        # 文字 unless the clerk says otherwise: most interpretations are written ones
        item.interpretation_form = item.interpretation_form or InterpretationForm.TEXT
    elif item.column.kind == ColumnKind.INTERPRETATION:
        raise CatalogError("发布在“政策解读”栏目的信息须关联所解读的政策")
    else:
        item.interpretation_form = ""


def _prepare(item: Item) -> None:
    item.title = item.title.strip()
    item.body = sanitize(item.body)
    item.summary = item.summary.strip() or summary_of(item.body)
    _check_column(item.unit, item.column)
    _check_item(item)
    try:
        item.full_clean(exclude=["index_number", "unit", "column", "interprets", "replaced_by"])
    except ValidationError as error:
        raise CatalogError("；".join(error.messages)) from None


def _audit(
    actor: Actor,
    item: Item,
    action: AuditAction,
    summary: str,
    basis: law.Basis | str = law.ART26_PUBLICATION_PERIOD,
    changes: dict[str, Any] | None = None,
) -> None:
    record(
        actor=actor,
        action=action,
        obj=item,
        unit=item.unit,
        summary=f"{summary}：{item.title[:80]}",
        basis=basis,
        changes=changes or {},
    )


def _locked(item: Item) -> Item:
    return (
        Item.objects.select_for_update(of=("self",))
        .select_related("column", "unit")
        .get(pk=item.pk)
    )


def _check_year_open(item: Item, *days: dt.date | None) -> None:
    """规章 and 规范性文件 are counted in table 二 of the annual report: a change dated in a year
    whose report is published waits until the office reopens that report."""
    if item.column.kind not in (ColumnKind.NORMATIVE, ColumnKind.REGULATION):
        return
    for day in days:
        if day is None:
            continue
        try:
            locks.check_open(item.unit_id, day)
        except locks.YearLocked as exc:
            raise CatalogError(str(exc)) from None


def _move(item: Item, target: State, refusal: str) -> None:
    if not status.can_move(item.status, target):
        raise CatalogError(refusal)
    item.status = target


@transaction.atomic
def item_create(*, actor: Actor, unit: Unit, data: dict[str, Any]) -> Item:
    """A clerk drafts an item in one of the unit's columns (or a shared key-area column)."""
    item = Item(unit=unit, created_by_label=actor_label(actor), publisher=unit.name)
    for key in ITEM_FIELDS:
        if data.get(key) is not None:
            setattr(item, key, data[key])
    _prepare(item)
    item.publish_due = publication_due(item.formed_on, item.unit_id)
    item.save()
    _audit(actor, item, AuditAction.ITEM_CREATE, "起草信息")
    return item


@transaction.atomic
def item_update(*, actor: Actor, item: Item, data: dict[str, Any]) -> Item:
    item = _locked(item)
    if item.status != State.DRAFT:
        raise CatalogError("只有草稿可以修改；待审核的请审核人退回，已发布的由审核人更正")
    _move(item, State.DRAFT, "只有草稿可以修改")
    update = model_update(item, fields=ITEM_FIELDS, data=data)
    _prepare(item)
    item.publish_due = publication_due(item.formed_on, item.unit_id)
    item.save()
    _audit(actor, item, AuditAction.ITEM_UPDATE, "修改草稿", changes=update.changes())
    return item


@transaction.atomic
def item_submit(*, actor: Actor, item: Item) -> Item:
    item = _locked(item)
    if item.status != State.DRAFT:
        raise CatalogError("只有草稿可以提交审核")
    _move(item, State.SUBMITTED, "只有草稿可以提交审核")
    item.save()
    _audit(actor, item, AuditAction.ITEM_SUBMIT, "提交审核", law.ART17_REVIEW)
    return item


@transaction.atomic
def item_return(*, actor: Actor, item: Item, reason: str) -> Item:
    item = _locked(item)
    if item.status != State.SUBMITTED:
        raise CatalogError("只有待审核的信息可以退回")
    if not reason.strip():
        raise CatalogError("请说明退回的理由")
    _move(item, State.DRAFT, "只有待审核的信息可以退回")
    item.save()
    _audit(actor, item, AuditAction.ITEM_RETURN, f"退回修改（{reason.strip()}）", law.ART17_REVIEW)
    return item


# The audited steps that make someone an author of an item: writing, changing, attaching files
# to, or submitting it. The audit log is the item's history (it is shown on the item's page and
# cannot be altered unnoticed, `gongkai audit verify`), so the authors are read from it.
AUTHORING = ("item.create", "item.update", "item.attachments", "item.submit")


def authors_of(item: Item) -> set[int]:
    """The users who wrote the item (the ids of the actors of its authoring steps)."""
    return set(
        AuditEvent.objects.filter(
            object_type="item", object_id=str(item.pk), action__in=AUTHORING, actor__isnull=False
        ).values_list("actor_id", flat=True)
    )


def why_not_publish(actor: Actor, item: Item) -> str | None:
    """Why ``actor`` may not pass the 保密审查 of ``item`` and publish it (second person)."""
    user = actor if actor is not None and actor.is_authenticated else None
    return rules.why_not_review(
        reviewer=user.pk if user is not None else None, authors=authors_of(item)
    )


def publication_due(formed_on: dt.date, unit: Unit | int | None) -> dt.date:
    """20 working days from formation (《条例》第二十六条), on the calendar of the unit's region."""
    return regions.calendar_for(unit).add(formed_on, clock.PUBLICATION.days)


def publication_day() -> dt.date:
    """The day of publication: the server's, in the district's time zone (``TIME_ZONE``),
    whatever zone a request may have activated. No one types it: a publication date set by
    hand would hide lateness under 《条例》第二十六条 and is the 19号 veto 伪造发稿日期. A
    historical item's date is entered by the office only (:func:`item_back_enter`)."""
    return timezone.localdate(timezone=timezone.get_default_timezone())


def _check_publishable(actor: Actor, item: Item, secrecy_review: str) -> None:
    """What a publication and a back-entry both require: a submitted item, the 保密审查
    recorded by someone other than its authors, a 行政规范性文件 with its interpretation or a
    reason, an interpretation no earlier than its policy."""
    if item.status != State.SUBMITTED:
        raise CatalogError("只有待审核的信息可以审核发布")
    if not secrecy_review.strip():
        raise CatalogError("请填写保密审查意见")
    problem = why_not_publish(actor, item)
    if problem:
        raise CatalogError(problem)
    if (
        item.column.kind == ColumnKind.NORMATIVE
        and not item.no_interpretation_reason.strip()
        and not item.interpretations.exclude(status=State.WITHDRAWN).exists()
    ):
        raise CatalogError(
            "行政规范性文件应同步发布政策解读：请先起草关联的解读，或记录未同步解读的理由"
        )
    if item.interprets_id is not None:
        policy = Item.objects.get(pk=item.interprets_id)
        if policy.status not in (State.PUBLISHED, State.SUBMITTED):
            raise CatalogError("所解读的政策尚未提交或已撤回，解读不能先于政策发布")


def _publish(actor: Actor, item: Item, on: dt.date, secrecy_review: str) -> dt.date:
    """Number, date and record the publication; returns the item's due date (第二十六条)."""
    _check_year_open(item, on, item.formed_on)
    _move(item, State.PUBLISHED, "只有待审核的信息可以审核发布")
    item.index_number = next_index_numbers(item.unit, on.year)[0]
    item.published_on = on
    item.publish_due = publication_due(item.formed_on, item.unit_id)
    item.secrecy_review = secrecy_review.strip()
    item.reviewed_by_label = actor_label(actor)
    item.reviewed_at = timezone.now()
    item.save()
    return item.publish_due


@transaction.atomic
def item_publish(*, actor: Actor, item: Item, secrecy_review: str) -> Item:
    """The reviewer records the 保密审查 (第十七条) and publishes; the publication date is the
    server's day (:func:`publication_day`). A 行政规范性文件 needs a linked interpretation or a
    recorded reason (国办发〔2016〕80号); a publication later than 20 working days after
    formation is flagged (第二十六条)."""
    item = _locked(item)
    _check_publishable(actor, item, secrecy_review)
    on = publication_day()
    if on < item.formed_on:
        raise CatalogError("成文日期晚于今天，不能发布")
    due = _publish(actor, item, on, secrecy_review)
    late = f"；晚于应公开期限{due.isoformat()}" if item.is_late else ""
    _audit(
        actor,
        item,
        AuditAction.ITEM_PUBLISH,
        # the drafter is named beside the reviewer (the actor): two people, on the record
        f"保密审查（{item.secrecy_review}）后发布，索引号{item.index_number}，"
        f"起草人{item.created_by_label}{late}",
        law.ART17_REVIEW,
    )
    _changed_on_commit([item.pk])
    return item


@transaction.atomic
def item_revise(*, actor: Actor, item: Item, data: dict[str, Any], reason: str) -> Item:
    """The reviewer corrects a published item (a typo, a broken table), keeping its 索引号;
    the reason and every changed field are audited. A change of substance is a new item."""
    item = _locked(item)
    if item.status != State.PUBLISHED:
        raise CatalogError("只有已发布的信息可以更正")
    if not reason.strip():
        raise CatalogError("请说明更正的理由")
    update = model_update(item, fields=REVISABLE_FIELDS, data=data)
    _prepare(item)
    changes = update.changes()
    if not changes:
        raise CatalogError("没有修改任何内容")
    item.save()
    _audit(
        actor,
        item,
        AuditAction.ITEM_REVISE,
        f"更正已发布信息（{reason.strip()}）",
        law.ART17_REVIEW,
        changes,
    )
    _changed_on_commit([item.pk])
    return item


@transaction.atomic
def item_withdraw(*, actor: Actor, item: Item, reason: str) -> Item:
    """Take a published item off the portal and out of search; its 索引号 is not reused."""
    item = _locked(item)
    if item.status != State.PUBLISHED:
        raise CatalogError("只有已发布的信息可以撤回")
    if not reason.strip():
        raise CatalogError("撤回须说明理由")
    _check_year_open(item, item.published_on, timezone.localdate())
    _move(item, State.WITHDRAWN, "只有已发布的信息可以撤回")
    item.withdrawn_reason = reason.strip()
    item.withdrawn_at = timezone.now()
    item.save()
    _audit(
        actor, item, AuditAction.ITEM_WITHDRAW, f"撤回（{item.withdrawn_reason}）", law.ART17_REVIEW
    )
    _changed_on_commit([item.pk])
    return item


VALIDITY_FIELDS = ("validity", "validity_changed_on", "replaced_by")


@transaction.atomic
def item_set_validity(
    *,
    actor: Actor,
    item: Item,
    validity: Validity,
    on: dt.date | None,
    replaced_by: Item | None = None,
) -> Item:
    """Mark a published item 有效, 失效 or 废止 (with the date, and what replaced it)."""
    item = _locked(item)
    if item.status != State.PUBLISHED:
        raise CatalogError("只有已发布的信息可以标注有效性")
    if validity == Validity.VALID:
        data: dict[str, Any] = {
            "validity": Validity.VALID,
            "validity_changed_on": None,
            "replaced_by": None,
        }
    else:
        if on is None:
            raise CatalogError("请填写失效或废止的日期")
        if item.published_on and on < item.published_on:
            raise CatalogError("失效或废止日期不能早于发布日期")
        if replaced_by is not None:
            if replaced_by.pk == item.pk:
                raise CatalogError("替代文件不能是自身")
            if replaced_by.status != State.PUBLISHED:
                raise CatalogError("替代文件须是已发布的信息")
        data = {"validity": validity, "validity_changed_on": on, "replaced_by": replaced_by}
    update = model_update(item, fields=VALIDITY_FIELDS, data=data)
    changes = update.changes()
    if not changes:
        raise CatalogError("有效性没有变化")
    previous = update.before.get("validity_changed_on")
    _check_year_open(
        item, dt.date.fromisoformat(previous) if previous else None, item.validity_changed_on
    )
    item.save()
    _audit(
        actor, item, AuditAction.ITEM_VALIDITY, f"标注为{item.get_validity_display()}",
        law.ART20_PROACTIVE_SCOPE, changes,
    )  # fmt: skip
    _changed_on_commit([item.pk])
    return item


ATTACHMENT_TYPES = uploads.STAFF_TYPES
MAX_ATTACHMENTS = 20


@transaction.atomic
def attachments_add(
    *, actor: Actor, item: Item, files: Sequence[tuple[str, bytes]]
) -> list[Attachment]:
    """Attach files to a draft, each checked by its content (type) and size; all or none."""
    item = _locked(item)
    if item.status != State.DRAFT:
        raise CatalogError("只有草稿可以添加附件")
    if not files:
        raise CatalogError("请选择要上传的文件")
    if item.attachments.count() + len(files) > MAX_ATTACHMENTS:
        raise CatalogError(f"每条信息最多{MAX_ATTACHMENTS}个附件")
    try:
        checked = storedfiles.check_uploads(files, allowed=ATTACHMENT_TYPES)
    except uploads.UploadError as error:
        raise CatalogError(str(error)) from None
    out = [
        storedfiles.store_checked(Attachment(item=item), check, content)
        for (_, content), check in zip(files, checked, strict=True)
    ]
    names = "、".join(a.name for a in out)
    _audit(actor, item, AuditAction.ITEM_ATTACHMENTS, f"添加附件{len(out)}个（{names}）")
    return out


@transaction.atomic
def attachment_remove(*, actor: Actor, attachment: Attachment) -> None:
    item = _locked(attachment.item)
    if item.status != State.DRAFT:
        raise CatalogError("只有草稿可以删除附件")
    name = attachment.name
    stored = attachment.file.name
    attachment.delete()
    _audit(actor, item, AuditAction.ITEM_ATTACHMENTS, f"删除附件（{name}）")
    storage = Attachment._meta.get_field("file").storage
    transaction.on_commit(lambda: storage.delete(stored))


# --- what the public sees (Item.objects.public()) changes ----------------------------------------
def _changed_on_commit(ids: list[int]) -> None:
    """Announce, once the change is committed, the items whose public face may have changed:
    the search index follows (gongkai.search.sync), without the catalog importing it."""
    if not ids:
        return
    signals.items_changing.send(sender=Item, ids=ids)  # in the transaction: the change log
    transaction.on_commit(lambda: signals.items_changed.send(sender=Item, ids=ids))


# --- back-entry of historical items (补录) ----------------------------------------------------
BACK_ENTRY_REFUSED = "只有区政务公开办公室可以补录历史信息"
BACK_ENTRY_NOTE_MISSING = "请填写补录依据，如：据原纸质公开登记簿补录"


def _check_back_entry(actor: Actor, note: str) -> None:
    """A past publication date is entered by the office only, saying where it comes from."""
    if not can(staff_of(actor), Action.BACK_ENTER_ITEM):
        raise CatalogError(BACK_ENTRY_REFUSED)
    if not note.strip():
        raise CatalogError(BACK_ENTRY_NOTE_MISSING)


@transaction.atomic
def item_back_enter(
    *, actor: Actor, item: Item, published_on: dt.date, note: str, secrecy_review: str
) -> Item:
    """The office enters a historical item — published before the platform, on paper or an old
    portal — with its original publication date and the source of that date (e.g. 据原纸质
    公开登记簿补录). The item is marked as a back-entry, the portal says so, and the site check's
    backdated-items indicator leaves it out. Every other publication is stamped by the server
    (:func:`item_publish`)."""
    _check_back_entry(actor, note)
    item = _locked(item)
    _check_publishable(actor, item, secrecy_review)
    if published_on >= publication_day():
        raise CatalogError("补录的发布日期应早于今天；今天发布的信息请由审核人审核发布")
    if published_on < item.formed_on:
        raise CatalogError("补录的发布日期不能早于成文日期")
    item.back_entered = True
    item.back_entry_note = note.strip()
    _publish(actor, item, published_on, secrecy_review)
    _audit(
        actor,
        item,
        AuditAction.ITEM_BACK_ENTRY,
        f"补录历史信息，原发布日期{published_on.isoformat()}（{item.back_entry_note}），"
        f"索引号{item.index_number}，起草人{item.created_by_label}",
        law.ART26_PUBLICATION_PERIOD,
    )
    _changed_on_commit([item.pk])
    return item


@transaction.atomic
def items_back_enter(
    *, actor: Actor, unit: Unit, rows: Sequence[dict[str, Any]], note: str
) -> list[int]:
    """Historical items taken over in bulk (an old portal, a paper register, the demo), in one
    audited step by the office, each marked as a back-entry with ``note`` as the source of its
    date: index numbers are issued in order of publication date. Returns the new ids; the
    caller indexes them (``gongkai search reindex`` after a large import).

    A row may name who drafted and who reviewed the item (``drafted_by``, ``reviewed_by``, as
    the old system recorded them); without them the office is named as the drafter and the
    reviewer is left unrecorded — never the same name for both (second person, rules.py)."""
    _check_back_entry(actor, note)
    if not rows:
        return []
    today = publication_day()
    for row in rows:
        drafted, reviewed = row.get("drafted_by", ""), row.get("reviewed_by", "")
        if reviewed and reviewed == (drafted or actor_label(actor)):
            raise CatalogError(f"“{row.get('title', '')}”：{rules.REVIEW_BY_ANOTHER}")
        if not row["formed_on"] <= row["published_on"] <= today:
            raise CatalogError(f"“{row.get('title', '')}”：发布日期应在成文日期与今天之间")
    rows = sorted(rows, key=lambda r: (r["published_on"], r["title"]))
    by_year: dict[int, list[dict[str, Any]]] = {}
    for row in rows:
        by_year.setdefault(row["published_on"].year, []).append(row)
    label = actor_label(actor)
    items: list[Item] = []
    for year, year_rows in sorted(by_year.items()):
        numbers = next_index_numbers(unit, year, len(year_rows))
        for row, number in zip(year_rows, numbers, strict=True):
            values = {
                k: v
                for k, v in row.items()
                if k not in ("publisher", "secrecy_review", "drafted_by", "reviewed_by")
            }
            body = sanitize(values.pop("body", ""))
            if values.get("interprets") is not None:  # a written interpretation unless told
                values["interpretation_form"] = (
                    values.get("interpretation_form") or InterpretationForm.TEXT
                )
            items.append(
                Item(
                    unit=unit,
                    index_number=number,
                    status=State.PUBLISHED,
                    publisher=row.get("publisher") or unit.name,
                    created_by_label=row.get("drafted_by") or label,
                    reviewed_by_label=row.get("reviewed_by", ""),
                    secrecy_review=row.get("secrecy_review", "经审查，不涉及国家秘密"),
                    publish_due=publication_due(row["formed_on"], unit),
                    body=body,
                    summary=values.pop("summary", "") or summary_of(body),
                    back_entered=True,
                    back_entry_note=note.strip(),
                    **values,
                )
            )
    created = Item.objects.bulk_create(items, batch_size=500)
    record(
        actor=actor,
        action=AuditAction.ITEM_BACK_ENTRY,
        object_type="item",
        unit=unit,
        summary=f"补录历史信息{len(created)}条（{note.strip()}）",
        basis=law.ART26_PUBLICATION_PERIOD,
    )
    return [item.pk for item in created]


# --- guides, reading places, paper transfers ----------------------------------------------------
@transaction.atomic
def guide_publish(*, actor: Actor, unit: Unit, parts: dict[str, str], note: str = "") -> Guide:
    """A new version of a unit's disclosure guide (《条例》第十二条), with every required part;
    earlier versions are kept unchanged."""
    missing = [label for key, label in GUIDE_PARTS if not (parts.get(key) or "").strip()]
    if missing:
        raise CatalogError("指南缺少必备内容：" + "；".join(missing))
    Unit.objects.select_for_update().get(pk=unit.pk)  # one new version at a time per unit
    guide = create_version(
        Guide,
        of={"unit": unit},
        parts={key: parts[key].strip() for key, _ in GUIDE_PARTS},
        contacts=contacts_of(unit),
        note=note.strip(),
        created_by_label=actor_label(actor),
    )
    record(
        actor=actor,
        action=AuditAction.GUIDE_PUBLISH,
        obj=guide,
        unit=unit,
        summary=f"发布政府信息公开指南第{guide.version}版"
        + (f"（{guide.note}）" if guide.note else ""),
        basis=law.ART12_GUIDE_AND_CATALOG,
    )
    return guide


def draft_guide(unit: Unit) -> dict[str, str]:
    """A first draft of a guide from the unit's record, for the unit to complete."""
    return {
        "arrangement": f"{unit.name}主动公开的政府信息按照本单位政府信息公开目录分类编排，"
        "包括机构职能、法规文件、规划计划、统计信息、财政预决算等类别；每条信息标注索引号、"
        "名称、内容概述和生成日期。",
        "proactive": "属于主动公开范围的政府信息，自该信息形成或者变更之日起"
        f"{clock.PUBLICATION.days}个工作日内，"
        "通过本单位政府信息公开栏目、政府公报、新闻发布会以及政府信息查阅场所等途径公开。",
        "application": "公民、法人或者其他组织可以通过本平台在线提交、当面提交、信函或传真等方式"
        "向本单位申请获取政府信息。申请应当包括申请人的姓名或者名称、身份证明、联系方式；"
        "申请公开的政府信息的名称、文号或者便于查询的其他特征性描述；获取信息的方式、途径。",
        "handling": "能够当场答复的当场答复；不能当场答复的，自收到申请之日起"
        f"{clock.ANSWER.days}个工作日内予以答复；需要延长答复期限的，经政府信息公开工作机构"
        "负责人同意并告知申请人，延长的期限最长不超过"
        f"{clock.EXTENSION_MAX.days}个工作日。依申请提供政府信息不收取费用；申请数量、频次"
        "明显超过合理范围的，可以依照《政府信息公开信息处理费管理办法》收取信息处理费。",
        "office": f"政府信息公开工作机构：{unit.name}；办公地址：{unit.address or '（待填写）'}；"
        f"办公时间：{unit.office_hours or '（待填写）'}；联系电话：{unit.phone or '（待填写）'}；"
        f"传真：{unit.fax or '（待填写）'}；电子邮箱：{unit.email or '（待填写）'}；"
        f"网址：{unit.website or '（待填写）'}。",
        "remedies": "公民、法人或者其他组织认为行政机关在政府信息公开工作中侵犯其合法权益的，可以向"
        "上一级行政机关或者政府信息公开工作主管部门投诉、举报，也可以依法申请行政复议或者提起"
        "行政诉讼。",
    }


PLACE_FIELDS = ("name", "level", "address", "is_active")


@transaction.atomic
def reading_place_save(
    *, actor: Actor, place: ReadingPlace | None, data: dict[str, Any]
) -> ReadingPlace:
    created = place is None
    place = place or ReadingPlace()
    update = model_update(place, fields=PLACE_FIELDS, data=data)
    try:
        place.full_clean()
    except ValidationError as error:
        raise CatalogError("；".join(error.messages)) from None
    place.save()
    record(
        actor=actor,
        action=AuditAction.READING_PLACE_SAVE,
        obj=place,
        summary=f"{'新增' if created else '修改'}政府信息查阅场所“{place.name}”",
        basis=law.ART25_READING_PLACES,
        changes=update.changes(),
    )
    return place


@transaction.atomic
def paper_transfer_record(
    *,
    actor: Actor,
    unit: Unit,
    place: ReadingPlace,
    sent_on: dt.date,
    copies: int,
    items: Sequence[Item] = (),
    note: str = "",
) -> PaperTransfer:
    """Paper copies of published items sent to a public reading place (《条例》第二十五条)."""
    if copies < 1:
        raise CatalogError("份数至少为1")
    if sent_on > timezone.localdate():
        raise CatalogError("报送日期不能晚于今天")
    if not place.is_active:
        raise CatalogError("该查阅场所已停用")
    for item in items:
        if item.status != State.PUBLISHED:
            raise CatalogError(f"“{item.title[:30]}”不是已发布的信息")
    transfer = PaperTransfer.objects.create(
        place=place,
        unit=unit,
        sent_on=sent_on,
        copies=copies,
        note=note.strip(),
        created_by_label=actor_label(actor),
    )
    if items:
        transfer.items.set(items)
    record(
        actor=actor,
        action=AuditAction.PAPER_TRANSFER_RECORD,
        obj=transfer,
        unit=unit,
        summary=f"向{place.name}报送纸质文件{copies}份",
        basis=law.ART25_READING_PLACES,
    )
    return transfer
