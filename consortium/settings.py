"""Settings for the consortium portal, read from the environment.

DEBUG is off unless DJANGO_DEBUG asks for it, and with DEBUG off the settings refuse to load
(ImproperlyConfigured, naming the variable) without a real DJANGO_SECRET_KEY, without Redis
(REDIS_URL) and without a Celery broker: production fails closed. With DJANGO_DEBUG=1 and
nothing else set (what bin/demo does) the portal runs embedded: SQLite in the checkout,
Celery tasks run in-process, a development secret key. README.md lists every variable.

https://docs.djangoproject.com/en/5.2/ref/settings/
"""

import base64
import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", False)


def refuse_to_start(variable: str, why: str) -> None:
    raise ImproperlyConfigured(f"{variable}: {why} (DJANGO_DEBUG is off, so the portal refuses to start).")


DEV_SECRET_KEY = "dev-only-insecure-key-never-use-in-production-8d1f3c"
# Placeholders from documentation and examples, never a real key.
SAMPLE_SECRET_KEYS = {DEV_SECRET_KEY, "…", "...", "change-me", "changeme", "secret", "django-insecure"}
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "").strip()
if not DEBUG:
    if not SECRET_KEY:
        refuse_to_start("DJANGO_SECRET_KEY", "it is missing or empty; set a long random value")
    if SECRET_KEY in SAMPLE_SECRET_KEYS or SECRET_KEY.startswith("django-insecure"):
        refuse_to_start("DJANGO_SECRET_KEY", "it is the development or sample key; set a long random value")
    if len(SECRET_KEY) < 32:
        refuse_to_start("DJANGO_SECRET_KEY", "it is shorter than 32 characters; set a long random value")
SECRET_KEY = SECRET_KEY or DEV_SECRET_KEY

# Private keys kept in the database (the transparency log's and the witnesses' signing keys,
# issuers' keys) are sealed with AES-256-GCM under this key (core/sealing.py): 32 random bytes,
# base64 (`python -c "import os, base64; print(base64.b64encode(os.urandom(32)).decode())"`).
# Keep it apart from the database's backups: whoever has both has the keys.
DEV_SEAL_KEY = "ZGV2ZWxvcG1lbnQtb25seS1zZWFsLWtleS0zMmJ5dGU="  # b"development-only-seal-key-32byte"
PRIVATE_KEY_SEAL_KEY = os.environ.get("PRIVATE_KEY_SEAL_KEY", "").strip()
if not DEBUG:
    if not PRIVATE_KEY_SEAL_KEY:
        refuse_to_start("PRIVATE_KEY_SEAL_KEY", "it is missing or empty; set 32 random bytes in base64")
    if PRIVATE_KEY_SEAL_KEY == DEV_SEAL_KEY:
        refuse_to_start("PRIVATE_KEY_SEAL_KEY", "it is the development key; set 32 random bytes in base64")
PRIVATE_KEY_SEAL_KEY = PRIVATE_KEY_SEAL_KEY or DEV_SEAL_KEY
try:
    if len(base64.b64decode(PRIVATE_KEY_SEAL_KEY, validate=True)) != 32:
        raise ValueError
except ValueError:  # binascii.Error is one
    raise ImproperlyConfigured("PRIVATE_KEY_SEAL_KEY: it is not 32 bytes in base64; set 32 random bytes in base64.")

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

# Arrows point down: the site (consortium) and the domain apps stand on members, which
# stands on the ground apps (core, reference). Each app plugs into the site through its own
# portal.py (menu, home panels, API routes, periodic tasks); see README "Adding an app".
INSTALLED_APPS = [
    "consortium.apps.ConsoleAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "axes",
    "core",
    "reference",
    "members",
    "transparency",
    "talent_matching",
    "credentials",
    "training",
    "consortium.governance",
    "consortium",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "consortium.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "consortium.middleware.AuditContextMiddleware",
    # Inside the audit context, outside the request's transaction: every use of an API key is recorded.
    "members.middleware.ApiKeyUseMiddleware",
    # Axes last, so it sees the outcome of every login attempt.
    # https://django-axes.readthedocs.io/en/latest/2_installation.html
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "consortium.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "consortium.navigation.navigation",
            ],
        },
    },
]

