"""Settings shared by every environment.

Safe for production on its own: debugging is off and every secret comes from the
environment. ``dev.py`` and ``test.py`` relax what they need to.
"""

import os
from pathlib import Path
from typing import TypeVar, overload

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("CERCLE_VAR_DIR", BASE_DIR / "var"))


Default = TypeVar("Default", str, Path)


@overload
def env(name: str) -> str | None: ...
@overload
def env(name: str, default: Default) -> str | Default: ...
def env(name: str, default: str | Path | None = None) -> str | Path | None:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def required_env(name: str) -> str:
    value = os.environ.get(name)
    if not value:
        raise ImproperlyConfigured(f"The environment variable {name} must be set.")
    return value


DEBUG = False
SECRET_KEY = env("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "home",
    "members",
    "news",
    "clubs",
    "events",
    "search",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.api.v2",
    "wagtail",
    "modelcluster",
    "taggit",
    "rest_framework",
    "ninja",
    "django_filters",
    "leaflet",
    "django_tasks",
    "django_tasks_db",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    # The sessions page says "3 minutes ago".
    "django.contrib.humanize",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "config.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before the sessions, CSRF and messages: it sees the cookies they set (config.pagecache).
    "config.pagecache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "config.middleware.SiteLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "config.middleware.RequestSizeLimitMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "allauth.usersessions.middleware.UserSessionsMiddleware",
    "members.middleware.StaffSecondFactorMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# Database: SQLite under var/ unless DATABASE_URL names another one.
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{VAR_DIR / 'cercle.sqlite3'}"),
        conn_max_age=int(env("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers work while a writer holds the lock; IMMEDIATE takes the
    # write lock when a transaction starts, so concurrent writers queue instead
    # of failing half-way with "database is locked".
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )

# The page cache (config.pagecache): visitors' pages are kept at most this many seconds;
# any change they show purges them before that. 0 turns the page cache off.
PAGE_CACHE_SECONDS = int(env("PAGE_CACHE_SECONDS", "600"))

# How long a service waits for a row another request holds (config.locking) before it
# asks the person to try again.
LOCK_TIMEOUT = float(env("LOCK_TIMEOUT_SECONDS", "10"))

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "members.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"

# django-allauth: the e-mail address is the login; it must be verified.
ACCOUNT_ADAPTER = "members.adapters.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = env("EMAIL_SUBJECT_PREFIX", "[Cercle] ")
ACCOUNT_DEFAULT_HTTP_PROTOCOL = env("ACCOUNT_DEFAULT_HTTP_PROTOCOL", "https")
# Sign-in abuse: sign-up, login and password reset answer the same whether the address
# has an account or not; allauth counts attempts in the default cache (Redis in
# production, shared by every worker).
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "confirm_email": "1/3m/key",
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
}
# A signed-in session lasts two weeks (SESSION_COOKIE_AGE, in seconds).
SESSION_COOKIE_AGE = int(env("SESSION_COOKIE_AGE", str(14 * 24 * 3600)))
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# A second factor (TOTP, a security key or passkey, with recovery codes) for every
# account that reaches the Wagtail admin or full member records: members.middleware
# sends such an account to the second-factor page until it has one, and allauth asks
# for it at every sign-in. A passkey also signs in on its own, without the password.
MFA_SUPPORTED_TYPES = ["totp", "webauthn", "recovery_codes"]
MFA_PASSKEY_LOGIN_ENABLED = True
MFA_TOTP_ISSUER = "Cercle"
WAGTAILADMIN_LOGIN_URL = "account_login"
# Pages and documents restricted to signed-in visitors send them to the same sign-in.
WAGTAIL_FRONTEND_LOGIN_URL = "account_login"
# A signed-in member without admin access whom the admin sends to the sign-in page
# sees it, with the admin's refusal, instead of being sent back to the admin in a loop.
ACCOUNT_AUTHENTICATED_LOGIN_REDIRECTS = False
# Each sign-in is listed at /accounts/sessions/ (browser, address, when), where the
# member signs out the other ones. Recorded at sign-in, not at every request.
USERSESSIONS_TRACK_ACTIVITY = False
# Changing the e-mail address or the password, exporting or erasing one's data asks for
# the password (or the second factor) again unless it was given in the last 5 minutes.
ACCOUNT_REAUTHENTICATION_REQUIRED = True
ACCOUNT_REAUTHENTICATION_TIMEOUT = 300

# Internationalisation: French first, English complete.
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("French")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env("TIME_ZONE", "Europe/Paris")
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_SECURE = True
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
# The language the institution and its members write in: on pages served in another
# language, the content carries lang="<this>" ({% content_lang %}).
CONTENT_LANGUAGE = env("CONTENT_LANGUAGE", "fr")
# Dates and numbers: one set of formats per language (config/formats/<lang>/formats.py).
FORMAT_MODULE_PATH = ["config.formats"]

# Files
STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", BASE_DIR / "static"))
STATICFILES_DIRS = [BASE_DIR / "config" / "static"]
MEDIA_URL = env("MEDIA_URL", "/media/")
MEDIA_ROOT = Path(env("MEDIA_ROOT", VAR_DIR / "media"))
# Members' photos and CVs: never under MEDIA_ROOT, served only through permission checks.
PRIVATE_MEDIA_ROOT = Path(env("PRIVATE_MEDIA_ROOT", VAR_DIR / "private"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Forms and JSON bodies stop at Django's DATA_UPLOAD_MAX_MEMORY_SIZE (2.5 MB); a
# request with files (a CV, an editor's video) at this size, in megabytes.
MAX_UPLOAD_BODY_SIZE = int(env("MAX_UPLOAD_BODY_MB", "200")) * 1024 * 1024
# The largest graduate-archive file the admin takes (larger: `manage.py import_graduates`).
ARCHIVE_UPLOAD_MAX_BYTES = int(env("ARCHIVE_UPLOAD_MAX_MB", "100")) * 1024 * 1024

# E-mail
EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("EMAIL_PORT", "25"))
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Cercle <no-reply@localhost>")
SERVER_EMAIL = env("SERVER_EMAIL", DEFAULT_FROM_EMAIL)

# Background tasks (django-tasks): a database queue consumed by `manage.py db_worker`.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Public search. ELASTICSEARCH_URL switches the community search to Elasticsearch;
# without it the database answers the same queries.
ELASTICSEARCH_URL = env("ELASTICSEARCH_URL", "")
ELASTICSEARCH_INDEX_PREFIX = env("ELASTICSEARCH_INDEX_PREFIX", "cercle")
# Seconds a query waits for Elasticsearch before the database answers instead.
ELASTICSEARCH_TIMEOUT = float(env("ELASTICSEARCH_TIMEOUT", "0.8"))
# Extra keyword arguments for the Elasticsearch client (e.g. ``node_class``, TLS options).
ELASTICSEARCH_CLIENT_OPTIONS: dict = {}

# Wagtail
# The clubs' map: Leaflet is served from django-leaflet's static files; only the
# tiles come from a tile server, which the page does without when it cannot reach it.
CLUBS_MAP_TILES_URL = env("MAP_TILES_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
CLUBS_MAP_ATTRIBUTION = env(
    "MAP_ATTRIBUTION",
    '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors',
)
LEAFLET_CONFIG = {
    "TILES": [("", CLUBS_MAP_TILES_URL, {"attribution": CLUBS_MAP_ATTRIBUTION})],
    "NO_GLOBALS": True,
}

# Content-Security-Policy (django-csp, config.middleware). The public site runs no
# inline script or style: only its own files, the map's tiles and the media storage.
# ``CSP_REPORT_ONLY=true`` reports violations instead of blocking them, to
# ``CSP_REPORT_URI`` when set.
_MAP_TILES_ORIGIN = "/".join(CLUBS_MAP_TILES_URL.split("/")[:3]).replace("{s}", "*")
_MEDIA_ORIGIN = "/".join(MEDIA_URL.split("/")[:3]) if "://" in MEDIA_URL else SELF
SITE_CSP_DIRECTIVES = {
    "default-src": [SELF],
    "script-src": [SELF],
    "style-src": [SELF],
    "img-src": [SELF, "data:", _MAP_TILES_ORIGIN, _MEDIA_ORIGIN],
    "media-src": [SELF, _MEDIA_ORIGIN],
    "font-src": [SELF],
    "connect-src": [SELF],
    "object-src": [NONE],
    "base-uri": [SELF],
    "form-action": [SELF],
    "frame-ancestors": [NONE],
}
# The Wagtail admin writes inline scripts and styles, shows uploads as blob: previews,
# frames its page previews and asks releases.wagtail.org for new versions.
ADMIN_CSP_PREFIX = "/admin/"
ADMIN_CSP_DIRECTIVES = SITE_CSP_DIRECTIVES | {
    "script-src": [SELF, "'unsafe-inline'"],
    "style-src": [SELF, "'unsafe-inline'"],
    "img-src": [*SITE_CSP_DIRECTIVES["img-src"], "blob:"],
    "connect-src": [SELF, "https://releases.wagtail.org"],
    "frame-src": [SELF],
    "frame-ancestors": [SELF],
}
if CSP_REPORT_URI := env("CSP_REPORT_URI", ""):
    SITE_CSP_DIRECTIVES["report-uri"] = ADMIN_CSP_DIRECTIVES["report-uri"] = [CSP_REPORT_URI]
_CSP = {"DIRECTIVES": SITE_CSP_DIRECTIVES}
CSP_REPORT_ONLY = env_bool("CSP_REPORT_ONLY")
CONTENT_SECURITY_POLICY = None if CSP_REPORT_ONLY else _CSP
CONTENT_SECURITY_POLICY_REPORT_ONLY = _CSP if CSP_REPORT_ONLY else None
# No page uses the camera, the microphone, the position or payments; none may ask.
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"
# Opening the site from another site's window gives that window no handle on it.
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SECURE_REFERRER_POLICY = "same-origin"

# Every form field of the site marks whether it is required (home/templates/forms/field.html).
FORM_RENDERER = "home.forms.SiteFormRenderer"

WAGTAIL_SITE_NAME = env("SITE_NAME", "Cercle")
# The address the site is served at: every absolute link starts with it (config/links.py).
SITE_URL = env("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
WAGTAILADMIN_BASE_URL = SITE_URL
# Avatars are the admin's initials, not images fetched from gravatar.com.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_I18N_ENABLED = False
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# Documents are always served by Wagtail's view, which checks the collection's privacy
# and sends them with Content-Disposition, nosniff and a "default-src 'none'" policy;
# no HTML, SVG or script is accepted (the extensions below).
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "txt", "vtt", "mp4", "webm", "xlsx"]
# Videos and their captions open in the browser (the <video> player reads them too).
WAGTAILDOCS_INLINE_CONTENT_TYPES = [
    "application/pdf",
    "text/plain",
    "video/mp4",
    "video/webm",
    "text/vtt",
]
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp", "avif"]
WAGTAILAPI_LIMIT_MAX = 100
# Rich text reaches headless clients as display HTML, links resolved
# (`?rich_text_format=db_html` still gives Wagtail's stored form).
WAGTAILAPI_RICH_TEXT_FORMAT = "html"
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES

TAGGIT_CASE_INSENSITIVE = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
    },
}
