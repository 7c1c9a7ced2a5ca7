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
    KeyFigure,
    Milestone,
    Organisation,
    Person,
    Programme,
    Project,
    Publication,
    Region,
    Source,
    SourceVersion,
    Statement,
    Status,
    Theme,
)
from programme.publishing.roles import setup_roles
from programme.publishing.services import links_first, write_history

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
    record = model(**fields)
    # One historical record, of the record with its links, rather than one per link set
    # (django-simple-history copies every link table for each): most of a factory's cost.
    with links_first(record):
        record.save()
        for name, values in related.items():
            getattr(record, name).set(values)
    write_history(record, created=True)
    return record


def _title(kind):
    return f"{kind} {next(_numbers)}"


def make_theme(**fields):
    fields.setdefault("name", _title("Theme"))
    return _make(Theme, many=("sources",), **fields)


def make_region(**fields):
    fields.setdefault("name", _title("Region"))
    return _make(Region, many=("sources",), **fields)


def make_organisation(**fields):
    fields.setdefault("name", _title("Organisation"))
    fields.setdefault("kind", Organisation.Kind.OTHER)
    return _make(Organisation, many=("sources",), **fields)


def make_person(**fields):
    fields.setdefault("name", _title("Person"))
    return _make(Person, many=("sources",), **fields)


def make_programme(**fields):
    fields.setdefault("name", _title("Programme"))
    fields.setdefault("summary", "What the programme was.")
    return _make(
        Programme, many=("funders", "implementers", "supporters", "regions", "sources"), **fields
    )


def make_project(**fields):
    fields.setdefault("title", _title("Project"))
    fields.setdefault("kind", Project.Kind.TECHNICAL_ASSISTANCE)
    if "programme" not in fields:
        fields["programme"] = make_programme()
    return _make(
        Project,
        many=(
            "themes",
            "regions",
            "requesting_organisations",
            "implementing_organisations",
            "sources",
        ),
        **fields,
    )


def make_event(**fields):
    fields.setdefault("title", _title("Event"))
    fields.setdefault("kind", Event.Kind.WORKSHOP)
    return _make(
        Event,
        many=("themes", "participating_organisations", "hosts", "speakers", "sources"),
        **fields,
    )


def make_statement(**fields):
    fields.setdefault("text", f"Words number {next(_numbers)}.")
    if "speaker" not in fields:
        fields["speaker"] = make_person()
    return _make(Statement, many=("themes", "sources"), **fields)


def make_publication(**fields):
    fields.setdefault("title", _title("Publication"))
    fields.setdefault("kind", Publication.Kind.THEMATIC)
    return _make(Publication, many=("themes", "regions", "authors", "sources"), **fields)


KNOWLEDGE_RELATIONS = (
    "themes",
    "regions",
    "stakeholders",
    "people",
    "projects",
    "statements",
    "publications",
    "sources",
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


def make_source(**fields):
    number = next(_numbers)
    fields.setdefault("url", f"https://example.org/source-{number}")
    fields.setdefault("site", f"Publisher {number}")
    return Source.objects.create(**fields)


def make_source_version(record, **fields):
    """One source's version of a disputed fact about `record`."""
    from django.contrib.contenttypes.models import ContentType

    fields.setdefault("topic", "Number of participants")
    if "source" not in fields:
        fields["source"] = make_source()
    return SourceVersion.objects.create(
        content_type=ContentType.objects.get_for_model(record), object_slug=record.slug, **fields
    )


def make_key_figure(**fields):
    fields.setdefault("value", str(next(_numbers)))
    fields.setdefault("label", "requests")
    fields.setdefault("reported", "2019")
    return _make(KeyFigure, many=("sources",), **fields)


def make_milestone(**fields):
    fields.setdefault("year", 2010)
    fields.setdefault("title", _title("Milestone"))
    return _make(Milestone, many=("sources",), **fields)


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


NO_WORKFLOW = {"make_staff", "make_source", "make_source_version"}

# The same makers, but records start as drafts, as a record an editor adds does.
drafts = SimpleNamespace(
    **{
        name: functools.partial(maker, status=Status.DRAFT)
        for name, maker in list(globals().items())
        if name.startswith("make_") and name not in NO_WORKFLOW
    },
    make_staff=make_staff,
)
