"""The data dictionary (/data/) documents every column of every export and the licence."""

import re

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from programme.opendata.exports import registered
from programme.opendata.views import SEARCH_SPEC

pytestmark = pytest.mark.django_db


def table_rows(html, key):
    """[(label, json key)] of the table of one export, in the page's order."""
    section = html.split(f'<section id="{key}"', 1)[1].split("</section>", 1)[0]
    return re.findall(r'<th scope="row">(.*?)</th>\s*<td><code>(.*?)</code>', section)


def test_the_data_dictionary_documents_every_column_of_every_export(client):
    response = client.get(reverse("programme:data_dictionary"))
    assert response.status_code == 200
    html = response.content.decode()
    for spec in [*registered(), SEARCH_SPEC]:
        assert table_rows(html, spec.key) == [
            (escape(str(column.label)), column.key) for column in spec.columns
        ], spec.key
        for column in spec.columns:
            assert escape(str(column.description)) in html


def test_the_data_dictionary_names_the_licence_and_the_rights_of_speakers_and_publisher(
    client, settings
):
    settings.CONTENT_LICENCE = {
        "name": "CC BY 4.0",
        "url": "https://creativecommons.org/licenses/by/4.0/",
    }
    html = client.get("/data/").content.decode()
    assert (
        '<a href="https://creativecommons.org/licenses/by/4.0/" rel="license">CC BY 4.0</a>' in html
    )
    assert "remain the words of their speakers" in html
    assert "© its publisher, ACP Press" in html
    # A CSV file starts with its header; what it is, is in its metadata and Link header.
    assert "starts with <code>#</code>" not in html and "skiprows" not in html
    assert "The first line is the header" in html and "CSV on the Web" in html


def test_the_data_dictionary_is_in_french_under_fr(client):
    # The request switches the thread to French: override() switches it back afterwards.
    with translation.override("fr"):
        url = reverse("programme:data_dictionary")
        response = client.get(url)
    assert url == "/fr/data/"
    assert response.status_code == 200
    assert response.content.decode().startswith('<!doctype html>\n<html lang="fr">')


def test_the_data_dictionary_links_every_list_export_and_the_feeds(client):
    html = client.get("/data/").content.decode()
    for path in ("/lessons/", "/good-practices/", "/projects/", "/stakeholders/", "/people/"):
        for fmt in ("csv", "json"):
            assert f'href="{path}export.{fmt}"' in html
            assert client.get(f"{path}export.{fmt}").status_code == 200
    for feed in ("/feeds/lessons/", "/feeds/good-practices/"):
        assert f'href="{feed}"' in html


@pytest.mark.parametrize("path", ["/", "/lessons/", "/search/", "/fr/"])
def test_every_page_links_the_open_data_page_in_its_footer(client, path):
    with translation.override("en"):  # switched back after a French request
        html = client.get(path).content.decode()
    footer = html.split('<footer class="site-footer">', 1)[1]
    expected = "/fr/data/" if path.startswith("/fr/") else "/data/"
    assert f'<a href="{expected}">' in footer
