"""Settings shared by every environment. Values that differ per deployment come from the environment."""

from pathlib import Path
from typing import Any

import dj_database_url
import fontpkg_sarabun
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from .environment import env_bool, env_choice, env_float, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(env_str("PRONGSAI_VAR_DIR", str(BASE_DIR / "var")))

# Overridden by each environment module; production refuses the development values.
SECRET_KEY = env_str("PRONGSAI_SECRET_KEY", "")
# Signs every link of the audit chain (HMAC-SHA256). It lives in the environment, never in the
# database or its backups, so whoever can write to the database cannot rewrite the trail; it must
# never change once events are written. Production refuses a missing, short or development key.
PRONGSAI_AUDIT_KEY = env_str("PRONGSAI_AUDIT_KEY", "")
DEBUG = env_bool("PRONGSAI_DEBUG", False)
ALLOWED_HOSTS = env_list("PRONGSAI_ALLOWED_HOSTS", ["127.0.0.1", "localhost"])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_tasks_db",
    "prongsai.accounts",
    "prongsai.audit",
    "prongsai.organizations",
    "prongsai.checklists",
    "prongsai.disclosures",
    "prongsai.publication",
    "prongsai.channels",
    "prongsai.monitoring",
    "prongsai.plans",
    "prongsai.procurement",
    "prongsai.reports",
    "prongsai.opendata",
    "prongsai.notifications",
    "prongsai.portal",
    "prongsai.workspace",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Before CSRF, which would parse the body first: refuses too many or too large files with a message.
    "prongsai.workspace.middleware.UploadLimitMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Marks request.user verified when the session passed a second factor (django-otp).
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Administrators, ICT monitors and anyone enrolled reach the workspace only with a second factor.
    "prongsai.workspace.middleware.SecondFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, so that it sees the outcome of authentication views.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "prongsai.workspace.context_processors.navigation",
            ],
        },
    },
]

