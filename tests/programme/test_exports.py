"""Exports of the programme's content types: what the CSV and JSON files contain, that only
public records and public related records leave, and the escaping of formulas."""

from datetime import date, datetime, timedelta
from decimal import Decimal
from urllib.parse import urlencode

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import connection
from django.http import StreamingHttpResponse
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import strip_tags
from django.utils.text import capfirst
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from programme.models import Organisation, Project, Status
from programme.opendata.columns import Many
from programme.opendata.exports import export_spec, registered
from programme.public.search import search_types
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
from tests.linked import build_linked
from tests.programme.test_public_bad_input import pairs

pytestmark = pytest.mark.django_db

PUBLISHED = {"status": Status.PUBLISHED}


def not_public():
    """The three ways a record is not public: draft, in review, scheduled for later."""
    return [
        {"status": Status.DRAFT},
        {"status": Status.REVIEW},
        {"status": Status.PUBLISHED, "published_at": timezone.now() + timedelta(days=1)},
    ]


def projects_csv():
    return parse_csv(run_export(export_spec("projects")))


def test_every_content_type_has_an_export_with_unique_readable_columns():
    keys = [spec.key for spec in registered()]
    assert keys == [
        "lessons",
        "good-practices",
        "projects",
        "stakeholders",
        "people",
        "events",
        "publications",
        "statements",
    ]
    for spec in registered():
        column_keys = [column.key for column in spec.columns]
        labels = [str(column.label) for column in spec.columns]
        assert len(set(column_keys)) == len(column_keys), spec.key
        assert len(set(labels)) == len(labels), spec.key
        assert column_keys[0] == "slug" and column_keys[-1] == "url", spec.key
        assert all(key.isidentifier() for key in column_keys), spec.key


def test_csv_starts_with_its_header_row_and_nothing_else_but_a_byte_order_mark():
    f.make_project(title="Visas", **PUBLISHED)
    data = run_export(export_spec("projects"))
    # The mark is for spreadsheets (UTF-8 accents); the header row follows it at once.
    assert data.startswith(b"\xef\xbb\xbfSlug,Title,Component,Programme,")
    header, rows = parse_csv(data)
    assert header[:4] == ["Slug", "Title", "Component", "Programme"]
    assert header[-1] == "Web page"
    assert [row["Title"] for row in rows] == ["Visas"]
    assert b"#" not in data.split(b"\r\n", 1)[0]


def csvw_metadata(spec_key="projects"):
    from programme.opendata.exports import Export, absolute_url_from

    export = Export(
        export_spec(spec_key),
        export_spec(spec_key).queryset(),
        absolute_url=absolute_url_from(BASE_URL),
        source_url=f"{BASE_URL}/source/",
    )
    return export.csvw(f"{BASE_URL}/projects/export.csv")


def test_the_licence_comes_from_the_setting(settings):
    settings.CONTENT_LICENCE = {"name": "CC0 1.0", "url": "https://example.org/cc0/"}
    assert csvw_metadata()["dc:license"] == {"@id": "https://example.org/cc0/"}
    meta = parse_json(run_export(export_spec("projects"), fmt="json"))
    assert (meta["licence"], meta["licence_url"]) == ("CC0 1.0", "https://example.org/cc0/")


@pytest.mark.parametrize(
    "dangerous",
    [
        '=HYPERLINK("http://evil.test","x")',
        "+1+1",
        "-2+3",
        "@SUM(A1)",
        "\t=1+1",
        "\r=1+1",
    ],
)
def test_values_a_spreadsheet_would_run_as_formulas_are_neutralised(dangerous):
    f.make_project(title=dangerous, summary="1 = 1, not a formula", **PUBLISHED)
    _header, (row,) = projects_csv()
    assert row["Title"] == "'" + dangerous
    assert row["Summary"] == "1 = 1, not a formula"
    # JSON is data, not a spreadsheet: the value stays as it is.
    (record,) = parse_json(run_export(export_spec("projects"), fmt="json"))["records"]
    assert record["title"] == dangerous


