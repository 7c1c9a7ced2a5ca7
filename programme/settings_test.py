"""Test profile: production settings with what makes tests fast and self-contained."""

import os

# The tests never read the .env of a local copy (its DJANGO_DEBUG=1 would change them).
os.environ.setdefault("DJANGO_ENV_FILE", "")
os.environ.setdefault("DJANGO_SECRET_KEY", "test-only-secret-key-not-for-any-real-site-0123456789")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")

from programme.settings import *  # noqa: E402, F403

# The test client speaks plain HTTP; security headers are tested with their own overrides.
SECURE_SSL_REDIRECT = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Serve static files from the app folders: no collectstatic before the tests.
WHITENOISE_USE_FINDERS = True
# Sign-in lock-out is off except in the tests that prove it (Client.login passes no request).
AXES_ENABLED = False
# Pages are not kept in the cache, so that tests can look at each response's context; the
# page cache's own tests turn it on.
PAGE_CACHE_SECONDS = 0
