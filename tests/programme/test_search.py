"""Site-wide search (/search/): what it finds, what it hides, how it ranks and marks matches,
what it does with bad input, and that it costs the same number of queries for 3 or 30 hits.

Runs on SQLite (the fallback) and on PostgreSQL (full-text search); the EXPLAIN test is
PostgreSQL's alone.
"""

import itertools
import re
from datetime import timedelta

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lessons.models import GoodPractice, Lesson
from programme.models import (
    Event,
    Organisation,
    Person,
    Programme,
    Project,
    Publication,
    Region,
    Statement,
    Status,
    Theme,
)
from programme.public.highlight import marked_html
from programme.public.search import (
    MAX_QUERY_LENGTH,
    PER_PAGE,
    PER_TYPE,
    clean_query,
    fallback_terms,
    fold,
    search_queryset,
    search_types,
)

pytestmark = pytest.mark.django_db

PUBLISHABLE_KEYS = [t.key for t in search_types() if t.key not in ("themes", "regions")]

# Small local factories ---------------------------------------------------------------------

_numbers = itertools.count(1)


def _slug(prefix):
    return f"{prefix}-{next(_numbers)}"


def _workflow(status, published_at):
    return {"status": status, "published_at": published_at}


def make_programme():
    # Published: a project is public only with its programme.
    return Programme.objects.create(
        slug=_slug("programme"),
        name="ACP-EU Migration Action",
        summary="Summary.",
        **_workflow(Status.PUBLISHED, None),
    )


def make_person(name, body="", status=Status.PUBLISHED, published_at=None):
    return Person.objects.create(
        slug=_slug("person"), name=name, role=body, **_workflow(status, published_at)
    )


def make(key, title, body="", status=Status.PUBLISHED, published_at=None):
    """One record of a searchable type, with `title` where that type keeps its title and
    `body` in a field of its body (statements have no title: both go in the words)."""
    workflow = _workflow(status, published_at)
    if key == "lessons":
        return Lesson.objects.create(slug=_slug(key), title=title, takeaway=body, **workflow)
    if key == "good-practices":
        return GoodPractice.objects.create(slug=_slug(key), title=title, summary=body, **workflow)
    if key == "projects":
        return Project.objects.create(
            slug=_slug(key),
            title=title,
            summary=body,
            kind=Project.Kind.TECHNICAL_ASSISTANCE,
            programme=make_programme(),
            **workflow,
        )
    if key == "statements":
        return Statement.objects.create(
            slug=_slug(key), text=f"{title} {body}", speaker=make_person("A speaker"), **workflow
        )
    if key == "people":
        return make_person(title, body, status, published_at)
    if key == "stakeholders":
        return Organisation.objects.create(
            slug=_slug(key),
            name=title,
            description=body,
            kind=Organisation.Kind.UN_AGENCY,
            **workflow,
        )
    if key == "events":
        return Event.objects.create(
            slug=_slug(key), title=title, description=body, kind=Event.Kind.CLOSING, **workflow
        )
    if key == "publications":
        return Publication.objects.create(
            slug=_slug(key),
            title=title,
            summary=body,
            kind=Publication.Kind.THEMATIC,
            **workflow,
        )
    # Themes and regions are reference data: always public, no workflow.
    model = Theme if key == "themes" else Region
    return model.objects.create(slug=_slug(key), name=f"{title} {next(_numbers)}", description=body)


def search(client, **params):
    response = client.get("/search/", params)
    assert response.status_code == 200
    return response


def found(response, key=None):
    """The records listed, in order: all of them, or those of one content type."""
    return [
        result
        for group in response.context["groups"]
        if key is None or group.type.key == key
        for result in group.results
    ]


# Finding -----------------------------------------------------------------------------------


@pytest.mark.parametrize("key", [t.key for t in search_types()])
def test_finds_each_content_type_by_its_body_and_links_to_it(client, key):
    record = make(key, "Programme closing", "Lowering the cost of remittances")
    make(key, "Visas", "Cooperation on mobility")
    response = search(client, q="remittances")
    assert found(response) == [record]
    group = response.context["groups"][0]
    assert group.type.key == key
    html = response.content.decode()
    assert f'href="{record.get_absolute_url()}"' in html
    assert f">{group.type.label_singular}</p>" in html


@pytest.mark.parametrize("key", [t.key for t in search_types() if t.key != "statements"])
def test_finds_each_content_type_by_its_title(client, key):
    record = make(key, "Trafficking in human beings", "")
    assert found(search(client, q="trafficking")) == [record]


