"""Model rules: unique slugs, natural keys, the published() rule and scheduled publishing."""

from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import serializers
from django.db import IntegrityError, transaction
from django.urls import NoReverseMatch, reverse, set_script_prefix
from django.utils import timezone, translation

from programme.models import Organisation, Project, Statement, Status, Theme, slug_url
from programme.public.listing import shown_to
from tests.factories import drafts as f

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("make", [f.make_theme, f.make_region, f.make_organisation, f.make_project])
def test_slugs_are_unique_in_the_database(make):
    first = make()
    with pytest.raises(IntegrityError), transaction.atomic():
        make(slug=first.slug)


def round_trip(*querysets):
    """Dump with natural keys, as the README's dumpdata command does, then load again."""
    dumped = serializers.serialize(
        "json",
        [obj for qs in querysets for obj in qs],
        use_natural_foreign_keys=True,
        use_natural_primary_keys=True,
    )
    assert '"pk"' not in dumped  # records are found by slug, not by database id
    return dumped


def load(dumped):
    for item in serializers.deserialize("json", dumped):
        item.save()


def test_natural_keys_round_trip_and_a_reload_updates_instead_of_duplicating():
    theme = f.make_theme(slug="remittances", name="Remittances")
    parent = f.make_organisation(slug="parent-body", name="Parent body")
    organisation = f.make_organisation(slug="unit", name="Unit", parent=parent)
    speaker = f.make_person(slug="speaker", organisation=organisation)
    statement = f.make_statement(
        slug="words", speaker=speaker, text="Words", m2m={"themes": [theme]}
    )
    dumped = round_trip(
        Theme.objects.all(),
        Organisation.objects.order_by("pk"),
        type(speaker).objects.all(),
        Statement.objects.all(),
    )

    Statement.objects.all().delete()
    type(speaker).objects.all().delete()
    Organisation.objects.filter(pk=organisation.pk).delete()
    load(dumped)  # recreates what was deleted, finding the rest by slug
    load(dumped)  # and a second load changes nothing

    assert Organisation.objects.count() == 2
    assert Statement.objects.count() == 1
    reloaded = Statement.objects.get(slug="words")
    assert reloaded.pk != statement.pk
    assert reloaded.speaker.slug == "speaker"
    assert reloaded.speaker.organisation.parent == parent
    assert list(reloaded.themes.all()) == [theme]
    assert Theme.objects.get_by_natural_key("remittances") == theme
    assert theme.natural_key() == ("remittances",)


def test_published_shows_only_published_records_whose_time_has_come():
    now = timezone.now()
    public = f.make_project(status=Status.PUBLISHED, published_at=now - timedelta(days=1))
    f.make_project(status=Status.PUBLISHED, published_at=now + timedelta(days=1))  # scheduled
    f.make_project(status=Status.REVIEW, published_at=now - timedelta(days=1))
    f.make_project(status=Status.DRAFT)

    assert list(Project.objects.published()) == [public]


def test_a_scheduled_record_appears_when_its_time_comes():
    later = timezone.now() + timedelta(hours=2)
    scheduled = f.make_project(status=Status.PUBLISHED, published_at=later)
    assert not scheduled.is_public
    assert not Project.objects.published().exists()
    Project.objects.filter(pk=scheduled.pk).update(
        published_at=timezone.now() - timedelta(minutes=1)
    )
    assert list(Project.objects.published()) == [scheduled]


def test_staff_see_drafts_the_public_does_not():
    draft = f.make_project()
    staff = f.make_staff()
    assert list(shown_to(SimpleNamespace(user=staff), Project)) == [draft]
    assert not shown_to(SimpleNamespace(user=AnonymousUser()), Project).exists()


def test_a_record_is_public_only_with_the_parents_it_depends_on():
    published = {"status": Status.PUBLISHED, "published_at": timezone.now() - timedelta(days=1)}
    speaker, event = f.make_person(**published), f.make_event(**published)
    quotes = {
        "alone": f.make_statement(speaker=speaker, **published),
        "at an event": f.make_statement(speaker=speaker, event=event, **published),
        "draft speaker": f.make_statement(speaker=f.make_person(), **published),
        "draft event": f.make_statement(speaker=speaker, event=f.make_event(), **published),
    }
    assert set(Statement.objects.published()) == {quotes["alone"], quotes["at an event"]}
    assert {name for name, quote in quotes.items() if quote.is_public} == {"alone", "at an event"}
    of_a_draft = f.make_project(programme=f.make_programme(), **published)
    assert not of_a_draft.is_public
    assert not Project.objects.published().exists()
    # Reference data has no workflow: all of it is public.
    theme = f.make_theme()
    assert list(Theme.objects.published()) == [theme]


def test_publishing_fills_the_publication_date_once():
    project = f.make_project()
    assert project.published_at is None
    project.status = Status.PUBLISHED
    project.save()
    first = project.published_at
    assert first is not None and first <= timezone.now()
    project.title = "Corrected"
    project.save()
    assert project.published_at == first


def test_a_chosen_publication_date_is_kept():
    chosen = timezone.now() + timedelta(days=7)
    project = f.make_project(status=Status.PUBLISHED, published_at=chosen)
    assert project.published_at == chosen


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize(
    "viewname",
    [
        "programme:theme_detail",
        "programme:region_detail",
        "programme:project_detail",
        "lessons:lesson_detail",
        "lessons:goodpractice_detail",
    ],
)
def test_slug_url_is_the_address_reverse_gives(viewname, language):
    with translation.override(language):
        for slug in ("remittances", "slug-placeholder", "a_b-2019"):
            assert slug_url(viewname, slug) == reverse(viewname, args=[slug])


def test_slug_url_follows_the_script_prefix():
    assert slug_url("programme:theme_detail", "visas") == "/themes/visas/"
    set_script_prefix("/portal/")
    try:
        assert slug_url("programme:theme_detail", "visas") == "/portal/themes/visas/"
    finally:
        set_script_prefix("/")


@pytest.mark.parametrize("slug", ["", "a b/c", "../admin"])
def test_slug_url_refuses_what_is_not_a_slug_as_reverse_does(slug):
    with pytest.raises(NoReverseMatch):
        reverse("programme:theme_detail", args=[slug])
    with pytest.raises(NoReverseMatch):
        slug_url("programme:theme_detail", slug)
