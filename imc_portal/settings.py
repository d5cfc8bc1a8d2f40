"""One settings file, driven by environment variables (see README "Deploying").

Defaults suit a developer's checkout: SQLite next to manage.py, no TLS. Production sets
DEBUG=0, SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL and HTTPS=1.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _
from xstatic.pkg import bootstrap as xstatic_bootstrap


def env_bool(name, default=False):
    return os.environ.get(name, str(int(default))).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG")
SECRET_KEY = os.environ.get(
    "SECRET_KEY", "django-insecure-development-key-do-not-use-in-production"
)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # django.contrib.admin with the portal's site: a second factor at login (logins below).
    "imc_portal.logins.apps.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "csp",
    "django_filters",
    "simple_history",
    "import_export",
    "imc_portal.apps.MailQueueConfig",  # django-mailer
    "imc_portal.logins.apps.LoginAttemptsConfig",  # axes
    "django_otp",
    "imc_portal.logins.apps.SecondFactorConfig",  # django_otp.plugins.otp_totp
]
# The project's own apps, in the order load_demo and the home page visit them.
PORTAL_APPS = ["imc_portal", "staff", "events", "contests", "publications"]
INSTALLED_APPS += PORTAL_APPS

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Text compressed for browsers that accept it (imc_portal.compression).
    "imc_portal.compression.TextGZipMiddleware",
    # Anonymous pages kept whole, with the headers the middleware below adds (language,
    # content security and permissions policies, frame options): a visit served from the
    # cache skips it.
    "imc_portal.page_cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Logins (see below): the device that verified the user; staff sessions' idle limit
    # (after messages: it says why the session ended).
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "imc_portal.logins.sessions.StaffSessionMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "imc_portal.headers.PermissionsPolicyMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as axes asks: turns a refused login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "imc_portal.urls"
WSGI_APPLICATION = "imc_portal.wsgi.application"

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
                "imc_portal.context_processors.portal",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Ukrainian at unprefixed URLs, English under /en/ (see urls.py).
LANGUAGE_CODE = "uk"
LANGUAGES = [("uk", _("Ukrainian")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Kyiv"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("bootstrap", xstatic_bootstrap.BASE_DIR),
]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Where `manage.py backup` writes its archives (imc_portal/backup.py).
BACKUP_DIR = Path(os.environ.get("BACKUP_DIR", BASE_DIR / "backups"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_MAX_AGE = 60 * 60 * 24 * 365 if not DEBUG else 0

# Uploads: Django refuses bodies over this before any view runs.
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_PERMISSIONS = 0o644

REDIS_URL = os.environ.get("REDIS_URL", "")
CACHES = {
    "default": (
        {
            "BACKEND": "imc_portal.cache.RedisCache",
            "LOCATION": REDIS_URL,
            # A Redis that does not answer costs a page at most this long (page_cache).
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

# One history for the whole project: django-simple-history (admin "History", revert).
SIMPLE_HISTORY_REVERT_DISABLED = False
IMPORT_EXPORT_SKIP_ADMIN_LOG = False

# Anonymous pages are kept until a record changes (imc_portal/page_cache.py), at most this
# many seconds; 0 turns it off. Only with a cache every process shares: a local-memory cache
# per process would keep pages that another process's edit made stale.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", 600 if REDIS_URL else 0))
if PAGE_CACHE_SECONDS and not REDIS_URL:
    raise ImproperlyConfigured("PAGE_CACHE_SECONDS needs a shared cache: set REDIS_URL.")

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

LOGIN_URL = "admin:login"

# Security. HTTPS=1 when the portal is served over TLS (directly or behind a proxy).
HTTPS = env_bool("HTTPS")
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365 if HTTPS else 0))
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
if env_bool("BEHIND_PROXY"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# No inline scripts or styles anywhere, so the policy can stay strict.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Browser features no page of the portal uses: denied to every page (Permissions-Policy).
PERMISSIONS_POLICY_DENIED = [
    "accelerometer", "autoplay", "browsing-topics", "camera", "display-capture",
    "geolocation", "gyroscope", "hid", "magnetometer", "microphone", "midi", "payment",
    "screen-wake-lock", "serial", "usb", "xr-spatial-tracking",
]  # fmt: skip

# E-mails (teachers' accounts, registrations) are never sent inside a request: every
# message is first written to the database queue of django-mailer, in the same transaction
# as the change it tells about, and the job worker sends it (imc_portal/mail.py). A message
# the mail server refuses stays queued, deferred, and is tried again by the scheduler; none
# is lost. EMAIL_BACKEND names the backend that really delivers (SMTP in production; the
# console in a developer's checkout).
EMAIL_BACKEND = "imc_portal.mail.QueuedEmailBackend"
MAILER_EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
# Several workers may send: each message is locked in the database while it is sent.
MAILER_USE_FILE_LOCK = False
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "webmaster@localhost")
# The site's address for links in e-mails sent outside a request (``expire_offers``).
SITE_URL = os.environ.get("SITE_URL", "http://localhost:8000").rstrip("/")

# Background jobs: Celery, with its broker on Redis (README "Deploying": a worker and a
# scheduler). Without a broker (a developer's checkout, `make run`, the tests) every job runs
# inline, at once, in the process that asks for it. The broker should be its own Redis
# database, apart from the cache's: clearing the cache must not drop queued jobs.
CELERY_TASK_ALWAYS_EAGER = not os.environ.get("CELERY_BROKER_URL")
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL") or "memory://"
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A request that queues a job while the broker is down answers at once: the message is safe
# in the database, and the scheduler's next run sends it.
CELERY_BROKER_TRANSPORT_OPTIONS = {"socket_connect_timeout": 1}
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.5}
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE = {
    # Whatever a lost job or a stopped worker left in the queue goes out within a minute.
    "send-queued-mail": {"task": "imc_portal.tasks.send_queued_mail", "schedule": 60},
    # Messages the mail server refused are tried again, every ten minutes.
    "retry-deferred-mail": {"task": "imc_portal.tasks.retry_deferred_mail", "schedule": 600},
    "expire-offers": {"task": "events.tasks.expire_offers", "schedule": 300},
    "send-reminders": {"task": "events.tasks.send_reminders", "schedule": 900},
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Logins (README "Logins"): failed logins are counted per user name *and* address; after
# LOGIN_FAILURE_LIMIT of them that pair is refused for LOGIN_COOLOFF_MINUTES (a page with
# status 429). Not per user name alone: anybody could then lock a methodist out from
# everywhere by typing wrong passwords for their name. Superusers see and clear lockouts
# in the admin (axes' own); the roles get no permission on them.
BEHIND_PROXY = env_bool("BEHIND_PROXY")
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "10"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("LOGIN_COOLOFF_MINUTES", "30")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# Masked in the records of attempts and in the log (the password always is).
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "otp_token", "csrfmiddlewaretoken"]
AXES_LOCKOUT_CALLABLE = "imc_portal.logins.lockout.lockout_response"
AXES_CLIENT_IP_CALLABLE = "imc_portal.logins.addresses.client_ip"
# Staff sessions end after this long without a request (imc_portal/logins/sessions.py).
STAFF_SESSION_IDLE_SECONDS = int(float(os.environ.get("STAFF_SESSION_IDLE_HOURS", "8")) * 3600)
# A second factor (TOTP) in the admin: staff who add a device must give its code; with 1,
# superusers without a device are refused (manage.py add_totp_device gives one).
OTP_REQUIRED_FOR_SUPERUSERS = env_bool("OTP_REQUIRED_FOR_SUPERUSERS")


def _totp_issuer(device):
    """The name an authenticator app shows beside the user's: the centre's (its record)."""
    from imc_portal.logins.devices import issuer

    return issuer(device)


OTP_TOTP_ISSUER = _totp_issuer

# contests: how public pages show students' names (minors): "full" = "Surname First",
# "initial" = "Surname F.". Nothing else about a student is ever public.
PUBLIC_STUDENT_NAMES = os.environ.get("PUBLIC_STUDENT_NAMES", "full")
