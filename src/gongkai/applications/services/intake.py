"""Intake: an application filed online or registered by staff, stored whole or not at all
(《条例》第二十七、二十九、三十一条)."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from django.db import IntegrityError, transaction

from gongkai import law
from gongkai.applications import notices, receipt
from gongkai.applications.models import Application, EventKind
from gongkai.applications.services.common import (
    ApplicationError,
    _append,
    _check_year_open,
    recompute_due,
    today,
)
from gongkai.applications.services.documents import (
    Upload,
    _file_name,
    _notice_document,
    _upload_documents,
    check_uploads,
)
from gongkai.applications.services.numbers import (
    _prefix,
    _remove_leftovers,
    hash_query_code,
    new_query_code,
    reserve_tracking_number,
)
from gongkai.applications.status import Status
from gongkai.core import storedfiles, uploads
from gongkai.units import tree
from gongkai.units.models import Unit

if TYPE_CHECKING:
    from gongkai.applications.services.common import Actor


@dataclass
class ApplicantData:
    applicant_type: str
    applicant_name: str
    id_type: str
    id_number: str
    phone: str
    email: str = ""
    address: str = ""
    postcode: str = ""
    legal_representative: str = ""
    contact_person: str = ""
    info_title: str = ""
    info_number: str = ""
    info_description: str = ""
    provision_form: str = "electronic"
    delivery_method: str = "download"
    subject: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    def fields(self) -> dict[str, Any]:
        data = dict(self.__dict__)
        data.pop("extra")
        return data


def _unrouted(government: Unit | None) -> str:
    return f"（不确定，待{government.name}分办）" if government else "（不确定，待分办）"


@dataclass(frozen=True)
class Intake:
    application: Application
    query_code: str | None  # None when an identical submission was already stored
    created: bool


def _create(
    *,
    data: ApplicantData,
    unit: Unit | None,
    channel: str,
    found: receipt.Receipt,
    actor: Actor,
    files: Sequence[Upload],
    allowed: frozenset[str],
    token: uuid.UUID | None,
    label: str,
    summary: str,
    registered_on: dt.date | None = None,
    government: Unit | None = None,
) -> Intake:
    """Store an application whole or not at all, and never under a number used before.

    Everything that can be checked is checked first; then the number is taken (committed on its
    own, see reserve_tracking_number); then the receipt notice is built and every file written
    — outside any transaction, so that the database's write lock (SQLite has one for the whole
    file) is held only for the few inserts at the end. If those fail, the files are removed
    before the error goes on (storedfiles.written)."""
    if not (data.info_title or data.info_number or data.info_description):
        raise ApplicationError(
            "请填写所需信息的名称、文号或内容描述中的至少一项（《条例》第二十九条）"
        )
    if found.date > today():
        raise ApplicationError("收到申请之日不能晚于今天")
    issued = registered_on or today()
    if not found.date <= issued <= today():
        raise ApplicationError("登记日期应在收到申请之日与今天之间")
    if unit is not None and not tree.within(government, unit):
        assert government is not None  # within() holds for the deployment's
        raise ApplicationError(f"{unit.name}不是{government.name}所属的单位，请重新选择")
    # an unrouted case's year is closed by its government's report (Application.holder_id)
    holder = unit or government
    _check_year_open(holder.pk if holder else None, found.date)
    checked = check_uploads(files, allowed=allowed)
    code = new_query_code()
    application = Application(
        query_code_hash=hash_query_code(code),
        submission_token=token,
        unit=unit,
        government=government,
        channel=channel,
        receipt_date=found.date,
        receipt_basis=found.basis,
        status=(Status.PROCESSING if unit else Status.UNROUTED).value,
        created_by_id=actor.pk if actor is not None and actor.is_authenticated else None,
        **data.fields(),
    )
    application.full_clean(exclude=["query_code_hash", "tracking_number"])
    application.tracking_number = reserve_tracking_number(_prefix(unit), found.date.year)
    _remove_leftovers(application.tracking_number)
    recompute_due(application)  # needs no events yet
    notice, notice_content = _notice_document(
        application, notices.NoticeKind.RECEIPT, actor=actor, on=issued, context={}
    )
    if label:
        notice.created_by_label = label
    documents = _upload_documents(application, files, checked, actor=actor, label=label)
    with storedfiles.written() as written:
        for document, upload in zip(documents, files, strict=True):
            written.save(document.file, _file_name(document.original_name), upload.content)
        written.save(notice.file, _file_name(notice.original_name), notice_content)
        with transaction.atomic():
            written.keep_if_committed()
            application.save()
            event = _append(
                application,
                EventKind.RECEIVED,
                actor=actor,
                on=found.date,
                label=label,
                summary=summary,
                basis=law.ART31_RECEIPT_DATE,
                data={"channel": channel, "receipt_basis": found.basis},
            )
            for document in [*documents, notice]:
                document.application = application
                document.event = event
                document.save()
    return Intake(application, code, True)


# Not one transaction: the number is taken and committed first (_create).
def application_submit_online(
    *,
    data: ApplicantData,
    unit: Unit | None,
    files: Sequence[Upload] = (),
    token: uuid.UUID | None = None,
    government: Unit | None = None,
) -> Intake:
    """An application filed on the portal (《条例》第二十七、二十九条), on the host of
    ``government`` (None: a host naming none, the deployment's): left 不确定, it is that
    government's office's to route. Submitting the same form twice (the same token) returns the
    first application and stores nothing new."""
    if token is not None:
        existing = Application.objects.filter(submission_token=token).first()
        if existing is not None:
            return Intake(existing, None, False)
    found = receipt.receipt_date("online", submitted_on=today())
    where = unit.name if unit else _unrouted(government)
    try:
        return _create(
            data=data,
            unit=unit,
            channel="online",
            found=found,
            actor=None,
            files=files,
            allowed=uploads.PUBLIC_TYPES,
            token=token,
            government=government,
            label="申请人（网上申请）",
            summary=f"网上申请，申请人{data.applicant_name}，向{where}提出",
        )
    except IntegrityError:
        # The same form sent twice at the same moment: the other one was stored first.
        existing = Application.objects.filter(submission_token=token).first() if token else None
        if existing is None:
            raise
        return Intake(existing, None, False)


# Not one transaction: the number is taken and committed first (_create).
def application_register(
    *,
    actor: Actor,
    data: ApplicantData,
    unit: Unit | None,
    channel: str,
    submitted_on: dt.date,
    signed_on: dt.date | None = None,
    confirmed_on: dt.date | None = None,
    files: Sequence[Upload] = (),
    registered_on: dt.date | None = None,
    government: Unit | None = None,
) -> Intake:
    """An application received at the counter, by post, fax or e-mail, registered by staff,
    with its receipt date found by 《条例》第三十一条; received by ``government`` (the counter's:
    accounts.access.receiving_government), whose office routes it when no unit is given."""
    if channel == "online":
        raise ApplicationError("网上申请由申请人在门户网站提交")
    try:
        found = receipt.receipt_date(
            channel, submitted_on=submitted_on, signed_on=signed_on, confirmed_on=confirmed_on
        )
    except receipt.ReceiptError as exc:
        raise ApplicationError(str(exc)) from None
    from gongkai.applications.models import Channel

    return _create(
        data=data,
        unit=unit,
        channel=channel,
        found=found,
        actor=actor,
        files=files,
        allowed=uploads.STAFF_TYPES,
        token=None,
        label="",
        registered_on=registered_on,
        government=government,
        summary=f"登记{Channel(channel).label}申请，申请人{data.applicant_name}；{found.basis}",
    )


# Not one transaction: the number is taken and committed first (_create).
def application_register_converted(
    *,
    actor: Actor,
    data: ApplicantData,
    unit: Unit | None,
    received_on: dt.date,
    source: str,
    files: Sequence[Upload] = (),
    government: Unit | None = None,
) -> Intake:
    """An application registered by staff from a message sent on the portal (a public
    question that asks for government information): received online the day the message was
    (《条例》第三十一条第（三）项, the portal confirms at once), whatever day it is registered."""
    # The date and the provision are the online channel's rule; only the account of it differs.
    found = replace(
        receipt.receipt_date("online", submitted_on=received_on),
        reason=f"由{source}转为申请，{source}经网上提交并即时确认，以其收到之日为收到申请之日",
    )
    return _create(
        data=data,
        unit=unit,
        channel="online",
        found=found,
        actor=actor,
        files=files,
        allowed=uploads.STAFF_TYPES,
        token=None,
        label="",
        government=government,
        summary=f"由{source}转为申请，申请人{data.applicant_name}；{found.basis}",
    )
