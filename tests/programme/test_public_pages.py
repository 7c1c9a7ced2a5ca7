"""The programme's public pages: lists with facets, detail pages, themes, regions, matrix."""

import json
import re
from datetime import date, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone
from django.utils.dateformat import format as format_date

from programme.models import Event, Organisation, Project, Publication, Status
from tests.factories import (
    make_event,
    make_key_figure,
    make_lesson,
    make_organisation,
    make_person,
    make_practice,
    make_programme,
    make_project,
    make_publication,
    make_region,
    make_statement,
    make_theme,
)

pytestmark = pytest.mark.django_db


def later():
    return timezone.now() + timedelta(days=7)


def hidden(make, **fields):
    """A draft and a scheduled record: neither may appear on any public page."""
    return [
        make(status=Status.DRAFT, **fields),
        make(status=Status.PUBLISHED, published_at=later(), **fields),
    ]


def facet_counts(response, name):
    facet = next(f for f in response.context["facets"] if f["name"] == name)
    return {option["value"]: option["count"] for option in facet["options"]}


def disabled_values(response, name):
    facet = next(f for f in response.context["facets"] if f["name"] == name)
    return {option["value"] for option in facet["options"] if option["disabled"]}


@pytest.fixture
def staff_client(client):
    user = get_user_model().objects.create_user("editor", password="x", is_staff=True)
    client.force_login(user)
    return client


@pytest.fixture
def tags():
    return {
        "remittances": make_theme(slug="remittances", name="Remittances"),
        "visas": make_theme(slug="visas", name="Visas"),
        "africa": make_region(slug="africa", name="Africa", order=1),
        "caribbean": make_region(slug="caribbean", name="Caribbean", order=2),
    }


LISTS = [
    ("/projects/", make_project, "title"),
    ("/stakeholders/", make_organisation, "name"),
    ("/people/", make_person, "name"),
    ("/events/", make_event, "title"),
    ("/publications/", make_publication, "title"),
]


@pytest.mark.parametrize(("url", "make", "field"), LISTS)
def test_lists_show_exactly_the_published_records_in_order(client, url, make, field):
    second = make(**{field: "Beta"})
    first = make(**{field: "Alpha"})
    drafts = hidden(make, **{field: "Gamma"})
    response = client.get(url)
    assert response.status_code == 200
    assert list(response.context["object_list"]) == [first, second]
    body = response.content.decode()
    for draft in drafts:
        assert draft.get_absolute_url() not in body
    assert "Gamma" not in body


def test_project_facets_count_with_the_other_filters_applied(client, tags):
    ta, nsa = Project.Kind.TECHNICAL_ASSISTANCE, Project.Kind.NON_STATE_ACTOR
    make_project(
        themes=[tags["remittances"]],
        regions=[tags["caribbean"]],
        kind=ta,
        countries=["JM"],
        start_date=date(2016, 1, 1),
    )
    make_project(
        themes=[tags["remittances"]],
        regions=[tags["africa"]],
        kind=nsa,
        countries=["GH", "JM"],
        start_date=date(2017, 1, 1),
    )
    make_project(themes=[tags["visas"]], regions=[tags["caribbean"]], kind=ta)
    hidden(make_project, themes=[tags["remittances"]], regions=[tags["caribbean"]], kind=ta)

    response = client.get("/projects/?theme=remittances")

    assert len(response.context["object_list"]) == 2
    # A facet ignores its own filter: the other theme still shows what it would give.
    assert facet_counts(response, "theme") == {"remittances": 2, "visas": 1}
    assert facet_counts(response, "region") == {"africa": 1, "caribbean": 1}
    assert facet_counts(response, "kind") == {
        "technical-assistance": 1,
        "non-state-actor": 1,
        "regional-meetings": 0,
        "knowledge": 0,
    }
    assert disabled_values(response, "kind") == {"regional-meetings", "knowledge"}
    assert facet_counts(response, "country") == {"GH": 1, "JM": 2}
    assert facet_counts(response, "year") == {"2016": 1, "2017": 1}
    body = response.content.decode()
    assert 'value="knowledge" id="f-kind-4" disabled' in body
    assert 'value="remittances" id="f-theme-1" checked' in body


