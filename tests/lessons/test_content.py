"""The lessons and good practices of the closing event: each traceable to where it came from."""

from io import StringIO

import pytest
from django.core.management import call_command

from lessons.models import GoodPractice, Lesson
from programme.models import Statement

SOURCE_SLUG = "key-lessons-good-practices-captured-at-eu-acp-migration-programme-close"
CLOSING_EVENT = "acp-eu-migration-action-closing-event"

# The lessons the issue asks for, with the statement that voiced each (None: no quotation did)
# and the project it came from.
EXPECTED = {
    (GoodPractice, "deepened-engagement-between-national-and-regional-authorities"): (None, None),
    (GoodPractice, "regional-and-inter-regional-peer-to-peer-meetings"): (
        "jill-helke-peer-to-peer-meetings",
        "peer-to-peer-regional-thematic-meetings",
    ),
    (Lesson, "demand-driven-technical-assistance-builds-ownership"): (
        "leonard-emile-ognimba-demand-driven-technical-assistance",
        "technical-assistance",
    ),
    (Lesson, "needs-expressed-by-acp-actors-reveal-each-regions-priorities"): (
        "jill-helke-migration-priorities-in-each-region",
        None,
    ),
    (Lesson, "lowering-remittance-prices-and-engaging-the-diaspora"): (
        "camilla-hagstrom-eu-development-assistance",
        None,
    ),
    (GoodPractice, "financial-support-to-non-state-actors-grass-roots-projects"): (
        None,
        "support-to-non-state-actors",
    ),
    (GoodPractice, "capturing-the-programmes-knowledge-in-thematic-publications"): (
        None,
        "thematic-publications",
    ),
}


@pytest.fixture
def loaded(db):
    call_command("load_content", stdout=StringIO())


def everything():
    return [*Lesson.objects.all(), *GoodPractice.objects.all()]


@pytest.mark.parametrize(("model", "slug"), list(EXPECTED), ids=[s for _, s in EXPECTED])
def test_each_lesson_the_issue_lists_is_linked_to_its_provenance(loaded, model, slug):
    statement, project = EXPECTED[model, slug]
    item = model.objects.get(slug=slug)
    assert item.event.slug == CLOSING_EVENT
    assert item.source.slug == SOURCE_SLUG
    assert SOURCE_SLUG in {p.slug for p in item.publications.all()}
    assert [s.slug for s in item.statements.all()] == ([statement] if statement else [])
    assert [p.slug for p in item.projects.all()] == ([project] if project else [])


def test_every_lesson_and_practice_is_written_out_and_sourced(loaded):
    items = everything()
    assert len(items) == 8
    for item in items:
        assert item.title
        one_line = item.takeaway if isinstance(item, Lesson) else item.summary
        assert one_line.endswith(".")
        assert "\n" not in one_line
        assert item.context if isinstance(item, Lesson) else item.approach, item.slug
        assert item.is_public


def test_the_speakers_of_a_lessons_statements_are_among_its_people(loaded):
    for item in everything():
        speakers = {s.speaker for s in item.statements.all()}
        assert speakers <= set(item.people.all()), item.slug
        organisations = {s.organisation for s in speakers}
        assert organisations <= set(item.stakeholders.all()), item.slug


def test_every_statement_voiced_a_lesson_or_practice(loaded):
    for statement in Statement.objects.all():
        assert statement.lessons.exists() or statement.goodpractices.exists(), statement.slug


def test_some_are_featured_for_the_home_page(loaded):
    featured = [item.slug for item in everything() if item.featured]
    assert sorted(featured) == [
        "deepened-engagement-between-national-and-regional-authorities",
        "needs-expressed-by-acp-actors-reveal-each-regions-priorities",
        "regional-and-inter-regional-peer-to-peer-meetings",
    ]


def test_the_knowledge_practice_leads_to_the_five_thematic_publications(loaded):
    practice = GoodPractice.objects.get(
        slug="capturing-the-programmes-knowledge-in-thematic-publications"
    )
    publications = practice.projects.get().publications.all()
    assert sorted(p.title for p in publications) == [
        "Thematic publication on good practices",
        "Thematic publication on readmission",
        "Thematic publication on remittances",
        "Thematic publication on trafficking in human beings/smuggling of migrants",
        "Thematic publication on visas",
    ]
