"""Lotse settings: one module, configured from the environment (see docs/architecture.md)."""

from pathlib import Path

import dj_database_url
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from lotse.core.env import (
    ConfigurationError,
    env_bool,
    env_int,
    env_list,
    env_str,
    mailer,
)

PACKAGE_DIR = Path(__file__).resolve().parent
BASE_DIR = PACKAGE_DIR.parent.parent
DATA_DIR = Path(env_str("LOTSE_DATA_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("LOTSE_DEBUG", default=False)
_INSECURE_DEV_KEY = "lotse-insecure-development-key-never-use-in-production"
SECRET_KEY = env_str("LOTSE_SECRET_KEY", _INSECURE_DEV_KEY)
if SECRET_KEY == _INSECURE_DEV_KEY and env_bool("LOTSE_PRODUCTION", default=False):
    raise ConfigurationError("LOTSE_SECRET_KEY must be set in production")
ALLOWED_HOSTS = env_list("LOTSE_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("LOTSE_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "rules.apps.AutodiscoverRulesConfig",
    "simple_history",
    "django_tasks_db",
    "lotse.core",
    "lotse.network",
    "lotse.taxonomy",
    "lotse.participants",
    "lotse.audit",
    "lotse.workpermission",
    "lotse.profiles",
    "lotse.offers",
    "lotse.inbox",
    "lotse.referrals",
    "lotse.responsibilities",
    "lotse.employers",
    "lotse.placements",
    "lotse.placements.geo",
    "lotse.placements.matches",
    "lotse.placements.placements",
    "lotse.appointments",
    "lotse.events",
    "lotse.reporting",
    "lotse.api",
    "lotse.demo",
    # Django's widget templates for the form renderer below; after ours, which override some.
    "django.forms",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "lotse.api.middleware.ApiTokenMiddleware",
    "lotse.core.cache_control.NoStoreWhenSignedInMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "lotse.network.middleware.NetworkScopeMiddleware",
    "lotse.network.middleware.OtpRequiredMiddleware",
    "lotse.network.middleware.PasswordChangeRequiredMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "lotse.urls"
WSGI_APPLICATION = "lotse.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "lotse.network.context_processors.navigation",
                "lotse.inbox.context_processors.inbox_badge",
            ],
        },
    },
    # Only for a measured hot partial (the caseload's rows); see core/jinja2.py.
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {"environment": "lotse.core.jinja2.environment"},
    },
]
# Forms and fields are rendered through KERN UX templates (core/templates/core/forms/).
FORM_RENDERER = "lotse.core.renderers.KernFormRenderer"

DATABASES = {
    "default": dj_database_url.parse(
        env_str("LOTSE_DATABASE_URL", f"sqlite:///{DATA_DIR / 'lotse.sqlite3'}"),
        conn_max_age=env_int("LOTSE_DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the dev server read while a write is going on; IMMEDIATE avoids lock upgrades.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    # A file, not shared-cache memory: the browser tests' live server answers parallel htmx
    # requests, and in-memory SQLite fails at once with "table is locked" instead of waiting.
    DATABASES["default"]["TEST"] = {"NAME": str(DATA_DIR / "test-lotse.sqlite3")}
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATA_DIR.mkdir(parents=True, exist_ok=True)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Server-side cursors cost extra round trips and break behind a transaction-mode pgbouncer.
    DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "lotse.core.backends.PasswordBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "login"
AXES_FAILURE_LIMIT = env_int("LOTSE_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "core/lockout.html"
AXES_ENABLED = env_bool("LOTSE_AXES_ENABLED", default=True)
# Every member of a network confirms a TOTP device (core.middleware); the demo switches it off.
LOTSE_REQUIRE_OTP = env_bool("LOTSE_REQUIRE_OTP", default=not DEBUG)
OTP_TOTP_ISSUER = "Lotse"

LANGUAGE_CODE = "de"
LANGUAGES = [("de", _("German")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
# English pages write dates day first (en-GB), not as Django's "en" (US) does.
FORMAT_MODULE_PATH = ["lotse.core.locale_formats"]
TIME_ZONE = env_str("LOTSE_TIME_ZONE", "Europe/Berlin")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "staticfiles"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STATICFILES_DIRS = [
    ("kern", BASE_DIR / "node_modules" / "@kern-ux" / "native" / "dist"),
    ("chartjs", BASE_DIR / "node_modules" / "chart.js" / "dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if env_bool("LOTSE_COLLECTED_STATIC", default=False)
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = not env_bool("LOTSE_COLLECTED_STATIC", default=False)

SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = env_int("LOTSE_SESSION_SECONDS", 8 * 60 * 60)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("LOTSE_SECURE_COOKIES", default=not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if env_bool("LOTSE_BEHIND_TLS_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Production answers over TLS only: plain HTTP is redirected, and browsers are told to come back
# over TLS for a year. Behind a proxy that terminates TLS, LOTSE_BEHIND_TLS_PROXY must be set, or
# every request looks like plain HTTP and is redirected again.
SECURE_SSL_REDIRECT = env_bool("LOTSE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = env_int("LOTSE_HSTS_SECONDS", 0 if DEBUG else 365 * 24 * 60 * 60, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("LOTSE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env_bool("LOTSE_HSTS_PRELOAD", default=False)
if not SECURE_HSTS_PRELOAD:
    # Entering the browsers' preload list is the operator's deliberate, slow-to-undo choice for
    # their domain, not a default; `check --deploy` reminds of it otherwise.
    SILENCED_SYSTEM_CHECKS = ["security.W021"]

DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000
LOTSE_DEMO_PASSWORD = env_str("LOTSE_DEMO_PASSWORD", "lotse-demo")
# An unfinished intake holds personal data of someone not (yet) a participant: it is deleted
# after this many days without a save (`lotse participants purge-drafts`, run daily).
LOTSE_INTAKE_DRAFT_DAYS = env_int("LOTSE_INTAKE_DRAFT_DAYS", 30, minimum=1)
# Reports over at most this many participants are computed in the request; larger ones by the
# background worker, with a progress bar.
LOTSE_REPORT_INLINE_LIMIT = env_int("LOTSE_REPORT_INLINE_LIMIT", 20000, minimum=0)

# Background work (reminders, large reports) is queued in the database and run by
# `lotse db_worker`, which `make run` starts beside the web server (Procfile).
TASKS = {
    "default": {
        "BACKEND": env_str("LOTSE_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

# Mail leaves through SMTP given as one URL; the demo prints it. Notifications never carry a
# name: they only say that something waits in Lotse.
MAILERS = {"default": mailer(env_str("LOTSE_EMAIL_URL", "console:"))}
DEFAULT_FROM_EMAIL = env_str("LOTSE_EMAIL_FROM", "Lotse <lotse@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Where Lotse is reached, for links in e-mails (a worker has no request to ask).
LOTSE_BASE_URL = env_str("LOTSE_BASE_URL", "http://localhost:8000")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOTSE_LOG_LEVEL", "WARNING")},
}