def test_related_items_are_readable_names_in_their_order_and_only_the_public_ones():
    visas, remittances = f.make_theme(name="Visas"), f.make_theme(name="Remittances")
    pacific = f.make_region(name="Pacific", order=3)
    africa = f.make_region(name="Africa", order=1)
    iom = f.make_organisation(name="IOM", **PUBLISHED)
    hidden = [
        f.make_organisation(name=f"Hidden {n}", **fields) for n, fields in enumerate(not_public())
    ]
    programme = f.make_programme(name="ACP-EU Migration Action", **PUBLISHED)
    project = f.make_project(
        title="Peer-to-peer meetings",
        programme=programme,
        countries=["FJ", "BB"],
        budget=Decimal("1500.50"),
        m2m={
            "themes": [visas, remittances],
            "regions": [pacific, africa],
            "implementing_organisations": [*hidden, iom],
            "requesting_organisations": hidden,
        },
        **PUBLISHED,
    )
    _header, (row,) = projects_csv()
    assert row["Themes"] == "Remittances; Visas"
    assert row["Regions"] == "Africa; Pacific"
    assert row["Countries"] == "Barbados; Fiji"
    assert row["Implemented by"] == "IOM"
    assert row["Requested by"] == ""
    assert row["Programme"] == "ACP-EU Migration Action"
    assert row["Component"] == "Technical assistance"
    assert row["Budget"] == "1500.50"
    assert row["Web page"] == f"{BASE_URL}{project.get_absolute_url()}"

    (record,) = parse_json(run_export(export_spec("projects"), fmt="json"))["records"]
    assert record["themes"] == ["Remittances", "Visas"]
    assert record["implemented_by"] == ["IOM"]
    assert record["requested_by"] == []
    assert record["countries"] == ["Barbados", "Fiji"]
    assert record["budget"] == 1500.5
    assert record["start_date"] is None


@pytest.mark.parametrize("fields", not_public())
def test_a_foreign_key_to_a_record_that_is_not_public_is_left_empty(fields):
    parent = f.make_organisation(name="Secret parent", **fields)
    f.make_organisation(name="Unit", parent=parent, **PUBLISHED)
    _header, (row,) = parse_csv(run_export(export_spec("stakeholders")))
    assert row["Part of"] == ""
    assert "Secret" not in run_export(export_spec("stakeholders"), fmt="json").decode()


@pytest.mark.parametrize(
    "spec_key", ["projects", "stakeholders", "people", "events", "publications", "statements"]
)
def test_only_published_records_are_exported(spec_key):
    make = {
        "projects": f.make_project,
        "stakeholders": f.make_organisation,
        "people": f.make_person,
        "events": f.make_event,
        "publications": f.make_publication,
        "statements": f.make_statement,
    }[spec_key]
    make(slug="public-record", **PUBLISHED)
    for number, fields in enumerate(not_public()):
        make(slug=f"hidden-record-{number}", **fields)
    _header, rows = parse_csv(run_export(export_spec(spec_key)))
    assert [row["Slug"] for row in rows] == ["public-record"]
    data = parse_json(run_export(export_spec(spec_key), fmt="json"))
    assert data["count"] == 1
    assert [record["slug"] for record in data["records"]] == ["public-record"]


def test_a_statement_is_public_only_with_its_speaker():
    speaker = f.make_person(name="Jill Helke", role="Director", **PUBLISHED)
    f.make_statement(slug="said", speaker=speaker, text="We have seen...", **PUBLISHED)
    for number, fields in enumerate(not_public()):
        hidden_speaker = f.make_person(name=f"Hidden {number}", **fields)
        f.make_statement(slug=f"hidden-{number}", speaker=hidden_speaker, **PUBLISHED)
    _header, rows = parse_csv(run_export(export_spec("statements")))
    assert [(row["Slug"], row["Speaker"], row["Words"]) for row in rows] == [
        ("said", "Jill Helke", "We have seen...")
    ]


