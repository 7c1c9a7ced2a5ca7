"""Lessons learned and good practices: lists, facets, provenance, preview, query counts."""

import json
import re
from datetime import date, timedelta

import django_filters
import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from programme.models import Project, Status, Theme
from programme.public.facets import ModelFacetFilter
from tests.factories import (
    make_event,
    make_lesson,
    make_organisation,
    make_person,
    make_practice,
    make_project,
    make_publication,
    make_region,
    make_statement,
    make_theme,
)
from tests.linked import PAGES, build_linked

pytestmark = pytest.mark.django_db


def hidden(make, **fields):
    return [
        make(status=Status.DRAFT, **fields),
        make(status=Status.PUBLISHED, published_at=timezone.now() + timedelta(days=1), **fields),
    ]


def facet_counts(response, name):
    facet = next(f for f in response.context["facets"] if f["name"] == name)
    return {option["value"]: option["count"] for option in facet["options"]}


@pytest.fixture
def tags():
    return {
        "remittances": make_theme(slug="remittances", name="Remittances"),
        "visas": make_theme(slug="visas", name="Visas"),
        "africa": make_region(slug="africa", name="Africa", order=1),
        "caribbean": make_region(slug="caribbean", name="Caribbean", order=2),
        "pacific": make_region(slug="pacific", name="Pacific", order=3),
    }


@pytest.mark.parametrize(
    ("url", "make"), [("/lessons/", make_lesson), ("/good-practices/", make_practice)]
)
def test_lists_show_exactly_the_published_records(client, url, make):
    second, first = make(title="Beta"), make(title="Alpha")
    drafts = hidden(make, title="Gamma")
    response = client.get(url)
    assert response.status_code == 200
    assert list(response.context["object_list"]) == [first, second]
    body = response.content.decode()
    assert "Gamma" not in body
    for draft in drafts:
        assert draft.get_absolute_url() not in body


def test_good_practices_on_remittances_in_the_caribbean(client, tags):
    closing = make_event(date=date(2019, 7, 11))
    wanted = [
        make_practice(
            themes=[tags["remittances"]],
            regions=[tags["caribbean"]],
            countries=["JM"],
            event=closing,
        )
        for _ in range(4)
    ]
    make_practice(themes=[tags["remittances"]], regions=[tags["pacific"]], countries=["FJ"])
    make_practice(themes=[tags["visas"]], regions=[tags["caribbean"]], countries=["BB", "JM"])
    hidden(make_practice, themes=[tags["remittances"]], regions=[tags["caribbean"]])

    response = client.get("/good-practices/?theme=remittances&region=caribbean")

    assert set(response.context["object_list"]) == set(wanted)
    assert response.context["summary"] == (
        "4 good practices on Remittances in the Caribbean region"
    )
    assert facet_counts(response, "theme") == {"remittances": 4, "visas": 1}
    assert facet_counts(response, "region") == {"africa": 0, "caribbean": 4, "pacific": 1}
    assert facet_counts(response, "country") == {"JM": 4}
    assert facet_counts(response, "year") == {"2019": 4}


def test_a_record_with_several_chosen_themes_is_listed_and_counted_once(client, tags):
    both = make_practice(
        themes=[tags["remittances"], tags["visas"]],
        regions=[tags["caribbean"], tags["pacific"]],
        countries=["BB", "JM"],
    )
    visas = make_practice(themes=[tags["visas"]], regions=[tags["caribbean"]])
    response = client.get("/good-practices/?theme=remittances&theme=visas&region=caribbean")
    assert list(response.context["object_list"]) == sorted([both, visas], key=lambda p: p.title)
    assert response.context["paginator"].count == 2
    assert facet_counts(response, "theme") == {"remittances": 1, "visas": 2}
    assert facet_counts(response, "region") == {"africa": 0, "caribbean": 2, "pacific": 1}
    assert facet_counts(response, "country") == {"BB": 1, "JM": 1}
    assert "2 good practices" in response.context["summary"]


