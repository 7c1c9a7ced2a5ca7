"""The French interface catalog: complete, in step with the sources, and compiled.

The compiled catalog (django.mo) is committed, so that the site speaks French on a machine
without GNU gettext; these tests fail when it or the .po falls behind (`make messages`).
"""

import os
import re
import shutil
import subprocess
import sys

import polib
import pytest
from django.conf import settings

from tests.conftest import IN_CI, ROOT

LOCALE = ROOT / "locale"
CATALOGS = sorted(LOCALE.glob("*/LC_MESSAGES/django.po"))
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


def key(entry):
    return (entry.msgctxt, entry.msgid, entry.msgid_plural)


def translations(catalog):
    """{(context, msgid, plural msgid): the translation(s)} of a .po or .mo file."""
    return {
        key(entry): tuple(entry.msgstr_plural[n] for n in sorted(entry.msgstr_plural))
        if entry.msgid_plural
        else entry.msgstr
        for entry in catalog
        if entry.msgid and not entry.obsolete
    }


def test_there_is_a_catalog_for_each_language_but_the_default():
    assert [path.parent.parent.name for path in CATALOGS] == [
        code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE
    ]


@pytest.mark.parametrize("path", CATALOGS, ids=lambda path: path.parent.parent.name)
def test_every_message_is_translated_and_none_is_fuzzy(path):
    catalog = polib.pofile(path)
    assert [entry.msgid for entry in catalog.untranslated_entries()] == []
    assert [entry.msgid for entry in catalog.fuzzy_entries()] == []
    assert [entry.msgid for entry in catalog.obsolete_entries()] == []
    assert len(catalog) > 400  # the whole interface, not a stub


@pytest.mark.parametrize("path", CATALOGS, ids=lambda path: path.parent.parent.name)
def test_translations_keep_every_placeholder(path):
    for entry in polib.pofile(path):
        wanted = set(PLACEHOLDER.findall(entry.msgid + (entry.msgid_plural or "")))
        for text in entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]:
            assert set(PLACEHOLDER.findall(text)) <= wanted, (entry.msgid, text)
            if not entry.msgid_plural:
                assert set(PLACEHOLDER.findall(text)) == wanted, (entry.msgid, text)


@pytest.mark.parametrize("path", CATALOGS, ids=lambda path: path.parent.parent.name)
def test_the_compiled_catalog_is_up_to_date(path):
    compiled = path.with_suffix(".mo")
    assert compiled.exists(), f"{compiled} is missing: run `make messages`"
    assert translations(polib.mofile(compiled)) == translations(polib.pofile(path)), (
        "the .mo is older than the .po: run `make messages`"
    )


def test_the_catalog_lists_exactly_the_messages_of_the_sources(tmp_path):
    """makemessages on a copy of the sources finds no message the .po lacks, and the .po
    keeps none that the sources no longer have."""
    if not shutil.which("xgettext"):
        if IN_CI:
            pytest.fail("GNU gettext (xgettext) is required in CI")
        pytest.skip("GNU gettext (xgettext) is not installed")
    for name in ("programme", "lessons", "archive_mode", "corrections", "templates", "locale"):
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "manage.py", tmp_path)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    env.update(DJANGO_DEBUG="1", DJANGO_SETTINGS_MODULE="programme.settings")
    for path in CATALOGS:
        language = path.parent.parent.name
        result = subprocess.run(
            [sys.executable, "manage.py", "makemessages", "-l", language, "--no-location"],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, result.stderr
        assert "warning" not in result.stderr, result.stderr
        fresh = polib.pofile(tmp_path / path.relative_to(ROOT))
        committed = polib.pofile(path)
        current = {key(entry) for entry in fresh if not entry.obsolete}
        assert current - {key(entry) for entry in committed} == set(), "run `make messages`"
        assert {key(entry) for entry in committed} - current == set(), "run `make messages`"