def test_json_has_the_metadata_then_every_record():
    for title in ("Alpha", "Beta", "Gamma"):
        f.make_project(title=title, **PUBLISHED)
    data = parse_json(run_export(export_spec("projects"), fmt="json"))
    assert list(data) == [
        "title",
        "licence",
        "licence_url",
        "created",
        "source",
        "data_dictionary",
        "count",
        "records",
    ]
    assert data["data_dictionary"] == f"{BASE_URL}/data/"
    assert data["title"] == "Projects"
    assert data["count"] == 3
    assert data["source"] == f"{BASE_URL}/source/"
    assert datetime.fromisoformat(data["created"]).tzinfo is not None
    assert [record["title"] for record in data["records"]] == ["Alpha", "Beta", "Gamma"]
    assert list(data["records"][0]) == [column.key for column in export_spec("projects").columns]


def test_an_empty_export_is_still_valid():
    header, rows = projects_csv()
    assert header and rows == []
    data = parse_json(run_export(export_spec("projects"), fmt="json"))
    assert (data["count"], data["records"]) == (0, [])


def test_every_export_of_the_closing_event_content_parses():
    call_command("load_content", verbosity=0)
    for spec in registered():
        header, rows = parse_csv(run_export(spec))
        data = parse_json(run_export(spec, fmt="json"))
        assert len(rows) == data["count"] == spec.queryset().count() > 0, spec.key
        assert [row["Slug"] for row in rows] == [r["slug"] for r in data["records"]]
        assert all(row["Web page"].startswith(BASE_URL + "/") for row in rows)


def queries_for(spec, fmt):
    with CaptureQueriesContext(connection) as queries:
        run_export(spec, fmt=fmt)
    return len(queries)


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_an_export_costs_the_same_queries_for_3_or_60_records(fmt):
    themes = [f.make_theme() for _ in range(3)]
    organisation = f.make_organisation(**PUBLISHED)
    programme = f.make_programme(**PUBLISHED)

    def add(count):
        for _ in range(count):
            f.make_project(
                programme=programme,
                m2m={"themes": themes, "implementing_organisations": [organisation]},
                **PUBLISHED,
            )

    add(3)
    few = queries_for(export_spec("projects"), fmt)
    add(57)
    assert Project.objects.published().count() == 60
    assert queries_for(export_spec("projects"), fmt) == few
    # One query for the records, one per many-to-many column, one for the count in JSON.
    many = sum(isinstance(column, Many) for column in export_spec("projects").columns)
    assert few == 1 + many + (fmt == "json")


def test_organisation_export_names_country_and_kind():
    f.make_organisation(name="IOM", kind=Organisation.Kind.UN_AGENCY, country="CH", **PUBLISHED)
    _header, (row,) = parse_csv(run_export(export_spec("stakeholders")))
    assert (row["Kind"], row["Country"]) == ("UN agency", "Switzerland")


# Search results ----------------------------------------------------------------------------


def search_page_results(client, **params):
    """[(type label, title, url)] that the HTML search page lists."""
    response = client.get(reverse("programme:search"), params)
    assert response.status_code == 200
    return [
        (str(group.type.label_singular), strip_tags(result.title_html), result.get_absolute_url())
        for group in response.context["groups"]
        for result in group.results
    ]


def test_the_search_export_has_what_the_search_page_finds(client):
    f.make_lesson(title="Visa facilitation lesson", **PUBLISHED)
    f.make_project(title="Visas in the Pacific", summary="Visa waivers.", **PUBLISHED)
    f.make_project(title="Remittances", summary="Visa fees too.", **PUBLISHED)
    f.make_project(title="Visa draft", status=Status.DRAFT)
    f.make_project(title="Unrelated", **PUBLISHED)
    shown = search_page_results(client, q="visa")
    assert len(shown) == 3

    response = client.get("/search/export.csv", {"q": "visa"})
    assert response.status_code == 200 and response.streaming
    header, rows = parse_csv(content(response))
    assert header == ["Type", "Title", "Web page", "Excerpt"]
    assert [(r["Type"], r["Title"], r["Web page"]) for r in rows] == [
        (label, title, f"http://testserver{url}") for label, title, url in shown
    ]
    assert '<http://testserver/search/?q=visa>; rel="via"' in response["Link"]
    assert "Visa waivers" in rows[1]["Excerpt"]

    data = parse_json(content(client.get("/search/export.json", {"q": "visa", "type": "projects"})))
    assert data["count"] == 2
    assert [record["title"] for record in data["records"]] == [
        title for label, title, _url in shown if label == "Project"
    ]
    assert data["source"] == "http://testserver/search/?q=visa&type=projects"