def test_country_filter_matches_records_with_several_countries(client):
    both = make_lesson(countries=["BB", "JM"])
    jamaica = make_lesson(countries=["JM"])
    make_lesson(countries=["FJ"])
    response = client.get("/lessons/?country=JM")
    assert set(response.context["object_list"]) == {both, jamaica}
    assert response.context["summary"] == "2 lessons learned in Jamaica"
    # Each record counts once under each of its countries.
    assert facet_counts(response, "country") == {"BB": 1, "FJ": 1, "JM": 2}


def test_year_presented_and_free_text(client):
    make_lesson(title="Remittance prices", event=make_event(date=date(2019, 7, 11)))
    make_lesson(title="Remittance corridors", event=make_event(date=date(2017, 3, 1)))
    make_lesson(title="Visas", takeaway="Remittances are mentioned here.")
    response = client.get("/lessons/?year=2019")
    assert [lesson.title for lesson in response.context["object_list"]] == ["Remittance prices"]
    response = client.get("/lessons/?q=remittance")
    assert len(response.context["object_list"]) == 3
    response = client.get("/lessons/?q=REMITTANCE+corridors")
    assert [lesson.title for lesson in response.context["object_list"]] == ["Remittance corridors"]


def test_a_list_finds_what_site_search_finds(client):
    """The list's q and /search/ read the same fields (the registry's): a word only in a
    practice's replicability, which the list's own field list once left out."""
    make_practice(title="Found", replicability="Portable to the Pacific archipelagos.")
    make_practice(title="Other", replicability="Not at all.")
    listed = client.get("/good-practices/?q=archipelagos").context["object_list"]
    searched = client.get("/search/?q=archipelagos&type=good-practices").context["total"]
    assert [practice.title for practice in listed] == ["Found"]
    assert searched == 1


def test_sort_newest_first(client):
    older = make_lesson(title="A", published_at=timezone.now() - timedelta(days=10))
    newer = make_lesson(title="B", published_at=timezone.now() - timedelta(days=1))
    assert list(client.get("/lessons/?sort=-added").context["object_list"]) == [newer, older]
    assert list(client.get("/lessons/?sort=title").context["object_list"]) == [older, newer]


@pytest.fixture
def provenance():
    iom = make_organisation(name="International Organization for Migration", acronym="IOM")
    helke = make_person(
        name="Jill Helke",
        role="IOM Director of International Partnerships and Cooperation",
        organisation=iom,
    )
    closing = make_event(title="Closing event", date=date(2019, 7, 11), city="Brussels")
    statement = make_statement(
        speaker=helke, event=closing, text="Peer-to-peer meetings boosted cooperation."
    )
    press = make_publication(title="Press release", year=2019, publisher=iom)
    project = make_project(title="Peer-to-peer regional thematic meetings")
    practice = make_practice(
        title="Regional peer-to-peer meetings",
        event=closing,
        statements=[statement, make_statement(status=Status.DRAFT, text="Draft words.")],
        publications=[press, make_publication(status=Status.DRAFT, title="Draft report")],
        projects=[project, make_project(status=Status.DRAFT, title="Draft project")],
        stakeholders=[iom, make_organisation(status=Status.DRAFT, name="Draft body")],
    )
    return {
        "iom": iom,
        "helke": helke,
        "closing": closing,
        "statement": statement,
        "press": press,
        "project": project,
        "practice": practice,
    }


def test_detail_shows_the_provenance_chain(client, provenance):
    response = client.get(provenance["practice"].get_absolute_url())
    body = response.content.decode()
    chain = body[body.index('class="provenance"') : body.index('class="cite"')]
    for record in ("closing", "helke", "statement", "press", "project", "iom"):
        assert provenance[record].get_absolute_url() in chain, record
    assert "Peer-to-peer meetings boosted cooperation." in chain
    assert "IOM Director of International Partnerships and Cooperation" in chain
    for draft in ("Draft words.", "Draft report", "Draft project", "Draft body"):
        assert draft not in body


def test_detail_hides_a_draft_event(client, provenance):
    closing = provenance["closing"]
    closing.status = Status.DRAFT
    closing.save()
    body = client.get(provenance["practice"].get_absolute_url()).content.decode()
    assert closing.get_absolute_url() not in body
    assert "Presented at" not in body


