"""The settings contract: what the environment decides, and refusing bad values at start."""

import ast
import subprocess

import pytest
from django.conf import settings
from django.db import connection

from tests.conftest import ROOT, run_python

SHOW = "import django; django.setup(); from django.conf import settings as s; print({})"


def test_production_refuses_to_start_without_secret_key(production_env):
    production_env.pop("DJANGO_SECRET_KEY")
    result = run_python(SHOW.format("s.DEBUG"), **production_env)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "Configuration error: DJANGO_SECRET_KEY is required when DJANGO_DEBUG is off "
        "(set a long random value)."
    ]


def test_production_refuses_to_start_without_allowed_hosts(production_env):
    production_env["DJANGO_ALLOWED_HOSTS"] = " , "
    result = run_python(SHOW.format("s.DEBUG"), **production_env)
    assert result.returncode == 1
    assert "DJANGO_ALLOWED_HOSTS is required" in result.stderr
    assert "Traceback" not in result.stderr


def test_debug_is_off_unless_set(production_env):
    production_env.pop("DJANGO_DEBUG")
    result = run_python(SHOW.format("s.DEBUG"), **production_env)
    assert result.stdout.strip() == "False"


def test_malformed_boolean_names_the_variable(production_env):
    production_env["DJANGO_DEBUG"] = "maybe"
    result = run_python(SHOW.format("s.DEBUG"), **production_env)
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "Configuration error: DJANGO_DEBUG must be 1 or 0 (true/false), not 'maybe'."
    )


def test_unknown_database_scheme_names_the_variable(production_env):
    production_env["DATABASE_URL"] = "oracle2://nobody@127.0.0.1/none"
    result = run_python(SHOW.format("s.DATABASES"), **production_env)
    assert result.returncode == 1
    assert result.stderr.startswith("Configuration error: DATABASE_URL cannot be used")
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("url", "engine"),
    [
        ("", "django.db.backends.sqlite3"),
        ("postgres://postgres@127.0.0.1:5432/test", "django.db.backends.postgresql"),
    ],
)
def test_database_url_picks_the_engine(production_env, url, engine):
    production_env["DATABASE_URL"] = url
    result = run_python(SHOW.format("s.DATABASES['default']['ENGINE']"), **production_env)
    assert result.stdout.strip() == engine


@pytest.mark.parametrize(
    ("redis_url", "backend"),
    [
        ("", "programme.filecache.UncompressedFileCache"),
        ("redis://127.0.0.1:6379/1", "django.core.cache.backends.redis.RedisCache"),
    ],
)
def test_redis_url_picks_the_cache(production_env, redis_url, backend):
    production_env["REDIS_URL"] = redis_url
    result = run_python(SHOW.format("s.CACHES['default']['BACKEND']"), **production_env)
    assert result.stdout.strip() == backend


def test_a_redis_that_does_not_answer_fails_within_a_second(production_env):
    # A Redis host that accepts connections but never answers (overloaded, or a half-dead
    # network): without socket timeouts every request would wait for ever.
    import socket

    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        production_env["REDIS_URL"] = f"redis://127.0.0.1:{silent.getsockname()[1]}/0"
        result = run_python(
            "import time, django; django.setup(); from django.core.cache import cache\n"
            "started = time.monotonic()\n"
            "try:\n    cache.get('page')\nexcept Exception as error:\n"
            "    print(type(error).__name__, round(time.monotonic() - started, 1))\n",
            **production_env,
        )
    name, seconds = result.stdout.split()
    assert name == "TimeoutError", result.stderr
    assert float(seconds) < 2


def test_without_redis_every_process_shares_the_cache(production_env, tmp_path):
    # gunicorn's workers are processes: an edit seen by one must empty the cache of all.
    production_env["DJANGO_CACHE_DIR"] = str(tmp_path)
    setup = "import django; django.setup(); from django.core.cache import cache; "
    writer = run_python(setup + "cache.set('generation', 42)", **production_env)
    assert writer.returncode == 0, writer.stderr
    reader = run_python(setup + "print(cache.get('generation'))", **production_env)
    assert reader.stdout.strip() == "42", reader.stderr


def test_production_security_settings(production_env):
    result = run_python(
        SHOW.format(
            "(s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_SECURE, "
            "s.CSRF_COOKIE_SECURE, s.SECURE_PROXY_SSL_HEADER)"
        ),
        **production_env,
    )
    assert result.stdout.strip() == (
        "(True, 31536000, True, True, ('HTTP_X_FORWARDED_PROTO', 'https'))"
    )