def test_the_search_export_is_not_paginated_and_costs_fixed_queries(client):
    for number in range(25):
        f.make_project(title=f"Visa project {number}", **PUBLISHED)
    with CaptureQueriesContext(connection) as queries:
        data = parse_json(
            content(client.get("/search/export.json", {"q": "visa", "type": "projects"}))
        )
    assert data["count"] == len(data["records"]) == 25
    assert len(queries) == 2  # the count, then the matches
    with CaptureQueriesContext(connection) as queries:
        rows = parse_csv(content(client.get("/search/export.csv", {"q": "visa"})))[1]
    assert len(rows) == 25
    assert len(queries) == len(search_types())  # one per content type


@pytest.mark.parametrize(
    "params",
    [{}, {"q": ""}, {"q": "!!!"}, {"q": "\x00"}, {"q": "x" * 5000}, {"type": "nonsense"}],
)
def test_the_search_export_of_nothing_is_empty_not_an_error(client, params):
    f.make_project(title="Visas", **PUBLISHED)
    response = client.get("/search/export.json", params)
    assert response.status_code == 200
    assert parse_json(content(response))["records"] == []


@pytest.mark.parametrize("path", ["/search/export.xml", "/search/export.", "/search/export.CSV"])
def test_an_unknown_export_format_is_not_found(client, path):
    assert client.get(path, {"q": "visa"}).status_code == 404


def test_an_unknown_search_type_searches_everything_like_the_page(client):
    f.make_project(title="Visas", **PUBLISHED)
    f.make_lesson(title="Visas lesson", **PUBLISHED)
    data = parse_json(content(client.get("/search/export.json", {"q": "visas", "type": "x"})))
    assert {record["type"] for record in data["records"]} == {"Project", "Lesson learned"}


# The lists' exports -------------------------------------------------------------------------


def list_cases():
    """(list URL name, parameters, maker of a matching record, maker of one the filters leave
    out) for every list of the programme app. Made inside the test (records need the db)."""
    visas = f.make_theme(slug="visas", name="Visas")
    remittances = f.make_theme(slug="remittances", name="Remittances")
    pacific = f.make_region(slug="pacific", name="Pacific")
    iom = f.make_organisation(slug="iom", name="IOM", kind=Organisation.Kind.OTHER)
    return {
        "projects": (
            "programme:project_list",
            {"theme": "visas", "sort": "-start"},
            lambda n, **w: f.make_project(
                title=f"Project {n}", start_date=date(2015 + n, 1, 1), themes=[visas], **w
            ),
            lambda: f.make_project(themes=[remittances]),
        ),
        "stakeholders": (
            "programme:organisation_list",
            {"kind": "un-agency"},
            lambda n, **w: f.make_organisation(
                name=f"Agency {n}", kind=Organisation.Kind.UN_AGENCY, **w
            ),
            lambda: f.make_organisation(kind=Organisation.Kind.THINK_TANK),
        ),
        "people": (
            "programme:person_list",
            {"organisation": "iom"},
            lambda n, **w: f.make_person(name=f"Person {n}", organisation=iom, **w),
            lambda: f.make_person(),
        ),
        "events": (
            "programme:event_list",
            {"year": "2019", "region": "pacific"},
            lambda n, **w: f.make_event(
                title=f"Meeting {n}", date=date(2019, 1 + n % 12, 1), region=pacific, **w
            ),
            lambda: f.make_event(date=date(2018, 5, 1), region=pacific),
        ),
        "publications": (
            "programme:publication_list",
            {"kind": "thematic", "theme": ["visas", "remittances"]},
            lambda n, **w: f.make_publication(
                title=f"Publication {n}", kind="thematic", themes=[visas], **w
            ),
            lambda: f.make_publication(kind="press-release", themes=[visas]),
        ),
    }


def make_case(key):
    list_name, params, make, make_other = list_cases()[key]
    public = [make(n) for n in range(3)]
    other = make_other()
    hidden = [make(10 + n, **fields) for n, fields in enumerate(not_public())]
    return list_name, params, public, other, hidden