# The embedded default is a SQLite file under var/; production points DATABASE_URL at PostgreSQL.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'prongsai.sqlite3'}"),
        conn_max_age=env_int("PRONGSAI_DB_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web process read while the task worker writes; IMMEDIATE avoids
    # lock-upgrade deadlocks between the two.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;",
        "transaction_mode": "IMMEDIATE",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "workspace:login"
LOGIN_REDIRECT_URL = "workspace:home"
LOGOUT_REDIRECT_URL = "workspace:login"

# Lock an account/IP pair out after repeated failures; an administrator unlocks it (axes_reset).
# The pair, never the username alone: a stranger who guesses a colleague's username locks it only
# for the stranger's own address. The address is the one rule every app uses (behind our proxies,
# the entry they appended to X-Forwarded-For), not django-axes' own reading of REMOTE_ADDR, which
# behind a proxy is the proxy's address for everyone.
AXES_FAILURE_LIMIT = env_int("PRONGSAI_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("PRONGSAI_LOGIN_COOLOFF_HOURS", 1)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "prongsai.clientaddress.client_address"
# Axes' database handler that also audits the first failure and the lockout of each (username,
# address) window, and nothing more: a visitor cannot grow the audit trail by posting.
AXES_HANDLER = "prongsai.audit.signin.AuditedAxesHandler"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "workspace/locked_out.html"

# Two-factor sign-in (django-otp): an authenticator app (TOTP, 30-second codes, one step of clock
# drift either way) and single-use recovery codes. Required for administrators and ICT monitors,
# offered to everyone. The password step must be completed this many seconds before the code.
OTP_TOTP_ISSUER = "Prongsai"
PRONGSAI_SECOND_FACTOR_PENDING_SECONDS = env_int("PRONGSAI_SECOND_FACTOR_PENDING_SECONDS", 5 * 60)

LANGUAGE_CODE = "th"
LANGUAGES = [("th", _("Thai")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "prongsai" / "locale"]
TIME_ZONE = "Asia/Bangkok"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env_str("PRONGSAI_STATIC_ROOT", str(VAR_DIR / "static")))
STATICFILES_DIRS = [("fonts/sarabun", fontpkg_sarabun.ROOT / "files")]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env_str("PRONGSAI_MEDIA_ROOT", str(VAR_DIR / "media")))
# Static export archives of units' public sections, kept per public edition (see portal/export.py).
PRONGSAI_EXPORT_DIR = Path(env_str("PRONGSAI_EXPORT_DIR", str(VAR_DIR / "exports")))

# Uploaded documents: what the register accepts, checked by content, not by name.
PRONGSAI_MAX_DOCUMENT_BYTES = env_int("PRONGSAI_MAX_DOCUMENT_BYTES", 20 * 1024 * 1024)
PRONGSAI_MAX_DOCUMENTS_PER_VERSION = env_int("PRONGSAI_MAX_DOCUMENTS_PER_VERSION", 20)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Refused while the request is read, before any file is kept (prongsai/disclosures/upload_limits.py):
# more files than a version carries, one file over the limit, or a body longer than all of them at their
# largest. Requests over FILE_UPLOAD_MAX_MEMORY_SIZE stream their files to temporary files on disk.
DATA_UPLOAD_MAX_NUMBER_FILES = PRONGSAI_MAX_DOCUMENTS_PER_VERSION
FILE_UPLOAD_MAX_MEMORY_SIZE = 256 * 1024
FILE_UPLOAD_HANDLERS = [
    "prongsai.disclosures.upload_limits.DocumentSizeLimitHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

# Opinion and complaint channels (measure 5.1.10, 5.1.11). Attachments are kept outside MEDIA_ROOT:
# they carry personal data and are served only to authorised staff, through an audited view.
PRONGSAI_CHANNEL_ATTACHMENT_ROOT = Path(
    env_str("PRONGSAI_CHANNEL_ATTACHMENT_ROOT", str(VAR_DIR / "private" / "channel-attachments"))
)
PRONGSAI_CHANNEL_MAX_ATTACHMENT_BYTES = env_int("PRONGSAI_CHANNEL_MAX_ATTACHMENT_BYTES", 5 * 1024 * 1024)
PRONGSAI_CHANNEL_MAX_MESSAGE_CHARS = env_int("PRONGSAI_CHANNEL_MAX_MESSAGE_CHARS", 5000)
PRONGSAI_OPINION_DUE_DAYS = env_int("PRONGSAI_OPINION_DUE_DAYS", 30)
PRONGSAI_COMPLAINT_DUE_DAYS = env_int("PRONGSAI_COMPLAINT_DUE_DAYS", 15)
PRONGSAI_CHANNEL_SUBMISSIONS_PER_HOUR = env_int("PRONGSAI_CHANNEL_SUBMISSIONS_PER_HOUR", 5)
PRONGSAI_CHANNEL_SUBMISSIONS_PER_DAY = env_int("PRONGSAI_CHANNEL_SUBMISSIONS_PER_DAY", 20)
PRONGSAI_CHANNEL_LOOKUPS_PER_WINDOW = env_int("PRONGSAI_CHANNEL_LOOKUPS_PER_WINDOW", 20)
PRONGSAI_CHANNEL_LOOKUP_WINDOW_SECONDS = env_int("PRONGSAI_CHANNEL_LOOKUP_WINDOW_SECONDS", 10 * 60)
# How many reverse proxies in front of the app append to X-Forwarded-For; 0 trusts only REMOTE_ADDR.
PRONGSAI_TRUSTED_PROXY_COUNT = env_int("PRONGSAI_TRUSTED_PROXY_COUNT", 0)

# Website monitor (measure 6.3.1). Evidence archives (one gzip WARC per check, its URL index cached
# beside it) are kept outside MEDIA_ROOT and shown only to staff; a check's evidence_path is relative
# to the root. Budgets are per website and per check.
PRONGSAI_MONITOR_EVIDENCE_ROOT = Path(env_str("PRONGSAI_MONITOR_EVIDENCE_ROOT", str(VAR_DIR / "private" / "evidence")))
# `monitor prune` deletes evidence archives older than this (each website's latest check keeps its own).
PRONGSAI_MONITOR_EVIDENCE_DAYS = env_int("PRONGSAI_MONITOR_EVIDENCE_DAYS", 730)
PRONGSAI_MONITOR_MAX_PAGES = env_int("PRONGSAI_MONITOR_MAX_PAGES", 500)
PRONGSAI_MONITOR_MAX_SECONDS = env_float("PRONGSAI_MONITOR_MAX_SECONDS", 900.0)
# Seconds between two requests to one host (a robots.txt Crawl-delay that asks for more wins).
PRONGSAI_MONITOR_DELAY = env_float("PRONGSAI_MONITOR_DELAY", 1.0)
# Pages of scanned PDFs (no text layer) one check reads by Thai OCR: only those a label names as an item's
# evidence, about 6 CPU seconds a page. 0 reads none (a named scan is then partial, "could not be read").
PRONGSAI_MONITOR_OCR_PAGES = env_int("PRONGSAI_MONITOR_OCR_PAGES", 5)
PRONGSAI_MONITOR_RENDER_PAGES = env_int("PRONGSAI_MONITOR_RENDER_PAGES", 1)
# Private and loopback addresses are refused unless allowed (an intranet, the demo); link-local addresses
# and cloud metadata services always are.
PRONGSAI_MONITOR_ALLOW_PRIVATE = env_bool("PRONGSAI_MONITOR_ALLOW_PRIVATE", False)
# How queued checks reach a crawler: "tasks" (one task per check on the task workers) or "workers"
# (`manage.py monitor work` processes take them straight from the queue, many hosts at once each).
PRONGSAI_MONITOR_DISPATCH = env_choice("PRONGSAI_MONITOR_DISPATCH", "tasks", ("tasks", "workers"))
# Checks one `monitor work` process runs at once, one host each, in one event loop.
PRONGSAI_MONITOR_SITES_PER_WORKER = env_int("PRONGSAI_MONITOR_SITES_PER_WORKER", 64)
# A host is crawled by one check at a time across all workers; a lease lapses this long after its
# holder's last heartbeat. A running check silent for PRONGSAI_MONITOR_STALE_SECONDS (its worker beats
# every second or two) is taken for dead and reaped: failed, its task ended, its host released. Keep it
# shorter than the lease, so that reaping, not the lapse, is what frees a dead worker's host.
PRONGSAI_MONITOR_LEASE_SECONDS = env_int("PRONGSAI_MONITOR_LEASE_SECONDS", 120)
PRONGSAI_MONITOR_STALE_SECONDS = env_int("PRONGSAI_MONITOR_STALE_SECONDS", 60)
# A check whose host is busy is tried again this many seconds later.
PRONGSAI_MONITOR_BUSY_RETRY_SECONDS = env_int("PRONGSAI_MONITOR_BUSY_RETRY_SECONDS", 60)
# Scheduled sweeps: every website on the first of each month, and again this many days before a round ends.
PRONGSAI_MONITOR_ROUND_LEAD_DAYS = env_int("PRONGSAI_MONITOR_ROUND_LEAD_DAYS", 14)

# Where `manage.py demo_sites` serves the demo units' own websites (the demo registers them there).
PRONGSAI_DEMO_SITES_URL = env_str("PRONGSAI_DEMO_SITES_URL", "http://127.0.0.1:8001/sites/")

# Public pages are cached under the public edition (see portal/caching.py). The default cache is
# per process, which is correct because the edition is read from the database on every request;
# PRONGSAI_CACHE_URL (redis://…) shares one cache between processes and machines.
_CACHE_URL = env_str("PRONGSAI_CACHE_URL", "")
CACHES: dict[str, dict[str, object]] = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": _CACHE_URL}
        if _CACHE_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "OPTIONS": {"MAX_ENTRIES": 5000}}
    )
}
PRONGSAI_PORTAL_CACHE = "default"
PRONGSAI_PORTAL_CACHE_SECONDS = env_int("PRONGSAI_PORTAL_CACHE_SECONDS", 24 * 60 * 60)
# How long a process may reuse the public edition it last read before asking the database again:
# another process's publish reaches this one's pages at most this much later (0: every request asks).
PRONGSAI_PORTAL_EDITION_SECONDS = env_float("PRONGSAI_PORTAL_EDITION_SECONDS", 1.0)

