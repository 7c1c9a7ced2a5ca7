"""Sources on every page, versions of disputed facts, country pages and facets, regions inside
regions, the reported key figures and the timeline, and the fields shown from the sources."""

import re
from datetime import date

import pytest

from programme.models import Project
from tests.export_parsing import content, parse_csv, parse_json
from tests.factories import (
    drafts,
    make_event,
    make_key_figure,
    make_lesson,
    make_milestone,
    make_organisation,
    make_person,
    make_practice,
    make_programme,
    make_project,
    make_publication,
    make_region,
    make_source,
    make_source_version,
    make_statement,
    make_theme,
)

pytestmark = pytest.mark.django_db


def body(response):
    assert response.status_code == 200
    return response.content.decode()


def sources_section(html):
    """The sources block, up to the block that follows it."""
    start = html.index('<section class="sources"')
    ends = [html.find(mark, start) for mark in ('<section class="cite"', "</main>")]
    return html[start : min(end for end in ends if end > 0)]


RECORDS = {
    "lesson": lambda cited: make_lesson(**cited),
    "practice": lambda cited: make_practice(**cited),
    "project": lambda cited: make_project(**cited),
    "event": lambda cited: make_event(**cited),
    "statement": lambda cited: make_statement(**cited),
    "publication": lambda cited: make_publication(**cited),
    "organisation": lambda cited: make_organisation(**cited),
    "person": lambda cited: make_person(**cited),
    "theme": lambda cited: make_theme(**cited),
    "region": lambda cited: make_region(**cited),
}


@pytest.mark.parametrize("kind", RECORDS)
def test_every_detail_page_shows_its_sources_with_links_out(client, kind):
    dated = make_source(
        url="https://example.org/news/closing-event",
        site="IOM",
        site_fr="OIM",
        title="Closing event of the programme",
        date=date(2019, 7, 11),
        read_on=date(2026, 11, 30),
    )
    bare = make_source(url="https://example.org/page-without-title", site="ACP Secretariat")
    other = make_source(url="https://example.org/not-cited", site="Someone else")
    record = RECORDS[kind]({"sources": [dated, bare]})
    section = sources_section(body(client.get(record.get_absolute_url())))
    heading = "Reported in" if kind == "statement" else "Sources"
    assert f'<h2 id="sources-title">{heading}</h2>' in section
    assert '<a href="https://example.org/news/closing-event" rel="noopener">' in section
    assert "<cite>Closing event of the programme</cite>" in section
    assert "IOM" in section and "11 July 2019" in section and "read on 30 November 2026" in section
    # Without a title, the address itself is the link's text.
    assert (
        '<a href="https://example.org/page-without-title" rel="noopener">'
        "https://example.org/page-without-title</a>" in section
    )
    assert other.url not in section
    # The publisher's name in French on the French page.
    assert ">OIM</span>" in sources_section(body(client.get("/fr" + record.get_absolute_url())))


def test_the_about_page_shows_the_programmes_sources(client):
    source = make_source(url="https://example.org/programme", site="ACP Secretariat")
    make_programme(sources=[source])
    assert 'href="https://example.org/programme"' in sources_section(body(client.get("/about/")))


def test_a_record_without_sources_has_no_sources_section(client):
    event = make_event()
    assert 'class="sources"' not in body(client.get(event.get_absolute_url()))


def test_every_version_of_a_disputed_fact_is_shown_with_its_source(client):
    event = make_event(participant_count=None)
    first = make_source(url="https://example.org/seventy", site="Guyana Chronicle")
    second = make_source(url="https://example.org/sixty", site="ACP Secretariat")
    make_source_version(event, text="70 participants", source=first)
    make_source_version(event, text="60 participants", source=second)
    other = make_event()
    make_source_version(other, text="5 participants", source=first)
    section = sources_section(body(client.get(event.get_absolute_url())))
    assert "Where sources disagree" in section
    assert "Number of participants" in section
    assert re.search(r"70 participants</span>: .*https://example.org/seventy", section)
    assert re.search(r"60 participants</span>: .*https://example.org/sixty", section)
    assert "5 participants" not in section


def test_the_publications_page_links_to_its_original_address(client):
    publication = make_publication(url="https://example.org/press-release.pdf")
    html = body(client.get(publication.get_absolute_url()))
    original = html.index('<p class="publication-access">')
    assert original < html.index('<dl class="facts">')  # under the title, before the facts
    assert 'href="https://example.org/press-release.pdf" rel="noopener">Read<' in html


