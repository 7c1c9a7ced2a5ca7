"""Exports of lessons learned and good practices: their provenance as readable values, only
what is public, and a fixed number of queries however many records there are."""

from datetime import timedelta

import pytest
from django.db import connection
from django.http import StreamingHttpResponse
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from lessons.models import Lesson
from programme.models import Source, Status
from programme.opendata.columns import Many
from programme.opendata.exports import export_spec
from tests import factories as f
from tests.export_parsing import (
    BASE_URL,
    content,
    exported_slugs,
    list_slugs,
    parse_csv,
    parse_json,
    run_export,
)

pytestmark = pytest.mark.django_db

PUBLISHED = {"status": Status.PUBLISHED}
NOT_PUBLIC = [
    {"status": Status.DRAFT},
    {"status": Status.REVIEW},
    {"status": Status.PUBLISHED, "published_at": timezone.now() + timedelta(days=30)},
]


def lessons_csv():
    return parse_csv(run_export(export_spec("lessons")))[1]


def test_a_lesson_exports_its_provenance_as_readable_values():
    event = f.make_event(title="Closing event", **PUBLISHED)
    speaker = f.make_person(name="Léonard-Emile Ognimba", honorific="Ambassador", **PUBLISHED)
    statement = f.make_statement(speaker=speaker, event=event, **PUBLISHED)
    press = f.make_publication(title="Press release", **PUBLISHED)
    acp = f.make_organisation(name="ACP Secretariat", **PUBLISHED)
    project = f.make_project(title="Demand-driven technical assistance", **PUBLISHED)
    lesson = f.make_lesson(
        title="Demand-driven assistance builds ownership",
        takeaway="Requests enable tailored interventions.",
        event=event,
        countries=["BE"],
        m2m={
            "themes": [f.make_theme(name="Mobility")],
            "regions": [f.make_region(name="Caribbean")],
            "stakeholders": [acp],
            "people": [speaker],
            "projects": [project],
            "statements": [statement],
            "publications": [press],
            "sources": [Source.objects.create(url="https://example.org/press", site="ACP Press")],
        },
        **PUBLISHED,
    )
    (row,) = lessons_csv()
    assert row == {
        "Slug": lesson.slug,
        "Title": "Demand-driven assistance builds ownership",
        "Takeaway": "Requests enable tailored interventions.",
        "Context": "",
        "Recommendation": "",
        "Themes": "Mobility",
        "Regions": "Caribbean",
        "Countries": "Belgium",
        "Stakeholders": "ACP Secretariat",
        "People": "Léonard-Emile Ognimba",
        "Projects": "Demand-driven technical assistance",
        "Presented at": "Closing event",
        "Voiced by": "Léonard-Emile Ognimba",
        "Recorded in": "Press release",
        "Sources": "https://example.org/press",
        "Publication date": timezone.localtime(lesson.published_at).isoformat(timespec="seconds"),
        "Last changed": timezone.localtime(lesson.updated_at).isoformat(timespec="seconds"),
        "Web page": f"{BASE_URL}{lesson.get_absolute_url()}",
    }


@pytest.mark.parametrize("fields", NOT_PUBLIC)
def test_provenance_that_is_not_public_is_not_named(fields):
    event = f.make_event(title="Hidden event", **fields)
    hidden_speaker = f.make_person(name="Hidden speaker", **fields)
    public_speaker = f.make_person(name="Jill Helke", **PUBLISHED)
    f.make_lesson(
        event=event,
        m2m={
            "stakeholders": [f.make_organisation(name="Hidden stakeholder", **fields)],
            "people": [hidden_speaker, public_speaker],
            "projects": [f.make_project(title="Hidden project", **fields)],
            "statements": [
                # A published statement of a hidden speaker is hidden with its speaker.
                f.make_statement(speaker=hidden_speaker, **PUBLISHED),
                f.make_statement(speaker=public_speaker, **fields),
            ],
            "publications": [f.make_publication(title="Hidden publication", **fields)],
        },
        **PUBLISHED,
    )
    (row,) = lessons_csv()
    assert row["People"] == "Jill Helke"
    for column in ("Stakeholders", "Projects", "Presented at", "Voiced by", "Recorded in"):
        assert row[column] == "", column
    assert "Hidden" not in run_export(export_spec("lessons"), fmt="json").decode()