# An item is "due soon" this many days before its next review date.
PRONGSAI_DUE_SOON_DAYS = env_int("PRONGSAI_DUE_SOON_DAYS", 30)

# The rules that draw the overall report's development recommendations (measure 6.3.1), in the order
# their suggestions appear, each a dotted path with its options (thresholds in percent or points).
_RULES = "prongsai.reports.recommend.rules"
PRONGSAI_RECOMMENDATION_RULES: list[dict[str, Any]] = [
    {"NAME": f"{_RULES}.CommonItemGap", "OPTIONS": {"min_share": 30.0}},
    {"NAME": f"{_RULES}.LowCompliance", "OPTIONS": {"threshold": 50.0}},
    {"NAME": f"{_RULES}.Decline", "OPTIONS": {"min_points": 10.0}},
    {"NAME": f"{_RULES}.OverdueItems", "OPTIONS": {"min_share": 20.0}},
    {"NAME": f"{_RULES}.NotReported"},
    {"NAME": f"{_RULES}.LateRepeatedly"},
    {"NAME": f"{_RULES}.RegisterMonitorDisagreement", "OPTIONS": {"limit": 20}},
    {"NAME": f"{_RULES}.BilingualStatement", "OPTIONS": {"item": "5.1.3"}},
    {"NAME": f"{_RULES}.ProcurementGaps", "OPTIONS": {"prefix": "5.1.7"}},
]

