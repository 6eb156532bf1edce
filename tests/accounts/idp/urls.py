from django.contrib.auth import views as auth
from django.urls import include, path

urlpatterns = [
    path("login/", auth.LoginView.as_view(template_name="idp/login.html"), name="login"),
    path("logout/", auth.LogoutView.as_view(template_name="idp/logged_out.html"), name="logout"),
    path("", include("oidc_provider.urls", namespace="oidc_provider")),
    path("cas/", include("cas_server.urls", namespace="cas_server")),
]
