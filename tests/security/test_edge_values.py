"""Edge values in every parameter of every list, export, feed and search: never a server error.

Zero, negative, huge and malformed numbers and dates, digits of other scripts, NUL bytes and
very long values, one parameter at a time, against every address the URLconf gives (see
tests/edge_values.py). A value that is not understood is ignored; only a page that does not
exist is a 404.
"""

import pytest
from django.test import Client

from tests.edge_values import EDGE_VALUES, addresses_with_parameters
from tests.linked import build_linked

pytestmark = pytest.mark.django_db


@pytest.fixture
def addresses():
    return addresses_with_parameters(build_linked(2))


def test_every_list_export_feed_and_search_is_covered(addresses):
    paths = {path for path, _parameters in addresses}
    for expected in [
        "/lessons/",
        "/good-practices/",
        "/projects/",
        "/stakeholders/",
        "/people/",
        "/events/",
        "/publications/",
        "/lessons/export.csv",
        "/publications/export.json",
        "/feeds/",
        "/feeds/lessons/",
        "/search/",
        "/search/export.csv",
    ]:
        assert expected in paths
    assert any(path.startswith("/themes/") and path.endswith("/feed/") for path in paths)
    parameters = dict(addresses)
    assert {"year", "theme", "country", "sort", "page"} <= set(parameters["/projects/"])
    assert "year" in parameters["/feeds/"]


def test_edge_values_never_cause_a_server_error(addresses):
    client = Client(raise_request_exception=False)
    failures = []
    for path, parameters in addresses:
        for name in parameters:
            for value in EDGE_VALUES:
                response = client.get(path, {name: value})
                expected = {200, 404} if name == "page" else {200}
                if response.status_code not in expected:
                    failures.append((path, name, value[:20], response.status_code))
    assert not failures
