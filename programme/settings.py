"""Settings for the ACP-EU Migration Action knowledge portal.

Every value that differs between a laptop and production comes from the environment
(see .env.example and the README); a local copy keeps its values in .env, which `make run`
writes. Defaults are safe: DEBUG is off unless asked for, and production refuses to start
without a secret key and allowed hosts.
"""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF

from programme import env

BASE_DIR = Path(__file__).resolve().parent.parent
ENV_FILE = env.read_env_file(BASE_DIR / ".env")

DEBUG = env.get_bool("DJANGO_DEBUG", default=False)

SECRET_KEY = env.get_str("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = env.get_list("DJANGO_ALLOWED_HOSTS")
if DEBUG:
    # A local copy only: never used once DEBUG is off.
    SECRET_KEY = SECRET_KEY or "django-insecure-local-development-only"
    ALLOWED_HOSTS = ALLOWED_HOSTS or ["127.0.0.1", "localhost", "[::1]"]
else:
    if not SECRET_KEY:
        raise env.ConfigurationError(
            "DJANGO_SECRET_KEY", "is required when DJANGO_DEBUG is off (set a long random value)."
        )
    if not ALLOWED_HOSTS:
        raise env.ConfigurationError(
            "DJANGO_ALLOWED_HOSTS",
            "is required when DJANGO_DEBUG is off (comma-separated host names).",
        )
CSRF_TRUSTED_ORIGINS = env.get_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    # Before staticfiles, so that runserver serves static files the way production does.
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    # Its sitemap.xml template. Not django.contrib.sites: the sitemap uses the request's host.
    "django.contrib.sitemaps",
    "django_filters",
    "django_countries",
    "simple_history",
    "axes",
    "programme",
    "lessons",
    "archive_mode",
    "corrections",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Answers anonymous visitors from the cache before any other work: a cached page keeps
    # the headers the middleware below gave it (policies, language, ETag) and answers
    # 304 Not Modified itself.
    "programme.public.cache.PublicPageCacheMiddleware",
    "csp.middleware.CSPMiddleware",
    "programme.security.PermissionsPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Sees database errors raised by any view below it.
    "programme.middleware.DatabaseUnavailableMiddleware",
    # Last, as django-axes asks: turns a locked-out sign-in into its lock-out page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "programme.urls"
WSGI_APPLICATION = "programme.wsgi.application"

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
                "programme.context_processors.site",
            ],
        },
    },
]

