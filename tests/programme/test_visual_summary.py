"""The visual summaries: the home page's map of countries, the matrix as a heat map with its
totals and its column for records that name no region, and a distinct title on every page."""

import html
import re

import pytest

from programme.public import tilemap
from tests.factories import (
    make_lesson,
    make_person,
    make_practice,
    make_project,
    make_region,
    make_statement,
    make_theme,
)
from tests.linked import PAGES, build_linked

pytestmark = pytest.mark.django_db

SITE = "ACP-EU Migration Action"


def body(response):
    assert response.status_code == 200
    return response.content.decode()


def title(response):
    return html.unescape(re.search(r"<title>(.*?)</title>", body(response), re.S).group(1))


# The map -------------------------------------------------------------------------------


def test_every_country_a_public_record_names_has_a_linked_tile_and_a_row_in_the_table(client):
    make_lesson(countries=["GY", "KE"])
    make_project(countries=["WS"])
    make_practice(countries=["MN"])  # not in the table of positions: still drawn
    make_lesson(countries=["FJ"], status="draft")  # named by a draft only: not named

    page = body(client.get("/"))

    svg = page[page.index("<svg") : page.index("</svg>")]
    table = page[page.index('<table class="map-table">') : page.index("</table>")]
    for code, name in [("gy", "Guyana"), ("ke", "Kenya"), ("ws", "Samoa"), ("mn", "Mongolia")]:
        assert f'<a href="/countries/{code}/" aria-label="{name}" class="tile">' in svg
        assert f'<a href="/countries/{code}/">{name}</a>' in table
    assert "/countries/fj/" not in page
    assert svg.count('class="tile"') == 4
    # Each country is listed under its group, and Mongolia, which the table lacks, too.
    rows = re.findall(r'<th scope="row">.*?</span>(.*?)</th>', table, re.S)
    assert [row.strip() for row in rows] == [
        "Caribbean",
        "East and Horn of Africa",
        "Pacific",
        "Elsewhere",
    ]


def test_tiles_do_not_overlap_and_fit_the_drawing():
    """The table of positions puts every country on a square of its own."""
    assert len(set(tilemap.POSITIONS)) == len(tilemap.POSITIONS)
    places = [(column, row) for column, row, _group in tilemap.POSITIONS.values()]
    assert len(set(places)) == len(places)
    groups = {key for key, _label, _colour in tilemap.GROUPS}
    assert {group for _c, _r, group in tilemap.POSITIONS.values()} <= groups


def test_the_map_places_countries_on_the_grid_from_the_table(client):
    make_lesson(countries=["GY", "SR"])  # neighbours on the grid
    found = {tile["code"]: tile for tile in tilemap.tiles()["tiles"]}
    step = tilemap.TILE + tilemap.GAP
    assert found["SR"]["x"] - found["GY"]["x"] == step
    assert found["SR"]["y"] == found["GY"]["y"]


def test_the_home_timeline_runs_to_the_closing_event_and_the_quote_is_featured(client):
    from tests.factories import make_event, make_milestone

    closing = make_event(kind="closing", title="Closing event", date="2019-07-11")
    make_milestone(year=2010, title="The Dialogue begins", slug="dialogue")
    make_milestone(year=2019, month=7, day=11, title="Closing event held", slug="closing")
    make_milestone(year=2020, title="The Dialogue is dormant", slug="dormant")
    make_statement(text="Peer meetings boosted South-South cooperation.", event=closing)

    page = body(client.get("/"))

    timeline = page[page.index('class="timeline-compact"') :]
    timeline = timeline[: timeline.index("</ol>")]
    assert "The Dialogue begins" in timeline and "Closing event held" in timeline
    assert "dormant" not in timeline
    assert "Peer meetings boosted South-South cooperation." in page


# The matrix ----------------------------------------------------------------------------


@pytest.fixture
def grid():
    africa = make_region(name="Africa", slug="africa")
    west = make_region(name="West Africa", slug="west", parent=africa)
    caribbean = make_region(name="Caribbean", slug="caribbean")
    visas = make_theme(name="Visas", slug="visas")
    remittances = make_theme(name="Remittances", slug="remittances")
    return {"africa": africa, "west": west, "caribbean": caribbean, "visas": visas,
            "remittances": remittances}  # fmt: skip


def numbers(cell):
    return {count["key"]: count["number"] for count in cell["counts"]}


