"""Every staff page lives under /staff/ in the ``staff`` namespace, so the outsider tests can
find them all (tests/accounts/test_access.py walks this list)."""

from django.urls import path

from gongkai import staff_home
from gongkai.accounts import views as accounts
from gongkai.appeals import views as appeals
from gongkai.applications import review_views
from gongkai.applications import views as applications
from gongkai.assessment import views as assessment
from gongkai.audit import views as audit
from gongkai.catalog import views as catalog
from gongkai.consultations import views as consultations
from gongkai.inspections import views as inspections
from gongkai.questions import views as questions
from gongkai.regions import views as regions
from gongkai.reports import views as reports
from gongkai.reuse import views as reuse
from gongkai.sitecheck import views as sitecheck
from gongkai.statistics import views as statistics
from gongkai.tasks import views as tasks
from gongkai.training import views as training
from gongkai.units import views as units
from gongkai.websitereport import views as websitereport
from gongkai.workdays import views as workdays

app_name = "staff"

urlpatterns = [
    path("", staff_home.home, name="home"),
    path("security/", accounts.security, name="security"),
    path("units/", units.unit_list, name="unit_list"),
    path("units/new/", units.unit_create, name="unit_create"),
    path("units/<int:pk>/", units.unit_detail, name="unit_detail"),
    path("units/<int:pk>/edit/", units.unit_edit, name="unit_edit"),
    path("units/<int:pk>/venues/new/", units.venue_create, name="venue_create"),
    path("people/", units.staff_list, name="staff_list"),
    path("people/new/", units.staff_create, name="staff_create"),
    path("people/<int:pk>/", units.staff_edit, name="staff_edit"),
    path("people/<int:pk>/password/", units.staff_password, name="staff_password"),
    path("calendar/", workdays.calendar_index, name="calendar"),
    path("calendar/load/", workdays.calendar_load, name="calendar_load"),
    path("calendar/regional/", regions.regional_days, name="regional_days"),
    path("calendar/regional/add/", regions.regional_day_add, name="regional_day_add"),
    path(
        "calendar/regional/<int:pk>/withdraw/",
        regions.regional_day_withdraw,
        name="regional_day_withdraw",
    ),
    path("calendar/<int:year>/", workdays.calendar_year, name="calendar_year"),
    path("calendar/<int:year>/export/", workdays.calendar_export, name="calendar_export"),
    path("deadline/", workdays.staff_deadline, name="deadline"),
    path("audit/", audit.audit_list, name="audit"),
    path("questions/", questions.question_list, name="questions"),
    path("questions/statistics/", questions.question_statistics, name="question_statistics"),
    path("questions/<int:pk>/", questions.question_detail, name="question"),
    path("questions/<int:pk>/route/", questions.question_route, name="question_route"),
    path("questions/<int:pk>/draft/", questions.question_draft, name="question_draft"),
    path("questions/<int:pk>/review/", questions.question_review, name="question_review"),
    path("questions/<int:pk>/convert/", questions.question_convert, name="question_convert"),
    path("applications/", applications.workbench, name="workbench"),
    path("applications/new/", applications.intake, name="intake"),
    path("applications/routing/", applications.routing, name="routing"),
    path("applications/export/", applications.export_view, name="export"),
    path("applications/review/", review_views.review_queue, name="review_queue"),
    path("applications/<int:pk>/", applications.case, name="case"),
    path("applications/<int:pk>/step/<slug:step>/", applications.case_step, name="case_step"),
    path("applications/<int:pk>/query-code/", applications.reset_code, name="reset_code"),
    path("applications/<int:pk>/reveal/", applications.reveal, name="reveal"),
    path("applications/<int:pk>/print/", applications.case_print, name="case_print"),
    path("applications/<int:pk>/casefile.zip", applications.case_zip, name="case_zip"),
    path("applications/<int:pk>/documents/<int:doc>/", applications.document, name="document"),
    path(
        "applications/<int:pk>/documents/<int:doc>/print/",
        applications.document_print,
        name="document_print",
    ),
    path("repeats/", reuse.repeats, name="repeats"),
    path("repeats/<int:pk>/draft/", reuse.repeat_draft, name="repeat_draft"),
    path("register/", reuse.register_settings, name="register_settings"),
    path("register/<int:pk>/release/", reuse.register_release, name="register_release"),
    path("notice-templates/", applications.template_list, name="templates"),
    path("notice-templates/<slug:kind>/", applications.template_edit, name="template_edit"),
    path("fees/", applications.fee_calculator, name="fees"),
    path("appeals/", appeals.appeal_list, name="appeals"),
    path("appeals/new/", appeals.appeal_create, name="appeal_create"),
    path("appeals/<int:pk>/", appeals.appeal_detail, name="appeal"),
    path("website-returns/", websitereport.return_list, name="website_returns"),
    path("website-returns/new/", websitereport.return_create, name="website_return_create"),
    path("website-returns/<int:pk>/", websitereport.return_detail, name="website_return"),
    path("website-returns/<int:pk>/edit/", websitereport.return_edit, name="website_return_edit"),
    path(
        "website-returns/<int:pk>/<slug:action>/",
        websitereport.return_act,
        name="website_return_act",
    ),
    path(
        "website-returns/<int:pk>/download.<slug:ext>",
        websitereport.return_download,
        name="website_return_download",
    ),
    path("concern-responses/", websitereport.response_list, name="concern_responses"),
    path("concern-responses/new/", websitereport.response_create, name="concern_response_create"),
    path("concern-responses/<int:pk>/", websitereport.response_edit, name="concern_response_edit"),
    path("reports/", reports.dashboard, name="reports"),
    path("reports/new/", reports.create, name="report_create"),
    path("reports/rollup/", reports.rollup_view, name="reports_rollup"),
    path("reports/mapping/", reports.mapping_view, name="report_mapping"),
    path("reports/check/", reports.check, name="report_check"),
    path("reports/<int:pk>/", reports.detail, name="report"),
    path("reports/<int:pk>/cell/", reports.cell, name="report_cell"),
    path("reports/<int:pk>/<slug:action>/", reports.act, name="report_act"),
    path("reports/<int:pk>/download.<slug:ext>", reports.download, name="report_download"),
    path("tasks/", tasks.run_list, name="tasks"),
    path("tasks/new/", tasks.run_queue, name="task_queue"),
    path("tasks/<int:pk>/", tasks.run_detail, name="task"),
    path("tasks/<int:pk>/file/", tasks.run_file, name="task_file"),
    path("sitecheck/", sitecheck.check, name="sitecheck"),
    path("sitecheck/selfcheck.xlsx", sitecheck.download, name="sitecheck_export"),
    path("catalog/", catalog.item_list, name="items"),
    path("catalog/new/", catalog.item_create, name="item_create"),
    path("catalog/<int:pk>/", catalog.item_detail, name="item"),
    path("catalog/<int:pk>/edit/", catalog.item_edit, name="item_edit"),
    path("catalog/<int:pk>/submit/", catalog.item_submit, name="item_submit"),
    path("catalog/<int:pk>/revise/", catalog.item_revise, name="item_revise"),
    path("catalog/<int:pk>/review/<slug:action>/", catalog.item_review, name="item_review"),
    path("catalog/<int:pk>/back-entry/", catalog.item_back_enter, name="item_back_enter"),
    path("catalog/<int:pk>/attachments/", catalog.attachment_add, name="attachment_add"),
    path(
        "catalog/<int:pk>/attachments/<int:attachment>/",
        catalog.attachment_download,
        name="attachment",
    ),
    path(
        "catalog/<int:pk>/attachments/<int:attachment>/delete/",
        catalog.attachment_delete,
        name="attachment_delete",
    ),
    path("columns/", catalog.column_units, name="column_units"),
    path("columns/<int:unit>/", catalog.columns, name="columns"),
    path("columns/<int:unit>/new/", catalog.column_edit, name="column_create"),
    path("columns/<int:unit>/<int:pk>/", catalog.column_edit, name="column_edit"),
    path("monitoring/", catalog.monitoring, name="monitoring"),
    path("statistics/", catalog.statistics, name="statistics"),
    path("guides/", catalog.guide_list, name="guides"),
    path("guides/<int:unit>/", catalog.guide_detail, name="guide"),
    path("transfers/", catalog.transfers, name="transfers"),
    path("reading-places/", catalog.places, name="places"),
    path("consultations/", consultations.consultation_list, name="consultations"),
    path("consultations/new/", consultations.consultation_create, name="consultation_create"),
    path("consultations/<int:pk>/", consultations.consultation_detail, name="consultation"),
    path(
        "consultations/<int:pk>/attachments/",
        consultations.attachment_add,
        name="consultation_attachment_add",
    ),
    path("consultations/<int:pk>/end/", consultations.consultation_end, name="consultation_end"),
    path(
        "consultations/<int:pk>/feedback/",
        consultations.feedback_publish,
        name="consultation_feedback",
    ),
    path(
        "consultations/<int:pk>/comments/<int:comment>/moderate/",
        consultations.comment_moderate,
        name="consultation_moderate",
    ),
    path(
        "consultations/<int:pk>/comments/<int:comment>/adoption/",
        consultations.comment_adoption,
        name="consultation_adoption",
    ),
    path("surveys/new/", consultations.survey_create, name="survey_create"),
    path("surveys/<int:pk>/", consultations.survey_detail, name="survey"),
    path("training/", training.session_list, name="training"),
    path("training/new/", training.session_create, name="training_create"),
    path("training/<int:pk>/", training.session_detail, name="training_session"),
    path("training/<int:pk>/edit/", training.session_edit, name="training_edit"),
    path("training/<int:pk>/attendance/", training.attendance_edit, name="training_attendance"),
    path("training/<int:pk>/materials/", training.material_add, name="training_material_add"),
    path(
        "training/<int:pk>/materials/<int:material>/",
        training.material_download,
        name="training_material",
    ),
    path("statistics/monthly/", statistics.monthly, name="monthly_statistics"),
    path(
        "statistics/monthly/export.xlsx",
        statistics.monthly_export,
        name="monthly_statistics_export",
    ),
    path("inspections/", inspections.rectification_list, name="inspections"),
    path("inspections/new/", inspections.inspection_create, name="inspection_create"),
    path("inspections/<int:pk>/", inspections.inspection_detail, name="inspection"),
    path("inspections/<int:pk>/findings/", inspections.finding_add, name="inspection_finding"),
    path("inspections/<int:pk>/issue/", inspections.rectification_issue, name="inspection_issue"),
    path("rectifications/<int:pk>/", inspections.rectification_detail, name="rectification"),
    path(
        "rectifications/<int:pk>/notice.docx",
        inspections.rectification_notice,
        name="rectification_notice",
    ),
    path(
        "rectifications/<int:pk>/respond/",
        inspections.rectification_respond,
        name="rectification_respond",
    ),
    path(
        "rectifications/<int:pk>/close/",
        inspections.rectification_close,
        name="rectification_close",
    ),
    path(
        "rectifications/<int:pk>/return/",
        inspections.rectification_return,
        name="rectification_return",
    ),
    path(
        "rectifications/<int:pk>/evidence/<int:evidence>/",
        inspections.evidence_download,
        name="rectification_evidence",
    ),
    path("assessment/", assessment.index, name="assessment"),
    path("assessment/new/", assessment.create, name="assessment_create"),
    path("assessment/rubric/", assessment.rubric, name="assessment_rubric"),
    path("assessment/rubric/load/", assessment.rubric_load, name="assessment_rubric_load"),
    path("assessment/<int:year>/", assessment.ranking, name="assessment_ranking"),
    path("assessment/<int:year>/export.xlsx", assessment.export, name="assessment_export"),
    path(
        "assessment/<int:year>/third-party/", assessment.third_party, name="assessment_third_party"
    ),
    path(
        "assessment/<int:year>/third-party/template.xlsx",
        assessment.template,
        name="assessment_template",
    ),
    path("assessment/<int:year>/units/<int:unit>/", assessment.sheet, name="assessment_sheet"),
    path(
        "assessment/<int:year>/units/<int:unit>/<slug:item>/",
        assessment.score,
        name="assessment_score",
    ),
    path("assessment/<int:year>/<slug:action>/", assessment.act, name="assessment_act"),
]