@pytest.mark.parametrize("key", ["projects", "stakeholders", "people", "events", "publications"])
def test_a_list_export_has_exactly_what_the_list_shows_in_its_order(client, key):
    list_name, params, public, other, hidden = make_case(key)
    shown = list_slugs(client, list_name, params)
    assert sorted(shown) == sorted(record.slug for record in public)
    assert exported_slugs(client, list_name, params) == shown
    # Without the filters, the record they left out is there too; the hidden ones never are.
    everything = exported_slugs(client, list_name, {})
    assert other.slug in everything
    assert everything == list_slugs(client, list_name, {})
    assert not {record.slug for record in hidden} & set(everything)


@pytest.mark.parametrize("key", ["projects", "people"])
def test_a_list_export_names_the_filters_the_licence_and_the_page(client, key):
    list_name, params, _public, _other, _hidden = make_case(key)
    response = client.get(reverse(f"{list_name}_export", kwargs={"format": "json"}), params)
    data = parse_json(content(response))
    html = client.get(reverse(list_name), params)
    assert data["title"] == html.context["summary"]
    assert data["source"].startswith(f"http://testserver{reverse(list_name)}?")
    assert data["licence"] == "CC BY 4.0"
    csv_response = client.get(reverse(f"{list_name}_export", kwargs={"format": "csv"}), params)
    assert csv_response["Content-Type"] == "text/csv; charset=utf-8"
    assert csv_response["Content-Disposition"].startswith("attachment; filename=")
    assert csv_response["Link"].startswith(
        '<https://creativecommons.org/licenses/by/4.0/>; rel="license", '
    )
    assert response["Content-Type"] == "application/json"


@pytest.mark.parametrize(
    "params",
    [
        {"theme": "no-such-theme"},
        {"year": "nineteen"},
        {"sort": "nonsense"},
        {"theme": "visas\x00"},
        {"theme": "v" * 5000},
        {"page": "999999", "page_size": "1000000", "per_page": "1000000", "limit": "0"},
        {"format": "xml"},
    ],
)
def test_bad_filter_values_are_ignored_as_the_list_ignores_them(client, params):
    list_name, _params, public, other, hidden = make_case("projects")
    everything = sorted(record.slug for record in [*public, other])
    assert sorted(exported_slugs(client, list_name, params)) == everything


@pytest.mark.parametrize("fmt", ["xml", "CSV", "csv.gz", "json/"])
def test_an_unknown_format_is_not_found(client, fmt):
    assert client.get(f"/projects/export.{fmt}").status_code == 404


def test_a_list_page_links_its_exports_with_its_filters_but_not_its_page(client):
    f.make_organisation(slug="iom", name="IOM")
    response = client.get("/people/", {"organisation": "iom", "page": "1"})
    html = response.content.decode()
    csv_url = "/people/export.csv?organisation=iom"
    json_url = "/people/export.json?organisation=iom"
    assert f'<link rel="alternate" type="text/csv" href="{csv_url}"' in html
    assert f'<link rel="alternate" type="application/json" href="{json_url}"' in html
    download = html.split('id="downloads-title"', 1)[1].split("</section>", 1)[0]
    assert f'href="{csv_url}"' in download and f'href="{json_url}"' in download
    assert 'href="/data/"' in download


@pytest.mark.parametrize(
    "path", ["/projects/", "/stakeholders/", "/people/", "/events/", "/publications/"]
)
def test_every_list_names_its_exports_in_its_head(client, path):
    head = client.get(path).content.decode().split("</head>", 1)[0]
    assert f'<link rel="alternate" type="text/csv" href="{path}export.csv"' in head
    assert f'<link rel="alternate" type="application/json" href="{path}export.json"' in head
    assert client.get(f"{path}export.csv").status_code == 200


def test_the_french_export_uses_french_addresses(client):
    f.make_project(slug="visas-project")
    # The request switches the thread to French: override() switches it back afterwards.
    with translation.override("en"):
        (record,) = parse_json(content(client.get("/fr/projects/export.json")))["records"]
    assert record["url"] == "http://testserver/fr/projects/visas-project/"


