"""Read settings from the environment and stop with one clear line when a value is wrong.

A bad deployment value must stop the process at start-up, naming the variable, instead of
failing later inside a request with a traceback.
"""

import os

from dotenv import load_dotenv

TRUE = {"1", "true", "yes", "on"}
FALSE = {"0", "false", "no", "off", ""}


class ConfigurationError(SystemExit):
    """Exits the process with a one-line message (SystemExit prints it to stderr)."""

    def __init__(self, name, problem):
        super().__init__(f"Configuration error: {name} {problem}")


def get_bool(name, default=False):
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in TRUE:
        return True
    if value in FALSE:
        return False
    raise ConfigurationError(name, f"must be 1 or 0 (true/false), not {raw!r}.")


def get_int(name, default):
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        return int(raw)
    except ValueError:
        raise ConfigurationError(name, f"must be a whole number, not {raw!r}.") from None


def get_list(name, default=()):
    """A comma-separated list; blanks are dropped."""
    raw = os.environ.get(name)
    if raw is None:
        return list(default)
    return [item.strip() for item in raw.split(",") if item.strip()]


def get_str(name, default=""):
    return os.environ.get(name, default).strip()


def read_env_file(default_path):
    """Add the values of the local settings file to the environment: `.env` beside
    manage.py, written by `make run` (debug on, a generated secret key) so that every command
    of a local copy gets the same settings. Values already in the environment win; with no
    file nothing changes, so production still needs its real settings. DJANGO_ENV_FILE names
    another file, or none when empty (the tests)."""
    path = os.environ.get("DJANGO_ENV_FILE", str(default_path)).strip()
    if path:
        load_dotenv(path, override=False)
    return path
