from django.urls import path

from gongkai.applications import public_views as applications
from gongkai.consultations import public_views as consultations
from gongkai.opendata import views as opendata
from gongkai.portal import catalog_views as catalog
from gongkai.portal import lookup_views, policy_views, reuse_views, views
from gongkai.questions import public_views as questions
from gongkai.reports import views as reports
from gongkai.websitereport import public_views as websitereport

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("units/", views.unit_directory, name="units"),
    path("units/<slug:code>/", catalog.unit_catalog, name="unit"),
    path("units/<slug:code>/guide/", catalog.guide_page, name="guide"),
    path("columns/<int:pk>/", catalog.column_page, name="column"),
    path("columns/<int:pk>/feed.atom", catalog.ColumnFeed(), name="column_feed"),
    path("key-areas/", catalog.key_areas, name="key_areas"),
    path("interpretations/", catalog.interpretations, name="interpretations"),
    path("policies/", policy_views.policies, name="policies"),
    path("policies.csv", policy_views.policies_csv, name="policies_csv"),
    path("items/<int:pk>/", catalog.item_page, name="item"),
    path(
        "items/<int:pk>/attachments/<int:attachment>/",
        catalog.attachment_download,
        name="attachment",
    ),
    path("search/", catalog.search, name="search"),
    path("api/items", catalog.api_items, name="api_items"),
    path("api/", opendata.api_page, name="api"),
    path("api/openapi.json", opendata.openapi_json, name="api_openapi"),
    path("api/catalog.json", opendata.catalog_json, name="api_catalog"),
    path("api/items/<int:year>.<slug:ext>", opendata.items_year, name="api_items_year"),
    path("api/questions/<int:year>.<slug:ext>", opendata.questions_year, name="api_questions_year"),
    path("api/reports/<int:year>.<slug:ext>", opendata.reports_year, name="api_reports_year"),
    path("display/", views.display, name="display"),
    path("deadline/", views.deadline, name="deadline"),
    path("apply/", lookup_views.apply, name="apply"),
    path("lookup/similar.json", lookup_views.similar_json, name="similar"),
    path("from-requests/", reuse_views.from_requests, name="from_requests"),
    path("register/", reuse_views.register, name="register"),
    path(
        "register/<str:tracking_number>/documents/<int:pk>/",
        reuse_views.register_document,
        name="register_document",
    ),
    path("apply/form/", applications.apply_form, name="apply_form"),
    path("apply/done/<uuid:token>/", applications.apply_done, name="apply_done"),
    path("track/", applications.lookup, name="lookup"),
    path("track/<str:tracking_number>/", applications.track, name="track"),
    path(
        "track/<str:tracking_number>/documents/<int:pk>/",
        applications.track_document,
        name="track_document",
    ),
    path("track/<str:tracking_number>/correct/", applications.correct, name="correct"),
    path("track/<str:tracking_number>/withdraw/", applications.withdraw, name="withdraw"),
    path("questions/", questions.published_list, name="questions"),
    path("questions/<int:pk>/", questions.published_page, name="question"),
    path("questions/ask/", lookup_views.ask, name="ask"),
    path("questions/ask/done/<uuid:token>/", questions.done, name="question_done"),
    path("questions/track/", questions.lookup, name="question_lookup"),
    path("questions/track/<str:tracking_number>/", questions.status, name="question_status"),
    path("site-error/", questions.site_error, name="site_error"),
    path("sitemap/", views.sitemap_page, name="sitemap_page"),
    path("consultations/", consultations.consultation_list, name="consultations"),
    path("consultations/<int:pk>/", consultations.consultation_page, name="consultation"),
    path(
        "consultations/<int:pk>/attachments/<int:attachment>/",
        consultations.attachment_download,
        name="consultation_attachment",
    ),
    path("surveys/<int:pk>/", consultations.survey_page, name="survey"),
    path("reports/", reports.archive, name="reports"),
    path("reports/<int:pk>/", reports.public_report, name="report"),
    path("reports/<int:pk>/download.<slug:ext>", reports.public_download, name="report_download"),
    path("website-report/<int:year>/", websitereport.published_return, name="website_return"),
    path(
        "website-report/<int:year>/download.<slug:ext>",
        websitereport.published_download,
        name="website_return_download",
    ),
    path("sitemap.xml", views.sitemap_index, name="sitemap"),
    path("sitemap-<section>.xml", views.sitemap_section, name="sitemap_section"),
]