# Database: DATABASE_URL (postgres://... through psycopg 3), SQLite db.sqlite3 otherwise.
_database_url = env.get_str("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}"
try:
    _database = dj_database_url.parse(_database_url, conn_max_age=60, conn_health_checks=True)
except (ValueError, KeyError) as error:
    raise env.ConfigurationError("DATABASE_URL", f"cannot be used: {error}") from None
if _database["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers work while one writer writes; IMMEDIATE transactions and a busy
    # timeout make concurrent writers wait their turn instead of failing with
    # "database is locked". Connections are kept (as on PostgreSQL): every request, cached
    # pages included, reads the page-cache generation, and opening a connection costs
    # several times more than that read (README, Performance).
    _database["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
DATABASES = {"default": _database}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: Redis shared by every app server when REDIS_URL is set, else a folder on this server.
# Either way every gunicorn worker sees the same cache: an edit empties the page cache for all
# of them (a per-process memory cache would let the other workers serve the old page).
REDIS_URL = env.get_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "portal",
            # A Redis that cannot be reached or does not answer holds a request at most this
            # long (instead of the system's TCP timeout); the page is then built without the
            # cache (README, "Growing").
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "programme.filecache.UncompressedFileCache",
            "LOCATION": str(Path(env.get_str("DJANGO_CACHE_DIR") or BASE_DIR / "cache")),
            # Pages and records' cards in both languages (Django's default of 300 would
            # drop some at every save).
            "OPTIONS": {"MAX_ENTRIES": 20000},
        }
    }

# The admin's address; a less obvious one keeps scripted sign-in attempts down.
ADMIN_URL = env.get_str("DJANGO_ADMIN_URL") or "admin/"
if not ADMIN_URL.endswith("/") or ADMIN_URL.startswith("/"):
    raise env.ConfigurationError(
        "DJANGO_ADMIN_URL",
        f"must look like 'staff/' (no leading slash, one trailing), not {ADMIN_URL!r}.",
    )

# E-mail (publishers are told when a record is sent to review): printed on the console in a
# local copy, SMTP otherwise. DJANGO_SITE_URL starts the links in e-mails (no request there).
EMAIL_BACKEND = env.get_str("DJANGO_EMAIL_BACKEND") or (
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend"
)
EMAIL_HOST = env.get_str("DJANGO_EMAIL_HOST") or "localhost"
EMAIL_PORT = env.get_int("DJANGO_EMAIL_PORT", 25)
EMAIL_HOST_USER = env.get_str("DJANGO_EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env.get_str("DJANGO_EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env.get_bool("DJANGO_EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env.get_str("DJANGO_DEFAULT_FROM_EMAIL") or "portal@localhost"
SITE_URL = env.get_str("DJANGO_SITE_URL").rstrip("/")

# The admin's is the only sign-in: after it, and whenever its `next` is refused as pointing to
# another site, staff land on the admin's index (Django's default is /accounts/profile/).
LOGIN_REDIRECT_URL = "admin:index"

# Sign-in protection (django-axes): after 5 wrong passwords the account name and the address
# are each locked out for 15 minutes. Behind proxies, set DJANGO_TRUSTED_PROXY_COUNT so the
# client's address is read from X-Forwarded-For (programme.security.client_ip).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
TRUSTED_PROXY_COUNT = env.get_int("DJANGO_TRUSTED_PROXY_COUNT", 0)
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
# A successful sign-in clears that account's failures, not those of the whole address
# (which django-axes's own handler does: see programme.security.OwnAccountResetHandler).
AXES_RESET_ON_SUCCESS = True
AXES_HANDLER = "programme.security.OwnAccountResetHandler"
AXES_CLIENT_IP_CALLABLE = "programme.security.client_ip"
AXES_LOCKOUT_TEMPLATE = "locked_out.html"

# Anonymous public pages: kept this long in the app's cache (emptied on every content change)
# and this long by browsers, CDNs and reverse proxies.
PAGE_CACHE_SECONDS = env.get_int("DJANGO_PAGE_CACHE_SECONDS", 600)
PUBLIC_CACHE_SECONDS = env.get_int("DJANGO_PUBLIC_CACHE_SECONDS", 60)
# Records' cards, reused by every page that shows them (programme/public/fragments.py); only
# when pages are cached at all.
FRAGMENT_CACHE_SECONDS = env.get_int("DJANGO_FRAGMENT_CACHE_SECONDS", 24 * 3600)
# Longer query strings are never cached (they cannot be a link someone shares).
PAGE_CACHE_MAX_QUERY = 300

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("fr", "Français")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Brussels"
# Short dates in English as "1 Dec 2026", never the ambiguous 12/01/2026 (programme/formats).
FORMAT_MODULE_PATH = ["programme.formats"]
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env.get_str("DJANGO_STATIC_ROOT") or BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.get_str("DJANGO_MEDIA_ROOT") or BASE_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Hashed, compressed file names that browsers may keep for a year (whitenoise).
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# django-axes: no banner line on every management command.
AXES_VERBOSE = False

# The licence under which the portal's content may be reused; every export, feed and the data
# dictionary name it. Quotations stay the words of their speakers and the press release is its
# publisher's: the data dictionary says so.
CONTENT_LICENCE = {
    "name": "CC BY 4.0",
    "url": "https://creativecommons.org/licenses/by/4.0/",
}

# Archive mode: the programme has closed. On, every page says so (with the end date and what
# the portal keeps), whatever the admin's switch says; off, the admin's switch decides.
ARCHIVE_MODE = env.get_bool("DJANGO_ARCHIVE_MODE", default=False)

# Corrections from readers: how many one address may send in an hour (counted in the cache).
CORRECTIONS_PER_HOUR = env.get_int("DJANGO_CORRECTIONS_PER_HOUR", 5)

# Uploads: largest publication file accepted, in megabytes.
MAX_UPLOAD_MB = env.get_int("DJANGO_MAX_UPLOAD_MB", 20)

# Behind a TLS-terminating proxy: trust its X-Forwarded-Proto and insist on HTTPS.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.get_bool("DJANGO_SECURE_SSL_REDIRECT", default=not DEBUG)
# Load balancers probe /healthz over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = 0 if DEBUG else 31_536_000
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy (django-csp): only the site's own scripts, styles and images run.
# JSON-LD blocks are data, not scripts, so they need no exception.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "{asctime} {levelname} {name}: {message}", "style": "{"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.get_str("DJANGO_LOG_LEVEL") or "INFO"},
}
