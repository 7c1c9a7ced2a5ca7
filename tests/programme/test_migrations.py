"""A migration that fails halfway leaves the database as it was before that migration.

The test app tests.support.failing_migration has two migrations: 0001 creates a table, 0002
creates another and then raises. `migrate` runs in a fresh process against a database of its
own (a file SQLite database; on PostgreSQL runs, a separate PostgreSQL database), and must
fail, keep 0001, and leave no trace of 0002: no table, not recorded as applied.
"""

import sqlite3

import psycopg
import pytest
from django.conf import settings

from tests.conftest import run_python

SETTINGS = "tests.support.failing_migration_settings"
COMMAND = (
    "import sys; from django.core.management import execute_from_command_line; "
    "execute_from_command_line(['manage.py', *sys.argv[1:]])"
)


def manage(database_url, *args):
    return run_python(
        f"import sys; sys.argv[1:] = {list(args)!r}; {COMMAND}",
        DJANGO_SETTINGS_MODULE=SETTINGS,
        DJANGO_DEBUG="1",
        DATABASE_URL=database_url,
    )


def check_failed_migration(database_url, tables):
    result = manage(database_url, "migrate", "failing_migration", "--noinput")
    assert result.returncode != 0
    assert "deliberate failure after creating failing_migration_doomed" in result.stderr
    assert "Applying failing_migration.0001_initial... OK" in result.stdout
    # The first migration stays; the failed one left nothing behind.
    assert "failing_migration_survivor" in tables()
    assert "failing_migration_doomed" not in tables()
    shown = manage(database_url, "showmigrations", "failing_migration")
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.split() == [
        "failing_migration",
        "[X]",
        "0001_initial",
        "[",
        "]",
        "0002_create_then_fail",
    ]
    # Running it again fails the same way: nothing half-done is in its way.
    again = manage(database_url, "migrate", "failing_migration", "--noinput")
    assert again.returncode != 0
    assert "deliberate failure" in again.stderr
    assert "already exists" not in again.stderr


def test_on_sqlite(tmp_path):
    path = tmp_path / "migrations.sqlite3"

    def tables():
        with sqlite3.connect(path) as connection:
            rows = connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            return {name for (name,) in rows}

    check_failed_migration(f"sqlite:///{path}", tables)


def test_on_postgresql():
    default = settings.DATABASES["default"]
    if default["ENGINE"] != "django.db.backends.postgresql":
        pytest.skip("PostgreSQL only: this run's database is " + default["ENGINE"])
    # A database of its own, beside the test database, so that nothing else is touched.
    name = f"{default['NAME']}_failed_migration"
    server = {
        "host": default["HOST"] or "127.0.0.1",
        "port": default["PORT"] or 5432,
        "user": default["USER"],
        "password": default["PASSWORD"] or None,
    }
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    credentials = server["user"] + (f":{server['password']}" if server["password"] else "")
    url = f"postgres://{credentials}@{server['host']}:{server['port']}/{name}"

    def tables():
        with psycopg.connect(dbname=name, **server) as connection:
            rows = connection.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
            ).fetchall()
            return {tablename for (tablename,) in rows}

    try:
        check_failed_migration(url, tables)
    finally:
        with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
