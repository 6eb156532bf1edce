"""Every staff page lives under /staff/ in the ``staff`` namespace, so the outsider tests can
find them all (tests/test_access.py walks this list)."""

from django.urls import path

from gongkai.accounts import views as accounts
from gongkai.audit import views as audit
from gongkai.units import views as units
from gongkai.workdays import views as workdays

app_name = "staff"

urlpatterns = [
    path("", accounts.home, name="home"),
    path("units/", units.unit_list, name="unit_list"),
    path("units/new/", units.unit_create, name="unit_create"),
    path("units/<int:pk>/", units.unit_detail, name="unit_detail"),
    path("units/<int:pk>/edit/", units.unit_edit, name="unit_edit"),
    path("people/", units.staff_list, name="staff_list"),
    path("people/new/", units.staff_create, name="staff_create"),
    path("people/<int:pk>/", units.staff_edit, name="staff_edit"),
    path("people/<int:pk>/password/", units.staff_password, name="staff_password"),
    path("calendar/", workdays.calendar_index, name="calendar"),
    path("calendar/load/", workdays.calendar_load, name="calendar_load"),
    path("calendar/<int:year>/", workdays.calendar_year, name="calendar_year"),
    path("calendar/<int:year>/export/", workdays.calendar_export, name="calendar_export"),
    path("deadline/", workdays.staff_deadline, name="deadline"),
    path("audit/", audit.audit_list, name="audit"),
]