def test_a_list_export_costs_the_same_queries_for_3_or_60_projects(
    client, django_assert_num_queries
):
    visas = f.make_theme(slug="visas")
    organisation = f.make_organisation()
    programme = f.make_programme()

    def add(count):
        for _ in range(count):
            f.make_project(
                programme=programme, themes=[visas], implementing_organisations=[organisation]
            )

    many = sum(isinstance(column, Many) for column in export_spec("projects").columns)
    # The theme asked for, the count, one query per many-to-many column, the records.
    expected = 1 + 1 + many + 1
    for count in (3, 57):
        add(count)
        with django_assert_num_queries(expected):
            response = client.get("/projects/export.csv", {"theme": "visas"})
            rows = parse_csv(content(response))[1]
        assert isinstance(response, StreamingHttpResponse)
    assert len(rows) == 60


def test_a_streamed_export_keeps_the_language_of_its_request_while_it_is_written(client):
    f.make_project(slug="visas-project", kind=Project.Kind.KNOWLEDGE)
    with translation.override("en"):
        response = client.get("/fr/projects/export.csv")
    # The view has returned and the thread speaks English again; the rows are written now.
    assert translation.get_language() == "en"
    _header, (row,) = parse_csv(content(response))
    # Headers are in French too; the record's address is the French page.
    assert "http://testserver/fr/projects/visas-project/" in row.values()
    assert "Web page" not in row
    assert '<http://testserver/fr/data/>; rel="describedby"' in response["Link"]


SEARCHABLE = {
    "lessons": lambda **w: f.make_lesson(title="Visas hidden", **w),
    "good-practices": lambda **w: f.make_good_practice(title="Visas hidden", **w),
    "projects": lambda **w: f.make_project(title="Visas hidden", **w),
    "statements": lambda **w: f.make_statement(text="Visas hidden", **w),
    "people": lambda **w: f.make_person(name="Visas hidden", **w),
    "stakeholders": lambda **w: f.make_organisation(name="Visas hidden", **w),
    "events": lambda **w: f.make_event(title="Visas hidden", **w),
    "publications": lambda **w: f.make_publication(title="Visas hidden", **w),
}


@pytest.mark.parametrize("fields", not_public(), ids=["draft", "review", "scheduled"])
def test_the_search_export_never_has_a_record_that_is_not_public(client, fields):
    for make in SEARCHABLE.values():
        make(**fields)
    f.make_project(title="Visas shown")
    for type_key in ["", *SEARCHABLE]:
        data = parse_json(
            content(client.get("/search/export.json", {"q": "visas", "type": type_key}))
        )
        titles = [record["title"] for record in data["records"]]
        assert "Visas hidden" not in titles and data["count"] == len(titles)
        assert titles == (["Visas shown"] if type_key in ("", "projects") else [])


EXPORT_MODELS = {
    "/lessons/": "lessons.Lesson",
    "/good-practices/": "lessons.GoodPractice",
    "/projects/": "programme.Project",
    "/stakeholders/": "programme.Organisation",
    "/people/": "programme.Person",
    "/events/": "programme.Event",
    "/publications/": "programme.Publication",
}


@pytest.fixture
def linked():
    return build_linked(3)


@pytest.mark.parametrize("path", list(EXPORT_MODELS))
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(params=pairs, fmt=st.sampled_from(["csv", "json"]))
def test_any_query_gives_a_valid_export_of_public_records_only(client, linked, path, params, fmt):
    response = client.get(f"{path}export.{fmt}?{urlencode(params)}")
    assert response.status_code == 200
    data = content(response)
    if fmt == "csv":
        exported = {row["Slug"] for row in parse_csv(data)[1]}
    else:
        exported = {record["slug"] for record in parse_json(data)["records"]}
    model = apps.get_model(EXPORT_MODELS[path])
    assert exported <= set(model.objects.published().values_list("slug", flat=True))


# Plain CSV, no formulas, and its description ------------------------------------------------

FORMULAS = 'visa, =HYPERLINK("http://evil.test","x") @SUM(1)'


