"""Whatever a visitor puts in the address of a list, the page answers 200 or 404, never 500.

Values that are not understood are ignored (and named on the page); a page number that is
not a number is ignored; a page that does not exist is a 404. Nothing typed is reflected
unescaped.
"""

from urllib.parse import urlencode

import pytest
from django.urls import resolve
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.edge_values import EDGE_VALUES
from tests.linked import build_linked

pytestmark = pytest.mark.django_db

LISTS = [
    "/lessons/",
    "/good-practices/",
    "/projects/",
    "/stakeholders/",
    "/people/",
    "/events/",
    "/publications/",
]
PARAMS = [
    "theme",
    "region",
    "country",
    "kind",
    "year",
    "available",
    "q",
    "sort",
    "page",
    "organisation",
]
ATTACKS = ['"><img src=x onerror=alert(1)>', "<script>alert(1)</script>"]
NASTY = [
    "",
    "\x00",
    "a\x00b",
    "x" * 5000,
    "-1",
    "0",
    "1.5",
    "99999999999999999999",
    "last",
    "2019",
    "１９",
    "JM",
    "-added",
    "nope",
    "%",
    *EDGE_VALUES,
    *ATTACKS,
]
# Text a browser can send: any character but lone surrogates.
text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40)
pairs = st.lists(
    st.tuples(st.sampled_from(PARAMS) | text, st.sampled_from(NASTY) | text), max_size=6
)


@pytest.fixture
def records():
    return build_linked(3)


@pytest.mark.parametrize("url", LISTS)
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(params=pairs)
def test_any_query_is_answered_without_error(client, records, url, params):
    response = client.get(f"{url}?{urlencode(params)}")
    keys = {key for key, _value in params}
    assert response.status_code in {200, 404}
    if response.status_code == 404:
        assert "page" in keys  # only a page that does not exist is "not found"
    body = response.content.decode()
    for attack in ATTACKS:
        assert attack not in body


@pytest.mark.parametrize("url", LISTS)
def test_each_kind_of_bad_input(client, records, url):
    def get(query):
        return client.get(f"{url}?{query}")

    unknown = get("theme=no-such-theme&region=nowhere&kind=nothing&year=1&sort=sideways")
    assert unknown.status_code == 200
    assert len(unknown.context["object_list"]) == len(get("").context["object_list"])
    body = unknown.content.decode()
    assert "were not understood and have been ignored" in body
    assert "no-such-theme" not in body.split("</form>")[1]

    # Year 0 has no first day: a year lookup on a date could not even be written.
    has_year = "year" in resolve(url).func.view_class.filterset_class.base_filters
    for year in ["0000", "-1", "99999999999999999999", "٢٠١٩", "1e5"] if has_year else []:
        edge = get(urlencode({"year": year}))
        assert edge.status_code == 200
        assert len(edge.context["object_list"]) == len(get("").context["object_list"])
        assert "were not understood and have been ignored" in edge.content.decode()

    long_query = get(urlencode({"q": "x" * 5000}))
    assert long_query.status_code == 200
    assert "Search" in long_query.content.decode().split("have been ignored:")[1][:100]

    assert get("q=%00").status_code == 200
    assert get("theme=%00&country=J%00M").status_code == 200
    assert get("page=abc").status_code == 200
    assert get("page=abc").context["page_obj"].number == 1
    assert get("page=2").status_code == 404
    assert get("page=-1").status_code == 404
    assert get("page=99999999999999999999").status_code == 404
    repeated = get("q=a&q=b&sort=title&sort=-title&page=1&page=1")
    assert repeated.status_code == 200

    escaped = get(urlencode({"q": "<b>bold</b>"}))
    assert "<b>bold</b>" not in escaped.content.decode()
    assert "&lt;b&gt;bold&lt;/b&gt;" in escaped.content.decode()
