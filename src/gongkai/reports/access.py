"""The guarded getters of the annual reports: the only way a staff view obtains one. Who may do
what is decided in :mod:`gongkai.accounts.access`; these functions apply it to reports and
answer 404 to outsiders (docs/access.md)."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from gongkai.accounts.access import Action, acts_for, can, in_own_unit, is_district_wide
from gongkai.reports.models import AnnualReport
from gongkai.reports.services import acting_unit_id
from gongkai.units.models import Staff


def visible_reports(staff: Staff) -> QuerySet[AnnualReport]:
    """A government's consolidated report names the government as its unit, but is the
    office's: staff of that unit see only its own report."""
    reports = AnnualReport.objects.select_related("unit")
    if not is_district_wide(staff):
        reports = reports.filter(consolidated=False)
    return in_own_unit(staff, reports)


def get_report(staff: Staff, pk: int, *, action: Action = Action.VIEW_REPORTS) -> AnnualReport:
    """A report the staff member may see and act on; 404 otherwise. The consolidated report
    (no unit) is the office's to draft."""
    try:
        report = visible_reports(staff).get(pk=pk)
    except AnnualReport.DoesNotExist:
        raise Http404 from None
    if not can(staff, action):
        raise Http404
    if action in (Action.EDIT_REPORT, Action.SUBMIT_REPORT) and not acts_for(
        staff, acting_unit_id(report)
    ):
        raise Http404
    return report
