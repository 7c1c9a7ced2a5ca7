"""/robots.txt and /sitemap.xml: on the host the request came to, outside the language
prefixes, listing only public pages."""

import pytest

pytestmark = pytest.mark.django_db

HOST = "knowledge.acp-eu-migration.test"


@pytest.fixture
def on_host(settings):
    settings.ALLOWED_HOSTS = [HOST]
    return {"HTTP_HOST": HOST, "secure": True}


def test_robots_names_the_sitemap_on_the_requested_host_and_keeps_out_admin_and_exports(
    client, on_host, settings
):
    settings.ADMIN_URL = "staff-desk/"
    response = client.get("/robots.txt", **on_host)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    assert "Disallow: /staff-desk/" in lines
    assert "Disallow: /*/export." in lines
    assert f"Sitemap: https://{HOST}/sitemap.xml" in lines
    assert "example.com" not in response.content.decode()


@pytest.mark.parametrize("path", ["/fr/robots.txt", "/fr/sitemap.xml"])
def test_robots_and_sitemap_live_outside_the_language_prefix(client, path):
    assert client.get(path).status_code == 404
