"""The test suite: fast and deterministic."""

from .base import *  # noqa: F403
from .base import env

SECRET_KEY = "test-only-insecure-key"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http"
LANGUAGE_COOKIE_SECURE = False
MEDIA_ROOT = Path(env("TEST_MEDIA_ROOT", VAR_DIR / "test-media"))  # noqa: F405
PRIVATE_MEDIA_ROOT = MEDIA_ROOT.parent / "test-private"
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
SITE_URL = WAGTAILADMIN_BASE_URL = "http://testserver"
# Static files straight from the apps, no collectstatic needed.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
