"""The whole case in one file (归档, and for reconsideration or litigation): a ZIP with a
printable index, the application as filed, every event, and every document and notice."""

from __future__ import annotations

import csv
import io
import json
import zipfile

from django.template.loader import render_to_string

from gongkai.applications import notices, selectors
from gongkai.applications.models import Application
from gongkai.core.spreadsheet import safe_row


def _blocks(document_rendered: list[list[str]]) -> list[notices.Block]:
    return [
        notices.Block(style, text)
        for style, text in document_rendered
        if style != "template_version"
    ]


def application_record(application: Application) -> dict[str, object]:
    """The application as filed, its identity-document number and telephone masked: the case
    file leaves the system (归档, 复议, 诉讼) and is read by people who need neither."""
    fields = (
        "tracking_number",
        "channel",
        "receipt_date",
        "receipt_basis",
        "applicant_type",
        "applicant_name",
        "id_type",
        "id_number",
        "legal_representative",
        "contact_person",
        "phone",
        "email",
        "address",
        "postcode",
        "info_title",
        "info_number",
        "info_description",
        "provision_form",
        "delivery_method",
        "status",
        "due_date",
        "outcome",
        "decision",
        "deadlines",
        "decided_on",
        "delivered_on",
        "concluded_on",
        "extension_days",
    )
    data = {name: getattr(application, name) for name in fields}
    data["unit"] = application.unit.name if application.unit else None
    personal = selectors.personal_data(application)
    data["id_number"], data["phone"] = personal.id_number, personal.phone
    return {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in data.items()}


def build(application: Application, context: dict[str, object]) -> bytes:
    events = list(application.events.order_by("seq"))
    documents = list(application.documents.order_by("created_at", "id"))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        index = render_to_string(
            "applications/staff/casefile.html",
            {
                **context,
                "application": application,
                "events": events,
                "documents": documents,
                "archive": True,
                "personal": selectors.personal_data(application),
            },
        )
        archive.writestr("00-案卷目录.html", index)
        archive.writestr(
            "01-申请信息.json",
            json.dumps(application_record(application), ensure_ascii=False, indent=2),
        )
        log = io.StringIO()
        writer = csv.writer(log)
        writer.writerow(["序号", "日期", "事项", "内容", "依据", "经办", "记录时间"])
        for e in events:
            writer.writerow(
                safe_row(
                    [
                        e.seq,
                        e.occurred_on.isoformat(),
                        e.get_kind_display(),
                        e.summary,
                        e.basis,
                        e.actor_label,
                        e.recorded_at.isoformat(),
                    ]
                )
            )
        archive.writestr("02-办理记录.csv", "\ufeff" + log.getvalue())
        for number, document in enumerate(documents, start=1):
            prefix = f"材料/{number:02d}-"
            with document.file.open("rb") as handle:
                archive.writestr(prefix + document.original_name, handle.read())
            if document.rendered:
                page = notices.to_html(_blocks(document.rendered), title=document.title)
                stem = document.original_name.rsplit(".", 1)[0]
                archive.writestr(f"{prefix}{stem}.html", page)
    return out.getvalue()
