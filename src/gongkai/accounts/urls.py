from django.contrib.auth import views as auth
from django.urls import path

from gongkai.accounts import sso_views, views

app_name = "accounts"

urlpatterns = [
    path("login/", views.login_view, name="login"),
    path("login/code/", views.login_code, name="login_code"),
    path("logout/", views.logout_view, name="logout"),
    path("sso/oidc/login/", sso_views.oidc_login, name="oidc_login"),
    path("sso/oidc/apply/", sso_views.oidc_apply, name="oidc_apply"),
    path("sso/oidc/callback/", sso_views.oidc_callback, name="oidc_callback"),
    path("sso/cas/login/", sso_views.cas_login, name="cas_login"),
    path("sso/cas/callback/", sso_views.cas_callback, name="cas_callback"),
    path(
        "password/",
        auth.PasswordChangeView.as_view(
            template_name="accounts/password_change.html", success_url="/staff/"
        ),
        name="password_change",
    ),
]
