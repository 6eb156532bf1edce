"""The guarded getters of the annual reports: the only way a staff view obtains one. Who may do
what is decided in :mod:`gongkai.accounts.access`; these functions apply it to reports and
answer 404 to outsiders (docs/access.md)."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from gongkai.accounts.access import (
    Action,
    acts_for,
    can,
    in_own_unit,
    is_district_wide,
    own_government_id,
)
from gongkai.reports.models import AnnualReport
from gongkai.reports.services import acting_unit_id, receiving_unit_id
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
    if action is Action.SUBMIT_REPORT_UP and not submits_up(staff, report):
        raise Http404
    if action is Action.RECEIVE_REPORT and not receives(staff, report):
        raise Http404
    return report


def submits_up(staff: Staff, report: AnnualReport) -> bool:
    """Whether the staff member is the office of the report's own government, which submits
    its consolidated report up the tree: a district's office its district's — not the city's
    office, which sees it too but receives it. The top's report (unit None) is the deployment's
    office's; the service then refuses it (there is nothing above)."""
    if not report.is_consolidated:
        return False
    if report.unit_id is None:
        return acts_for(staff, None)
    return own_government_id(staff) == report.unit_id


def receives(staff: Staff, report: AnnualReport) -> bool:
    """Whether the staff member is the office of the government directly above the report's:
    the only one that accepts or returns the consolidated report it was sent (30号's roll-up).
    A sibling district's office does not see it; the province's office sees a district's but
    receives only its cities'."""
    above = receiving_unit_id(report)
    return above is not None and own_government_id(staff) == above


# The steps of the report page (views.act), each with the action it needs of this report: a
# consolidated report is submitted up the tree and returned by the office above, a unit's to
# and by its government's office.
def step_action(step: str, report: AnnualReport) -> Action | None:
    upward = report.is_consolidated
    return {
        "submit": Action.SUBMIT_REPORT_UP if upward else Action.SUBMIT_REPORT,
        "return": Action.RECEIVE_REPORT if upward else Action.PUBLISH_REPORT,
        "accept": Action.RECEIVE_REPORT if upward else None,
        "publish": Action.PUBLISH_REPORT,
        "reopen": Action.PUBLISH_REPORT,
    }.get(step)