SEARCHED_FIELDS = [
    (search_type, field)
    for search_type in search_types()
    for field in search_type.searched_title_fields + search_type.searched_body_fields
]


@pytest.mark.parametrize(
    ("search_type", "field"), SEARCHED_FIELDS, ids=[f"{t.key}.{f}" for t, f in SEARCHED_FIELDS]
)
def test_every_searched_field_is_searched(client, search_type, field):
    # On PostgreSQL the document is a column the database computes (migration 0008): a field
    # listed in search_types() but missing from that column would never be found.
    record = make(search_type.key, "Peer-to-peer meeting", "Cooperation on mobility")
    type(record).objects.filter(pk=record.pk).update(**{field: "Quokka"})
    assert found(search(client, q="quokka")) == [record]


@pytest.mark.parametrize("key", PUBLISHABLE_KEYS)
def test_drafts_and_scheduled_records_never_appear(client, key):
    public = make(key, "Remittances", "public")
    make(key, "Remittances", "draft", status=Status.DRAFT)
    make(key, "Remittances", "in review", status=Status.REVIEW)
    tomorrow = timezone.now() + timedelta(days=1)
    make(key, "Remittances", "scheduled", published_at=tomorrow)
    for params in ({"q": "remittances"}, {"q": "remittances", "type": key}):
        response = search(client, **params)
        assert found(response) == [public]
        assert response.context["total"] == 1
        assert "scheduled" not in response.content.decode()


def test_every_word_must_match(client):
    caribbean = make("good-practices", "Remittances in the Caribbean", "Lower fees.")
    make("good-practices", "Remittances in the Pacific", "Lower fees.")
    make("good-practices", "Diaspora engagement in the Caribbean", "")
    assert len(found(search(client, q="remittances"))) == 2
    assert found(search(client, q="remittances caribbean")) == [caribbean]
    assert found(search(client, q="Caribbean REMITTANCES")) == [caribbean]


@pytest.mark.parametrize(
    ("stored", "typed", "marked"),
    [
        ("Camilla Hagström", "Hagstrom", "Hagström"),
        ("Camilla Hagström", "hagström", "Hagström"),
        ("Camilla Hagstrom", "Hagström", "Hagstrom"),
        ("Léonard-Emile Ognimba", "leonard", "Léonard"),
        ("Léonard-Emile Ognimba", "LÉONARD", "Léonard"),
        ("Leonard Ognimba", "Léonard", "Leonard"),
    ],
)
def test_accents_and_case_do_not_matter_either_way(client, stored, typed, marked):
    person = make_person(stored, "Speaker at the closing event")
    make_person("Jill Helke", "Director of International Partnerships and Cooperation")
    response = search(client, q=typed)
    assert found(response) == [person]
    assert f"<mark>{marked}</mark>" in response.content.decode()


def test_a_title_match_ranks_above_a_body_match(client):
    # Created first, so that an order by id alone would list the body match first.
    in_body = make("lessons", "Diaspora engagement", "Remittances follow remittances.")
    in_title = make("lessons", "Remittances", "Lowering costs.")
    assert found(search(client, q="remittances")) == [in_title, in_body]


def test_more_matches_in_the_body_rank_higher(client):
    once = make("lessons", "Peer-to-peer meetings", "Visas were discussed.")
    often = make("lessons", "Regional cooperation", "Visas, visas and visas again.")
    assert found(search(client, q="visas")) == [often, once]


# Highlighting ------------------------------------------------------------------------------


def test_matching_words_are_marked_and_the_text_around_them_escaped(client):
    make(
        "lessons",
        'Remittances & "fees" <script>alert(1)</script>',
        "Costs <img src=x onerror=alert(2)> of remittances went down.",
    )
    html = search(client, q="remittances").content.decode()
    assert "<mark>Remittances</mark> &amp; &quot;fees&quot; &lt;script&gt;" in html
    assert "<mark>remittances</mark> went down" in html
    assert "<script>alert(1)" not in html
    assert "<img src=x" not in html
    # Whole words are marked, even when only part of one was typed.
    html = search(client, q="remittance").content.decode()
    assert "<mark>remittances</mark> went down" in html


def test_the_excerpt_is_readable_text_not_markdown(client):
    make("lessons", "Diaspora", "Read **the report** on [remittances](https://example.org/r).")
    html = search(client, q="remittances").content.decode()
    assert "the report" in html
    assert "<mark>remittances</mark>" in html
    assert "**" not in html
    assert "example.org" not in html


