"""Small factories for tests: each makes one saved record, published by default.

Every keyword argument is passed to the model; many-to-many values are given as lists
(themes=[theme]) or together as m2m={"themes": [theme]}. Slugs are made unique with a
counter. Names are placeholders, not programme facts.
"""

import functools
import itertools
from datetime import timedelta
from types import SimpleNamespace

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

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
    Status,
    Theme,
)
from programme.publishing.roles import setup_roles

_numbers = itertools.count(1)


def _make(model, many=(), m2m=None, **fields):
    number = next(_numbers)
    fields.setdefault("slug", f"{model._meta.model_name}-{number}")
    if not hasattr(model, "status"):
        fields.pop("status", None)  # themes and regions have no workflow
    else:
        fields.setdefault("status", Status.PUBLISHED)
        if fields["status"] == Status.PUBLISHED:
            fields.setdefault("published_at", timezone.now() - timedelta(days=1))
    related = {name: fields.pop(name) for name in many if name in fields}
    related.update(m2m or {})
    record = model.objects.create(**fields)
    for name, values in related.items():
        getattr(record, name).set(values)
    return record


def _title(kind):
    return f"{kind} {next(_numbers)}"


def make_theme(**fields):
    fields.setdefault("name", _title("Theme"))
    return _make(Theme, **fields)


def make_region(**fields):
    fields.setdefault("name", _title("Region"))
    return _make(Region, **fields)


def make_organisation(**fields):
    fields.setdefault("name", _title("Organisation"))
    fields.setdefault("kind", Organisation.Kind.OTHER)
    return _make(Organisation, **fields)


def make_person(**fields):
    fields.setdefault("name", _title("Person"))
    return _make(Person, **fields)


def make_programme(**fields):
    fields.setdefault("name", _title("Programme"))
    fields.setdefault("summary", "What the programme was.")
    return _make(Programme, many=("funders", "implementers", "supporters", "regions"), **fields)


def make_project(**fields):
    fields.setdefault("title", _title("Project"))
    fields.setdefault("kind", Project.Kind.TECHNICAL_ASSISTANCE)
    if "programme" not in fields:
        fields["programme"] = make_programme()
    return _make(
        Project,
        many=("themes", "regions", "requesting_organisations", "implementing_organisations"),
        **fields,
    )


def make_event(**fields):
    fields.setdefault("title", _title("Event"))
    fields.setdefault("kind", Event.Kind.WORKSHOP)
    return _make(Event, many=("themes", "participating_organisations"), **fields)


def make_statement(**fields):
    fields.setdefault("text", f"Words number {next(_numbers)}.")
    if "speaker" not in fields:
        fields["speaker"] = make_person()
    return _make(Statement, many=("themes",), **fields)


def make_publication(**fields):
    fields.setdefault("title", _title("Publication"))
    fields.setdefault("kind", Publication.Kind.THEMATIC)
    return _make(Publication, many=("themes", "regions"), **fields)


KNOWLEDGE_RELATIONS = (
    "themes",
    "regions",
    "stakeholders",
    "people",
    "projects",
    "statements",
    "publications",
)


def make_lesson(**fields):
    fields.setdefault("title", _title("Lesson"))
    fields.setdefault("takeaway", "What was learned.")
    return _make(Lesson, many=KNOWLEDGE_RELATIONS, **fields)


def make_practice(**fields):
    fields.setdefault("title", _title("Good practice"))
    fields.setdefault("summary", "What worked.")
    return _make(GoodPractice, many=KNOWLEDGE_RELATIONS, **fields)


make_good_practice = make_practice


def make_staff(role=None, **fields):
    """A staff user; role is programme.publishing.roles.EDITORS or PUBLISHERS (None: superuser)."""
    fields.setdefault("username", f"staff-{next(_numbers)}")
    if role is None:
        return get_user_model().objects.create_superuser(password="pw", **fields)
    user = get_user_model().objects.create_user(password="pw", is_staff=True, **fields)
    if not Group.objects.filter(name=role).exists():
        setup_roles()  # a transactional test may have flushed the migration's groups
    user.groups.add(Group.objects.get(name=role))
    return user


# The same makers, but records start as drafts, as a record an editor adds does.
drafts = SimpleNamespace(
    **{
        name: functools.partial(maker, status=Status.DRAFT)
        for name, maker in list(globals().items())
        if name.startswith("make_") and name != "make_staff"
    },
    make_staff=make_staff,
)
