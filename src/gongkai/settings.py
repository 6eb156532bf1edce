"""Django settings. Every value that differs between installations comes from the environment,
parsed strictly by :mod:`gongkai.env`; docs/settings.md documents each variable."""

from __future__ import annotations

import re
import secrets
import string
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from gongkai.core import siteidentity
from gongkai.core.crypto import load_keys
from gongkai.env import SettingError, from_environ
from gongkai.reports import rollup as _rollup

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
# The keys that encrypt identity-document numbers in the database (gongkai.core.crypto), kept
# outside it: from the environment, or else DATA_DIR/personal_data_keys, generated (mode 600).
_configured_keys = env.items("GONGKAI_PERSONAL_DATA_KEYS", ())
GONGKAI_PERSONAL_DATA_KEYS = load_keys(_configured_keys, DATA_DIR)
# The file `gongkai keys rotate` writes (None when the environment gives the keys).
PERSONAL_DATA_KEY_FILE = None if _configured_keys else DATA_DIR / "personal_data_keys"
ALLOWED_HOSTS = env.items("GONGKAI_ALLOWED_HOSTS", ("localhost", "127.0.0.1", "[::1]"))
CSRF_TRUSTED_ORIGINS = env.items("GONGKAI_CSRF_TRUSTED_ORIGINS", ())
# Served over HTTPS (by Gongkai's own TLS-terminating proxy, docs/deployment.md): plain HTTP is
# redirected, HSTS is sent, and the session and CSRF cookies go over HTTPS only.
GONGKAI_HTTPS = env.boolean("GONGKAI_HTTPS", False)
SECURE_COOKIES = env.boolean("GONGKAI_SECURE_COOKIES", False) or GONGKAI_HTTPS
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
    "gongkai.regions",
    "gongkai.applications",
    "gongkai.appeals",
    "gongkai.reports",
    "gongkai.catalog",
    "gongkai.training",
    "gongkai.questions",
    "gongkai.consultations",
    "gongkai.search",
    "gongkai.statistics",
    "gongkai.inspections",
    "gongkai.sitecheck",
    "gongkai.assessment",
    "gongkai.reuse",
    "gongkai.websitereport",
    "django.contrib.sitemaps",
    "gongkai.opendata",
    "gongkai.portal",
    "gongkai.demo",
    "gongkai.tasks",
]

MIDDLEWARE = [
    "gongkai.core.security.HeadWithoutBody",  # outermost: after Content-Length is known
    "django.middleware.security.SecurityMiddleware",
    "gongkai.core.security.SecurityHeaders",  # CSP and Permissions-Policy, on every response
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "gongkai.core.middleware.NoStore",
    "gongkai.portal.middleware.DisplayPreferences",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # every multipart POST parsed here, within the upload limits, before CSRF or a view reads it
    "gongkai.core.uploadlimits.UploadLimits",
    "gongkai.core.busy.DatabaseBusy",  # the database busy: 503 "未保存", not a 500
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
                "gongkai.workdays.context.periods",
            ],
        },
    },
]