@pytest.mark.parametrize("path", ["/search/export.csv", "/projects/export.csv"])
def test_a_query_with_a_comma_and_formulas_gives_a_plain_csv_with_nothing_to_run(client, path):
    f.make_project(title="Visa waivers", **PUBLISHED)
    f.make_project(title='=HYPERLINK("http://evil.test","x")', summary="visa", **PUBLISHED)
    response = client.get(path, {"q": FORMULAS, "theme": "a,=1+1"})
    assert response.status_code == 200
    data = content(response)
    # Read as csv.reader and pandas read it: the first line is the header, nothing before it.
    header, rows = parse_csv(data)
    first_line = data.decode("utf-8-sig").split("\r\n", 1)[0]
    assert first_line == ",".join(header)
    assert header[0] in ("Type", "Slug")
    cells = [*header, *(cell for row in rows for cell in row.values())]
    assert not [cell for cell in cells if cell.startswith(("=", "+", "@", "\t", "\r"))]
    assert "HYPERLINK" not in data.decode().replace("'=HYPERLINK", "")


@pytest.mark.parametrize(
    ("title", "cell"),
    [
        ('=HYPERLINK("x")', '\'=HYPERLINK("x")'),
        ("@SUM(1)", "'@SUM(1)"),
        ("-3", "-3"),
        ("-3.25", "-3.25"),
        ("-3 visas", "'-3 visas"),
        ("-", "'-"),
    ],
)
def test_a_negative_number_stays_a_number_and_anything_else_is_neutralised(title, cell):
    f.make_project(title=title, **PUBLISHED)
    _header, (row,) = projects_csv()
    assert row["Title"] == cell


def test_header_cells_are_neutralised_too(monkeypatch):
    from programme.opendata.exports import Export

    monkeypatch.setattr(Export, "header", lambda export: ["=1+1", "@SUM(1)", "Title"])
    data = run_export(export_spec("projects"))
    assert data.decode("utf-8-sig").startswith("'=1+1,'@SUM(1),Title\r\n")


def link_targets(response):
    """{(rel, type): address} of the response's Link header."""
    targets = {}
    for link in response["Link"].split(", "):
        address, *params = link.split("; ")
        params = dict(param.split("=", 1) for param in params)
        key = (params["rel"].strip('"'), params.get("type", "").strip('"'))
        targets[key] = address.strip("<>")
    return targets