@pytest.mark.parametrize("spec_key", ["lessons", "good-practices"])
def test_only_published_lessons_and_practices_are_exported(spec_key):
    make = f.make_lesson if spec_key == "lessons" else f.make_good_practice
    make(slug="public", **PUBLISHED)
    for number, fields in enumerate(NOT_PUBLIC):
        make(slug=f"hidden-{number}", **fields)
    assert [row["Slug"] for row in parse_csv(run_export(export_spec(spec_key)))[1]] == ["public"]
    data = parse_json(run_export(export_spec(spec_key), fmt="json"))
    assert (data["count"], [r["slug"] for r in data["records"]]) == (1, ["public"])


def test_a_speaker_who_voiced_a_lesson_twice_is_named_once():
    speaker = f.make_person(name="Camilla Hagström", **PUBLISHED)
    statements = [f.make_statement(speaker=speaker, order=n, **PUBLISHED) for n in (1, 2)]
    f.make_lesson(m2m={"statements": statements}, **PUBLISHED)
    (record,) = parse_json(run_export(export_spec("lessons"), fmt="json"))["records"]
    assert record["voiced_by"] == ["Camilla Hagström"]


def make_lessons(count, themes, regions):
    """`count` published lessons, each with two themes and a region, in few queries."""
    now = timezone.now()
    start = Lesson.objects.count()
    lessons = Lesson.objects.bulk_create(
        Lesson(
            slug=f"lesson-{start + n}",
            title=f"Lesson {start + n:04}",
            takeaway="=1+1",
            status=Status.PUBLISHED,
            published_at=now - timedelta(days=1),
        )
        for n in range(count)
    )
    Lesson.themes.through.objects.bulk_create(
        Lesson.themes.through(lesson_id=lesson.pk, theme_id=theme.pk)
        for lesson in lessons
        for theme in themes[:2]
    )
    Lesson.regions.through.objects.bulk_create(
        Lesson.regions.through(lesson_id=lesson.pk, region_id=regions[0].pk) for lesson in lessons
    )


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_30_or_300_lessons_cost_the_same_queries(fmt):
    themes = [f.make_theme(name=name) for name in ("Visas", "Remittances", "Mobility")]
    regions = [f.make_region(name="Pacific")]
    counts = []
    for total in (30, 300):
        make_lessons(total - Lesson.objects.count(), themes, regions)
        with CaptureQueriesContext(connection) as queries:
            data = run_export(export_spec("lessons"), fmt=fmt)
        counts.append(len(queries))
        if fmt == "csv":
            rows = parse_csv(data)[1]
            assert len(rows) == total
            assert {row["Themes"] for row in rows} == {"Remittances; Visas"}
            assert {row["Takeaway"] for row in rows} == {"'=1+1"}
        else:
            assert parse_json(data)["count"] == total
    many = sum(isinstance(column, Many) for column in export_spec("lessons").columns)
    # The records, one query per many-to-many column, and the count at the top of JSON.
    assert counts == [1 + many + (fmt == "json")] * 2


# The lists' exports -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("list_name", "make", "params"),
    [
        ("lessons:lesson_list", f.make_lesson, {"theme": "visas", "region": "pacific"}),
        ("lessons:lesson_list", f.make_lesson, {"theme": "visas", "sort": "-added"}),
        ("lessons:goodpractice_list", f.make_good_practice, {"region": "pacific"}),
        ("lessons:goodpractice_list", f.make_good_practice, {"q": "remittance"}),
    ],
)
def test_a_list_export_has_exactly_what_the_list_shows_in_its_order(
    client, list_name, make, params
):
    visas = f.make_theme(slug="visas", name="Visas")
    pacific = f.make_region(slug="pacific", name="Pacific")
    africa = f.make_region(slug="africa", name="Africa")
    public = [
        make(
            title=f"Remittance lesson {n}",
            themes=[visas],
            regions=[pacific],
            published_at=timezone.now() - timedelta(days=n + 1),
        )
        for n in range(4)
    ]
    other = make(title="Elsewhere", regions=[africa])
    hidden = [
        make(title="Remittance hidden", themes=[visas], regions=[pacific], **w) for w in NOT_PUBLIC
    ]

    shown = list_slugs(client, list_name, params)
    assert sorted(shown) == sorted(record.slug for record in public)
    assert exported_slugs(client, list_name, params) == shown
    everything = exported_slugs(client, list_name, {})
    assert everything == list_slugs(client, list_name, {})
    assert other.slug in everything
    assert not {record.slug for record in hidden} & set(everything)


