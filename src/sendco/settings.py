"""Django settings for sendco, configured from the environment with safe defaults.

DATABASE_URL    default: SQLite file in SENDCO_DATA_DIR
SENDCO_DATA_DIR default: ./data (database, secret key, uploaded files; outside the web root)
SECRET_KEY      default: generated once and kept in SENDCO_DATA_DIR/secret_key
DEBUG           default: off (the demo turns it on)
ALLOWED_HOSTS   default: localhost names only
SENDCO_TRUSTED_PROXY_HEADER, SENDCO_TRUSTED_PROXY_COUNT  default: off (client address = REMOTE_ADDR)
SENDCO_ANTIVIRUS, SENDCO_CLAMD_SOCKET, SENDCO_CLAMD_TIMEOUT: virus scanning of uploads (see README)
SENDCO_MFA_ROLES default: senco,assistant_senco,head,trust_officer,admin (two-step verification)
SENDCO_GRANT_MAX_DAYS default: 180 (longest access grant for an external professional)
SENDCO_DEMO, SENDCO_MFA_EXEMPT_DEMO: set by `sendco demo` (demo logins skip two-step verification)
"""

import os
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from sendco.accounts.roles import Role

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(os.environ.get("SENDCO_DATA_DIR", "data")).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)


def _env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def _secret_key() -> str:
    if os.environ.get("SECRET_KEY"):
        return os.environ["SECRET_KEY"]
    path = DATA_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = _env_bool("DEBUG")
ALLOWED_HOSTS = [
    h.strip() for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1],testserver").split(",")
]
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "rules.apps.AutodiscoverRulesConfig",
    "simple_history",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_htmx",
    "ninja",
    "sendco.accounts",
    "sendco.core",
    "sendco.register",
    "sendco.plans",
    "sendco.concerns",
    "sendco.chronology",
    "sendco.audit",
    "sendco.statutory",
    "sendco.provision",
    "sendco.privacy",
    "sendco.assessments",
    "sendco.access_arrangements",
    "sendco.agencies",
    "sendco.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # Straight after authentication: no page (nor the admin) for an unverified user who needs
    # two-step verification; API requests carry tokens, not sessions, and pass (accounts.mfa).
    "sendco.accounts.mfa.RequireTwoStepMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "sendco.core.middleware.SecurityHeadersMiddleware",
    # Before any view: NULs and unpaired surrogates never reach the database (core.input_guard).
    "sendco.core.input_guard.RefuseBadTextMiddleware",
    # Last, so that it sees the outcome of authentication in the views.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "sendco.urls"
WSGI_APPLICATION = "sendco.wsgi.application"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

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
                "sendco.core.context_processors.navigation",
            ],
            "builtins": [
                "sendco.core.templatetags.sendco_tags",
                "django.contrib.humanize.templatetags.humanize",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{DATA_DIR / 'sendco.sqlite3'}"),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # WAL and a busy timeout let the demo serve reads while a write is in progress.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = False
USE_TZ = True
DATE_FORMAT = "j M Y"
SHORT_DATE_FORMAT = "d/m/Y"
DATETIME_FORMAT = "j M Y, H:i"

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)  # whitenoise warns at start-up when it is missing
# Uploaded files live in the data directory, outside the web root, and are served only by
# views that check the access policy: there is deliberately no MEDIA_URL route.
MEDIA_ROOT = DATA_DIR / "uploads"
MEDIA_URL = "/uploads-not-served/"
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
# Virus scanning of uploads (sendco.core.antivirus): off unless SENDCO_ANTIVIRUS=clamd. A typo
# must not switch scanning off silently, so any other value stops start-up.
SENDCO_ANTIVIRUS = os.environ.get("SENDCO_ANTIVIRUS", "").strip().lower()
if SENDCO_ANTIVIRUS not in ("", "off", "clamd"):
    raise ImproperlyConfigured("SENDCO_ANTIVIRUS must be 'clamd' or empty (off).")