def test_check_deploy_is_clean_with_production_settings(production_env):
    result = run_python(
        "import sys; from django.core.management import execute_from_command_line; "
        "execute_from_command_line(['manage.py', 'check', '--deploy', '--fail-level', 'WARNING'])",
        **production_env,
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_static_files_use_the_compressed_manifest_storage(production_env):
    result = run_python(
        SHOW.format("(s.STORAGES['staticfiles']['BACKEND'], s.MIDDLEWARE[:2])"), **production_env
    )
    assert result.stdout.strip() == (
        "('whitenoise.storage.CompressedManifestStaticFilesStorage', "
        "['django.middleware.security.SecurityMiddleware', "
        "'whitenoise.middleware.WhiteNoiseMiddleware'])"
    )


@pytest.mark.django_db
def test_sqlite_runs_in_wal_mode_with_a_busy_timeout():
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only: this run uses " + connection.vendor)
    # The test database is in memory (which has no WAL), so check on a file database.
    options = settings.DATABASES["default"]["OPTIONS"]
    assert options["timeout"] == 20
    assert options["transaction_mode"] == "IMMEDIATE"
    result = run_python(
        "import django; django.setup(); from django.db import connection; "
        "c = connection.cursor(); c.execute('PRAGMA journal_mode'); print(c.fetchone()[0])",
        DJANGO_SETTINGS_MODULE="programme.settings",
        DJANGO_DEBUG="1",
        DATABASE_URL="sqlite:////tmp/portal-wal-check.sqlite3",
    )
    assert result.stdout.strip() == "wal", result.stderr


def make_env_file(tmp_path):
    """The .env that `make run` writes, written by the Makefile's own rule."""
    tmp_path.mkdir(exist_ok=True)
    path = tmp_path / ".env"
    result = subprocess.run(
        ["make", "--no-print-directory", f"ENV_FILE={path}", str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return path


def test_without_a_env_file_and_without_debug_production_refuses(tmp_path):
    result = run_python(
        SHOW.format("s.DEBUG"),
        DJANGO_SETTINGS_MODULE="programme.settings",
        DJANGO_ENV_FILE=str(tmp_path / ".env"),  # no such file
    )
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "Configuration error: DJANGO_SECRET_KEY is required when DJANGO_DEBUG is off "
        "(set a long random value)."
    ]


def test_the_env_file_of_make_run_lets_every_command_run_as_typed(tmp_path):
    env_file = make_env_file(tmp_path)
    assert oct(env_file.stat().st_mode & 0o777) == "0o600"  # holds a secret
    environment = {"DJANGO_SETTINGS_MODULE": "programme.settings", "DJANGO_ENV_FILE": str(env_file)}
    result = run_python(SHOW.format("(s.DEBUG, s.SECRET_KEY)"), **environment)
    assert result.returncode == 0, result.stderr
    debug, secret = ast.literal_eval(result.stdout)
    assert debug is True
    assert len(secret) >= 50 and "insecure" not in secret
    check = run_python(
        "from django.core.management import execute_from_command_line; "
        "execute_from_command_line(['manage.py', 'check'])",
        **environment,
    )
    assert check.returncode == 0, check.stderr
    # Each `make run` of a new copy makes its own secret; an existing file is kept.
    assert make_env_file(tmp_path).read_text() == env_file.read_text()
    assert make_env_file(tmp_path / "other").read_text() != env_file.read_text()


def test_the_environment_wins_over_the_env_file(tmp_path, production_env):
    production_env["DJANGO_ENV_FILE"] = str(make_env_file(tmp_path))
    result = run_python(SHOW.format("(s.DEBUG, s.SECRET_KEY[:1])"), **production_env)
    assert result.stdout.strip() == "(False, 'p')", result.stderr


def test_the_env_file_is_beside_manage_py_and_ignored_by_git():
    result = run_python(
        "import os; os.environ.pop('DJANGO_ENV_FILE'); " + SHOW.format("s.ENV_FILE"),
        DJANGO_SETTINGS_MODULE="programme.settings",
        DJANGO_DEBUG="1",
    )
    assert result.stdout.strip() == str(ROOT / ".env"), result.stderr
    ignored = subprocess.run(["git", "check-ignore", "-q", ".env"], cwd=ROOT, check=False)
    assert ignored.returncode == 0