# Reminders (`manage.py notify`, run daily from cron): an item's editors hear this many days before its
# review falls due; reporters and heads of units that have not reported hear this many days before a
# round's deadline; the ICT Center's weekly digest goes out on this weekday (0 Monday … 6 Sunday).
PRONGSAI_REMINDER_DAYS = tuple(int(days) for days in env_list("PRONGSAI_REMINDER_DAYS", ["14", "3"]))
PRONGSAI_ROUND_REMINDER_DAYS = tuple(int(days) for days in env_list("PRONGSAI_ROUND_REMINDER_DAYS", ["7", "1"]))
PRONGSAI_DIGEST_WEEKDAY = env_int("PRONGSAI_DIGEST_WEEKDAY", 0)

# Background work goes through Django's task API; the database worker is the embedded default,
# RQ over Redis spreads work over many machines (PRONGSAI_TASK_BACKEND=rq).
REDIS_URL = env_str("REDIS_URL", "redis://127.0.0.1:6379/0")
_TASK_BACKEND = env_str("PRONGSAI_TASK_BACKEND", "database")
if _TASK_BACKEND == "database":
    TASKS: dict[str, dict[str, object]] = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
elif _TASK_BACKEND == "rq":
    INSTALLED_APPS += ["django_rq"]
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
elif _TASK_BACKEND == "immediate":
    TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
else:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("PRONGSAI_TASK_BACKEND must be database, rq or immediate")
RQ_QUEUES = {"default": {"URL": REDIS_URL, "DEFAULT_TIMEOUT": 600}}

MAILERS: dict[str, dict[str, object]] = {
    "default": {"BACKEND": env_str("PRONGSAI_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")}
}
DEFAULT_FROM_EMAIL = env_str("PRONGSAI_FROM_EMAIL", "prongsai@localhost")
PRONGSAI_SITE_URL = env_str("PRONGSAI_SITE_URL", "http://127.0.0.1:8000")

# Open data: the licence every dataset is published under (an id of prongsai/opendata/kinds.py's LICENSES),
# the OCDS ocid prefix (register one with the Open Contracting Partnership for production), the address
# the catalogue names for questions about the data, and the datasets per page of the DCAT catalogue.
PRONGSAI_OPENDATA_LICENSE = env_str("PRONGSAI_OPENDATA_LICENSE", "CC-BY-4.0")
PRONGSAI_OCDS_OCID_PREFIX = env_str("PRONGSAI_OCDS_OCID_PREFIX", "ocds-prongsai")
PRONGSAI_OPENDATA_CONTACT_EMAIL = env_str("PRONGSAI_OPENDATA_CONTACT_EMAIL", "")
PRONGSAI_OPENDATA_CATALOG_PAGE_SIZE = env_int("PRONGSAI_OPENDATA_CATALOG_PAGE_SIZE", 100)

# A strict policy: everything from our own origin, nothing inline without the per-request nonce.
SECURE_CSP: dict[str, list[str]] = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "frame-ancestors": [CSP.SELF],
    "form-action": [CSP.SELF],
}
# A working day's session: staff sign in again the next day (the register holds unpublished drafts).
SESSION_COOKIE_AGE = env_int("PRONGSAI_SESSION_SECONDS", 10 * 60 * 60)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "SAMEORIGIN"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("PRONGSAI_LOG_LEVEL", "INFO")},
    "loggers": {
        # Django's default configuration gives "django" a console handler of its own; passing its
        # records to the root handler only keeps each line from being printed twice.
        "django": {"handlers": [], "level": "INFO", "propagate": True},
        # django-axes logs every sign-in at INFO; lockouts (WARNING) still show, and all are audited.
        "axes": {"level": "WARNING"},
    },
}
