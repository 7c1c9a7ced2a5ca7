import contextlib
import os
import shutil
import sys
from pathlib import Path

import pytest
from django.db import connections, transaction

ROOT = Path(__file__).resolve().parent.parent
IN_CI = os.environ.get("CI", "").lower() == "true"


def run_python(code, **env):
    """Run Python code in a fresh process with only the given Django environment."""
    import subprocess

    base = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    base.pop("REDIS_URL", None)
    base["DJANGO_ENV_FILE"] = ""  # never the .env of a local copy, unless a test names one
    base.update(env)
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=base, capture_output=True, text=True, timeout=60
    )


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: pages cached by one test never leak into another."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def default_language():
    """Each test ends in the default language: a test that renders a French page leaves French
    active in its thread, which would otherwise decide the language of the next test's output."""
    yield
    from django.utils import translation

    translation.activate("en")


@contextlib.contextmanager
def rolled_back_after(django_db_blocker):
    """For a module-scoped fixture: rows written inside stay for the module's tests and are
    rolled back after them. Each test still runs in its own savepoint inside (its `db`), so
    what one test changes the next never sees. Only for modules whose every database test
    wants those rows: the module's other tests run while they are there."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)


@pytest.fixture(scope="module")
def closing_content(django_db_setup, django_db_blocker):
    """The closing-event content (load_content), loaded once for a module whose tests only
    read it."""
    from django.core.management import call_command

    with rolled_back_after(django_db_blocker):
        call_command("load_content", verbosity=0)
        yield


@pytest.fixture(scope="session")
def mirror_folder(tmp_path_factory):
    """Where tests.mirror.built_once builds the static mirror, once for the whole run."""
    return tmp_path_factory.mktemp("mirror")


@pytest.fixture
def production_env():
    """Environment values a production deployment would set."""
    return {
        "DJANGO_SETTINGS_MODULE": "programme.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "p" * 20 + "-production-like-secret-" + "k9x" * 10,
        "DJANGO_ALLOWED_HOSTS": "portal.example.org",
    }


def chromium_path():
    path = "/usr/bin/chromium"
    return path if Path(path).exists() else shutil.which("chromium")


@pytest.fixture
def unreachable_database(db):
    """Swap the default connection for one to a database that cannot be reached."""
    default = connections["default"]
    settings_dict = {**default.settings_dict}
    if default.vendor == "sqlite":
        settings_dict["NAME"] = "/nonexistent-directory/portal.sqlite3"
    else:
        settings_dict["PORT"] = "1"  # nothing listens there
    unreachable = default.__class__(settings_dict, alias="default")
    connections["default"] = unreachable
    yield
    connections["default"] = default
    unreachable.close()
