"""Django settings. Every value that differs between installations comes from the environment,
parsed strictly by :mod:`gongkai.env`; docs/settings.md documents each variable."""

from __future__ import annotations

import secrets
import string
from pathlib import Path

from gongkai.env import SettingError, from_environ

env = from_environ()

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = env.path("GONGKAI_DATA_DIR", Path.cwd() / "data")

DEBUG = env.boolean("GONGKAI_DEBUG", False)


def _secret_key() -> str:
    configured = env.text("GONGKAI_SECRET_KEY", "")
    if configured:
        if len(configured) < 32:
            raise SettingError("GONGKAI_SECRET_KEY 过短：至少32个字符 (at least 32 characters)")
        return configured
    # No key configured: keep a generated one in the data folder, so sessions survive restarts
    # and nothing secret is ever committed.
    key_file = DATA_DIR / "secret_key"
    if key_file.exists():
        return key_file.read_text(encoding="ascii").strip()
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    key_file.write_text(key, encoding="ascii")
    key_file.chmod(0o600)
    return key


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env.items("GONGKAI_ALLOWED_HOSTS", ("localhost", "127.0.0.1", "[::1]"))
CSRF_TRUSTED_ORIGINS = env.items("GONGKAI_CSRF_TRUSTED_ORIGINS", ())
SECURE_COOKIES = env.boolean("GONGKAI_SECURE_COOKIES", False)
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
SESSION_COOKIE_AGE = env.integer("GONGKAI_SESSION_HOURS", 8, minimum=1, maximum=24 * 30) * 3600

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "gongkai.core",
    "gongkai.audit",
    "gongkai.units",
    "gongkai.accounts",
    "gongkai.workdays",
    "gongkai.applications",
    "gongkai.appeals",
    "gongkai.reports",
    "gongkai.catalog",
    "gongkai.search",
    "django.contrib.sitemaps",
    "gongkai.portal",
    "gongkai.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "gongkai.portal.middleware.DisplayPreferences",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "gongkai.urls"
WSGI_APPLICATION = "gongkai.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "gongkai.accounts.context.staff",
                "gongkai.portal.context.site",
            ],
        },
    },
]

DATABASES = {"default": env.database("GONGKAI_DATABASE_URL", DATA_DIR / "gongkai.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "staff:home"
LOGOUT_REDIRECT_URL = "portal:home"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = env.text("GONGKAI_TIME_ZONE", "Asia/Shanghai")
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # the data folder is created here at start-up
STATICFILES_DIRS = [BASE_DIR / "static"]
# Static files are vendored in the apps and served by WhiteNoise straight from there: nothing
# to collect before the first start, and no CDN.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

MEDIA_ROOT = DATA_DIR / "media"
SEARCH_INDEX_DIR = DATA_DIR / "search"  # the embedded search index (gongkai.search.engine)
# Impact tiers of the hot words (gongkai.search.tiers.Settings: hot_share, tier_share,
# min_documents, max_words); a tuning of speed only, results are the same whatever the values.
SEARCH_TIERS: dict[str, float] = {}
MAX_UPLOAD_MB = env.integer("GONGKAI_MAX_UPLOAD_MB", 20, minimum=1, maximum=500)
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

# --- the statutory clock: the readings the spec marks unverified, as settings ----------------
# Whether the start and end days of a pause (consultation, fee) are themselves not counted.
GONGKAI_PAUSE_BOUNDARY = env.choice(
    "GONGKAI_PAUSE_BOUNDARY", "exclusive", ("exclusive", "inclusive")
)
# Whether the time between a fee notice and payment is excluded from the answer period.
GONGKAI_FEE_PAUSES_CLOCK = env.boolean("GONGKAI_FEE_PAUSES_CLOCK", True)
# Working days before the due date from which a case counts as "due soon".
GONGKAI_DUE_SOON_DAYS = env.integer("GONGKAI_DUE_SOON_DAYS", 3, minimum=1, maximum=20)
# A fee notice sent by post whose receipt has not been recorded yet is taken as received this
# many calendar days after it was posted (docs/deadlines.md; the applicant's 20 working days
# to pay run from the day after receipt, 国办函〔2020〕109号).
GONGKAI_POST_DELIVERY_DAYS = env.integer("GONGKAI_POST_DELIVERY_DAYS", 7, minimum=0, maximum=60)
# Whose applications count toward the monthly free allowance of the per-application fee: the
# same applicant's to the same agency (`agency`, our reading of 109号 第四条) or to every unit
# of the deployment (`all`).
GONGKAI_FEE_COUNT_SCOPE = env.choice("GONGKAI_FEE_COUNT_SCOPE", "agency", ("agency", "all"))

# Which appeals table 四 counts for a year: those filed in it ("filed"), or also those still
# pending from earlier years ("active"). The format does not say (docs/reports.md).
GONGKAI_APPEAL_COUNTING = env.choice("GONGKAI_APPEAL_COUNTING", "filed", ("filed", "active"))

# Public forms (applying, looking up a case, withdrawing): submissions per client per minute.
GONGKAI_PUBLIC_RATE_LIMIT = env.integer("GONGKAI_PUBLIC_RATE_LIMIT", 10, minimum=0, maximum=10_000)
# Behind a reverse proxy, the client's address is the first one in X-Forwarded-For.
GONGKAI_BEHIND_PROXY = env.boolean("GONGKAI_BEHIND_PROXY", False)


def _index_pattern() -> str:
    """The 索引号 pattern: it must hold the year and a serial, so numbers are unique."""
    pattern = env.text("GONGKAI_INDEX_PATTERN", "{统一社会信用代码}/{YYYY}-{NNNNN}")
    if "{YYYY}" not in pattern or not ("{NNNNN}" in pattern or "{NNNNNN}" in pattern):
        raise SettingError(
            f"GONGKAI_INDEX_PATTERN={pattern!r} 无效：须含 {{YYYY}} 和 {{NNNNN}}（或 {{NNNNNN}}）"
            " (must contain the year and a serial)"
        )
    allowed = {"统一社会信用代码", "单位代码", "YYYY", "NNNNN", "NNNNNN"}
    names = {name for _, name, _, _ in string.Formatter().parse(pattern) if name is not None}
    if names - allowed:
        raise SettingError(
            f"GONGKAI_INDEX_PATTERN 含未知字段 {sorted(names - allowed)} (unknown fields)"
        )
    return pattern


# 索引号 of published items (docs/catalog.md).
GONGKAI_INDEX_PATTERN = _index_pattern()

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {
        "handlers": ["console"],
        "level": env.choice("GONGKAI_LOG_LEVEL", "INFO", ("DEBUG", "INFO", "WARNING", "ERROR")),
    },
}
