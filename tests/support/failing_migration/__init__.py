"""A test app whose second migration fails halfway: it creates a table, then raises.

Installed only by tests.support.failing_migration_settings, for the test that a failed
migration leaves the database as it was (tests/programme/test_migrations.py).
"""
