from django.contrib.auth import views as auth
from django.urls import path

from gongkai.accounts import views

app_name = "accounts"

urlpatterns = [
    path("login/", views.login_view, name="login"),
    path("login/code/", views.login_code, name="login_code"),
    path("logout/", views.logout_view, name="logout"),
    path(
        "password/",
        auth.PasswordChangeView.as_view(
            template_name="accounts/password_change.html", success_url="/staff/"
        ),
        name="password_change",
    ),
]