def test_detail_cite_block_and_structured_data(client, provenance):
    practice = provenance["practice"]
    body = client.get(practice.get_absolute_url()).content.decode()
    citation = body[body.index('class="citation"') :].split("</p>")[0]
    # The portal compiled the practice: it is the author, with no date of its own (the
    # event's year and the publication's publisher belong to its sources).
    assert citation.split('id="citation-text">')[1].startswith(
        "ACP-EU Migration Action knowledge portal. <cite>"
    )
    assert "(2019)" not in citation
    assert "<cite>Regional peer-to-peer meetings</cite>" in citation
    assert f"http://testserver{practice.get_absolute_url()}" in citation
    ld = re.search(r'<script type="application/ld\+json">(.*?)</script>', body, re.S).group(1)
    data = json.loads(ld)
    assert data["@type"] == "CreativeWork"
    assert data["isBasedOn"][0]["creator"]["name"] == "Jill Helke"
    assert data["citation"] == ["Press release"]


@pytest.mark.parametrize("make", [make_lesson, make_practice])
def test_drafts_are_404_for_the_public_and_previewed_by_staff(client, make):
    for record in hidden(make):
        url = record.get_absolute_url()
        assert Client().get(url).status_code == 404
        staff = get_user_model().objects.create_user(f"editor-{record.pk}", is_staff=True)
        client.force_login(staff)
        preview = client.get(url)
        assert preview.status_code == 200
        assert "Draft — not public." in preview.content.decode()
    # A signed-in visitor who is not staff is the public.
    visitor = get_user_model().objects.create_user("visitor")
    client.force_login(visitor)
    assert client.get(hidden(make)[0].get_absolute_url()).status_code == 404


def test_related_items_share_a_theme_and_are_published(client, tags):
    lesson = make_lesson(themes=[tags["visas"]])
    sibling = make_lesson(themes=[tags["visas"]])
    practice = make_practice(themes=[tags["visas"]])
    unrelated = make_lesson(themes=[tags["remittances"]])
    drafts = hidden(make_lesson, themes=[tags["visas"]])
    response = client.get(lesson.get_absolute_url())
    assert list(response.context["related_lessons"]) == [sibling]
    assert list(response.context["related_practices"]) == [practice]
    body = response.content.decode()
    assert unrelated.get_absolute_url() not in body
    for draft in drafts:
        assert draft.get_absolute_url() not in body


# Queries per page, the same whatever the number of rows (see tests/linked.py); one of
# them counts the records available in each language (the "Available in" facet), and the
# theme facet takes two (the counts, then the themes), the region facet three (the counts per
# region and per outer region, then the regions).
QUERIES = {
    "lesson_list": 13,
    "lesson_list_filtered": 15,
    "goodpractice_list": 13,
    # The event, the publications' publishers and the quotes' organisations are each loaded
    # by a published() prefetch (tests/programme/test_query_counts.py); the sources are one
    # prefetch, and the versions of disputed facts one query.
    "lesson_detail": 16,
    "goodpractice_detail": 16,
}


@pytest.mark.parametrize("rows", [3, 30])
@pytest.mark.parametrize("page", QUERIES)
def test_query_count_does_not_grow_with_rows(client, django_assert_num_queries, page, rows):
    records = build_linked(rows)
    url = PAGES[page](records)
    with django_assert_num_queries(QUERIES[page]):
        response = client.get(url)
    assert response.status_code == 200
    if page.endswith("_list"):
        assert len(response.context["object_list"]) == min(rows, 20)


def test_a_facet_may_follow_a_relation_backwards(tags):
    # Themes chosen by their projects: the reverse side of Project.themes.
    class ThemeFilter(django_filters.FilterSet):
        project = ModelFacetFilter(
            "projects", queryset=Project.objects.all(), label="Project", phrase="%(values)s"
        )

        class Meta:
            model = Theme
            fields = []

    first = make_project(themes=[tags["remittances"], tags["visas"]])
    second = make_project(themes=[tags["visas"]])
    themes = ThemeFilter({"project": [first.slug, second.slug]}, queryset=Theme.objects.all()).qs
    assert sorted(theme.slug for theme in themes) == ["remittances", "visas"]
