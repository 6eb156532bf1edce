"""Who sees a background run and downloads its file: whoever may see the record it is about,
decided by that record's own guarded getter (reports/access.py, inspections/access.py) and the
policy (accounts/access.py). Outsiders get 404 (docs/access.md)."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from gongkai.accounts.access import Action, can, is_whole_deployment
from gongkai.inspections.access import get_rectification, visible_rectifications
from gongkai.reports.access import get_report, visible_reports
from gongkai.tasks.models import Subject, TaskRun
from gongkai.units.models import Staff


def visible_runs(staff: Staff) -> QuerySet[TaskRun]:
    """The runs about the reports and rectifications the staff member sees, the self-checks for
    those who read the self-check, and the command line's and the schedule's runs (no subject)
    for the whole deployment's office and supervisor."""
    seen = Q(subject=Subject.REPORT, subject_id__in=visible_reports(staff).values("pk"))
    if can(staff, Action.VIEW_INSPECTIONS):
        rectifications = visible_rectifications(staff).values("pk")
        seen |= Q(subject=Subject.RECTIFICATION, subject_id__in=rectifications)
    if can(staff, Action.VIEW_SITECHECK):
        seen |= Q(subject=Subject.SITECHECK)
    if is_whole_deployment(staff):
        seen |= Q(subject=Subject.NONE)
    return TaskRun.objects.filter(seen).select_related("requested_by__staff")


def get_run(staff: Staff, pk: int) -> TaskRun:
    """A run the staff member may see, its record checked again by its own getter; 404
    otherwise."""
    try:
        run = visible_runs(staff).get(pk=pk)
    except TaskRun.DoesNotExist:
        raise Http404 from None
    if run.subject == Subject.REPORT and run.subject_id is not None:
        get_report(staff, run.subject_id)
    elif run.subject == Subject.RECTIFICATION and run.subject_id is not None:
        get_rectification(staff, run.subject_id)
    return run
