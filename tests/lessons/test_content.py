"""The lessons and good practices of the closing event: each traceable to where it came from."""

import pytest

from lessons.models import GoodPractice, Lesson
from programme.models import Statement

SOURCE_SLUG = "key-lessons-good-practices-captured-at-eu-acp-migration-programme-close"
PRESS_RELEASE_URL = "http://acp.int/fr/node/4937"
CLOSING_EVENT = "acp-eu-migration-action-closing-event"

# The lessons the issue asks for, with the statement that voiced each (None: no quotation did)
# and the project it came from.
EXPECTED = {
    (GoodPractice, "deepened-engagement-between-national-and-regional-authorities"): (None, None),
    # Not the three regional thematic meetings: the press release does not say which meetings
    # Jill Helke meant.
    (GoodPractice, "regional-and-inter-regional-peer-to-peer-meetings"): (
        "jill-helke-peer-to-peer-meetings",
        None,
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
def loaded(closing_content, db):
    """The closing-event content, loaded once for the module."""


def everything():
    return [*Lesson.objects.all(), *GoodPractice.objects.all()]


@pytest.mark.parametrize(("model", "slug"), list(EXPECTED), ids=[s for _, s in EXPECTED])
def test_each_lesson_the_issue_lists_is_linked_to_its_provenance(loaded, model, slug):
    statement, project = EXPECTED[model, slug]
    item = model.objects.get(slug=slug)
    assert item.event.slug == CLOSING_EVENT
    assert PRESS_RELEASE_URL in {source.url for source in item.sources.all()}
    assert SOURCE_SLUG in {p.slug for p in item.publications.all()}
    assert [s.slug for s in item.statements.all()] == ([statement] if statement else [])
    assert [p.slug for p in item.projects.all()] == ([project] if project else [])


def test_every_lesson_and_practice_is_written_out_and_sourced(loaded):
    items = everything()
    assert len(items) == 13
    for item in items:
        assert item.sources.exists(), item.slug
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
        "Implementing ACP-EU Cooperation on Migration and Development: good practices and "
        "lessons learned",
        "Thematic publication on readmission",
        "Thematic publication on remittances",
        "Trafficking in Human Beings and Smuggling of Migrants in ACP Countries: Key Challenges "
        "and Ways Forward",
        "Visas in ACP Countries: Key Challenges and Way Forward",
    ]


# Labels: "lesson learned" or "good practice" only where a source says so, else the portal's.
NAMED_BY_THE_PRESS_RELEASE = {
    "deepened-engagement-between-national-and-regional-authorities",
    "regional-and-inter-regional-peer-to-peer-meetings",
    "needs-expressed-by-acp-actors-reveal-each-regions-priorities",
}


def test_only_what_a_source_calls_a_lesson_or_practice_is_labelled_as_the_sources(loaded):
    named = {item.slug for item in everything() if item.named_by_source}
    assert named == NAMED_BY_THE_PRESS_RELEASE


def test_no_lesson_or_practice_claims_a_region_its_source_does_not_give(loaded):
    # The press release's own lessons concern the programme as a whole: no region tags.
    for item in everything():
        if PRESS_RELEASE_URL in {s.url for s in item.sources.all()}:
            assert not item.regions.exists(), item.slug