def test_matrix_totals_count_each_record_once_and_a_column_holds_records_without_region(
    client, grid
):
    make_lesson(themes=[grid["visas"]], regions=[grid["west"], grid["caribbean"]])
    make_lesson(themes=[grid["visas"]], regions=[grid["caribbean"]])
    make_lesson(themes=[grid["visas"]])  # names no region
    make_lesson(themes=[grid["visas"], grid["remittances"]])  # no region, two themes
    make_project(themes=[grid["remittances"]], regions=[grid["africa"]])
    make_lesson(themes=[grid["visas"]], status="draft")  # not counted anywhere

    context = client.get("/matrix/").context
    rows = {row["theme"].slug: row for row in context["rows"]}
    cells = {
        (slug, cell["region"].slug): numbers(cell)
        for slug, row in rows.items()
        for cell in row["cells"]
    }

    assert cells["visas", "caribbean"]["lessons"] == 2
    assert cells["visas", "west"]["lessons"] == 1
    assert cells["visas", "africa"]["lessons"] == 1  # through West Africa
    assert numbers(rows["visas"]["nowhere"])["lessons"] == 2
    assert numbers(rows["visas"]["total"])["lessons"] == 4  # not 2 + 1 + 1 + 2
    assert numbers(rows["remittances"]["total"]) == {
        "lessons": 1,
        "good-practices": 0,
        "projects": 1,
    }
    columns = {cell["region"].slug: numbers(cell) for cell in context["column_totals"]}
    assert columns["caribbean"]["lessons"] == 2
    assert columns["africa"] == {"lessons": 1, "good-practices": 0, "projects": 1}
    assert numbers(context["nowhere_total"])["lessons"] == 2  # the two-theme lesson once
    assert numbers(context["grand_total"]) == {"lessons": 4, "good-practices": 0, "projects": 1}


def test_matrix_cells_are_shaded_link_only_to_what_they_count_and_say_where(client, grid):
    for _ in range(3):
        make_lesson(themes=[grid["visas"]], regions=[grid["caribbean"]])
    make_practice(themes=[grid["remittances"]], regions=[grid["caribbean"]])

    response = client.get("/matrix/")
    page = body(response)

    assert (
        '<a href="/lessons/?theme=visas&amp;region=caribbean"><strong>3</strong> lessons learned'
        '<span class="visually-hidden"> on Visas in the Caribbean region</span></a>'
    ) in page
    # A cell with nothing links nowhere and says so in words.
    assert "?theme=visas&amp;region=africa" not in page
    assert "Nothing on Visas in the Africa region" in page
    shades = {
        (row["theme"].slug, cell["region"].slug): cell["shade"]
        for row in response.context["rows"]
        for cell in row["cells"]
    }
    assert shades["visas", "caribbean"] == 4
    assert shades["remittances", "caribbean"] == 2  # 1 of 3, rounded up
    assert shades["visas", "africa"] == 0
    assert re.search(r'<td data-region="Caribbean" class="shade-4">', page)


def test_matrix_in_french_says_where_each_count_is(client, grid):
    make_lesson(themes=[grid["visas"]], regions=[grid["caribbean"]])
    page = body(client.get("/fr/matrix/"))
    assert "dans la région" in page
    assert "Toutes les régions ou aucune en particulier" in page


def test_a_region_page_names_the_countries_in_it_and_its_sub_regions_that_records_name(client):
    africa = make_region(name="Africa", slug="africa")
    make_region(name="East and Horn of Africa", slug="east-and-horn-of-africa", parent=africa)
    caribbean = make_region(name="Caribbean", slug="caribbean")
    make_lesson(countries=["KE", "GY"])
    make_project(countries=["SN"], status="draft")  # a draft names nothing

    page = body(client.get(africa.get_absolute_url()))
    named = re.search(r'class="region-countries">(.*?)</dd>', page).group(1)
    assert named == '<a href="/countries/ke/">Kenya</a>'
    page = body(client.get(caribbean.get_absolute_url()))
    assert re.search(r'class="region-countries">(.*?)</dd>', page).group(1) == (
        '<a href="/countries/gy/">Guyana</a>'
    )


# Titles --------------------------------------------------------------------------------


def test_every_public_page_has_its_own_title_with_one_separator_and_the_site_name(client):
    records = build_linked(3)
    titles = {name: title(client.get(path(records))) for name, path in PAGES.items()}
    for name, text in titles.items():
        assert text.count(" | ") == 1 and text.endswith(f" | {SITE}"), (name, text)
        assert "·" not in text, (name, text)
    assert len(set(titles.values())) == len(titles), titles


def test_two_statements_by_one_person_have_different_titles(client):
    speaker = make_person(name="Jill Helke")
    first = make_statement(speaker=speaker, text="Peer meetings boosted cooperation.")
    second = make_statement(speaker=speaker, text="Remittances matter to families.")
    one, other = (title(client.get(each.get_absolute_url())) for each in (first, second))
    assert one != other
    assert one.startswith("Statement by Jill Helke: “Peer meetings boosted cooperation.”")
    assert one.endswith(f" | {SITE}")