def test_marked_html_escapes_everything_and_balances_marks():
    assert str(marked_html("a < b \ue000c&d\ue001 \ue001 \ue000<e>")) == (
        "a &lt; b <mark>c&amp;d</mark>  <mark>&lt;e&gt;</mark>"
    )


def test_fold_and_fallback_terms():
    assert fold("Léonard-Émile HAGSTRÖM Straße") == "leonard-emile hagstrom strasse"
    assert fallback_terms('"Trafficking in  human beings" Léonard, visas! & | leonard') == [
        "trafficking in human beings",
        "leonard",
        "visas",
    ]


# Nothing found, nothing asked --------------------------------------------------------------


def test_nothing_found_says_so_and_suggests_the_themes(client):
    themes = [make("themes", "Remittances"), make("themes", "Visas")]
    make("lessons", "Remittances", "")
    response = search(client, q="xylophone")
    html = response.content.decode()
    assert found(response) == []
    assert "Nothing matches “xylophone”." in html
    for theme in themes:
        url = reverse("programme:theme_detail", args=[theme.slug])
        assert f'<a href="{url}">{theme.name}</a>' in html


def test_no_query_shows_the_form_and_the_themes(client):
    theme = make("themes", "Readmission")
    make("lessons", "Readmission", "")
    response = search(client)
    html = response.content.decode()
    assert found(response) == []
    assert '<input type="search" id="search-q" name="q" value=""' in html
    assert '<label for="search-q">' in html
    assert reverse("programme:theme_detail", args=[theme.slug]) in html
    assert "Nothing matches" not in html


def test_themes_are_not_suggested_when_something_is_found(client):
    make("themes", "Visas")
    response = search(client, q="visas")
    assert len(found(response)) == 1
    assert "Browse by theme" not in response.content.decode()


# One content type, pages -------------------------------------------------------------------


def test_a_type_restricts_the_search_and_pages_through_it(client):
    lessons = [make("lessons", f"Visas {n:02}", "") for n in range(PER_PAGE + 5)]
    make("good-practices", "Visas", "")
    everything = search(client, q="visas")
    assert len(found(everything, "lessons")) == PER_TYPE
    assert len(found(everything, "good-practices")) == 1
    assert 'href="?q=visas&amp;type=lessons"' in everything.content.decode()

    first = search(client, q="visas", type="lessons")
    assert [g.type.key for g in first.context["groups"]] == ["lessons"]
    assert found(first) == lessons[:PER_PAGE]
    assert 'href="?q=visas&amp;type=lessons&amp;page=2"' in first.content.decode()
    second = search(client, q="visas", type="lessons", page="2")
    assert found(second) == lessons[PER_PAGE:]
    assert 'href="?q=visas&amp;type=lessons"' in second.content.decode()  # previous page
    assert client.get("/search/", {"q": "visas", "type": "lessons", "page": "3"}).status_code == 404


# Bad input ---------------------------------------------------------------------------------

ODD_QUERIES = [
    '"',
    "'",
    "&",
    "|",
    "!",
    ":",
    "*",
    "(",
    ")",
    "\\",
    "%",
    "_",
    "remittances:*",
    "!!(remittances",
    "remittances & | ! visas",
    '"unclosed phrase',
    "-remittances",
    "or",
    "%_\\%",
    "😀 ∑ 中文",
]


@pytest.mark.parametrize("query", ODD_QUERIES)
def test_odd_characters_never_fail(client, query):
    make("lessons", "Remittances", "Visas and 100% of the fees")
    response = search(client, q=query)
    assert f'value="{escape(query)}"' in response.content.decode()


def test_a_long_query_is_cut_to_the_limit_and_the_page_says_so(client):
    make("lessons", "Remittances", "")
    response = search(client, q="remittances " + "x" * 5000)
    html = response.content.decode()
    assert f"longer than {MAX_QUERY_LENGTH} characters" in html
    query = response.context["query"]
    assert len(query) == MAX_QUERY_LENGTH
    assert f'value="{query}" maxlength="{MAX_QUERY_LENGTH}"' in html


def test_nul_bytes_are_dropped(client):
    lesson = make("lessons", "Remittances", "")
    assert found(search(client, q="remit\x00tances")) == [lesson]
    assert client.get("/search/?q=%00").status_code == 200


def test_a_visitors_markup_is_never_reflected(client):
    html = search(client, q='<script>alert("x")</script>', type='"><b id=typed>').content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "<b id=typed>" not in html


