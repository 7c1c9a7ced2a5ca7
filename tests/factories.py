"""Small factory functions for tests: valid records with unique slugs, overridable fields.

Each returns a saved record. Names are placeholders, not programme facts.
"""

import itertools

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from lessons.models import GoodPractice, Lesson
from programme.models import (
    Event,
    Organisation,
    Person,
    Programme,
    Project,
    Publication,
    Region,
    Statement,
    Theme,
)
from programme.roles import setup_roles

_numbers = itertools.count(1)


def _unique(prefix):
    return f"{prefix}-{next(_numbers)}"


def _make(model, label_field, prefix, m2m=None, **fields):
    slug = fields.pop("slug", None) or _unique(prefix)
    fields.setdefault(label_field, slug.replace("-", " ").title())
    record = model.objects.create(slug=slug, **fields)
    for name, values in (m2m or {}).items():
        getattr(record, name).set(values)
    return record


def make_region(**fields):
    return _make(Region, "name", "region", **fields)


def make_theme(**fields):
    return _make(Theme, "name", "theme", **fields)


def make_organisation(**fields):
    fields.setdefault("kind", Organisation.Kind.NON_STATE_ACTOR)
    return _make(Organisation, "name", "organisation", **fields)


def make_person(**fields):
    return _make(Person, "name", "person", **fields)


def make_programme(**fields):
    fields.setdefault("summary", "Summary.")
    return _make(Programme, "name", "programme", **fields)


def make_project(m2m=None, **fields):
    fields.setdefault("kind", Project.Kind.TECHNICAL_ASSISTANCE)
    if "programme" not in fields:
        fields["programme"] = make_programme()
    return _make(Project, "title", "project", m2m, **fields)


def make_event(m2m=None, **fields):
    fields.setdefault("kind", Event.Kind.WORKSHOP)
    return _make(Event, "title", "event", m2m, **fields)


def make_statement(m2m=None, **fields):
    if "speaker" not in fields:
        fields["speaker"] = make_person()
    return _make(Statement, "text", "statement", m2m, **fields)


def make_publication(m2m=None, **fields):
    fields.setdefault("kind", Publication.Kind.REPORT)
    return _make(Publication, "title", "publication", m2m, **fields)


def make_lesson(m2m=None, **fields):
    fields.setdefault("takeaway", "Takeaway.")
    return _make(Lesson, "title", "lesson", m2m, **fields)


def make_good_practice(m2m=None, **fields):
    fields.setdefault("summary", "Summary.")
    return _make(GoodPractice, "title", "good-practice", m2m, **fields)


def make_staff(role=None, **fields):
    """A staff user; role is programme.roles.EDITORS or PUBLISHERS (None: superuser)."""
    fields.setdefault("username", _unique("staff"))
    if role is None:
        return get_user_model().objects.create_superuser(password="pw", **fields)
    user = get_user_model().objects.create_user(password="pw", is_staff=True, **fields)
    if not Group.objects.filter(name=role).exists():
        setup_roles()  # a transactional test may have flushed the migration's groups
    user.groups.add(Group.objects.get(name=role))
    return user
