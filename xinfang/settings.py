"""Settings for the 群众工作日 system. Everything that differs between machines comes from the
environment: DATABASE_URL, DEBUG, SECRET_KEY, ALLOWED_HOSTS (docs/deploy.md lists them all)."""

import os
import sys
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


DEBUG = env_bool("DEBUG", False)
# Under pytest (xinfang/testenv.py sets DEBUG=1): static files are found where they lie, no collectstatic.
TESTING = "pytest" in sys.modules

DEV_SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not DEBUG and SECRET_KEY in ("", DEV_SECRET_KEY):
    # Production (DEBUG off) refuses to start rather than sign sessions and tokens with a known key.
    raise ImproperlyConfigured(
        "SECRET_KEY is not set. In production (DEBUG=0) set the environment variable SECRET_KEY to a long "
        "random value kept secret and identical on every app server, e.g. the output of "
        "`python -c 'import secrets; print(secrets.token_urlsafe(50))'` (docs/deploy.md). "
        "For development set DEBUG=1 instead."
    )
SECRET_KEY = SECRET_KEY or DEV_SECRET_KEY

ALLOWED_HOSTS = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h.strip()]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "django_tasks",  # the Tasks API (django.tasks in Django 6) for Django 5.2
    "django_tasks_db",  # its database backend and `manage.py db_worker`: no broker to run
    "ninja",  # so the API docs use the Swagger UI bundled with django-ninja, not a CDN
    "axes",
    "accounts",
    "units",
    "history",
    "audit",
    "workcal",
    "notifications",
    "workdays",
    "intake",
    "cases",
    "supervision",
    "attachments",
    "public",
    "exports",
    "dashboards",
    "demo",
    "backup",  # manage.py backup / restore (docs/backup.md)
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Outermost but one, so every answer gets the CSP (and no-store once a user is signed in).
    "accounts.middleware.SecurityHeadersMiddleware",
    # Static files straight from the app server (compressed, cached for good by their hashed names),
    # before sessions and the database are touched.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "xinfang.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "accounts.middleware.IdleTimeoutMiddleware",
    # Refuses each role what its duty does not cover (三员分立), before any view runs.
    "accounts.duties.DutiesMiddleware",
    # Logs every export and download (any file answer to a signed-in user).
    "audit.middleware.AuditDownloadsMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "xinfang.middleware.OutOfRangeInputMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "xinfang.urls"
WSGI_APPLICATION = "xinfang.wsgi.application"

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
                "django.template.context_processors.i18n",
                "accounts.context_processors.navigation",
            ],
        },
    },
]

# Database: SQLite under var/ unless DATABASE_URL says otherwise.
(BASE_DIR / "var").mkdir(exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'var' / 'xinfang.sqlite3'}",
        # Seconds a worker keeps its database connection between requests (0: one per request).
        conn_max_age=int(os.environ.get("CONN_MAX_AGE") or 0),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers work while a clerk writes; the busy timeout makes concurrent writers wait
    # instead of failing; Django itself turns foreign keys on for SQLite.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
    }
    # A file (not :memory:) so the browser tests' live server shares it; one per process so two
    # test runs on one machine never share a database.
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / "var" / f"test-{os.getpid()}.sqlite3")}
else:
    DATABASES["default"]["TEST"] = {"NAME": f"test_{DATABASES['default']['NAME']}_{os.getpid()}"}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Checked wherever a password is set: the admin, `create_user`, the password change page.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "accounts.validators.PasswordHistoryValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# django-axes: five failures lock the username (from any address) for 30 minutes.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.5
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_LOCKOUT_CALLABLE = "accounts.lockout.lockout_response"
AXES_RESET_ON_SUCCESS = True
# Clerks of one office share a NAT'd intranet address: locking by address would lock the whole office,
# so lockout is by username only.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("Simplified Chinese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Where `manage.py collectstatic` puts the static files (each app server has its own copy).
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT") or BASE_DIR / "var" / "static")
if DEBUG or TESTING:
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise warns about a missing one
MEDIA_ROOT = BASE_DIR / "var" / "media"