WSGI_APPLICATION = "consortium.wsgi.application"

# DATABASE_URL, e.g. postgres://postgres@127.0.0.1:5432/consortium; SQLite when unset.
# https://github.com/jazzband/dj-database-url
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
# Each page request is one transaction: a failed write leaves nothing half-saved.
DATABASES["default"]["ATOMIC_REQUESTS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "").strip()
if not DEBUG and not REDIS_URL:
    # A per-process cache would break invalidation across workers and the login throttle.
    refuse_to_start("REDIS_URL", "no Redis is configured for the cache, the sessions and the login throttle")
if REDIS_URL:
    CACHES = {
        "default": {
            # django-redis keeps one connection pool per process.
            # https://github.com/jazzband/django-redis#configure-as-cache-backend
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("DJANGO_CACHE_PREFIX", "consortium"),
        }
    }
    # Sessions read from Redis, written through to the database.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_USER_MODEL = "members.User"
# The audit trail (core) names the organisation each event belongs to.
AUDIT_ORGANIZATION_MODEL = "members.Organization"
AUDIT_ACTOR_ORGANIZATION = "members.access.primary_organization_id"
AUTHENTICATION_BACKENDS = [
    # Axes first: it refuses a locked-out login before the password is checked.
    "axes.backends.AxesStandaloneBackend",
    "members.auth.CachedModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

# Login rate limit: five failures for one username from one address lock it for 15 minutes.
# https://django-axes.readthedocs.io/en/latest/4_configuration.html
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_CLIENT_IP_CALLABLE = "core.http.client_ip"
AXES_VERBOSE = False
# Lockouts appear in the console as members.LoginLockout, not on django-axes' own pages.
AXES_ENABLE_ADMIN = False
# Number of reverse proxies in front of the portal whose X-Forwarded-For is trusted.
TRUSTED_PROXY_COUNT = int(os.environ.get("DJANGO_TRUSTED_PROXY_COUNT", "0"))

# Chinese first, English second; the choice is kept in a cookie and switchable on every page.
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
# A visitor's choice of larger text (a signed-in person's is kept with their account).
TEXT_SIZE_COOKIE_NAME = "text_size"
# Cookies that change what a visitor's page looks like: part of its key in the page cache.
PAGE_CACHE_VARY_COOKIES = [TEXT_SIZE_COOKIE_NAME]
TIME_ZONE = os.environ.get("DJANGO_TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# Front-end packages come from npm (package.json) and are served by the portal itself.
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/bootstrap", BASE_DIR / "node_modules" / "bootstrap" / "dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "media/"

EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("DJANGO_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "portal@consortium.local")

# Celery: a broker when CELERY_BROKER_URL or REDIS_URL is set, otherwise tasks run in-process.
# https://docs.celeryq.dev/en/stable/django/first-steps-with-django.html
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "").strip() or REDIS_URL
if not DEBUG and not CELERY_BROKER_URL:
    refuse_to_start("CELERY_BROKER_URL", "no Celery broker is configured, so tasks would run inside requests")
CELERY_RESULT_BACKEND = os.environ.get("CELERY_RESULT_BACKEND", CELERY_BROKER_URL or None)
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
# Periodic tasks are declared by each app in its portal.py (PERIODIC_TASKS) and handed to
# Celery beat when the apps are ready (consortium.apps).

REST_FRAMEWORK = {
    # Partner systems send an organisation's API key; the session serves the browsable docs.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "members.api_auth.ApiKeyAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": [
        "rest_framework.permissions.IsAuthenticated",
        "core.api_scopes.ApiScopePermission",
    ],
    "DEFAULT_PAGINATION_CLASS": "core.api.Pagination",
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "core.api.SearchFilter",
        "core.api.OrderingFilter",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "core.api.exception_handler",
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "members.api_auth.ApiRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": os.environ.get("API_ANON_RATE", "60/minute"),
        "user": os.environ.get("API_USER_RATE", "1200/minute"),
    },
}
# https://drf-spectacular.readthedocs.io/en/latest/settings.html
SPECTACULAR_SETTINGS = {
    "TITLE": "Consortium portal API",
    "DESCRIPTION": (
        "市域产教联合体 portal API. Partner systems send an organisation's API key as "
        "`Authorization: Bearer <key>`; people signed in to the portal use their session. "
        "Every list is paginated."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    # Swagger UI otherwise shows a badge loaded from validator.swagger.io: no outside hosts.
    "SWAGGER_UI_SETTINGS": {"deepLinking": False, "validatorUrl": None},
    "SWAGGER_UI_FAVICON_HREF": "/favicon.ico",
    "REDOC_DIST": "SIDECAR",
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    # Request bodies apart from answers: read-only fields are not offered as input.
    "COMPONENT_SPLIT_REQUEST": True,
    # Two choice sets of fields named "status": each its own name in the schema.
    "ENUM_NAME_OVERRIDES": {
        "CredentialStatusEnum": "credentials.models.CredentialStatus",
        "EducationLevelEnum": "reference.models.EducationLevel",
        "SkillLevelEnum": "talent_matching.models.postings.SkillLevel",
        "OrganizationKindEnum": "members.models.OrganizationKind",
        "RoleEnum": "members.models.Role",
        "MatterKindEnum": "consortium.governance.models.votes.MatterKind",
        "GovernanceLevelEnum": "consortium.governance.models.bodies.Level",
        "ActionItemStatusEnum": "consortium.governance.models.actions.ActionStatus",
    },
    # Every operation's error answers, in the one Error shape (core.api_schema).
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "core.api_schema.error_responses",
    ],
}

# Production hardening, applied whenever DEBUG is off.
# https://docs.djangoproject.com/en/5.2/howto/deployment/checklist/
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", True)
    if env_bool("DJANGO_BEHIND_TLS_PROXY", False):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = int(os.environ.get("DJANGO_SESSION_AGE", str(60 * 60 * 12)))
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy on every answer (pages, admin console, API docs, errors): this
# site's own scripts, styles, images and fonts only — no inline code, no outside origin.
# https://django-csp.readthedocs.io/en/latest/configuration.html
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        # Bootstrap's and Swagger UI's small icons are data: URIs inside their own CSS.
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

CONSORTIUM_NAME = os.environ.get("CONSORTIUM_NAME", _("Changzhou Intelligent Manufacturing Industry–Education Consortium"))
# The public site's footer: the host organisation (主办单位), how to reach the secretariat,
# and the filing numbers a Chinese public website shows (ICP 备案, 公安备案). Each line is
# left out while its setting is empty.
CONSORTIUM_HOST = os.environ.get("CONSORTIUM_HOST", "")
CONSORTIUM_CONTACT = os.environ.get("CONSORTIUM_CONTACT", "")
ICP_FILING = os.environ.get("ICP_FILING", "")
PUBLIC_SECURITY_FILING = os.environ.get("PUBLIC_SECURITY_FILING", "")
# Regions offered in forms: GB/T 2260 code prefixes (default: Jiangsu province).
CONSORTIUM_REGION_PREFIXES = env_list("CONSORTIUM_REGION_PREFIXES", "32")
# Absolute links in emails point here.
PORTAL_BASE_URL = os.environ.get("PORTAL_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
# The transparency log's name in its checkpoints (C2SP tlog-checkpoint origin line) and the
# prefix of its witnesses' key names: a schema-less URL, by default the portal's host and /log.
# Never change it once the log has signed a checkpoint: verifiers know the log by it.
TRANSPARENCY_LOG_ORIGIN = os.environ.get("TRANSPARENCY_LOG_ORIGIN", "").strip() or (
    PORTAL_BASE_URL.split("://", 1)[-1].split("/", 1)[0] + "/log"
)
INVITATION_VALID_DAYS = int(os.environ.get("INVITATION_VALID_DAYS", "14"))
# The secretariat's promise to applicants: an answer within this many working days.
APPLICATION_REVIEW_DAYS = int(os.environ.get("APPLICATION_REVIEW_DAYS", "10"))

# One line per record, with time, level and logger, printed once: Django's own loggers lose
# the handlers of its default configuration and pass their records to the root's.
# https://docs.djangoproject.com/en/5.2/topics/logging/#default-logging-configuration
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"line": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "line"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {
        "django": {"handlers": [], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO"), "propagate": True},
        "django.server": {"handlers": [], "propagate": True},
        "axes": {"level": "WARNING"},
    },
}
