"""Settings come from the environment; production refuses to start without its secrets."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "SECRET_KEY": "k" * 32 + "Zx9-production-test-value-not-a-real-secret",
    "ALLOWED_HOSTS": "cercle.example.org,www.cercle.example.org",
    "DATABASE_URL": "postgres://cercle:pw@db.example.org:5432/cercle",
    "REDIS_URL": "redis://cache.example.org:6379/0",
}


def read_settings(module, env, expression):
    """Evaluates ``expression`` against the settings ``module`` loaded with ``env`` only."""
    clean_env = {"PATH": os.environ["PATH"], **env}
    code = (
        "import django, os; "
        f"os.environ['DJANGO_SETTINGS_MODULE'] = 'config.settings.{module}'; "
        "from django.conf import settings; "
        f"print(repr({expression}))"
    )
    return subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], cwd=ROOT, env=clean_env, capture_output=True, text=True
    )


def test_database_url_selects_the_database():
    result = read_settings(
        "production",
        PRODUCTION_ENV,
        "(settings.DATABASES['default']['ENGINE'], settings.DATABASES['default']['HOST'])",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "('django.db.backends.postgresql', 'db.example.org')"


def test_without_database_url_dev_uses_sqlite_under_var():
    result = read_settings("dev", {}, "str(settings.DATABASES['default']['NAME'])")
    assert result.stdout.strip().endswith("var/cercle.sqlite3'")


def test_hosts_secret_and_search_come_from_the_environment():
    env = {**PRODUCTION_ENV, "ELASTICSEARCH_URL": "https://search.example.org:9200"}
    result = read_settings(
        "production", env, "(settings.ALLOWED_HOSTS, settings.ELASTICSEARCH_URL, settings.DEBUG)"
    )
    assert result.stdout.strip() == (
        "(['cercle.example.org', 'www.cercle.example.org'], "
        "'https://search.example.org:9200', False)"
    )


def test_email_settings_come_from_the_environment():
    env = {**PRODUCTION_ENV, "EMAIL_HOST": "smtp.example.org", "EMAIL_PORT": "587"}
    env["EMAIL_USE_TLS"] = "true"
    result = read_settings(
        "production", env, "(settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS)"
    )
    assert result.stdout.strip() == "('smtp.example.org', 587, True)"


def test_dev_prints_emails_on_the_console():
    result = read_settings("dev", {}, "settings.EMAIL_BACKEND")
    assert "console" in result.stdout


def test_production_caches_in_the_redis_of_redis_url():
    result = read_settings(
        "production",
        PRODUCTION_ENV,
        "(settings.CACHES['default']['BACKEND'], settings.CACHES['default']['LOCATION'])",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == (
        "('django.core.cache.backends.redis.RedisCache', 'redis://cache.example.org:6379/0')"
    )


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL"])
def test_production_refuses_to_start_without_a_required_variable(missing):
    env = {key: value for key, value in PRODUCTION_ENV.items() if key != missing}
    result = read_settings("production", env, "settings.DEBUG")
    assert result.returncode != 0
    assert f"The environment variable {missing} must be set." in result.stderr


def manage_in_production(*args: str, **env: str) -> subprocess.CompletedProcess:
    """``manage.py *args`` with the production settings and ``PRODUCTION_ENV``."""
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args, "--settings=config.settings.production"],
        cwd=ROOT,
        env={"PATH": os.environ["PATH"], **PRODUCTION_ENV, **env},
        capture_output=True,
        text=True,
    )


def test_production_passes_the_deploy_checks():
    result = manage_in_production("check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_collects_the_static_files(tmp_path):
    """Every reference between static files resolves: the manifest storage refuses to
    collect a stylesheet or script that names a missing file."""
    result = manage_in_production(
        "collectstatic", "--noinput", "--verbosity=0", STATIC_ROOT=str(tmp_path)
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "staticfiles.json").exists()
