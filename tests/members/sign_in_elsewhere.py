"""Another worker of the site: a process of its own that tries wrong passwords.

``python -m tests.members.sign_in_elsewhere EMAIL ATTEMPTS`` posts ``ATTEMPTS``
failed sign-ins for ``EMAIL`` to allauth's form, with the database of
``DATABASE_URL`` and the cache of ``CACHE_URL`` (Redis, under ``CACHE_KEY_PREFIX``;
without them, this process's own memory, as each worker's would be), and prints
the status of each answer on a line.
"""

import os
import sys


def main(email: str, attempts: int) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django
    from django.conf import settings

    if url := os.environ.get("CACHE_URL"):
        settings.CACHES = {
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": url,
                "KEY_PREFIX": os.environ["CACHE_KEY_PREFIX"],
            }
        }
    django.setup()
    from django.test import Client

    client = Client()
    for _ in range(attempts):
        response = client.post("/accounts/login/", {"login": email, "password": "not-it"})
        sys.stdout.write(f"{response.status_code}\n")


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