# Countries --------------------------------------------------------------------------------


@pytest.fixture
def kenya():
    """One public record of each type naming Kenya, and hidden ones that must not count."""
    organisation = make_organisation(country="KE")
    regional = make_organisation(country="DJ", members=["KE", "UG"])
    event = make_event(country="KE")
    records = {
        "projects": make_project(countries=["KE", "UG"]),
        "events": event,
        "stakeholders": organisation,
        "stakeholders-members": regional,
        "people": make_person(organisation=organisation),
        "publications": make_publication(countries=["KE"]),
        "lessons": make_lesson(countries=["KE"]),
        "good-practices": make_practice(countries=["KE"]),
        "statements": make_statement(event=event),
    }
    hidden_organisation = drafts.make_organisation(country="KE")
    hidden = [
        drafts.make_project(countries=["KE"]),
        drafts.make_event(country="KE"),
        hidden_organisation,
        make_person(organisation=hidden_organisation),  # public, but named through a draft
        drafts.make_lesson(countries=["KE"]),
    ]
    return records, hidden


def test_a_country_page_gathers_every_type_of_public_record_naming_it(client, kenya):
    records, hidden = kenya
    response = client.get("/countries/ke/")
    html = body(response)
    assert "<h1>Kenya</h1>" in html
    for record in records.values():
        assert record.get_absolute_url() in html, record
    for record in hidden:
        assert record.get_absolute_url() not in html, record
    counts = {section["id"]: section["count"] for section in response.context["sections"]}
    assert counts == {
        "lessons": 1,
        "good-practices": 1,
        "projects": 1,
        "stakeholders": 2,  # based there, or a member state
        "people": 1,
        "events": 1,
        "publications": 1,
        "statements": 1,
    }


def test_a_country_page_is_404_for_an_unknown_code_or_a_country_nobody_names(client, kenya):
    assert client.get("/countries/zz/").status_code == 404
    assert client.get("/countries/kenya/").status_code == 404
    assert client.get("/countries/fr/").status_code == 404  # a country, but named by no record
    drafts.make_project(countries=["FR"])
    assert client.get("/countries/fr/").status_code == 404  # named by a draft only
    response = client.get("/countries/KE/")
    assert response.status_code == 301 and response["Location"] == "/countries/ke/"


def test_the_country_page_in_french(client, kenya):
    html = body(client.get("/fr/countries/ug/"))
    assert "<h1>Ouganda</h1>" in html
    assert '<html lang="fr">' in html
    assert "/fr/projects/" in html


def test_the_country_index_lists_every_named_country_with_its_counts(client, kenya):
    response = client.get("/countries/")
    html = body(response)
    names = [country["name"] for country in response.context["countries"]]
    assert names == ["Djibouti", "Kenya", "Uganda"]
    kenya_row = next(c for c in response.context["countries"] if c["code"] == "KE")
    assert "Stakeholders: 2" in kenya_row["figures"] and "Events: 1" in kenya_row["figures"]
    assert 'href="/countries/ke/"' in html
    assert 'href="/countries/"' in body(client.get("/"))  # in the navigation


def test_the_sitemap_lists_the_country_pages(client, kenya):
    xml = client.get("/sitemap.xml").content.decode()
    assert "/countries/ke/</loc>" in xml and "/fr/countries/ke/</loc>" in xml
    assert "/countries/</loc>" in xml
    assert "/countries/fr/</loc>" not in xml


LISTS = {
    "/projects/": 1,
    "/events/": 1,
    "/stakeholders/": 2,
    "/people/": 1,
    "/publications/": 1,
    "/lessons/": 1,
    "/good-practices/": 1,
}


@pytest.mark.parametrize("url", LISTS)
def test_every_list_has_a_country_facet_with_its_counts(client, kenya, url):
    response = client.get(url)
    facet = next(f for f in response.context["facets"] if f["name"] == "country")
    counts = {option["value"]: option["count"] for option in facet["options"]}
    assert counts["KE"] == LISTS[url]
    filtered = client.get(url, {"country": "KE"})
    assert filtered.context["paginator"].count == LISTS[url]
    records, hidden = kenya
    listed = {record.pk for record in filtered.context["object_list"]}
    model = filtered.context["object_list"].model
    assert not {record.pk for record in hidden if isinstance(record, model)} & listed