def test_country_values_without_results_are_hidden(client):
    make_organisation(country="JM")
    make_organisation(country="BB", kind=Organisation.Kind.UN_AGENCY)
    response = client.get("/stakeholders/?kind=other")
    assert facet_counts(response, "country") == {"JM": 1}


def test_the_summary_says_what_is_shown_and_each_filter_can_be_removed(client, tags):
    for _ in range(4):
        make_project(themes=[tags["remittances"]], regions=[tags["caribbean"]])
    make_project(themes=[tags["remittances"]], regions=[tags["africa"]])

    response = client.get("/projects/?theme=remittances&region=caribbean")

    assert response.context["summary"] == "4 projects on Remittances in the Caribbean region"
    assert "4 projects on Remittances in the Caribbean region" in response.content.decode()
    removals = {r["label"]: r["url"] for r in response.context["removals"]}
    assert removals == {
        "Theme: Remittances": "?region=caribbean",
        "Region: Caribbean": "?theme=remittances",
    }


def test_the_summary_joins_several_values_and_quotes_the_words(client, tags):
    make_project(title="Fees", regions=[tags["africa"]])
    make_project(title="Fees too", regions=[tags["caribbean"]])
    make_project(title="Other", regions=[tags["caribbean"]])
    response = client.get("/projects/?region=africa&region=caribbean&q=fees")
    assert response.context["summary"] == (
        "2 projects in the Africa or Caribbean regions matching “fees”"
    )
    removals = {r["label"]: r["url"] for r in response.context["removals"]}
    assert removals["Search: fees"] == "?region=africa&region=caribbean"
    assert removals["Region: Africa"] == "?region=caribbean&q=fees"
    response = client.get("/projects/?q=nothing-like-this")
    assert response.context["summary"] == "0 projects matching “nothing-like-this”"
    assert "Nothing matches all these filters" in response.content.decode()


def test_pagination_keeps_the_filters_and_a_new_filter_starts_at_page_one(client, tags):
    for number in range(25):
        make_project(title=f"Remittance project {number:02}", themes=[tags["remittances"]])
    for _ in range(3):
        make_project(themes=[tags["visas"]])

    first = client.get("/projects/?theme=remittances")
    body = first.content.decode()
    assert len(first.context["object_list"]) == 20
    assert 'href="?theme=remittances&amp;page=2"' in body
    # The filter form has no page field: submitting a change of filter returns to page one.
    form = body[body.index('<form class="filters"') : body.index("</form>", body.index("filters"))]
    assert 'name="page"' not in form

    second = client.get("/projects/?theme=remittances&page=2")
    assert second.status_code == 200
    assert [p.title for p in second.context["object_list"]] == [
        f"Remittance project {n}" for n in range(20, 25)
    ]
    assert 'href="?theme=remittances&amp;page=1"' in second.content.decode()
    # Removing a filter from page two also goes back to page one.
    assert second.context["removals"][0]["url"] == "/projects/"

    assert client.get("/projects/?theme=remittances&page=3").status_code == 404
    assert client.get("/projects/?theme=remittances&page=0").status_code == 404
    malformed = client.get("/projects/?theme=remittances&page=two")
    assert malformed.status_code == 200
    assert malformed.context["page_obj"].number == 1


def test_sorting(client):
    make_event(title="Older", date=date(2016, 5, 1))
    make_event(title="Newer", date=date(2019, 7, 11))
    make_event(title="Alpha", date=date(2018, 1, 1))
    titles = lambda response: [e.title for e in response.context["object_list"]]  # noqa: E731
    assert titles(client.get("/events/")) == ["Newer", "Alpha", "Older"]
    assert titles(client.get("/events/?sort=date")) == ["Older", "Alpha", "Newer"]
    assert titles(client.get("/events/?sort=title")) == ["Alpha", "Newer", "Older"]


