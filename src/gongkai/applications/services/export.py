"""The list of a year's applications exported as CSV or XLSX, and its audit row: the list
carries personal data, so every export is logged (《个人信息保护法》), from the staff page and
from ``gongkai applications export`` alike."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import QuerySet

from gongkai import law
from gongkai.applications import export
from gongkai.applications.models import Application
from gongkai.applications.services.common import today
from gongkai.audit.actions import AuditAction
from gongkai.audit.services import record

if TYPE_CHECKING:
    from gongkai.applications.services.common import Actor

_CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
_COMMAND_LINE = "命令行"


@dataclass(frozen=True)
class Export:
    content: bytes
    count: int  # applications listed
    filename: str  # applications-2019.xlsx, applications-2019-qzf.csv
    content_type: str


def applications_export(
    *,
    actor: Actor,
    year: int,
    unit_code: str | None = None,
    fmt: str = "csv",
    reveal: bool = False,
    from_command_line: bool = False,
    within: QuerySet[Application] | None = None,
) -> Export:
    """The applications received in ``year`` or open at some moment of it (of one unit when
    ``unit_code`` is given), as ``fmt`` (csv or xlsx); names, identity numbers and telephone
    numbers masked unless ``reveal`` (the caller has checked that the actor may see them). A
    staff page passes ``within``, the cases its caller sees: a government's office exports its
    own government's, never another's (accounts.access.scope)."""
    cases = export.year_cases(year, unit_code, within)
    rows = export.table(cases, year=year, today=today(), reveal=reveal)
    if fmt == "csv":
        content = export.to_csv(rows)
    else:
        fmt = "xlsx"
        content = export.to_xlsx(rows, title=f"{year}年政府信息公开申请")
    record(
        actor=actor,
        label=_COMMAND_LINE if from_command_line else "",
        action=AuditAction.APPLICATION_EXPORT,
        object_type="export",
        summary=f"{_COMMAND_LINE if from_command_line else ''}导出{year}年申请清单（{len(rows)}件）"
        + ("，含完整个人信息" if reveal else ""),
        basis=law.PERSONAL_INFORMATION_LAW,
    )
    name = f"applications-{year}{('-' + unit_code) if unit_code else ''}.{fmt}"
    return Export(content, len(rows), name, _CONTENT_TYPES[fmt])
