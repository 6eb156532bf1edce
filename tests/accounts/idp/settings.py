"""A unified user centre (统一用户中心) for the SSO tests, in a process of its own: an OpenID
Connect provider (django-oidc-provider) and a CAS 3.0 server (django-cas-server) over one
user table, served over real HTTP by tests/accounts/idp/serve.py (docs/sso.md)."""

import os
from pathlib import Path

DATA = Path(os.environ["IDP_DATA_DIR"])
SECRET_KEY = "idp-test-only-" + "y" * 40
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
SITE_URL = os.environ["IDP_URL"]  # the issuer (django-oidc-provider)
ROOT_URLCONF = "tests.accounts.idp.urls"
INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "oidc_provider",
    "cas_server",
]
MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [Path(__file__).parent / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]
        },
    }
]
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": DATA / "idp.sqlite3"}}
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STATIC_URL = "/static/"
LOGIN_URL = "/login/"
USE_TZ = True
# Gongkai's and the IdP's session cookies are both for 127.0.0.1: different names.
SESSION_COOKIE_NAME = "idp_session"
CSRF_COOKIE_NAME = "idp_csrf"
# OpenID Connect: the subject is the user name; the ID token carries the profile's claims.
OIDC_IDTOKEN_SUB_GENERATOR = "tests.accounts.idp.claims.sub"
OIDC_USERINFO = "tests.accounts.idp.claims.userinfo"
OIDC_EXTRA_SCOPE_CLAIMS = "tests.accounts.idp.claims.IdentityScope"
OIDC_IDTOKEN_INCLUDE_CLAIMS = True
OIDC_SKIP_CONSENT_EXPIRE = 1
# CAS: users of the Django table, the session ends with the CAS logout.
CAS_AUTH_CLASS = "cas_server.auth.DjangoAuthUser"
CAS_SHOW_POWERED = False
CAS_NEW_VERSION_HTML_WARNING = False
CAS_NEW_VERSION_EMAIL_WARNING = False
CAS_REDIRECT_TO_LOGIN_AFTER_LOGOUT = False