def test_the_organisation_facet_counts_a_country_once_per_organisation(client):
    make_organisation(country="KE", members=["KE", "UG"])
    make_organisation(country="UG")
    response = client.get("/stakeholders/")
    facet = next(f for f in response.context["facets"] if f["name"] == "country")
    assert {o["value"]: o["count"] for o in facet["options"]} == {"KE": 1, "UG": 2}


# Regions --------------------------------------------------------------------------------


@pytest.fixture
def africa():
    africa = make_region(name="Africa", slug="africa")
    west = make_region(
        name="West and Central Africa", slug="west-and-central-africa", parent=africa
    )
    south = make_region(name="Southern Africa", slug="southern-africa", parent=africa)
    pacific = make_region(name="Pacific", slug="pacific")
    return {"africa": africa, "west": west, "south": south, "pacific": pacific}


def test_a_region_filter_finds_the_records_of_the_regions_inside_it(client, africa):
    tagged_africa = make_project(regions=[africa["africa"], africa["west"]])
    west = make_project(regions=[africa["west"]])
    both = make_project(regions=[africa["west"], africa["south"]])
    pacific = make_project(regions=[africa["pacific"]])
    response = client.get("/projects/", {"region": "africa"})
    assert set(response.context["object_list"]) == {tagged_africa, west, both}
    assert pacific not in response.context["object_list"]
    facet = next(f for f in client.get("/projects/").context["facets"] if f["name"] == "region")
    counts = {option["value"]: option["count"] for option in facet["options"]}
    # Each record once in Africa, however many of its regions lie in Africa.
    assert counts == {
        "africa": 3,
        "west-and-central-africa": 3,
        "southern-africa": 1,
        "pacific": 1,
    }
    event = make_event(region=africa["south"])
    assert event in client.get("/events/", {"region": "africa"}).context["object_list"]


def test_a_matrix_cell_of_a_region_counts_the_records_of_the_regions_inside_it(client, africa):
    theme = make_theme(name="Visas", slug="visas")
    make_project(themes=[theme], regions=[africa["west"], africa["south"]])
    make_project(themes=[theme], regions=[africa["africa"]])
    make_project(themes=[theme], regions=[africa["pacific"]])
    html = body(client.get("/matrix/"))
    assert 'href="/projects/?theme=visas&amp;region=africa"><strong>2</strong> projects' in html
    assert (
        'href="/projects/?theme=visas&amp;region=southern-africa"><strong>1</strong> project'
        in html
    )
    listed = client.get("/projects/", {"theme": "visas", "region": "africa"})
    assert listed.context["paginator"].count == 2


def test_a_region_page_shows_its_parent_its_sub_regions_and_their_records(client, africa):
    project = make_project(regions=[africa["south"]])
    html = body(client.get("/regions/africa/"))
    assert 'href="/regions/southern-africa/"' in html
    assert 'href="/regions/west-and-central-africa/"' in html
    assert project.get_absolute_url() in html
    html = body(client.get("/regions/southern-africa/"))
    assert re.search(r"Part of</dt><dd><a href=\"/regions/africa/\"", html)


def test_the_region_list_shows_sub_regions_under_their_region(client, africa):
    response = client.get("/regions/")
    top = [region.slug for region in response.context["object_list"]]
    assert top == ["africa", "pacific"]
    africa_row = response.context["object_list"][0]
    assert [r.slug for r in africa_row.inside] == ["southern-africa", "west-and-central-africa"]


# Home and About ----------------------------------------------------------------------


def test_the_home_figures_are_the_reported_figures_with_their_sources(client):
    source = make_source(url="https://example.org/factsheet", site="ACP Secretariat")
    make_key_figure(
        value="53", label="technical-assistance requests", reported="2018", sources=[source]
    )
    make_project(beneficiary_count=15, beneficiary_description="non-State actors")
    for _ in range(4):
        make_lesson()
    html = body(client.get("/"))
    figures = html[
        html.index('id="figures"') : html.index("</section>", html.index('id="figures"'))
    ]
    assert (
        '<strong class="figure-value">53</strong>' in figures
        and "technical-assistance requests" in figures
    )
    assert "2018" in figures and 'href="https://example.org/factsheet"' in figures
    assert "lessons learned" not in figures and "non-State actors" not in figures


