"""Reads for reuse: the clusters of applications asking for the same information (《条例》第四十四
条), the items published because of them, and the de-identified register of concluded
applications of the units that publish it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import QuerySet

from gongkai.applications import outcomes
from gongkai.applications.models import Application, Document, DocumentKind
from gongkai.applications.notices import NoticeKind
from gongkai.applications.status import Status
from gongkai.catalog.models import Item
from gongkai.core import publictext
from gongkai.report_format import FormatVersion
from gongkai.reuse import similarity
from gongkai.reuse.models import RegisterSetting, ReleasePublic, RequestLink
from gongkai.units.hosts import PortalScope


# --- 第四十四条: clusters ------------------------------------------------------------------------
def threshold() -> float:
    return settings.GONGKAI_SIMILAR_REQUEST_THRESHOLD / 100


def request_text(application: Application) -> str:
    """What the applicant asked for: the name, 文号 and description of the information."""
    return "\n".join(
        part
        for part in (application.info_title, application.info_number, application.info_description)
        if part
    )


@dataclass
class Cluster:
    applications: list[Application]
    units: list[str] = field(default_factory=list)

    @property
    def first(self) -> Application:
        return self.applications[0]


def clusters(applications: QuerySet[Application], *, year: int) -> list[Cluster]:
    """The applications received in ``year`` that ask for the same information as another one,
    grouped; those already linked to a publication are left out (they have been dealt with)."""
    linked = RequestLink.objects.values("application_id")
    rows = list(
        applications.filter(receipt_date__year=year)
        .exclude(pk__in=linked)
        .exclude(status=Status.WITHDRAWN)
        .select_related("unit")
        .order_by("receipt_date", "id")
    )
    by_id = {a.pk: a for a in rows}
    groups = similarity.repeated(
        similarity.clusters({a.pk: request_text(a) for a in rows}, threshold())
    )
    out = []
    for group in groups:
        members = [by_id[pk] for pk in group]
        units = sorted({a.unit.name for a in members if a.unit is not None})
        out.append(Cluster(members, units))
    return out


def cluster_of(applications: QuerySet[Application], application: Application) -> Cluster | None:
    """The cluster (of the year it was received in) that holds ``application``."""
    for cluster in clusters(applications, year=application.receipt_date.year):
        if application in cluster.applications:
            return cluster
    return None


def linked_applications(item: Item) -> QuerySet[Application]:
    return Application.objects.filter(
        pk__in=RequestLink.objects.filter(item=item).values("application_id")
    ).order_by("receipt_date", "id")


def converted_items() -> QuerySet[Item]:
    """What the public sees of the items published under 第四十四条, newest first."""
    return (
        Item.objects.public()
        .filter(pk__in=RequestLink.objects.values("item_id"))
        .select_related("unit", "column")
        .order_by("-published_on", "-id")
    )


def converted_count(
    *, year: int, unit_id: int | None = None, unit_ids: Collection[int] | None = None
) -> int:
    """Items published in ``year`` because several applicants asked for them (第四十四条): for a
    unit, for (``unit_ids``) a government's subtree, or (``None``) for the whole district. The
    annual report's prose states it."""
    items = Item.objects.published().filter(
        published_on__year=year, pk__in=RequestLink.objects.values("item_id")
    )
    if unit_ids is not None:
        items = items.filter(unit_id__in=sorted(unit_ids))
    elif unit_id is not None:
        items = items.filter(unit_id=unit_id)
    return items.count()


# --- the de-identified register ------------------------------------------------------------------
def register_enabled(unit_id: int) -> bool:
    return RegisterSetting.objects.filter(unit_id=unit_id, enabled=True).exists()


def register_unit_ids() -> list[int]:
    return list(
        RegisterSetting.objects.filter(enabled=True, unit__is_active=True).values_list(
            "unit_id", flat=True
        )
    )


@dataclass(frozen=True)
class Entry:
    tracking_number: str
    unit: str
    unit_code: str
    received_on: dt.date
    concluded_on: dt.date | None
    summary: str
    outcome: str
    notice: str
    released: list[Document]


