from django.urls import include, path

urlpatterns = [
    path("", include("gongkai.portal.urls")),
    path("accounts/", include("gongkai.accounts.urls")),
    path("staff/", include("gongkai.staff_urls")),
]

handler404 = "gongkai.portal.views.not_found"
handler403 = "gongkai.portal.views.forbidden"
handler500 = "gongkai.portal.views.server_error"