def test_the_about_page_shows_the_timeline_with_only_the_parts_of_dates_given(client):
    make_programme()
    source = make_source(url="https://example.org/dialogue", site="ACP Secretariat")
    make_milestone(year=2010, title="First step", sources=[source])
    make_milestone(year=2010, month=6, title="Second step")
    make_milestone(year=2014, month=7, day=9, title="Third step")
    html = body(client.get("/about/"))
    assert '<time datetime="2010">2010</time>: <span>First step</span>' in html
    assert '<time datetime="2010-06">June 2010</time>' in html
    assert '<time datetime="2014-07-09">9 July 2014</time>' in html
    assert html.index("First step") < html.index("Second step") < html.index("Third step")
    assert 'href="https://example.org/dialogue"' in html
    french = body(client.get("/fr/about/"))
    assert "juin 2010" in french and "9 juillet 2014" in french


@pytest.mark.parametrize("maker", [make_lesson, make_practice])
def test_a_label_no_source_gives_is_called_the_portals_reading(client, maker):
    reading = maker(named_by_source=False)
    named = maker(named_by_source=True)
    said = re.compile(r"calling it one is the portal(&#x27;|')s reading of its sources")
    assert said.search(body(client.get(reading.get_absolute_url())))
    assert not said.search(body(client.get(named.get_absolute_url())))


# The new fields ----------------------------------------------------------------------


def test_an_event_shows_its_venue_dates_hosts_and_speakers(client):
    host = make_organisation(name="Host body")
    speaker = make_person(name="A Speaker")
    hidden = drafts.make_person(name="Hidden Speaker")
    event = make_event(
        date=date(2018, 6, 26),
        end_date=date(2018, 6, 28),
        venue="Conference centre",
        hosts=[host],
        speakers=[speaker, hidden],
    )
    html = body(client.get(event.get_absolute_url()))
    assert "26 June 2018</time> – <time" in html and "28 June 2018" in html
    assert "Conference centre" in html and "Host body" in html and "A Speaker" in html
    assert "Hidden Speaker" not in html
    ended = make_event(date=None, end_date=date(2019, 7, 11))
    assert "ended on 11 July 2019" in body(client.get(ended.get_absolute_url()))


def test_a_publication_project_person_and_organisation_show_their_new_fields(client):
    author = make_person(name="An Author", role="Consultant", role_year=2016)
    publication = make_publication(
        authors=[author], reference="ENG0625", countries=["JM", "BB"], language="en"
    )
    html = body(client.get(publication.get_absolute_url()))
    assert "An Author" in html and "ENG0625" in html
    assert '<a href="/countries/jm/">Jamaica</a>' in html and "Barbados" in html
    project = make_project(assistance_type=Project.AssistanceType.STUDIES, reference="TA/041/2016")
    html = body(client.get(project.get_absolute_url()))
    assert "Studies and research" in html and "TA/041/2016" in html
    assert "(role as of 2016)" in body(client.get(author.get_absolute_url()))
    organisation = make_organisation(members=["KE", "UG"])
    html = body(client.get(organisation.get_absolute_url()))
    assert "Member countries" in html and '<a href="/countries/ug/">Uganda</a>' in html


def test_plain_fields_are_never_rendered_as_html(client):
    event = make_event(venue="<b>Hall</b>")
    source = make_source(site="<i>Site</i>", title="<script>x</script>")
    event.sources.set([source])
    html = body(client.get(event.get_absolute_url()))
    assert "<b>Hall</b>" not in html and "&lt;b&gt;Hall&lt;/b&gt;" in html
    assert "<script>x</script>" not in html and "<i>Site</i>" not in html


# Exports --------------------------------------------------------------------------------


def test_exports_carry_the_source_addresses_and_the_new_fields(client):
    source = make_source(url="https://example.org/event-page")
    host = make_organisation(name="Host body")
    make_event(sources=[source], hosts=[host], venue="Hall", end_date=date(2018, 6, 28))
    header, rows = parse_csv(content(client.get("/events/export.csv")))
    assert len(rows) == 1 and "https://example.org/event-page" in rows[0]["Sources"]
    [row] = parse_json(content(client.get("/events/export.json")))["records"]
    assert row["sources"] == ["https://example.org/event-page"]
    assert row["hosts"] == ["Host body"] and row["venue"] == "Hall"
    assert row["end_date"] == "2018-06-28"
    make_publication(reference="ENG0625", countries=["JM"])
    [row] = parse_json(content(client.get("/publications/export.json")))["records"]
    assert row["reference"] == "ENG0625" and row["countries"] == ["Jamaica"]