def test_event_filters_by_kind_region_country_and_year(client, tags):
    closing = make_event(
        kind=Event.Kind.CLOSING, region=tags["africa"], country="BE", date=date(2019, 7, 11)
    )
    make_event(kind=Event.Kind.REGIONAL_MEETING, region=tags["caribbean"], date=date(2017, 1, 1))
    for query in ("kind=closing", "region=africa", "country=BE", "year=2019"):
        response = client.get(f"/events/?{query}")
        assert list(response.context["object_list"]) == [closing], query


def test_people_filter_by_their_organisation(client):
    iom = make_organisation(name="International Organization for Migration", acronym="IOM")
    draft_organisation = make_organisation(status=Status.DRAFT)
    helke = make_person(name="Jill Helke", organisation=iom)
    make_person(organisation=draft_organisation)
    response = client.get(f"/people/?organisation={iom.slug}")
    assert list(response.context["object_list"]) == [helke]
    # A draft organisation is neither a facet value nor shown beside its people.
    assert set(facet_counts(response, "organisation")) == {iom.slug}
    assert client.get(f"/people/?organisation={draft_organisation.slug}").context["ignored"] == [
        "Organisation"
    ]


def test_the_organisation_facet_offers_only_organisations_with_people(client):
    # Hundreds of organisations without anyone listed must not make hundreds of checkboxes.
    iom = make_organisation(name="International Organization for Migration")
    acp = make_organisation(name="ACP Secretariat")
    for _ in range(5):
        make_organisation()
    make_person(name="Jill Helke", organisation=iom)
    assert facet_counts(client.get("/people/"), "organisation") == {iom.slug: 1}
    # A chosen organisation stays on offer, with its 0, so that it can be unticked.
    response = client.get(f"/people/?organisation={acp.slug}")
    assert facet_counts(response, "organisation") == {iom.slug: 1, acp.slug: 0}
    assert list(response.context["object_list"]) == []


def test_publication_filters_by_year_field(client):
    recent = make_publication(year=2019)
    make_publication(year=2016)
    response = client.get("/publications/?year=2019")
    assert list(response.context["object_list"]) == [recent]
    assert facet_counts(response, "year") == {"2019": 1, "2016": 1}


DETAILS = [
    make_project,
    make_organisation,
    make_person,
    make_event,
    make_publication,
    make_statement,
]


@pytest.mark.parametrize("make", DETAILS)
def test_detail_pages_are_public_only_once_published(client, staff_client, make):
    published = make()
    assert client.get(published.get_absolute_url()).status_code == 200
    for record in hidden(make):
        url = record.get_absolute_url()
        assert Client().get(url).status_code == 404
        preview = staff_client.get(url)
        assert preview.status_code == 200
        assert "Draft — not public." in preview.content.decode()
    assert (
        "Draft — not public." not in staff_client.get(published.get_absolute_url()).content.decode()
    )


def test_a_statement_by_a_draft_speaker_is_not_public(client):
    statement = make_statement(speaker=make_person(status=Status.DRAFT))
    assert client.get(statement.get_absolute_url()).status_code == 404


