"""Every public page costs a fixed number of queries and stays small, whatever its rows."""

import re

import pytest

from tests.conftest import rolled_back_after
from tests.linked import PAGES, build_linked

pytestmark = pytest.mark.django_db

# Queries per page. Each count includes the footer's programme (one query per page).
# Lists: count, rows, prefetches of what the cards show, one aggregate query per facet (two
# for a facet of related records: the counts, then the records), and one query per active
# filter on related records (to check its values). A record reached through a foreign key
# that may not be public (a person's organisation, a publication's publisher, a lesson's
# event) is loaded by a published() prefetch, one query for all the rows, so that the page
# never names it unless it is public: quotes (their speakers' organisations) and such
# detail pages cost one query more than a join would.
# Every detail page (and About) shows its sources: one prefetch, and one query for the
# versions of the facts its sources disagree on. The country index and a country's page take
# one query per content type with countries (8), and the footer's. A region facet counts
# each region's records, then each outer region's (its own and its sub-regions', each record
# once): one query more than the other facets of related records.
QUERIES = {
    # The key figures and their sources (two queries) replace the counts of each type's
    # published records and the sum of the projects' beneficiaries (six).
    # + the map: the countries public records name, one query per content type with
    # countries (8); + the timeline's milestones.
    "home": 21,
    "about": 11,  # + the milestones and their sources
    "project_list": 14,
    "organisation_list": 6,
    "person_list": 8,  # + the country facet
    "event_list": 13,
    "publication_list": 13,  # + the country facet
    "theme_list": 2,
    "region_list": 2,
    # One query per content type in the matrix (its records' themes and regions, counted
    # per cell, row and column in Python), the themes, the regions and the footer's.
    "matrix": 6,
    "country_list": 9,
    "country_detail": 9,
    "project_detail": 13,
    "organisation_detail": 15,
    "person_detail": 10,
    "event_detail": 13,  # + its hosts and its speakers
    "statement_detail": 10,
    "publication_detail": 11,  # + its authors
    "theme_detail": 11,
    # + the regions inside it; + the countries in it that public records name (one query
    # per content type with countries, as on the country index: 8).
    "region_detail": 20,
}

LISTS = ["home", "project_list", "organisation_list", "person_list", "event_list"]
LISTS += ["publication_list", "lesson_list", "goodpractice_list"]


@pytest.fixture(scope="module")
def linked(request, django_db_setup, django_db_blocker):
    """build_linked(n) once for the module's tests of that size (they only read)."""
    with rolled_back_after(django_db_blocker):
        yield build_linked(request.param)


@pytest.mark.parametrize("linked", [3, 30], indirect=True, ids=["3 rows", "30 rows"])
@pytest.mark.parametrize("page", QUERIES)
def test_query_count_does_not_grow_with_rows(client, django_assert_num_queries, page, linked):
    with django_assert_num_queries(QUERIES[page]):
        response = client.get(PAGES[page](linked))
    assert response.status_code == 200


@pytest.mark.parametrize("linked", [30], indirect=True, ids=["30 rows"])
def test_every_page_is_small_and_has_no_inline_script_or_style(client, linked):
    records = linked
    for name, url in PAGES.items():
        body = client.get(url(records)).content.decode()
        if name in LISTS:
            assert len(body.encode()) < 50_000, name
        # A Content-Security-Policy will forbid inline code: only JSON-LD data is inline.
        assert not re.search(r"\sstyle=", body), name
        assert not re.search(r"\son[a-z]+=", body), name
        for script in re.findall(r"<script[^>]*>", body):
            assert "src=" in script or 'type="application/ld+json"' in script, (name, script)
        assert "<title>" in body and '<meta name="description" content="' in body, name
        assert '<meta property="og:title"' in body, name
        if name.endswith("_detail"):
            assert 'type="application/ld+json"' in body, name
            # Only citable records offer a citation (programme/public/citations.py).
            citable = name in ("statement_detail", "publication_detail", "lesson_detail")
            citable = citable or name == "goodpractice_detail"
            assert ("Cite this" in body) is citable, name
            assert ('name="citation_title"' in body) is citable, name


@pytest.mark.parametrize("linked", [3], indirect=True, ids=["3 rows"])
def test_headings_are_in_order_on_every_page(client, linked):
    records = linked
    for name, url in PAGES.items():
        body = client.get(url(records)).content.decode()
        levels = [int(level) for level in re.findall(r"<h([1-6])[\s>]", body)]
        assert levels[0] == 1 and levels.count(1) == 1, name
        for before, after in zip(levels, levels[1:], strict=False):
            assert after <= before + 1, (name, levels)