def test_the_lesson_list_links_its_exports_and_feed_with_its_filters(client):
    f.make_theme(slug="visas")
    html = client.get("/lessons/", {"theme": "visas", "sort": "title", "page": "1"}).content
    head = html.decode().split("</head>", 1)[0]
    query = "theme=visas&amp;sort=title"
    assert f'<link rel="alternate" type="text/csv" href="/lessons/export.csv?{query}"' in head
    assert f'type="application/json" href="/lessons/export.json?{query}"' in head
    # A feed is newest first whatever the list's order.
    assert (
        '<link rel="alternate" type="application/atom+xml" href="/feeds/lessons/?theme=visas"'
        in head
    )
    html = client.get("/good-practices/").content.decode()
    assert 'type="application/atom+xml" href="/feeds/good-practices/"' in html


def test_an_unknown_format_is_not_found(client):
    assert client.get("/lessons/export.xlsx").status_code == 404
    assert client.get("/good-practices/export.html").status_code == 404


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_exporting_30_or_300_lessons_costs_the_same_queries_and_streams(
    client, fmt, django_assert_num_queries
):
    themes = [f.make_theme(slug=slug, name=slug.title()) for slug in ("visas", "remittances")]
    regions = [f.make_region(slug="pacific", name="Pacific")]
    many = sum(isinstance(column, Many) for column in export_spec("lessons").columns)
    # The theme asked for, the count, one query per many-to-many column, the records.
    expected = 1 + 1 + many + 1
    for total in (30, 300):
        make_lessons(total - Lesson.objects.count(), themes, regions)
        with django_assert_num_queries(expected):
            response = client.get(f"/lessons/export.{fmt}", {"theme": "visas"})
            data = content(response)
        assert isinstance(response, StreamingHttpResponse)
        if fmt == "csv":
            assert len(parse_csv(data)[1]) == total
        else:
            assert parse_json(data)["count"] == total


# Text written in French only -----------------------------------------------------------------


def french_lesson():
    """A lesson written in French, with no English text, linked to French-only records."""
    event = f.make_event(title="", title_fr="Réunion de clôture", original_language="fr")
    project = f.make_project(title="", title_fr="Assistance technique", original_language="fr")
    return f.make_lesson(
        slug="lecon",
        original_language="fr",
        title="",
        title_fr="La demande crée l'appropriation",
        takeaway="",
        takeaway_fr="Les demandes permettent des interventions sur mesure.",
        event=event,
        projects=[project],
    )


@pytest.mark.parametrize("prefix", ["", "/fr"])
def test_a_lesson_written_in_french_exports_its_french_text_in_both_languages(client, prefix):
    french_lesson()
    with translation.override("en"):  # switched back after a French request
        csv_response = client.get(f"{prefix}/lessons/export.csv")
        json_response = client.get(f"{prefix}/lessons/export.json")
    header, (row,) = parse_csv(content(csv_response))
    (record,) = parse_json(content(json_response))["records"]
    title, takeaway, project, event = header[1], header[2], header[10], header[11]
    assert row[title] == record["title"] == "La demande crée l'appropriation"
    assert (
        row[takeaway]
        == record["takeaway"]
        == ("Les demandes permettent des interventions sur mesure.")
    )
    assert row[event] == record["presented_at"] == "Réunion de clôture"
    assert row[project] == "Assistance technique"
    assert record["projects"] == ["Assistance technique"]


def test_an_english_lesson_exports_its_french_translation_under_fr(client):
    f.make_lesson(title="Ownership", title_fr="Appropriation", takeaway="Requests.")
    with translation.override("en"):
        (record,) = parse_json(content(client.get("/fr/lessons/export.json")))["records"]
        (english,) = parse_json(content(client.get("/lessons/export.json")))["records"]
    # The title in French; the takeaway, not translated, in English rather than empty.
    assert (record["title"], record["takeaway"]) == ("Appropriation", "Requests.")
    assert english["title"] == "Ownership"