def test_event_page_shows_statements_speakers_lessons_and_who_attended(client):
    iom = make_organisation(name="International Organization for Migration", acronym="IOM")
    draft_org = make_organisation(name="Unpublished body", status=Status.DRAFT)
    event = make_event(
        title="ACP-EU Migration Action closing event",
        kind=Event.Kind.CLOSING,
        date=date(2019, 7, 11),
        city="Brussels",
        participant_count=90,
        participant_count_is_minimum=True,
        audience="Think tanks, IOM and other UN agencies.",
        participating_organisations=[iom, draft_org],
    )
    helke = make_person(name="Jill Helke", organisation=iom)
    make_statement(speaker=helke, event=event, text="Peer-to-peer meetings boosted cooperation.")
    make_statement(speaker=helke, event=event, text="A draft quote.", status=Status.DRAFT)
    make_statement(speaker=make_person(name="Hidden Speaker", status=Status.DRAFT), event=event)
    lesson = make_lesson(event=event, title="Demand-driven requests")
    practice = make_practice(event=event, title="Peer-to-peer meetings")
    drafts = hidden(make_lesson, event=event) + hidden(make_practice, event=event)

    body = client.get(event.get_absolute_url()).content.decode()

    assert "over 90" in body
    assert "Think tanks, IOM and other UN agencies." in body
    assert "Peer-to-peer meetings boosted cooperation." in body
    assert helke.get_absolute_url() in body
    assert lesson.get_absolute_url() in body and practice.get_absolute_url() in body
    assert iom.get_absolute_url() in body
    for absent in ["A draft quote.", "Hidden Speaker", "Unpublished body"]:
        assert absent not in body
    for draft in drafts:
        assert draft.get_absolute_url() not in body


def test_participant_count_without_over(client):
    event = make_event(participant_count=45)
    body = client.get(event.get_absolute_url()).content.decode()
    assert "<dd>45</dd>" in body and "over 45" not in body


def test_person_page_shows_their_public_statements(client):
    person = make_person(name="Camilla Hagström", organisation=make_organisation(status="draft"))
    make_statement(speaker=person, text="We help partner countries.")
    make_statement(speaker=person, text="Not yet said in public.", status=Status.DRAFT)
    body = client.get(person.get_absolute_url()).content.decode()
    assert "We help partner countries." in body
    assert "Not yet said in public." not in body
    assert "/stakeholders/" not in body.split("<main")[1].split("Cite this")[0]


def test_organisation_page_shows_units_parent_people_and_their_statements(client):
    commission = make_organisation(name="European Commission")
    dg = make_organisation(
        name="DG for International Cooperation and Development", parent=commission
    )
    make_organisation(name="Draft unit", parent=commission, status=Status.DRAFT)
    person = make_person(name="Camilla Hagström", organisation=dg)
    make_person(name="Draft person", organisation=dg, status=Status.DRAFT)
    make_statement(speaker=person, text="We also help boost the development opportunities.")

    parent_page = client.get(commission.get_absolute_url()).content.decode()
    assert dg.get_absolute_url() in parent_page
    assert "Draft unit" not in parent_page

    unit_page = client.get(dg.get_absolute_url()).content.decode()
    assert commission.get_absolute_url() in unit_page
    assert person.get_absolute_url() in unit_page
    assert "We also help boost the development opportunities." in unit_page
    assert "Draft person" not in unit_page


def test_project_page_lists_only_published_related_records(client):
    project = make_project(
        implementing_organisations=[make_organisation(name="IOM")],
        requesting_organisations=[make_organisation(name="Draft requester", status="draft")],
    )
    lesson = make_lesson(projects=[project])
    drafts = hidden(make_lesson, projects=[project]) + hidden(make_event, project=project)
    body = client.get(project.get_absolute_url()).content.decode()
    assert lesson.get_absolute_url() in body
    assert "Draft requester" not in body
    for draft in drafts:
        assert draft.get_absolute_url() not in body


def test_detail_pages_have_a_citation_structured_data_and_social_tags(client):
    iom = make_organisation(name="International Organization for Migration", acronym="IOM")
    title = 'Key lessons </script><script>alert("x")</script>'
    publication = make_publication(title=title, year=2019, publisher=iom, summary="A *summary*.")
    response = client.get(publication.get_absolute_url())
    body = response.content.decode()

    citation = body[body.index('class="citation"') :]
    citation = citation[: citation.index("</p>")]
    url = f"http://testserver{publication.get_absolute_url()}"
    assert "International Organization for Migration (IOM) (2019)" in citation
    assert url in citation
    assert format_date(timezone.localdate(), "j F Y") in citation
    assert "Key lessons &lt;/script&gt;" in citation

    assert '<script>alert("x")</script>' not in body
    ld = re.search(r'<script type="application/ld\+json">(.*?)</script>', body, re.S).group(1)
    data = json.loads(ld)
    assert data["name"] == title
    assert data["url"] == url
    assert data["publisher"]["name"] == "International Organization for Migration"
    assert data["description"] == "A summary."

    assert f'<meta property="og:url" content="{url}">' in body
    assert '<meta property="og:title" content="Key lessons &lt;/script&gt;' in body
    assert '<meta name="description" content="A summary.">' in body
    assert "<title>Key lessons &lt;/script&gt;" in body