def _reply_text(application: Application) -> str:
    notice = (
        application.documents.filter(
            kind=DocumentKind.NOTICE, notice_kind=NoticeKind.REPLY, for_applicant=True
        )
        .exclude(rendered=[])
        .order_by("-created_at", "-id")
        .first()
    )
    if notice is None:
        return ""
    return "\n".join(text for style, text in notice.rendered if style != "template_version")


def private_values(application: Application) -> dict[str, list[str]]:
    """The applicant's personal data as given on the application, to be taken out of a text."""
    return {
        "names": [
            application.applicant_name,
            application.contact_person,
            application.legal_representative,
        ],
        "id_numbers": [application.id_number or ""],
        "phones": [application.phone],
        "emails": [application.email],
        "addresses": [application.address],
    }


def entry(application: Application) -> Entry:
    private = private_values(application)
    outcome = ""
    if application.outcome:
        year = (application.concluded_on or application.receipt_date).year
        outcome = outcomes.rule(application.outcome).row_label(FormatVersion.for_year(year))
    released: list[Document] = []
    if ReleasePublic.objects.filter(application=application).exists():
        released = list(application.documents.filter(kind=DocumentKind.INFORMATION).order_by("id"))
    return Entry(
        tracking_number=application.tracking_number,
        unit=application.unit.name if application.unit else "",
        unit_code=application.unit.code if application.unit else "",
        received_on=application.receipt_date,
        concluded_on=application.concluded_on,
        summary=publictext.redact(request_text(application), **private),
        outcome=outcome,
        notice=publictext.redact(_reply_text(application), **private),
        released=released,
    )


def register_applications(
    *,
    unit_id: int | None = None,
    shown: PortalScope | None = None,
    year: int | None = None,
    outcome: str = "",
) -> QuerySet[Application]:
    """Concluded applications of the units that publish the register, newest first; of the
    units the portal shows on the request's host (``shown``, units.hosts) when given."""
    rows = Application.objects.filter(
        status=Status.CLOSED, unit_id__in=register_unit_ids()
    ).select_related("unit")
    if shown is not None:
        rows = shown.narrow(rows)
    if unit_id is not None:
        rows = rows.filter(unit_id=unit_id)
    if year is not None:
        rows = rows.filter(concluded_on__year=year)
    if outcome:
        rows = rows.filter(outcome=outcome)
    return rows.order_by("-concluded_on", "-id")


# The newest entries a register page shows at most.
REGISTER_LIMIT = 200


def register_entries(
    *,
    unit_id: int | None = None,
    shown: PortalScope | None = None,
    year: int | None = None,
    outcome: str = "",
    q: str = "",
) -> list[Entry]:
    """The register, filtered. Words are looked for in the de-identified texts only: a search
    on the stored text would tell who applied (a name typed in finds that applicant's case)."""
    rows = register_applications(unit_id=unit_id, shown=shown, year=year, outcome=outcome)
    entries = (entry(a) for a in rows[: REGISTER_LIMIT * (5 if q else 1)])
    return [e for e in entries if not q or q in e.summary or q in e.notice][:REGISTER_LIMIT]


def released_document(
    tracking_number: str, pk: int, shown: PortalScope | None = None
) -> Document | None:
    """A released document the register shows: of a concluded application of a unit that
    publishes the register (and that the host's portal shows), marked public by the unit."""
    application = register_applications(shown=shown).filter(tracking_number=tracking_number).first()
    if application is None or not ReleasePublic.objects.filter(application=application).exists():
        return None
    return application.documents.filter(kind=DocumentKind.INFORMATION, pk=pk).first()


def releasable(applications: QuerySet[Application]) -> QuerySet[Application]:
    """Concluded applications in a published register that released information not yet
    marked public: what the unit may mark."""
    return (
        applications.filter(status=Status.CLOSED, unit_id__in=register_unit_ids())
        .filter(documents__kind=DocumentKind.INFORMATION)
        .exclude(pk__in=ReleasePublic.objects.values("application_id"))
        .distinct()
        .order_by("-concluded_on", "-id")[:50]
    )