def test_a_csv_export_names_its_licence_source_dictionary_and_metadata_in_link_headers(client):
    f.make_project(title="Visas", **PUBLISHED)
    response = client.get("/projects/export.csv", {"q": "visas", "page": "2"})
    links = link_targets(response)
    assert links[("license", "")] == "https://creativecommons.org/licenses/by/4.0/"
    assert links[("via", "")] == "http://testserver/projects/?q=visas"
    assert links[("describedby", "text/html")] == "http://testserver/data/"
    metadata_url = links[("describedby", "application/csvm+json")]
    assert metadata_url == "http://testserver/projects/export.csv-metadata.json?q=visas"
    # CSV on the Web processors use the last "describedby" link.
    assert response["Link"].endswith('rel="describedby"; type="application/csvm+json"')
    json_links = link_targets(client.get("/projects/export.json"))
    assert ("describedby", "text/html") in json_links
    assert ("describedby", "application/csvm+json") not in json_links


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/projects/export.csv", {"q": "visas"}),
        ("/lessons/export.csv", {}),
        ("/stakeholders/export.csv", {}),
        ("/search/export.csv", {"q": "visas"}),
        ("/fr/events/export.csv", {}),
    ],
)
def test_the_csv_on_the_web_metadata_describes_the_csv_beside_it(client, path, params):
    f.make_project(title="Visas", **PUBLISHED)
    with translation.override("en"):  # switched back after a French request
        csv_response = client.get(path, params)
        metadata_url = link_targets(csv_response)[("describedby", "application/csvm+json")]
        response = client.get(metadata_url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/csvm+json"
    metadata = response.json()
    assert metadata["@context"][0] == "http://www.w3.org/ns/csvw"
    query = f"?{urlencode(params)}" if params else ""
    assert metadata["url"] == f"http://testserver{path}{query}"
    assert metadata["dc:license"] == {"@id": "https://creativecommons.org/licenses/by/4.0/"}
    assert metadata["dc:source"]["@id"].startswith("http://testserver/")
    assert datetime.fromisoformat(metadata["dc:created"]["@value"]).tzinfo is not None
    header, _rows = parse_csv(content(csv_response))
    columns = metadata["tableSchema"]["columns"]
    assert [column["titles"] for column in columns] == header
    assert all(column["name"].isidentifier() and column["dc:description"] for column in columns)
    if path.startswith("/search/"):
        return
    records = parse_json(content(client.get(path.replace(".csv", ".json"), params)))["records"]
    assert [column["name"] for column in columns] == list(records[0]) if records else True


def test_the_metadata_gives_each_column_a_datatype():
    columns = {column["name"]: column for column in csvw_metadata()["tableSchema"]["columns"]}
    assert columns["start_date"]["datatype"] == "date"
    assert columns["budget"]["datatype"] == "decimal"
    assert columns["beneficiary_count"]["datatype"] == "integer"
    assert columns["updated"]["datatype"] == "datetime"
    assert columns["url"]["datatype"] == "anyURI"
    assert columns["themes"]["separator"] == "; "
    assert "separator" not in columns["title"]


def test_the_data_page_links_the_metadata_of_every_list_export(client):
    html = client.get("/data/").content.decode()
    for path in ("/lessons/", "/projects/", "/publications/"):
        assert f'href="{path}export.csv-metadata.json"' in html
        assert client.get(f"{path}export.csv-metadata.json").status_code == 200


# Column labels and meanings come from the models -----------------------------------------


def test_columns_of_model_fields_take_label_and_meaning_from_the_field():
    for spec in registered():
        for raw, column in zip(spec.column_specs, spec.columns, strict=True):
            assert str(column.label) and str(column.description), (spec.key, raw.key)
            field = raw.model_field(spec.model)
            if field is None:
                continue
            # "Voiced by" lists the speakers of the statements, not the statements.
            if raw.key != "voiced_by":
                assert raw.label is None, (spec.key, raw.key)
                assert column.label == capfirst(field.verbose_name), (spec.key, raw.key)
            # An explicit meaning only where the field's help text does not say it.
            if raw.description:
                assert str(raw.description) != str(field.help_text), (spec.key, raw.key)
            else:
                assert str(field.help_text).startswith(str(column.description)), raw.key
    labels = [str(column.label) for column in export_spec("projects").columns]
    assert "IATI activity identifier" in labels  # the model's verbose_name
    with translation.override("fr"):
        takeaway = next(c for c in export_spec("lessons").columns if c.key == "takeaway")
        assert (str(takeaway.label), str(takeaway.description)) == (
            "Enseignement clé",
            "L'enseignement en une phrase.",
        )


# Uploaded files ------------------------------------------------------------------------------


def test_the_file_column_gives_the_download_address_never_the_stored_name():
    publication = f.make_publication(
        slug="annual-report", file="publications/Secret draft of J. Smith.pdf", **PUBLISHED
    )
    f.make_publication(slug="no-file", **PUBLISHED)
    f.make_organisation(logo="organisations/uploader-original-name.png", **PUBLISHED)
    _header, rows = parse_csv(run_export(export_spec("publications")))
    files = {row["Slug"]: row["File"] for row in rows}
    assert files == {
        "annual-report": f"{BASE_URL}/publications/annual-report/file/",
        "no-file": "",
    }
    assert files["annual-report"].endswith(
        reverse("programme:publication_file", args=[publication.slug])
    )
    for key in ("publications", "stakeholders"):
        for fmt in ("csv", "json"):
            data = run_export(export_spec(key), fmt=fmt).decode()
            assert "/media/" not in data and "Secret" not in data
            assert "uploader-original-name" not in data


def test_the_file_address_is_a_download_that_works(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    publication = f.make_publication(slug="report", **PUBLISHED)
    publication.file.save("Private name.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"))
    (record,) = parse_json(content(client.get("/publications/export.json")))["records"]
    assert record["file"] == "http://testserver/publications/report/file/"
    assert client.get(record["file"]).status_code == 200
