"""The list of a year's applications, as the annual report counts them, for CSV and XLSX."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable

from django.db.models import Q, QuerySet
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from gongkai.applications.models import Application
from gongkai.applications.outcomes import rule
from gongkai.applications.selectors import mask_name
from gongkai.applications.status import Status
from gongkai.core.chars import strip_illegal
from gongkai.core.masking import mask_id_number, mask_phone
from gongkai.core.spreadsheet import safe_row
from gongkai.report_format import FormatVersion

HEADERS = (
    "申请编号",
    "办理单位",
    "申请人类型",
    "申请人",
    "证件号码",
    "联系电话",
    "收到申请之日",
    "申请渠道",
    "状态",
    "办理结果",
    "年报对应行",
    "办结日期",
    "答复期限",
    "期限暂定",
    "是否超期",
)


def year_cases(
    year: int, unit_code: str | None = None, within: QuerySet[Application] | None = None
) -> QuerySet[Application]:
    """Received in ``year``, or open at some moment of it (carried in, or still open); of the
    cases ``within`` (those the member of staff sees: applications.access), every case when
    None (the command line)."""
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    rows = Application.objects.all() if within is None else within
    cases = rows.select_related("unit").filter(
        Q(receipt_date__gte=first, receipt_date__lte=last)
        | Q(receipt_date__lt=first) & (Q(concluded_on__isnull=True) | Q(concluded_on__gte=first))
    )
    if unit_code:
        cases = cases.filter(unit__code=unit_code)
    return cases.order_by("receipt_date", "tracking_number")


def overdue(case: Application, today: dt.date) -> bool:
    if case.due_date is None:
        return False
    if case.delivered_on is not None:
        return case.delivered_on > case.due_date
    return case.is_open and case.due_date < today


def table(
    cases: Iterable[Application], *, year: int, today: dt.date, reveal: bool = False
) -> list[list[str]]:
    version = FormatVersion.for_year(year)
    out = []
    for case in cases:
        outcome = rule(case.outcome) if case.outcome else None
        out.append(
            [
                case.tracking_number,
                case.unit.name if case.unit else "（待分办）",
                case.get_applicant_type_display(),
                case.applicant_name if reveal else mask_name(case.applicant_name),
                case.id_number if reveal else mask_id_number(case.id_number),
                case.phone if reveal else mask_phone(case.phone),
                case.receipt_date.isoformat(),
                case.get_channel_display(),
                Status(case.status).label,
                outcome.label if outcome else "",
                outcome.row_label(version) if outcome else "",
                case.concluded_on.isoformat() if case.concluded_on else "",
                case.due_date.isoformat() if case.due_date else "",
                "是" if case.due_provisional else "",
                "是" if overdue(case, today) else "否",
            ]
        )
    return out


def to_csv(rows: list[list[str]]) -> bytes:
    """Text typed by applicants (names, …) never runs as a formula (core.spreadsheet)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADERS)
    writer.writerows(safe_row(row) for row in rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")  # BOM: Excel opens it as UTF-8


def to_xlsx(rows: list[list[str]], *, title: str) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "申请"
    sheet.append(list(HEADERS))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDE5EE")
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for row in rows:
        sheet.append(safe_row(row))
    widths = [18, 28, 10, 12, 22, 16, 12, 16, 10, 30, 40, 12, 12, 8, 8]
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    book.properties.title = strip_illegal(title)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
