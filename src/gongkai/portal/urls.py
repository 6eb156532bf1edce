from django.urls import path

from gongkai.applications import public_views as applications
from gongkai.portal import views
from gongkai.reports import views as reports

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("units/", views.unit_directory, name="units"),
    path("units/<slug:code>/", views.unit_page, name="unit"),
    path("deadline/", views.deadline, name="deadline"),
    path("apply/", applications.apply, name="apply"),
    path("apply/done/<uuid:token>/", applications.apply_done, name="apply_done"),
    path("track/", applications.lookup, name="lookup"),
    path("track/<str:tracking_number>/", applications.track, name="track"),
    path(
        "track/<str:tracking_number>/documents/<int:pk>/",
        applications.track_document,
        name="track_document",
    ),
    path("track/<str:tracking_number>/withdraw/", applications.withdraw, name="withdraw"),
    path("reports/", reports.archive, name="reports"),
    path("reports/<int:pk>/", reports.public_report, name="report"),
    path("reports/<int:pk>/download.<slug:ext>", reports.public_download, name="report_download"),
]
