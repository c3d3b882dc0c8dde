"""Django settings: one module, driven by the environment.

Environment variables:

- `DATABASE_URL`: the database, e.g. `postgres://user@host:5432/kinerja`. Default: the SQLite file
  `kinerja.sqlite3` in the user's data folder (`platformdirs.user_data_dir("kinerja")`).
- `KINERJA_SECRET_KEY`: required unless `KINERJA_DEBUG=1` or the process runs the tests.
- `KINERJA_DEBUG`: `1` turns on Django's debug mode (never in production).
- `KINERJA_ALLOWED_HOSTS`, `KINERJA_CSRF_TRUSTED_ORIGINS`: comma-separated lists.
- `KINERJA_SECURE_COOKIES` (default: on unless debugging), `KINERJA_SSL_REDIRECT`,
  `KINERJA_HSTS_SECONDS`, `KINERJA_BEHIND_PROXY` (trust `X-Forwarded-Proto`).
- `KINERJA_WEB_WORKERS`, `KINERJA_WEB_THREADS`: gunicorn processes and threads (`kinerja serve`).
- `KINERJA_STATIC_ROOT`: where `collectstatic` writes; `KINERJA_DB_CONN_MAX_AGE`: seconds a
  database connection is kept open (default 0: one per request).
- `KINERJA_DB_TIMEOUT`: on SQLite, seconds a write waits for another writer (default 20).
- `KINERJA_DATA_DIR`: where evidence files (and, by default, collected static files) are kept,
  outside any web root. Default: the user's data folder.
- `KINERJA_TASKS_BACKEND`: the queue of background work: `db` (default, django-tasks-db in the
  application's database), `rq` (Redis through django-tasks-rq: `pip install kinerja[rq]`, then
  `KINERJA_REDIS_URL`, default `redis://127.0.0.1:6379/0`), `immediate` (each task runs at once in
  the process that queues it) or a backend's dotted path. `KINERJA_TASKS_QUEUE`: the queue's name
  (default `default`), so that deployments sharing one Redis keep their tasks apart.
- `KINERJA_WORKER_THREADS`: threads each `kinerja worker` lets Typst lay out a PDF on (default 1:
  one worker is one core, and more workers are how documents in bulk use more cores; `0` lets
  Typst take every core). See docs/decisions.md.
- `KINERJA_HTTPS`: `1` for a deployment served over HTTPS: secure cookies, SSL redirect and
  HSTS (one year unless `KINERJA_HSTS_SECONDS` says otherwise). See docs/deployment.md.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from platformdirs import user_data_dir

_TRUE = {"1", "true", "yes", "on"}


def _flag(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    return default if raw is None or not raw.strip() else raw.strip().lower() in _TRUE


def _count(name: str, default: int) -> int:
    raw = (os.environ.get(name) or "").strip()
    if not raw:
        return default
    if not raw.isdigit():
        raise ImproperlyConfigured(f"{name} harus bilangan bulat 0 atau lebih, bukan {raw!r}.")
    return int(raw)


def _list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


DEBUG = _flag("KINERJA_DEBUG")
# pytest sets PYTEST_VERSION before it loads any settings; KINERJA_TESTING covers other runners.
TESTING = "PYTEST_VERSION" in os.environ or _flag("KINERJA_TESTING")

_INSECURE_KEY = "django-insecure-kinerja-development-only"
SECRET_KEY = os.environ.get("KINERJA_SECRET_KEY", "").strip()
if not SECRET_KEY:
    if not (DEBUG or TESTING):
        raise ImproperlyConfigured(
            "KINERJA_SECRET_KEY belum diisi. Isi variabel lingkungan ini dengan kunci rahasia "
            "yang panjang dan acak, atau jalankan dengan KINERJA_DEBUG=1 untuk pengembangan."
        )
    SECRET_KEY = _INSECURE_KEY

ALLOWED_HOSTS = _list("KINERJA_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = _list("KINERJA_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "kinerja.agencies",
    "kinerja.plans",
    "kinerja.results",
    "kinerja.evaluations",
    "kinerja.accounts",
    "kinerja.audit",
    "kinerja.consolidation",
    "kinerja.ui",
    "kinerja.api",
    "kinerja.notifications",
    "kinerja.batches",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "simple_history",
    "axes",
]

# Background work (documents in bulk) through Django's Tasks API; the backend is a setting, so
# no code changes between them. The default queue is the database itself (django-tasks-db): run
# `kinerja worker` beside the web server, or any number of workers on several machines against one
# PostgreSQL. A deployment with Redis names the RQ backend (django-tasks-rq, the `rq` extra); its
# workers are RQ's, started by the same `kinerja worker`.
TASKS_BACKENDS = {
    "db": "django_tasks_db.DatabaseBackend",
    "rq": "django_tasks_rq.RQBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
_tasks_backend = (os.environ.get("KINERJA_TASKS_BACKEND") or "db").strip()
TASKS_QUEUE = (os.environ.get("KINERJA_TASKS_QUEUE") or "default").strip()
TASKS = {
    "default": {
        "BACKEND": TASKS_BACKENDS.get(_tasks_backend, _tasks_backend),
        "QUEUES": [TASKS_QUEUE],
    }
}
if TASKS["default"]["BACKEND"] == TASKS_BACKENDS["rq"]:
    try:
        import django_tasks_rq  # noqa: F401
    except ImportError:
        raise ImproperlyConfigured(
            "KINERJA_TASKS_BACKEND=rq needs the RQ backend: pip install 'kinerja[rq]'."
        ) from None
    INSTALLED_APPS.append("django_rq")
    RQ_QUEUES = {
        TASKS_QUEUE: {
            "URL": os.environ.get("KINERJA_REDIS_URL") or "redis://127.0.0.1:6379/0",
            # RQ stops a job after this many seconds (its default, 180, is short for a large
            # office's document on a busy machine).
            "DEFAULT_TIMEOUT": 1800,
        }
    }

MIDDLEWARE = [
    # First: every later step, and every log line it writes, has the request id.
    "kinerja.web.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # After WhiteNoise (static files keep their caching) and authentication.
    "kinerja.web.middleware.PrivatePagesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into its own response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "kinerja.web.urls"
WSGI_APPLICATION = "kinerja.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "kinerja.web.request_id.request_id_context",
            ],
        },
    },
]


def _default_database_url() -> str:
    folder = Path(user_data_dir("kinerja"))
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / 'kinerja.sqlite3'}"


DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or _default_database_url(),
        # Persistent connections: a request does not open its own (a few ms on PostgreSQL,
        # more with TLS); each gunicorn thread keeps one, checked before reuse.
        conn_max_age=int(os.environ.get("KINERJA_DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}

# `kinerja serve`: gunicorn processes and threads per process. A 2-core server runs 2 processes
# of 4 threads: a request spends much of its time waiting on the database, which the threads
# overlap, while the processes use both cores (docs/deployment.md, docs/scaling.md).
WEB_WORKERS = int(os.environ.get("KINERJA_WEB_WORKERS", "2"))
WEB_THREADS = int(os.environ.get("KINERJA_WEB_THREADS", "4"))
# `kinerja worker`: Typst's layout threads per worker process (0: Typst's own choice, every core).
WORKER_THREADS = int(os.environ.get("KINERJA_WORKER_THREADS", "1"))
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite locks the whole file: take the write lock when a transaction begins and wait up
    # to `timeout` seconds for another writer, instead of failing with "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        transaction_mode="IMMEDIATE", timeout=int(os.environ.get("KINERJA_DB_TIMEOUT", "20"))
    )
    _sqlite_file = Path(str(DATABASES["default"]["NAME"]))
    if TESTING and str(_sqlite_file) not in ("", ":memory:"):
        # Tests run on a file beside the configured one, not in memory: a shared in-memory
        # database answers "table is locked" at once where a file waits, as in production.
        _test_file = _sqlite_file.with_name(f"test_{_sqlite_file.name}")
        DATABASES["default"]["TEST"] = {"NAME": str(_test_file)}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia"), ("en", "English")]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True

DATA_DIR = Path(os.environ.get("KINERJA_DATA_DIR") or user_data_dir("kinerja"))
EVIDENCE_DIR = DATA_DIR / "evidence"
EVIDENCE_MAX_BYTES = 10 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = EVIDENCE_MAX_BYTES + 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

STATIC_URL = "static/"
STATIC_ROOT = os.environ.get("KINERJA_STATIC_ROOT") or (
    None if TESTING else str(DATA_DIR / "static")
)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG or TESTING
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# Tests and debug runs serve static files straight from the apps, with no collectstatic.
WHITENOISE_USE_FINDERS = DEBUG or TESTING
WHITENOISE_AUTOREFRESH = DEBUG

AUTHENTICATION_BACKENDS = [
    # django-axes first: it refuses a locked-out login before the password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "ui:login"
LOGIN_REDIRECT_URL = "ui:home"
LOGOUT_REDIRECT_URL = "ui:login"

# Login throttling: five failures for one user name from one address lock it for 15 minutes.
AXES_FAILURE_LIMIT = int(os.environ.get("KINERJA_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "429.html"
AXES_ENABLED = _flag("KINERJA_LOGIN_THROTTLING", default=True)
# Behind reverse proxies, failures count against the client's address, never the proxy's.
TRUSTED_PROXIES = _count("KINERJA_TRUSTED_PROXIES", 1 if _flag("KINERJA_BEHIND_PROXY") else 0)
AXES_CLIENT_IP_CALLABLE = "kinerja.web.client_address.client_address"

# Content-Security-Policy: nothing is loaded from elsewhere, no inline script and no inline style.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_AGE = 8 * 60 * 60
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

# Transport security: on by default outside debug mode, each switchable for a deployment that
# terminates TLS elsewhere or serves over plain HTTP on a closed network.
HTTPS = _flag("KINERJA_HTTPS")
SESSION_COOKIE_SECURE = _flag("KINERJA_SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = _flag("KINERJA_SSL_REDIRECT", default=HTTPS)
SECURE_HSTS_SECONDS = int(os.environ.get("KINERJA_HSTS_SECONDS") or (31_536_000 if HTTPS else 0))
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_SECONDS > 0
SECURE_HSTS_PRELOAD = _flag("KINERJA_HSTS_PRELOAD", default=SECURE_HSTS_SECONDS > 0)
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
if _flag("KINERJA_BEHIND_PROXY"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Email copies of notifications and reminders (`kinerja.notifications`): printed on the console
# unless a mail server is named; links in them start with KINERJA_BASE_URL.
EMAIL_HOST = os.environ.get("KINERJA_EMAIL_HOST", "").strip()
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = _count("KINERJA_EMAIL_PORT", 587)
EMAIL_HOST_USER = os.environ.get("KINERJA_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("KINERJA_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = _flag("KINERJA_EMAIL_TLS", default=True)
EMAIL_TIMEOUT = 20
DEFAULT_FROM_EMAIL = os.environ.get("KINERJA_EMAIL_FROM", "kinerja@localhost")
KINERJA_BASE_URL = os.environ.get("KINERJA_BASE_URL", "http://127.0.0.1:8000").rstrip("/")

# Logging: one line per record on standard error, each with the request id (or "-").
_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
LOG_LEVEL = (os.environ.get("KINERJA_LOG_LEVEL") or "INFO").strip().upper()
if LOG_LEVEL not in _LEVELS:
    raise ImproperlyConfigured(
        f"KINERJA_LOG_LEVEL harus salah satu dari {', '.join(_LEVELS)}, bukan {LOG_LEVEL!r}."
    )
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "kinerja.web.request_id.RequestIdFilter"}},
    "formatters": {
        "line": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"}
    },
    "handlers": {
        "stderr": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stderr",
            "filters": ["request_id"],
            "formatter": "line",
        }
    },
    "root": {"handlers": ["stderr"], "level": LOG_LEVEL},
    "loggers": {
        # Django's own handlers (console in debug mode, mail to ADMINS) are replaced by ours.
        "django": {"handlers": [], "level": LOG_LEVEL, "propagate": True},
        "django.server": {"handlers": [], "level": LOG_LEVEL, "propagate": True},
        "kinerja": {"level": LOG_LEVEL},
    },
}
