from django.urls import path

from gongkai.portal import views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("units/", views.unit_directory, name="units"),
    path("units/<slug:code>/", views.unit_page, name="unit"),
    path("deadline/", views.deadline, name="deadline"),
]
