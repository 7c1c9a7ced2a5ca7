"""Generated query strings against every public URL: never a server error, never reflected raw.

Each generated value carries markup characters (< > " ') behind a marker, so that if a page
(HTML, or an XML feed or sitemap) ever printed it unescaped, the raw value would be found in
the body. Data formats (CSV, JSON, plain text) must never be served as something a browser
would render. Values are also drawn from the edge values of tests/edge_values.py (zero,
negative, huge and malformed numbers and dates). The list pages have their own, longer run of
bad input in tests/programme/test_public_bad_input.py, and test_edge_values tries every edge
value in every parameter of every list, export, feed and search.
"""

from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.edge_values import EDGE_VALUES
from tests.linked import PAGES, build_linked

pytestmark = pytest.mark.django_db

URLS = {
    **PAGES,
    "search": lambda r: "/search/",
    "search_one_type": lambda r: "/search/?type=lessons&q=lesson",
    "healthz": lambda r: "/healthz",
    # Open data: exports, feeds, the data dictionary, sitemap and robots.txt.
    "lesson_export_csv": lambda r: "/lessons/export.csv",
    "project_export_json": lambda r: "/projects/export.json",
    "search_export": lambda r: "/search/export.csv?q=lesson",
    "feed": lambda r: "/feeds/",
    "theme_feed": lambda r: f"/themes/{r['theme'].slug}/feed/",
    "data_dictionary": lambda r: "/data/",
    "sitemap": lambda r: "/sitemap.xml",
    "robots": lambda r: "/robots.txt",
}
MARKUP = {"text/html", "application/atom+xml", "application/xml"}
DATA = {"application/json", "text/csv", "text/plain"}
# Parameter names the pages read, and any name at all.
NAMES = [
    "q",
    "type",
    "page",
    "theme",
    "region",
    "country",
    "kind",
    "year",
    "sort",
    "organisation",
    "next",
    "lang",
    "available",
]
# Text a browser can send: any character except lone surrogates.
any_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30)
# A value that must never appear as it is in a page: markup behind a marker.
hostile = st.builds(
    lambda before, after, closing: f"zq{before}<{after}{closing}",
    any_text,
    any_text,
    st.sampled_from(['">', "'>", "/>", ">\"'", '"><img src=x onerror=alert(1)>', "</script>"]),
)
params = st.lists(
    st.tuples(st.sampled_from(NAMES) | any_text, hostile | any_text | st.sampled_from(EDGE_VALUES)),
    min_size=1,
    max_size=5,
)


@pytest.fixture
def records():
    return build_linked(3)


@pytest.mark.parametrize("name", sorted(URLS))
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(query=params)
def test_generated_queries_never_fail_or_reflect_markup(client, records, name, query):
    url = URLS[name](records)
    separator = "&" if "?" in url else "?"
    response = client.get(f"{url}{separator}{urlencode(query)}")
    assert response.status_code < 500
    if response.status_code == 404:
        # Only a page that does not exist is "not found".
        assert any(key == "page" for key, _value in query)
    else:
        assert response.status_code == 200
    body = response.getvalue().decode()
    content_type = response["Content-Type"].split(";")[0]
    if content_type in MARKUP:
        for _key, value in query:
            if value.startswith("zq") and "<" in value:
                assert value not in body
    else:
        # Data may carry what was typed (a JSON export's title names the search words); the
        # browser is told never to read it as a page.
        assert content_type in DATA
        assert response["X-Content-Type-Options"] == "nosniff"
