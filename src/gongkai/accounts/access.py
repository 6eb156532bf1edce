"""Who may see and do what: the one place access is decided.

Views never test roles themselves. A staff view is wrapped in :func:`staff_view`, which names
the action it performs; objects that belong to a unit are obtained only through guarded
getters. An outsider — not logged in, not staff, or staff of another unit — gets 404, never
403, so a page does not even confirm that a record exists. A read-only role (监督) that tries to
change something gets 403 with a message saying why.

This module holds the roles' logic: the policy, :func:`can`, which unit's rows a member of
staff sees (:func:`in_own_unit`), and the getters of units and staff, whose models it needs
anyway (a Staff record carries the role). The getters of the domain's records live next to
their models and call these: ``applications/access.py``, ``appeals/access.py``,
``catalog/access.py``, ``reports/access.py``. This module imports none of those apps: they sit
above it (docs/architecture.md).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from enum import StrEnum
from typing import TYPE_CHECKING, Any, TypeVar

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.forms import BaseForm, ModelChoiceField
from django.http import Http404, HttpRequest, HttpResponseBase

from gongkai.units import tree
from gongkai.units.models import Role, Staff, Unit

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser


class Action(StrEnum):
    STAFF_HOME = "staff_home"  # the staff pages at all
    VIEW_UNITS = "view_units"  # unit registry, own unit or all by role
    EDIT_UNIT = "edit_unit"  # a unit's contacts (own unit's reviewer, or the office)
    CREATE_UNIT = "create_unit"
    VIEW_STAFF = "view_staff"
    MANAGE_STAFF = "manage_staff"
    VIEW_CALENDAR = "view_calendar"
    MANAGE_CALENDAR = "manage_calendar"  # load a year's holiday arrangement
    # enter or withdraw the days a government adds to its region's calendar (its office)
    MANAGE_REGIONAL_DAYS = "manage_regional_days"
    VIEW_AUDIT = "view_audit"
    VIEW_CASES = "view_cases"  # applications and appeals, own unit or all by role
    INTAKE = "intake"  # register an application received at the counter, by post …
    HANDLE_CASE = "handle_case"  # the handling steps of the unit's own cases
    APPROVE = "approve"  # approve an extension or a decision (审核人)
    ROUTE = "route"  # assign applications to units (公开办)
    VIEW_TEMPLATES = "view_templates"
    MANAGE_TEMPLATES = "manage_templates"
    RECORD_APPEAL = "record_appeal"  # 行政复议、行政诉讼、举报投诉
    EXPORT = "export"  # application lists as CSV/XLSX, personal data masked
    # A case's identity-document number and telephone in full (an audited POST), exports too
    REVEAL_PERSONAL_DATA = "reveal_personal_data"
    VIEW_REPORTS = "view_reports"  # annual reports, own unit's or all by role
    EDIT_REPORT = "edit_report"  # draft a report: the unit's own, the office any
    SUBMIT_REPORT = "submit_report"  # the unit submits its report to the office (审核人)
    # a government's office submits its consolidated report to the office of the government
    # above it (国办公开办函〔2021〕30号's roll-up: 县级 to the city, the city to the province)
    SUBMIT_REPORT_UP = "submit_report_up"
    # the office of the government above accepts it or returns it for correction (退回修改)
    RECEIVE_REPORT = "receive_report"
    PUBLISH_REPORT = "publish_report"  # review, return, publish, reopen (公开办)
    CHECK_REPORT = "check_report"  # upload published reports to the checker; stores nothing
    VIEW_CATALOG = "view_catalog"  # items, columns, guides, transfers: own unit's or all by role
    EDIT_ITEM = "edit_item"  # draft, edit, attach, submit the unit's items (经办人、审核人)
    REVIEW_ITEM = "review_item"  # 保密审查 and publish, return, revise, withdraw, validity (审核人)
    MANAGE_COLUMNS = "manage_columns"  # the column trees of every unit (公开办)
    VIEW_MONITORING = "view_monitoring"  # stale columns, late items … own unit's or all by role
    EDIT_GUIDE = "edit_guide"  # publish a new version of a unit's guide
    RECORD_TRANSFER = "record_transfer"  # paper documents sent to the reading places
    MANAGE_PLACES = "manage_places"  # the list of public reading places (公开办)
    MANAGE_VENUES = "manage_venues"  # where each unit's replies may be contested (公开办)
    OWN_TOTP = "own_totp"  # bind or remove one's own one-time-code app (two-factor login)
    VIEW_TRAINING = "view_training"  # the district's training sessions and who attended
    MANAGE_TRAINING = "manage_training"  # record sessions, attendance, materials (公开办)
    VIEW_STATISTICS = "view_statistics"  # monthly figures: own unit's, or the district and all
    VIEW_INSPECTIONS = "view_inspections"  # inspections and rectifications: own unit's or all
    MANAGE_INSPECTIONS = "manage_inspections"  # inspect, findings, issue, close, return (公开办)
    RESPOND_RECTIFICATION = "respond_rectification"  # the own unit's 整改情况 (经办人、审核人)
    # enter a historical item with its original publication date and source (公开办 only)
    BACK_ENTER_ITEM = "back_enter_item"
    VIEW_SITECHECK = "view_sitecheck"  # the website self-check under 国办秘函〔2019〕19号
    VIEW_ASSESSMENT = "view_assessment"  # the rubric, and score sheets: own unit's or all by role
    VIEW_RANKING = "view_ranking"  # every unit's scores and the ranking, the summary table
    MANAGE_ASSESSMENT = "manage_assessment"  # open, score, import, lock, reopen; rubrics (公开办)
    VIEW_QUESTIONS = "view_questions"  # the public's questions: own unit's or all by role
    ROUTE_QUESTION = "route_question"  # give a question to the unit that answers it (公开办)
    ANSWER_QUESTION = "answer_question"  # draft the reply to the unit's question (经办人、审核人)
    APPROVE_ANSWER = "approve_answer"  # approve the reply, which publishes it (审核人)
    CONVERT_QUESTION = "convert_question"  # register a question as a disclosure application
    VIEW_QUESTION_STATISTICS = "view_question_statistics"  # every unit's figures and on-time rate
    VIEW_CONSULTATIONS = "view_consultations"  # consultations on drafts, comments, surveys
    # open a consultation, moderate its comments, publish its feedback, surveys (公开办)
    MANAGE_CONSULTATIONS = "manage_consultations"
    VIEW_REPEATS = "view_repeats"  # applications asking for the same information: own unit's or all
    # turn such a cluster into a draft item (第四十四条): the unit's staff, and the office
    DRAFT_FROM_REPEATS = "draft_from_repeats"
    MANAGE_REGISTER = "manage_register"  # the unit's de-identified register on or off, releases
    # the website's annual return (政府网站工作年度报表) and the log of responses to concerns
    VIEW_WEBSITE_RETURN = "view_website_return"
    # enter, publish, reopen the return; log responses (公开办)
    MANAGE_WEBSITE_RETURN = "manage_website_return"
    # the background runs of the records one sees, and their files (tasks/access.py decides
    # which, through each record's own getter)
    VIEW_TASKS = "view_tasks"
    # queue a task that makes a file of a record one may read (a report's DOCX, a notice, the
    # self-check's sheet): it changes no record, so the read-only role may post it too
    RUN_TASKS = "run_tasks"


ALL_ROLES = frozenset(Role)
OFFICE = frozenset({Role.OFFICE})
READERS = frozenset({Role.OFFICE, Role.SUPERVISOR})
UNIT_STAFF = frozenset({Role.CLERK, Role.REVIEWER})

# The policy: which roles may perform each action. Tests walk this table.
POLICY: dict[Action, frozenset[Role]] = {
    Action.STAFF_HOME: ALL_ROLES,
    Action.VIEW_UNITS: ALL_ROLES,
    Action.EDIT_UNIT: frozenset({Role.OFFICE, Role.REVIEWER}),
    Action.CREATE_UNIT: OFFICE,
    Action.VIEW_STAFF: ALL_ROLES,
    Action.MANAGE_STAFF: OFFICE,
    Action.VIEW_CALENDAR: ALL_ROLES,
    Action.MANAGE_CALENDAR: OFFICE,
    Action.MANAGE_REGIONAL_DAYS: OFFICE,
    Action.VIEW_AUDIT: ALL_ROLES,
    Action.VIEW_CASES: ALL_ROLES,
    Action.INTAKE: UNIT_STAFF | OFFICE,
    Action.HANDLE_CASE: UNIT_STAFF,
    Action.APPROVE: frozenset({Role.REVIEWER}),
    Action.ROUTE: OFFICE,
    Action.VIEW_TEMPLATES: ALL_ROLES,
    Action.MANAGE_TEMPLATES: OFFICE,
    Action.RECORD_APPEAL: UNIT_STAFF | OFFICE,
    Action.EXPORT: READERS,
    # The unit's staff who handle the case, and the office; never the supervisor, who reads
    # cases to oversee the work and needs no one's full number (《个人信息保护法》第六条).
    Action.REVEAL_PERSONAL_DATA: UNIT_STAFF | OFFICE,
    Action.VIEW_REPORTS: ALL_ROLES,
    Action.EDIT_REPORT: UNIT_STAFF | OFFICE,
    Action.SUBMIT_REPORT: frozenset({Role.REVIEWER}),
    Action.SUBMIT_REPORT_UP: OFFICE,
    Action.RECEIVE_REPORT: OFFICE,
    Action.PUBLISH_REPORT: OFFICE,
    Action.CHECK_REPORT: ALL_ROLES,
    Action.VIEW_CATALOG: ALL_ROLES,
    Action.EDIT_ITEM: UNIT_STAFF,
    Action.REVIEW_ITEM: frozenset({Role.REVIEWER}),
    Action.MANAGE_COLUMNS: OFFICE,
    Action.VIEW_MONITORING: ALL_ROLES,
    Action.EDIT_GUIDE: frozenset({Role.OFFICE, Role.REVIEWER}),
    Action.RECORD_TRANSFER: UNIT_STAFF | OFFICE,
    Action.MANAGE_PLACES: OFFICE,
    Action.MANAGE_VENUES: OFFICE,
    # Who routes every unit's cases and who approves replies and publications: the accounts
    # worth a second factor (gongkai.accounts.services.totp_role).
    Action.OWN_TOTP: frozenset({Role.OFFICE, Role.REVIEWER}),
    Action.VIEW_TRAINING: READERS,
    Action.MANAGE_TRAINING: OFFICE,
    Action.VIEW_STATISTICS: ALL_ROLES,
    Action.VIEW_INSPECTIONS: ALL_ROLES,
    Action.MANAGE_INSPECTIONS: OFFICE,
    Action.RESPOND_RECTIFICATION: UNIT_STAFF,
    # A date typed by hand is the 19号 veto 伪造发稿日期 unless someone answers for it: only the
    # office enters the past, with its source.
    Action.BACK_ENTER_ITEM: OFFICE,
    Action.VIEW_SITECHECK: READERS,
    # The office runs the district's consultations for the drafting units (docs/consultations.md)
    Action.VIEW_CONSULTATIONS: READERS,
    Action.MANAGE_CONSULTATIONS: OFFICE,
    # The office assesses the units (《条例》第四十六条); each unit sees its own sheet only.
    Action.VIEW_ASSESSMENT: ALL_ROLES,
    Action.VIEW_RANKING: READERS,
    Action.MANAGE_ASSESSMENT: OFFICE,
    # The public's questions (留言咨询): the office routes, the unit answers and its reviewer
    # approves the reply (a second person); either converts a request for information.
    Action.VIEW_QUESTIONS: ALL_ROLES,
    Action.ROUTE_QUESTION: OFFICE,
    Action.ANSWER_QUESTION: UNIT_STAFF,
    Action.APPROVE_ANSWER: frozenset({Role.REVIEWER}),
    Action.CONVERT_QUESTION: UNIT_STAFF | OFFICE,
    Action.VIEW_QUESTION_STATISTICS: READERS,
    Action.VIEW_REPEATS: ALL_ROLES,
    Action.DRAFT_FROM_REPEATS: UNIT_STAFF | OFFICE,
    # What the unit publishes about its cases: its head of disclosure (审核人), or the office.
    Action.MANAGE_REGISTER: frozenset({Role.OFFICE, Role.REVIEWER}),
    # The office keeps the district website's return and its response log; the supervisor reads.
    Action.VIEW_WEBSITE_RETURN: READERS,
    Action.MANAGE_WEBSITE_RETURN: OFFICE,
    # Whoever may read a record may have its file made; which records: tasks/access.py
    Action.VIEW_TASKS: ALL_ROLES,
    Action.RUN_TASKS: ALL_ROLES,
}

# Roles that see every unit rather than their own.
DISTRICT_WIDE = READERS

# The pages of records that belong to the whole deployment, not to a unit: the calendar, the
# notice templates, the reading places, the training sessions (each with every unit's
# attendance), the assessment's ranking and its management, the website self-check and the
# website's annual return. The office and the supervisor of a government below the top one
# (accounts.access.scope) do not have them: they would show or change other governments'
# units (docs/governments.md).
DEPLOYMENT_ACTIONS = frozenset(
    {
        Action.MANAGE_CALENDAR,
        Action.MANAGE_TEMPLATES,
        Action.MANAGE_PLACES,
        Action.VIEW_TRAINING,
        Action.MANAGE_TRAINING,
        Action.VIEW_SITECHECK,
        Action.VIEW_RANKING,
        Action.MANAGE_ASSESSMENT,
        Action.VIEW_WEBSITE_RETURN,
        Action.MANAGE_WEBSITE_RETURN,
    }
)

# Actions that change nothing, which the read-only role may perform when the policy allows it.
READ_ONLY_ACTIONS = frozenset(
    {
        Action.STAFF_HOME,
        Action.VIEW_UNITS,
        Action.VIEW_STAFF,
        Action.VIEW_CALENDAR,
        Action.VIEW_AUDIT,
        Action.VIEW_CASES,
        Action.VIEW_TEMPLATES,
        Action.EXPORT,
        Action.VIEW_REPORTS,
        Action.CHECK_REPORT,
        Action.VIEW_CATALOG,
        Action.VIEW_MONITORING,
        Action.VIEW_TRAINING,
        Action.VIEW_STATISTICS,
        Action.VIEW_INSPECTIONS,
        Action.VIEW_SITECHECK,
        Action.VIEW_ASSESSMENT,
        Action.VIEW_RANKING,
        Action.VIEW_QUESTIONS,
        Action.VIEW_QUESTION_STATISTICS,
        Action.VIEW_REPEATS,
        Action.VIEW_WEBSITE_RETURN,
        Action.VIEW_TASKS,
        Action.RUN_TASKS,
    }
)

# Read-only actions whose form is posted (a file to be checked) yet change nothing and store
# nothing: the read-only role may post to them.
READ_ONLY_POSTS = frozenset({Action.CHECK_REPORT, Action.RUN_TASKS})


def staff_of(user: AbstractBaseUser | AnonymousUser | None) -> Staff | None:
    """The active staff record of a user, or None."""
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    try:
        staff: Staff = user.staff  # type: ignore[attr-defined]
    except Staff.DoesNotExist:
        return None
    return staff


def can(staff: Staff | None, action: Action) -> bool:
    """Whether the role allows ``action``; an action on the deployment's own records
    (DEPLOYMENT_ACTIONS) only for the office and supervisor of the whole deployment."""
    if staff is None or Role(staff.role) not in POLICY[action]:
        return False
    return action not in DEPLOYMENT_ACTIONS or scope(staff) is None


def is_office(staff: Staff) -> bool:
    """A government's disclosure office (公开办), which acts for any unit of its government's
    subtree where the policy lets it (drafts any unit's report, changes any unit's contacts)."""
    return staff.role == Role.OFFICE


def is_district_wide(staff: Staff) -> bool:
    """Sees every unit's records of its government's subtree, not only its own unit's: the
    office and the supervisor. Pages show such a member of staff the per-unit counts, the unit
    filters, the rows of every unit they see (:func:`scope`)."""
    return staff.role in DISTRICT_WIDE


def is_read_only(staff: Staff) -> bool:
    """Reads everything and changes nothing (监督)."""
    return staff.role == Role.SUPERVISOR


# --- the subtree a member of staff sees (many governments in one deployment) ---------------------
_SCOPE_CACHE = "_gongkai_scope"


def scope(staff: Staff) -> frozenset[int] | None:
    """The ids of the units whose records the staff member sees; ``None`` for the whole
    deployment (every unit and the records of no unit). docs/governments.md:

    - a clerk or a reviewer: their own unit (none without one);
    - the office and the supervisor without a unit: the whole deployment, as ever;
    - the office and the supervisor of a unit: the subtree of the government at or above that
      unit (units.tree), the unit being the government itself or its general office (政府办公室,
      where the 公开办 sits); the deployment's top government (the one government of the
      registry without a parent) is the whole deployment, so a single-district deployment is
      what it always was; a unit under no government at all (a registry kept before the tree)
      is the whole deployment too.

    Computed once per Staff instance (a request's), from one query of the tree."""
    cached: frozenset[int] | str | None = getattr(staff, _SCOPE_CACHE, "")
    if cached != "":
        return cached  # type: ignore[return-value]
    found: frozenset[int] | None
    if not is_district_wide(staff):
        found = frozenset() if staff.unit_id is None else frozenset({staff.unit_id})
    elif staff.unit_id is None:
        found = None
    else:
        found = tree.government_scope(staff.unit_id)
    setattr(staff, _SCOPE_CACHE, found)
    return found


def is_whole_deployment(staff: Staff) -> bool:
    """Sees every unit of the deployment and the records of no unit (the unrouted cases, the
    deployment's consolidated report): the unscoped office and supervisor."""
    return is_district_wide(staff) and scope(staff) is None


def sees_unit(staff: Staff, unit_id: int | None) -> bool:
    """Whether the records of unit ``unit_id`` (``None``: of no unit) are in the staff
    member's scope."""
    seen = scope(staff)
    if seen is None:
        return True
    return unit_id is not None and unit_id in seen


def acts_for(staff: Staff, unit_id: int | None) -> bool:
    """Whether the staff member acts for the unit ``unit_id`` where the policy lets them act at
    all: the office for any unit of its scope and, the deployment's office, for the records of
    no unit (``None``: the consolidated report), the others for their own unit only."""
    if is_office(staff):
        return sees_unit(staff, unit_id)
    return unit_id is not None and staff.unit_id == unit_id


def own_government_id(staff: Staff) -> int | None:
    """The government whose office (or supervisor) the staff member is: the nearest government
    at or above their unit; for the whole deployment's (no unit, a unit under no government,
    or the top government's), the deployment's top government — None when there is none or
    several side by side. None for unit staff, who work for their unit, not a government.
    The roll-up of the annual reports asks it: a government's office submits its own
    consolidated report and receives those of the governments directly below (docs/rollup.md)."""
    if not is_district_wide(staff):
        return None
    if staff.unit_id is not None:
        found = tree.government_above(staff.unit_id)
        if found is not None:
            return found
    top = tree.top_government()
    return top.pk if top is not None else None


_Rows = TypeVar("_Rows", bound=QuerySet[Any])


def in_own_unit(staff: Staff, rows: _Rows, field: str = "unit_id", *, unrouted: str = "") -> _Rows:
    """The rows, each of one unit (a ``unit`` column, or ``field``), that the staff member may
    see: every unit's of their scope for the office and the supervisor (every row at all for
    the deployment's), the own unit's for the others, none for staff without a unit. Every
    ``visible_…`` getter goes through here.

    ``unrouted`` names the column of the government a row of no unit was sent to (an
    application or a question left 不确定 on a government's portal host): such a row is the
    office's and the supervisor's of that government's scope too, never a unit's staff's, even
    when their unit is the government itself (docs/governments.md)."""
    seen = scope(staff)
    if seen is None:
        return rows
    if not seen:
        return rows.none()
    own = Q(**{field: next(iter(seen))}) if len(seen) == 1 else Q(**{f"{field}__in": seen})
    if unrouted and is_district_wide(staff):
        own |= Q(**{f"{field}__isnull": True, f"{unrouted}__in": seen})
    return rows.filter(own)


StaffView = Callable[..., HttpResponseBase]


def staff_view(action: Action) -> Callable[[StaffView], StaffView]:
    """Wrap a staff view: log in first, then the role must allow ``action``; the view receives
    the caller's Staff record as its second argument."""

    def decorator(view: StaffView) -> StaffView:
        @functools.wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            staff = staff_of(request.user)
            if staff is None:
                raise Http404
            if not can(staff, action):
                if is_read_only(staff) and action not in READ_ONLY_ACTIONS:
                    raise PermissionDenied("监督角色只能查看，不能修改")
                raise Http404
            if (
                request.method not in ("GET", "HEAD")
                and is_read_only(staff)
                and action not in READ_ONLY_POSTS
            ):
                raise PermissionDenied("监督角色只能查看，不能修改")
            return view(request, staff, *args, **kwargs)

        wrapped.gongkai_action = action  # type: ignore[attr-defined]
        return wrapped

    return decorator


# --- guarded getters of units and staff ----------------------------------------------------------
def visible_units(staff: Staff) -> QuerySet[Unit]:
    """The units the staff member sees: their scope (:func:`scope`)."""
    return in_own_unit(staff, Unit.objects.all(), field="pk")


def get_unit(staff: Staff, pk: int, *, for_change: bool = False) -> Unit:
    """A unit the staff member may see (or change, with ``for_change``); 404 otherwise."""
    try:
        unit = visible_units(staff).get(pk=pk)
    except Unit.DoesNotExist:
        raise Http404 from None
    if for_change and not can_change_unit(staff, unit):
        raise Http404
    return unit


def can_change_unit(staff: Staff, unit: Unit) -> bool:
    if is_office(staff):
        return sees_unit(staff, unit.pk)
    return staff.role == Role.REVIEWER and staff.unit_id == unit.pk


def visible_staff(staff: Staff) -> QuerySet[Staff]:
    return in_own_unit(staff, Staff.objects.select_related("user", "unit"))


def get_staff_member(staff: Staff, pk: int, *, for_change: bool = False) -> Staff:
    try:
        member = visible_staff(staff).get(pk=pk)
    except Staff.DoesNotExist:
        raise Http404 from None
    if for_change and not can(staff, Action.MANAGE_STAFF):
        raise Http404
    return member


_Form = TypeVar("_Form", bound=BaseForm)


def units_in_scope(staff: Staff, form: _Form, *names: str, required: bool = False) -> _Form:
    """The form's unit choices (the fields ``names``, default ``unit``) narrowed to the units
    the staff member sees: a government's office routes, registers and appoints within its own
    subtree. With ``required``, staff short of the whole deployment must choose one (no unit
    is the deployment's, not theirs to give)."""
    for name in names or ("unit",):
        field = form.fields.get(name)
        if isinstance(field, ModelChoiceField):
            field.queryset = field.queryset.filter(pk__in=visible_units(staff))  # type: ignore[union-attr]
            if required and not is_whole_deployment(staff):
                field.required = True
    return form


def receiving_government(staff: Staff) -> Unit | None:
    """The government a submission registered by this member of staff was sent to (the
    counter it came in at): the government at or above their unit, whose office routes it while
    it has no unit; None for staff without a unit (the deployment's office, as ever) and for a
    unit under no government."""
    if staff.unit is None:
        return None
    return tree.government_of(staff.unit)


def visible_audit_units(staff: Staff) -> QuerySet[Unit] | None:
    """None means every unit's events (and the deployment's own)."""
    if is_whole_deployment(staff):
        return None
    return visible_units(staff)
