"""/robots.txt and /sitemap.xml: on the host the request came to, outside the language
prefixes, listing only public pages."""

import xml.etree.ElementTree as ET
from datetime import datetime, timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from lessons.models import GoodPractice, Lesson
from programme.models import (
    Event,
    Organisation,
    Person,
    Project,
    Publication,
    Region,
    Statement,
    Status,
    Theme,
)
from tests import factories as f

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


SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NOT_PUBLIC = {
    "draft": {"status": Status.DRAFT},
    "review": {"status": Status.REVIEW},
    "scheduled": {"status": Status.PUBLISHED, "published_at": timezone.now() + timedelta(days=3)},
}
MAKERS = {
    "lessons": f.make_lesson,
    "good-practices": f.make_good_practice,
    "projects": f.make_project,
    "stakeholders": f.make_organisation,
    "people": f.make_person,
    "events": f.make_event,
    "statements": f.make_statement,
    "publications": f.make_publication,
}


def read_sitemap(client, on_host):
    response = client.get("/sitemap.xml", **on_host)
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314 - the site's own response
    return {
        url.find(f"{SITEMAP}loc").text: getattr(url.find(f"{SITEMAP}lastmod"), "text", None)
        for url in root.iter(f"{SITEMAP}url")
    }


@pytest.fixture
def content():
    call_command("load_content", verbosity=0)
    for state, fields in NOT_PUBLIC.items():
        for key, make in MAKERS.items():
            make(slug=f"hidden-{key}-{state}", **fields)
    # Public, but a quote is public only with its speaker.
    f.make_statement(slug="quote-of-a-hidden-speaker", speaker=f.make_person(status="draft"))


def public_paths():
    """Every page the public may see, by the models' published() rules."""
    paths = [
        reverse(name)
        for name in (
            "programme:home",
            "programme:about",
            "lessons:lesson_list",
            "lessons:goodpractice_list",
            "programme:project_list",
            "programme:organisation_list",
            "programme:person_list",
            "programme:event_list",
            "programme:publication_list",
            "programme:theme_list",
            "programme:region_list",
            "programme:country_list",
            "programme:matrix",
            "programme:data_dictionary",
        )
    ]
    for model in (Lesson, GoodPractice, Project, Organisation, Person, Event, Publication):
        paths += [record.get_absolute_url() for record in model.objects.published()]
    statements = Statement.objects.published().filter(speaker__in=Person.objects.published())
    paths += [statement.get_absolute_url() for statement in statements]
    paths += [
        record.get_absolute_url() for model in (Theme, Region) for record in model.objects.all()
    ]
    return paths + [f"/countries/{code.lower()}/" for code in named_countries()]


def named_countries():
    """The codes of the countries a public record names, read from the records themselves."""
    codes = set()
    for model in (Lesson, GoodPractice, Project, Publication):
        for record in model.objects.published():
            codes |= {country.code for country in record.countries}
    for organisation in Organisation.objects.published():
        codes |= {country.code for country in organisation.members}
        codes.add(organisation.country.code)
    public = Organisation.objects.published()
    for person in Person.objects.published().filter(organisation__in=public):
        codes.add(person.organisation.country.code)
    for event in Event.objects.published():
        codes.add(event.country.code)
    return {code for code in codes if code}


def test_the_sitemap_lists_every_public_page_in_both_languages_on_the_requested_host(
    client, on_host, content
):
    urls = read_sitemap(client, on_host)
    english = public_paths()
    expected = {f"https://{HOST}{path}" for path in english}
    expected |= {f"https://{HOST}/fr{path}" for path in english}
    assert set(urls) == expected
    assert len(english) > 60
    for url in urls:
        assert "hidden" not in url and "quote-of-a-hidden-speaker" not in url


def test_every_address_in_the_sitemap_answers(client, on_host, content):
    for url in read_sitemap(client, on_host):
        path = url.removeprefix(f"https://{HOST}")
        assert client.get(path, **on_host).status_code == 200, path


def test_the_sitemap_dates_each_page_by_its_last_change(client, on_host):
    lesson = f.make_lesson(slug="changed")
    f.make_lesson(slug="older")
    Lesson.objects.filter(slug="older").update(updated_at=timezone.make_aware(datetime(2020, 1, 1)))
    Lesson.objects.filter(slug="changed").update(
        updated_at=timezone.make_aware(datetime(2024, 3, 5, 12))
    )
    f.make_lesson(slug="hidden", status="draft")  # changed now, but not public
    urls = read_sitemap(client, on_host)
    assert urls[f"https://{HOST}{lesson.get_absolute_url()}"] == "2024-03-05"
    assert urls[f"https://{HOST}/fr{lesson.get_absolute_url()}"] == "2024-03-05"
    # A list changed when the last of its public records did.
    assert urls[f"https://{HOST}/lessons/"] == "2024-03-05"
    assert urls[f"https://{HOST}/"] is None


def test_the_sitemap_names_the_french_page_of_each_english_one(client, on_host):
    f.make_project(slug="visas")
    response = client.get("/sitemap.xml", **on_host)
    assert (
        f'<xhtml:link rel="alternate" hreflang="fr" href="https://{HOST}/fr/projects/visas/"/>'
        in response.content.decode()
    )


def test_a_cached_robots_txt_or_sitemap_never_names_another_host(client, settings):
    settings.PAGE_CACHE_SECONDS = 600
    settings.ALLOWED_HOSTS = ["one.example.net", "two.example.net"]
    for path in ("/robots.txt", "/sitemap.xml"):
        first = client.get(path, HTTP_HOST="one.example.net")
        assert first["X-Cache"] == "miss"
        assert client.get(path, HTTP_HOST="one.example.net")["X-Cache"] == "hit"
        second = client.get(path, HTTP_HOST="two.example.net")
        assert b"two.example.net" in second.content
        assert b"one.example.net" not in second.content