DATABASES = {"default": env.database("GONGKAI_DATABASE_URL", DATA_DIR / "gongkai.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    # a password like the account name is the first one guessed
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    # as long as the staff forms ask for (Django's own says it in English: gongkai.accounts)
    {
        "NAME": "gongkai.accounts.passwords.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Failed logins (docs/deployment.md): this many for one account within the window lock that
# account, and GONGKAI_LOGIN_ADDRESS_FAILURES from one address lock that address, for
# GONGKAI_LOGIN_LOCK_MINUTES (GB/T 22239-2019 身份鉴别：登录失败处理).
GONGKAI_LOGIN_FAILURES = env.integer("GONGKAI_LOGIN_FAILURES", 5, minimum=1, maximum=100)
GONGKAI_LOGIN_ADDRESS_FAILURES = env.integer(
    "GONGKAI_LOGIN_ADDRESS_FAILURES", 50, minimum=1, maximum=10_000
)
GONGKAI_LOGIN_LOCK_MINUTES = env.integer("GONGKAI_LOGIN_LOCK_MINUTES", 15, minimum=1, maximum=1440)
# Whether office and reviewer accounts must log in with a one-time code (TOTP) as well.
GONGKAI_TOTP_REQUIRED = env.boolean("GONGKAI_TOTP_REQUIRED", False)
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "staff:home"
LOGOUT_REDIRECT_URL = "portal:home"


# --- single sign-on (docs/sso.md) ---------------------------------------------------------------
# The district's unified user centre (统一用户中心): OpenID Connect, and CAS 3.0 where a province
# still uses it. Each is off while its address is unset. It says who someone is, never what they
# may do: a person is matched to a Staff record registered beforehand (Staff.sso_id), whose role
# stays Gongkai's.
def _claim(name: str, default: str) -> str:
    value = env.text(name, default)
    if not re.fullmatch(r"[A-Za-z0-9_.:-]{1,64}", value):
        raise SettingError(f"{name}={value!r} 无效：应为声明（属性）名称，如 sub (a claim name)")
    return value


GONGKAI_OIDC_ISSUER = env.url("GONGKAI_OIDC_ISSUER")
GONGKAI_OIDC_CLIENT_ID = env.text("GONGKAI_OIDC_CLIENT_ID", "")
GONGKAI_OIDC_CLIENT_SECRET = env.text("GONGKAI_OIDC_CLIENT_SECRET", "")
GONGKAI_OIDC_SCOPES = env.items("GONGKAI_OIDC_SCOPES", ("openid", "profile"))
GONGKAI_OIDC_STAFF_CLAIM = _claim("GONGKAI_OIDC_STAFF_CLAIM", "sub")
GONGKAI_OIDC_LABEL = env.text("GONGKAI_OIDC_LABEL", "统一身份认证")
GONGKAI_OIDC_LEEWAY_SECONDS = env.integer("GONGKAI_OIDC_LEEWAY_SECONDS", 60, minimum=0, maximum=600)
GONGKAI_OIDC_APPLICANTS = env.boolean("GONGKAI_OIDC_APPLICANTS", False)
GONGKAI_OIDC_NAME_CLAIM = _claim("GONGKAI_OIDC_NAME_CLAIM", "name")
GONGKAI_OIDC_ID_NUMBER_CLAIM = _claim("GONGKAI_OIDC_ID_NUMBER_CLAIM", "id_number")
GONGKAI_OIDC_PHONE_CLAIM = _claim("GONGKAI_OIDC_PHONE_CLAIM", "phone_number")
if GONGKAI_OIDC_ISSUER and not (GONGKAI_OIDC_CLIENT_ID and GONGKAI_OIDC_CLIENT_SECRET):
    raise SettingError(
        "GONGKAI_OIDC_ISSUER 已设置，但缺少 GONGKAI_OIDC_CLIENT_ID 或 GONGKAI_OIDC_CLIENT_SECRET "
        "(client id and secret required)"
    )
if GONGKAI_OIDC_ISSUER and "openid" not in GONGKAI_OIDC_SCOPES:
    raise SettingError("GONGKAI_OIDC_SCOPES 必须包含 openid (must include openid)")
if GONGKAI_OIDC_APPLICANTS and not GONGKAI_OIDC_ISSUER:
    raise SettingError(
        "GONGKAI_OIDC_APPLICANTS=true 须同时设置 GONGKAI_OIDC_ISSUER (needs an OIDC provider)"
    )
GONGKAI_CAS_URL = env.url("GONGKAI_CAS_URL")
GONGKAI_CAS_STAFF_ATTRIBUTE = env.text("GONGKAI_CAS_STAFF_ATTRIBUTE", "")
if GONGKAI_CAS_STAFF_ATTRIBUTE:
    _claim("GONGKAI_CAS_STAFF_ATTRIBUTE", "")
GONGKAI_CAS_LABEL = env.text("GONGKAI_CAS_LABEL", "统一身份认证（CAS）")
# How long Gongkai waits for the user centre (discovery, keys, tokens, ticket validation).
GONGKAI_SSO_TIMEOUT_SECONDS = env.integer("GONGKAI_SSO_TIMEOUT_SECONDS", 10, minimum=1, maximum=60)
# Break-glass: when set, only these accounts may log in with a password (the rest through the
# user centre); unset, every account may.
GONGKAI_LOCAL_LOGIN_ACCOUNTS = env.items("GONGKAI_LOCAL_LOGIN_ACCOUNTS", ())

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
# Uploads and generated documents hold personal data: readable by Gongkai's own user only.
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700
# The embedded search index (gongkai.search.engine): each application host keeps its own.
SEARCH_INDEX_DIR = env.path("GONGKAI_SEARCH_INDEX_DIR", DATA_DIR / "search")
# `gongkai serve` follows the search index's change log every so many seconds (0: only at
# start-up and before searches; docs/search.md, "Several hosts").
SEARCH_FOLLOW_SECONDS = env.integer("GONGKAI_SEARCH_FOLLOW_SECONDS", 10, minimum=0, maximum=3600)
# Impact tiers of the hot words (gongkai.search.tiers.Settings: hot_share, tier_share,
# min_documents, max_words); a tuning of speed only, results are the same whatever the values.
SEARCH_TIERS: dict[str, float] = {}
MAX_UPLOAD_MB = env.integer("GONGKAI_MAX_UPLOAD_MB", 20, minimum=1, maximum=500)
# An applicant without an account: all files of one submission together, and all files from one
# client address in a day (gongkai.core.uploadlimits; counted in the shared cache).
GONGKAI_PUBLIC_REQUEST_MB = env.integer("GONGKAI_PUBLIC_REQUEST_MB", 30, minimum=1, maximum=5000)
GONGKAI_PUBLIC_DAILY_MB = env.integer("GONGKAI_PUBLIC_DAILY_MB", 100, minimum=1, maximum=100_000)
# Uploads are counted as they arrive and stopped at the first byte over a limit; what is under
# it is kept in memory up to 2 MB a file, beyond that spooled to DATA_DIR/tmp (never /tmp,
# which may be shared or small).
FILE_UPLOAD_HANDLERS = [
    "gongkai.core.uploadlimits.LimitedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
FILE_UPLOAD_TEMP_DIR = DATA_DIR / "tmp"
FILE_UPLOAD_TEMP_DIR.mkdir(mode=0o700, parents=True, exist_ok=True)
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024  # the form's fields besides its files
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
# The report checker reads each file in a child process with these limits (reports/sandbox.py):
# address space in MB, CPU seconds (the wall clock allows twice that plus 5).
CHECK_MEMORY_MB = env.integer("GONGKAI_CHECK_MEMORY_MB", 512, minimum=128, maximum=16_384)
CHECK_SECONDS = env.integer("GONGKAI_CHECK_SECONDS", 8, minimum=1, maximum=600)
# Scanned PDFs are read by OCR (tesseract) in that child, with a budget of their own
# (reports/ocr.py): a number read with a confidence below the first is reported, each page's
# tesseract gets the CPU seconds of the second, a PDF with more scanned pages is too complex.
OCR_MIN_CONFIDENCE = env.integer("GONGKAI_OCR_MIN_CONFIDENCE", 70, minimum=0, maximum=100)
OCR_SECONDS_PER_PAGE = env.integer("GONGKAI_OCR_SECONDS_PER_PAGE", 20, minimum=1, maximum=600)
OCR_MAX_PAGES = env.integer("GONGKAI_OCR_MAX_PAGES", 20, minimum=1, maximum=300)

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
# Working days a rectification notice (整改通知书) gives the unit, from the day after it is
# issued (docs/inspections.md): the law sets none (《条例》第四十七条 says only 督促整改).
# How alike (in per cent, Jaccard index of the character pairs) two applications' request texts
# must be to be shown as asking for the same information (《条例》第四十四条, docs/reuse.md).
GONGKAI_SIMILAR_REQUEST_THRESHOLD = env.integer(
    "GONGKAI_SIMILAR_REQUEST_THRESHOLD", 60, minimum=1, maximum=100
)
GONGKAI_RECTIFICATION_WORKING_DAYS = env.integer(
    "GONGKAI_RECTIFICATION_WORKING_DAYS", 20, minimum=1, maximum=120
)
# The working days the reply to a public question (留言咨询) is due in (docs/questions.md).
GONGKAI_QUESTION_REPLY_WORKING_DAYS = env.integer(
    "GONGKAI_QUESTION_REPLY_WORKING_DAYS", 5, minimum=1, maximum=60
)
# The working days the reply to a report of an error on the site (我为政府网站找错) is due in.
GONGKAI_SITE_ERROR_REPLY_WORKING_DAYS = env.integer(
    "GONGKAI_SITE_ERROR_REPLY_WORKING_DAYS", 3, minimum=1, maximum=60
)


def _site_identity() -> siteidentity.SiteIdentity:
    """The site's 标识码, filing numbers, 党政机关网站标识, sponsor and operator with their
    contacts (国办发〔2017〕47号), shown at the foot of every public page; each checked for its
    form (gongkai.core.siteidentity), in Chinese, before the site starts."""
    identity = siteidentity.SiteIdentity(
        domain=env.text("GONGKAI_SITE_DOMAIN", "").lower(),
        id_code=env.text("GONGKAI_SITE_ID_CODE", ""),
        icp=env.text("GONGKAI_SITE_ICP", ""),
        psb=env.text("GONGKAI_SITE_PSB", ""),
        party_mark=env.boolean("GONGKAI_SITE_PARTY_MARK", False),
        party_mark_url=env.text("GONGKAI_SITE_PARTY_MARK_URL", ""),
        sponsor=env.text("GONGKAI_SITE_SPONSOR", ""),
        operator=env.text("GONGKAI_SITE_OPERATOR", ""),
        phone=env.text("GONGKAI_SITE_PHONE", ""),
        email=env.text("GONGKAI_SITE_EMAIL", ""),
    )
    names = {
        "domain": "GONGKAI_SITE_DOMAIN",
        "id_code": "GONGKAI_SITE_ID_CODE",
        "icp": "GONGKAI_SITE_ICP",
        "psb": "GONGKAI_SITE_PSB",
        "party_mark_url": "GONGKAI_SITE_PARTY_MARK_URL",
        "sponsor": "GONGKAI_SITE_SPONSOR",
        "operator": "GONGKAI_SITE_OPERATOR",
        "phone": "GONGKAI_SITE_PHONE",
        "email": "GONGKAI_SITE_EMAIL",
    }
    for field_name, message in siteidentity.problems(identity):
        value = getattr(identity, field_name)
        raise SettingError(f"{names[field_name]}={value!r} 无效：{message} (invalid site identity)")
    return identity


GONGKAI_SITE_IDENTITY = _site_identity()
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

# The roll-up dates of the annual reports by level (国办公开办函〔2021〕30号: units 1月31日,
# district/county 2月20日, city 3月10日, province 3月31日), as ``level=MM-DD`` items overriding
# any of them; a province may set earlier ones (docs/rollup.md).
try:
    GONGKAI_REPORT_ROLLUP_DUE = _rollup.parse(env.items("GONGKAI_REPORT_ROLLUP_DUE", ()))
    _rollup.check_order(GONGKAI_REPORT_ROLLUP_DUE)
except _rollup.DueDateError as exc:
    raise SettingError(f"GONGKAI_REPORT_ROLLUP_DUE 无效：{exc} (invalid roll-up dates)") from None

# Public forms (applying, looking up a case, withdrawing): submissions per client per minute.
GONGKAI_PUBLIC_RATE_LIMIT = env.integer("GONGKAI_PUBLIC_RATE_LIMIT", 10, minimum=0, maximum=10_000)
# Every post of a public form, refused ones included: larger, so that correcting a form error
# does not use up the allowance, while a flood is still stopped.
GONGKAI_PUBLIC_ATTEMPT_LIMIT = env.integer(
    "GONGKAI_PUBLIC_ATTEMPT_LIMIT", 40, minimum=0, maximum=100_000
)
# The shortest period of a consultation on a draft, in calendar days (《重大行政决策程序暂行条例》
# 第十五条: 一般不少于30日); a shorter one needs its reason stated (docs/consultations.md).
GONGKAI_CONSULTATION_MIN_DAYS = env.integer(
    "GONGKAI_CONSULTATION_MIN_DAYS", 30, minimum=1, maximum=365
)


def _trusted_proxies() -> int:
    """How many proxies of ours append to X-Forwarded-For (gongkai.core.ratelimit). The older
    GONGKAI_BEHIND_PROXY=true means one; it may not contradict the count."""
    count = env.integer("GONGKAI_TRUSTED_PROXIES", 0, minimum=0, maximum=10)
    behind = env.boolean("GONGKAI_BEHIND_PROXY", False)
    if env.source.get("GONGKAI_BEHIND_PROXY", "").strip() and not behind and count > 0:
        raise SettingError(
            "GONGKAI_BEHIND_PROXY=false 与 GONGKAI_TRUSTED_PROXIES 矛盾：请只设置后者 "
            "(contradicts GONGKAI_TRUSTED_PROXIES: set only the latter)"
        )
    return max(count, 1) if behind else count


GONGKAI_TRUSTED_PROXIES = _trusted_proxies()


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


def _data_license() -> str:
    """The licence the open datasets are offered under (the DCAT catalogue's dct:license)."""
    value = env.text("GONGKAI_DATA_LICENSE", "https://creativecommons.org/licenses/by/4.0/")
    if not re.fullmatch(r"https?://[^\s<>\"]+", value):
        raise SettingError(
            f"GONGKAI_DATA_LICENSE={value!r} 无效：应为 http:// 或 https:// 开头的网址 (a URL)"
        )
    return value


# The open data's licence (docs/api.md).
GONGKAI_DATA_LICENSE = _data_license()


def _caches() -> dict[str, dict[str, Any]]:
    """One cache shared by every worker process (rate limits, login lockouts): Redis at
    GONGKAI_CACHE_URL, or else a table in the database (created by `gongkai migrate`)."""
    raw = env.text("GONGKAI_CACHE_URL", "")
    if not raw:
        return {
            "default": {
                "BACKEND": "gongkai.core.cache.DatabaseCache",
                "LOCATION": "gongkai_cache",
                # counts expire within minutes; culling live ones would reset someone's limit
                "OPTIONS": {"MAX_ENTRIES": 50_000},
            }
        }
    url = urlsplit(raw)
    try:
        port = url.port
    except ValueError:
        port = -1
    database = url.path.lstrip("/")
    if (
        url.scheme not in ("redis", "rediss")
        or not url.hostname
        or port == -1
        or (database and not (database.isascii() and database.isdigit()))
        or url.query
        or url.fragment
    ):
        raise SettingError(
            "GONGKAI_CACHE_URL 无效：应为 redis://主机:端口/库号（如 redis://127.0.0.1:6379/0）"
            " (expected redis://host:port/db)"
        )
    return {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": raw,
            "KEY_PREFIX": "gongkai",
        }
    }


CACHES = _caches()


def _broker() -> str:
    """The task queue's broker (docs/tasks.md): Redis, or "" to run tasks in-process."""
    raw = env.text("GONGKAI_BROKER_URL", "")
    url = urlsplit(raw)
    if raw and (url.scheme not in ("redis", "rediss") or not url.hostname):
        raise SettingError(
            "GONGKAI_BROKER_URL 无效：应为 redis://主机:端口/库号（如 redis://127.0.0.1:6379/1）"
            " (expected redis://host:port/db)"
        )
    return raw


BROKER_URL = _broker()
if CACHES["default"]["BACKEND"].endswith("RedisCache"):
    # Sessions in the same Redis (under a prefix of their own), so any application host reads a
    # login made through another, without a database write per request; without Redis they stay
    # in the database (Django's default). Redis must then keep them: persistence on, and no
    # eviction of keys that have not expired (docs/deployment.md).
    CACHES["sessions"] = {**CACHES["default"], "KEY_PREFIX": "gongkai-session"}
    SESSION_ENGINE = "django.contrib.sessions.backends.cache"
    SESSION_CACHE_ALIAS = "sessions"

X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# --- HTTPS (GONGKAI_HTTPS) ------------------------------------------------------------------
SECURE_SSL_REDIRECT = GONGKAI_HTTPS
_hsts_seconds = env.integer("GONGKAI_HSTS_SECONDS", 31_536_000, minimum=0, maximum=63_072_000)
SECURE_HSTS_SECONDS = _hsts_seconds if GONGKAI_HTTPS else 0
# Subdomains of the site's own host name (not its parent domain): there are none to break.
SECURE_HSTS_INCLUDE_SUBDOMAINS = GONGKAI_HTTPS
# Behind our proxy the request reached the proxy over HTTPS, which only the proxy can tell
# (X-Forwarded-Proto, which it must set itself and never pass on from a client). Without a
# trusted proxy the header is not believed: anyone could send it.
if GONGKAI_HTTPS and GONGKAI_TRUSTED_PROXIES:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# HSTS preload (security.W021) needs the header on the registrable domain with every subdomain
# on HTTPS — a decision for whoever runs the domain (e.g. the district's gov.cn name), never
# one Gongkai's host can make for it.
SILENCED_SYSTEM_CHECKS = ["security.W021"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {
        "handlers": ["console"],
        "level": env.choice("GONGKAI_LOG_LEVEL", "INFO", ("DEBUG", "INFO", "WARNING", "ERROR")),
    },
}