@pytest.mark.parametrize("kind", ["theme", "region"])
def test_theme_and_region_pages_show_only_published_tagged_records(client, kind):
    tag = make_theme() if kind == "theme" else make_region()
    many = {"themes" if kind == "theme" else "regions": [tag]}
    lesson, practice = make_lesson(**many), make_practice(**many)
    project, publication = make_project(**many), make_publication(**many)
    event = make_event(**({"themes": [tag]} if kind == "theme" else {"region": tag}))
    statement = make_statement(
        event=event, **({"themes": [tag]} if kind == "theme" else {}), text="Said out loud."
    )
    drafts = (
        hidden(make_lesson, **many)
        + hidden(make_practice, **many)
        + hidden(make_project, **many)
        + hidden(make_publication, **many)
    )
    response = client.get(tag.get_absolute_url())
    body = response.content.decode()
    for record in (lesson, practice, project, publication, event):
        assert record.get_absolute_url() in body
    assert "Said out loud." in body and statement.get_absolute_url() in body
    for draft in drafts:
        assert draft.get_absolute_url() not in body
    counts = {s["id"]: s["count"] for s in response.context["sections"]}
    assert counts == {
        "lessons": 1,
        "good-practices": 1,
        "projects": 1,
        "events": 1,
        "publications": 1,
    }


def test_theme_page_links_to_the_full_filtered_list_when_it_shows_only_some(client):
    theme = make_theme(slug="remittances")
    for _ in range(8):
        make_lesson(themes=[theme])
    body = client.get(theme.get_absolute_url()).content.decode()
    assert 'href="/lessons/?theme=remittances">All 8: Lessons learned' in body
    assert body.count('href="/lessons/lesson-') == 6


def test_theme_and_region_indexes_count_published_records(client, tags):
    make_lesson(themes=[tags["visas"]], regions=[tags["africa"]])
    hidden(make_lesson, themes=[tags["visas"]], regions=[tags["africa"]])
    themes = {t.slug: t.figures for t in client.get("/themes/").context["object_list"]}
    assert themes["visas"][0] == "1 lesson learned"
    assert themes["remittances"][0] == "0 lessons learned"
    regions = {r.slug: r.figures for r in client.get("/regions/").context["object_list"]}
    assert regions["africa"][0] == "1 lesson learned"
    assert regions["caribbean"][0] == "0 lessons learned"


def test_matrix_counts_published_lessons_practices_and_projects_per_cell(client, tags):
    both = {"themes": [tags["remittances"]], "regions": [tags["caribbean"]]}
    make_lesson(**both)
    make_lesson(**both)
    make_practice(**both)
    make_project(themes=[tags["remittances"]], regions=[tags["caribbean"], tags["africa"]])
    hidden(make_lesson, **both)
    hidden(make_project, **both)

    response = client.get("/matrix/")

    cells = {
        (row["theme"].slug, cell["region"].slug): {c["key"]: c["number"] for c in cell["counts"]}
        for row in response.context["rows"]
        for cell in row["cells"]
    }
    assert cells[("remittances", "caribbean")] == {"lessons": 2, "good-practices": 1, "projects": 1}
    assert cells[("remittances", "africa")] == {"lessons": 0, "good-practices": 0, "projects": 1}
    assert cells[("visas", "caribbean")] == {"lessons": 0, "good-practices": 0, "projects": 0}
    body = response.content.decode()
    assert (
        'href="/lessons/?theme=remittances&amp;region=caribbean"><strong>2</strong> lessons' in body
    )
    # A cell with nothing is plain text, not a link to an empty list.
    assert "/projects/?theme=visas&amp;region=africa" not in body