SENDCO_CLAMD_SOCKET = os.environ.get("SENDCO_CLAMD_SOCKET", "/var/run/clamav/clamd.ctl")
SENDCO_CLAMD_TIMEOUT = float(os.environ.get("SENDCO_CLAMD_TIMEOUT", "30"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# whitenoise serves the apps' static files straight from the finders: no collectstatic step,
# so `sendco serve` starts in seconds (the files are small; browsers cache them).
WHITENOISE_USE_FINDERS = True
WHITENOISE_MAX_AGE = 3600

# Sessions: staff often share machines in schools, so a session ends after a spell of
# inactivity (SENDCO_SESSION_IDLE_MINUTES, default 30): saving it on every request moves its
# expiry on, so the timeout counts from the last request rather than from sign-in.
SESSION_COOKIE_AGE = int(os.environ.get("SENDCO_SESSION_IDLE_MINUTES", "30")) * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# Set SECURE_COOKIES=1 when serving over HTTPS (any real deployment).
SESSION_COOKIE_SECURE = _env_bool("SECURE_COOKIES")
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# HTTPS (SECURE_COOKIES=1): redirect plain HTTP and send HSTS (a year, subdomains included;
# preload is a separate, hard-to-undo commitment, so it is opt-in and its check is silenced
# until then). Behind a proxy that ends TLS, name the header it sets to say the request came
# over HTTPS (SENDCO_SECURE_PROXY_SSL_HEADER=X-Forwarded-Proto), or the redirect loops; the
# proxy must overwrite that header, since a client can send it too.
SECURE_SSL_REDIRECT = _env_bool("SECURE_SSL_REDIRECT", SESSION_COOKIE_SECURE)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000" if SESSION_COOKIE_SECURE else "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = _env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = _env_bool("SECURE_HSTS_PRELOAD")
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
_ssl_header = os.environ.get("SENDCO_SECURE_PROXY_SSL_HEADER", "").strip()
SECURE_PROXY_SSL_HEADER = ("HTTP_" + _ssl_header.upper().replace("-", "_"), "https") if _ssl_header else None
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # the proxy's health check may speak plain HTTP

# Lockout: 5 failures for a username from one address locks that pair for 30 minutes.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 0.5
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False
# The client address (access log and lockout) is REMOTE_ADDR unless the deployment sits behind
# reverse proxies: then name the header they set and how many of them there are (off by default,
# because a client can write any header it likes). See sendco/audit/client_ip.py.
SENDCO_TRUSTED_PROXY_HEADER = os.environ.get("SENDCO_TRUSTED_PROXY_HEADER", "").strip()
SENDCO_TRUSTED_PROXY_COUNT = int(os.environ.get("SENDCO_TRUSTED_PROXY_COUNT", "1"))
AXES_CLIENT_IP_CALLABLE = "sendco.audit.client_ip.client_ip"

# Two-step verification (sendco.accounts.mfa): an authenticator app (TOTP) and recovery codes.
# Required of anyone holding one of these roles (those that reach named pupils' SEN data, or
# the whole system) and of every staff or superuser account (the admin site).
SENDCO_MFA_REQUIRED = True  # only the test suite turns it off, for its fixed cast of users
_MFA_DEFAULT_ROLES = ",".join(
    r.value for r in (Role.SENCO, Role.ASSISTANT_SENCO, Role.HEAD, Role.TRUST_OFFICER, Role.ADMIN)
)
SENDCO_MFA_ROLES = [
    r.strip() for r in os.environ.get("SENDCO_MFA_ROLES", _MFA_DEFAULT_ROLES).split(",") if r.strip()
]
if unknown := set(SENDCO_MFA_ROLES) - {r.value for r in Role}:
    # A misspelt role would otherwise switch two-step verification off for it silently.
    raise ImproperlyConfigured(f"SENDCO_MFA_ROLES: unknown role(s) {', '.join(sorted(unknown))}.")
# `sendco demo` sets SENDCO_DEMO; only then is SENDCO_MFA_EXEMPT_DEMO honoured (the demo's
# published logins cannot have an authenticator each). Outside the demo it has no effect.
SENDCO_DEMO = _env_bool("SENDCO_DEMO")
SENDCO_MFA_EXEMPT_DEMO = _env_bool("SENDCO_MFA_EXEMPT_DEMO", True)
OTP_TOTP_ISSUER = os.environ.get("SENDCO_MFA_ISSUER", "sendco")

# API tokens expire after this many days unless `sendco token --days N` says otherwise.
SENDCO_API_TOKEN_DAYS = int(os.environ.get("SENDCO_API_TOKEN_DAYS", "90"))
# The longest an external professional's access grant may run (agencies app: grant, extend).
SENDCO_GRANT_MAX_DAYS = int(os.environ.get("SENDCO_GRANT_MAX_DAYS", "180"))

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "sendco@localhost")

SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

FORM_RENDERER = "sendco.core.forms_base.GovukRenderer"
