"""Production settings plus the failing_migration test app (see its package docstring)."""

from programme.settings import *  # noqa: F403
from programme.settings import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "tests.support.failing_migration"]