@pytest.mark.parametrize(
    ("query_string", "expected"),
    [
        ("q=visas&q=remittances", 1),  # repeated: the last one counts
        ("q=remittances&q=visas", 0),
        ("q=%ff%fe%fd", 0),  # not UTF-8
        ("q=remittances&type=nonsense", 1),  # an unknown type is ignored
        ("q=remittances&type=lessons&page=abc", 1),
        ("q=remittances&type=lessons&page=-3", 1),
        ("q=remittances&type=events&type=lessons", 1),
        ("q=remittances&type=lessons&type=events", 0),
        ("q=%20%20%20", 0),
        ("type=lessons", 0),
    ],
)
def test_malformed_parameters_answer_200(client, query_string, expected):
    make("lessons", "Remittances", "")
    response = client.get(f"/search/?{query_string}")
    assert response.status_code == 200
    assert len(found(response)) == expected


@pytest.mark.parametrize("page", ["2", "99999999999999999999999"])
def test_a_page_past_the_end_is_not_found(client, page):
    make("lessons", "Remittances", "")
    response = client.get("/search/", {"q": "remittances", "type": "lessons", "page": page})
    assert response.status_code == 404


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(st.characters(exclude_categories=("Cs",)), max_size=300))
def test_any_text_answers_200_and_is_echoed_escaped(client, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    cleaned, _ = clean_query(query)
    assert f'value="{escape(cleaned)}"' in response.content.decode()


# Queries -----------------------------------------------------------------------------------

# One query per content type, one for the programme the footer names, and the best bets
# (themes, regions, organisations named exactly).
SEARCH_QUERIES = len(search_types()) + 1 + 3


@pytest.mark.parametrize("count", [3, 30])
def test_the_number_of_queries_does_not_grow_with_the_results(
    client, django_assert_num_queries, count
):
    for key in (t.key for t in search_types()):
        for _ in range(count):
            make(key, "Remittances", "Lowering the cost of remittances")
    with django_assert_num_queries(SEARCH_QUERIES):
        response = search(client, q="remittances")
    assert response.context["total"] == count * len(search_types())
    assert len(found(response)) == min(count, PER_TYPE) * len(search_types())
    with django_assert_num_queries(2):  # one type (no best bets), and the footer
        response = search(client, q="remittances", type="statements")
    assert len(found(response)) == min(count, PER_PAGE)
    with django_assert_num_queries(SEARCH_QUERIES + 1):  # and the themes to suggest
        search(client, q="xylophone")
    with django_assert_num_queries(2):  # the themes, and the footer
        search(client)


# PostgreSQL --------------------------------------------------------------------------------


@pytest.mark.postgres
@pytest.mark.parametrize("search_type", search_types(), ids=lambda t: t.key)
def test_postgresql_searches_through_the_gin_index(search_type):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only: full-text search indexes; this run uses " + connection.vendor)
    # As on the real site, most records are published, so the publication index narrows
    # nothing and the planner, once it has statistics, has only the text index to turn to.
    for number in range(60):
        make(search_type.key, f"Peer-to-peer meeting {number}", "Cooperation on mobility")
    make(search_type.key, "Remittances in the Caribbean", "")
    table = search_type.model._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {table}")
        cursor.execute("SET LOCAL enable_seqscan = off")
        # Nor may a plain index scan (on a foreign key, say) stand in for reading the table:
        # what is left is a bitmap scan, which needs an index on the searched text.
        cursor.execute("SET LOCAL enable_indexscan = off")
        # published() joins the parents a record depends on (a project's programme, a
        # quote's speaker): nor may a loop over the few parents, probing the foreign key's
        # index, stand in for finding the rows by their text.
        cursor.execute("SET LOCAL enable_nestloop = off")
        # The status/date index would otherwise compete, by whim of the statistics; dropped
        # inside the test's transaction, so the rollback brings it back.
        cursor.execute(f"DROP INDEX IF EXISTS {table}_pub")
    queryset = search_queryset(search_type, "remittances caribbean")
    assert queryset.count() == 1
    plan = queryset.explain()
    assert re.search(rf"Bitmap Index Scan on {table}_search\b", plan), plan


# URLs --------------------------------------------------------------------------------------


@pytest.mark.urls("programme.urls")
def test_the_search_page_has_one_address_per_language(client):
    assert reverse("programme:search") == "/search/"
    with translation.override("fr"):
        assert reverse("programme:search") == "/fr/search/"
    response = client.get("/fr/search/", {"q": "migration"})
    assert response.status_code == 200
    assert response.context["query"] == "migration"