# Attachments (docs/adr/0012): kept by the "attachments" storage, on disk under var/ unless
# ATTACHMENTS_DIR says otherwise; any Django storage backend may replace it here. Never served as
# static or media files: only through the attachment's own download, under the target's access rules.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # In production whitenoise serves the collected files under hashed names, gzip/brotli compressed:
    # `manage.py collectstatic` must run after every install or upgrade (docs/deploy.md). In development
    # and tests the files are served from where they lie, without collectstatic.
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG or TESTING
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
    "attachments": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": os.environ.get("ATTACHMENTS_DIR") or str(BASE_DIR / "var" / "attachments"), "base_url": None},
    },
}
# The largest file one may attach, in bytes (default 20 MB). The multipart parser spools uploads to
# a temporary file, so DATA_UPLOAD_MAX_MEMORY_SIZE (which counts form fields and JSON bodies, not
# files) stays at Django's default.
ATTACHMENTS_MAX_BYTES = int(os.environ.get("ATTACHMENTS_MAX_BYTES") or 20 * 1024 * 1024)
# Background jobs (large exports): django-tasks with its database backend. A job waits in the
# database until `manage.py db_worker` (started by `make run`) runs it, so a restart loses nothing.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
# Where the finished export files are written (exports.jobs), and the largest ledger answered at once.
EXPORT_ROOT = Path(os.environ.get("EXPORT_ROOT") or BASE_DIR / "var" / "exports")
EXPORT_SYNC_LIMIT = 10_000
# A job running this long with no progress was left by a killed worker: `manage.py requeue_stale_jobs`
# queues it again (the worker records progress every 2,000 rows, a few seconds apart).
EXPORT_STALE_MINUTES = int(os.environ.get("EXPORT_STALE_MINUTES") or 15)
# The ledger page counts its cases exactly up to this many; beyond, it shows an estimate labelled 约
# (cases/paging.py). The API's `total` is always exact.
LEDGER_COUNT_EXACT_UP_TO = 10_000

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the cookie-free meta tag; kept default
if not DEBUG:
    SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)

# The reference data loaded by `manage.py load_reference` when no path is given.
REFERENCE_DATA_FILE = BASE_DIR / "reference" / "tongliang.json"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL") or "WARNING"},
    # notifications.channels.ConsoleChannel writes its lines here
    "loggers": {"notifications": {"level": "INFO"}},
}

# Outbound notification channels (SMS, e-mail): dotted paths of classes with send(notification),
# comma-separated; empty (the default) keeps notifications inside the system. README "Notifications".
NOTIFICATION_CHANNELS = [c.strip() for c in os.environ.get("NOTIFICATION_CHANNELS", "").split(",") if c.strip()]
NOTIFICATION_FILE = BASE_DIR / "var" / "notifications.jsonl"  # notifications.channels.FileChannel

# Logins, sessions, tokens (docs/api.md "Authentication"). A session ends with the browser and
# after SESSION_IDLE_SECONDS without a request (accounts.middleware.IdleTimeoutMiddleware); the
# server forgets a session SESSION_COOKIE_AGE after it was last saved. An API token ends
# API_TOKEN_SECONDS after it was issued.
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_IDLE_SECONDS = int(os.environ.get("SESSION_IDLE_SECONDS") or 30 * 60)
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE") or 12 * 3600)
API_TOKEN_SECONDS = int(os.environ.get("API_TOKEN_SECONDS") or 8 * 3600)
# How many of a user's latest passwords may not be chosen again.
PASSWORD_HISTORY_COUNT = 5

# Content-Security-Policy of every response (accounts.middleware.SecurityHeadersMiddleware): scripts
# only from the app's own files, no inline script and no inline event handler in any template
# (accounts/tests/test_security_headers.py scans them). Inline styles stay allowed: htmx adds its
# indicator style and a few templates use style attributes.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'self'",
        "frame-ancestors 'none'",
        "form-action 'self'",
    ]
)
if not DEBUG:
    # HTTPS only: the redirect and HSTS may be switched off by the environment for a server that
    # sits behind a proxy which does both (SECURE_SSL_REDIRECT=0, SECURE_HSTS_SECONDS=0).
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS") or 365 * 24 * 3600)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    if env_bool("SECURE_PROXY_SSL_HEADER", False):
        # Behind a reverse proxy that terminates TLS and sets X-Forwarded-Proto (docs/deploy.md).
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