def test_home_figures_are_the_reported_ones_not_counts_of_the_portals_records(client):
    make_programme(name="ACP-EU Migration Action", summary="A five-year, intra-ACP programme.")
    make_lesson()
    make_practice(featured=True, title="Featured practice")
    make_project(beneficiary_count=15, beneficiary_description="non-State actors")
    make_key_figure(value="53", label="technical-assistance requests", reported="June 2018")
    make_key_figure(value="over 90", label="participants at the closing event", order=2)

    response = client.get("/")

    figures = [(str(f.value), str(f.label)) for f in response.context["key_figures"]]
    assert figures == [
        ("53", "technical-assistance requests"),
        ("over 90", "participants at the closing event"),
    ]
    body = response.content.decode()
    assert "A five-year, intra-ACP programme." in body
    assert "June 2018" in body and "participants at the closing event" in body
    assert "1 lesson learned" not in body and "non-State actors" not in body
    assert "Featured practice" in body


def test_home_shows_a_quote_only_from_a_public_speaker(client):
    make_statement(text="Hidden words.", speaker=make_person(status=Status.DRAFT))
    assert "Hidden words." not in client.get("/").content.decode()
    make_statement(text="Public words.")
    assert "Public words." in client.get("/").content.decode()


def test_about_page_describes_the_programme_and_its_components(client):
    iom = make_organisation(name="International Organization for Migration", acronym="IOM")
    acp = make_organisation(name="ACP Secretariat")
    programme = make_programme(
        name="ACP-EU Migration Action",
        funding_source="10th European Development Fund",
        implementers=[iom],
        supporters=[acp, make_organisation(name="Draft supporter", status=Status.DRAFT)],
        website="http://www.acpeumigrationaction.iom.int/",
        twitter="@ACP_EU_Action",
        contact_email="acpeumigrationaction@iom.int",
    )
    make_project(programme=programme, kind=Project.Kind.KNOWLEDGE, title="Publications")
    make_project(programme=programme, kind=Project.Kind.TECHNICAL_ASSISTANCE, title="Assistance")
    hidden(make_project, programme=programme, title="Secret project")

    response = client.get("/about/")

    body = response.content.decode()
    for text in (
        "10th European Development Fund",
        "International Organization for Migration (IOM)",
        "ACP Secretariat",
        "@ACP_EU_Action",
        "acpeumigrationaction@iom.int",
        "http://www.acpeumigrationaction.iom.int/",
    ):
        assert text in body
    assert "Draft supporter" not in body and "Secret project" not in body
    assert [
        (c["label"], [p.title for p in c["projects"]]) for c in response.context["components"]
    ] == [
        ("Technical assistance", ["Assistance"]),
        ("Knowledge production", ["Publications"]),
    ]


def test_about_page_without_a_programme(client):
    make_programme(status=Status.DRAFT, name="Not yet public")
    response = client.get("/about/")
    assert response.status_code == 200
    assert "Not yet public" not in response.content.decode()


def test_header_has_a_search_box_for_the_whole_portal(client):
    body = client.get("/").content.decode()
    form = body[body.index('<form class="site-search"') : body.index("</form>")]
    assert 'method="get"' in form and 'name="q"' in form
    assert re.search(r'action="(/fr)?/search/"', form)
    assert '<label for="site-search-q"' in form


def test_french_pages_use_the_same_paths(client):
    make_publication(kind=Publication.Kind.PRESS_RELEASE)
    response = client.get("/fr/publications/")
    assert response.status_code == 200
    assert '<html lang="fr">' in response.content.decode()
