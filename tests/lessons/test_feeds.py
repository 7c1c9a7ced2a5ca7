"""Atom feeds of new and updated lessons learned and good practices: what they list, in which
order, for which filters, and never a record that is not public."""

import xml.etree.ElementTree as ET
from datetime import datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from lessons.models import GoodPractice, Lesson
from programme.models import Status
from tests import factories as f
from tests.export_parsing import list_slugs

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
NOT_PUBLIC = [
    {"status": Status.DRAFT},
    {"status": Status.REVIEW},
    {"status": Status.PUBLISHED, "published_at": timezone.now() + timedelta(days=2)},
]


def read_feed(client, path, params=None, status=200):
    response = client.get(path, params or {})
    assert response.status_code == status
    if status != 200:
        return None
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    return ET.fromstring(response.content)  # noqa: S314 - the site's own response


def entry_links(feed):
    return [entry.find(f"{ATOM}link").get("href") for entry in feed.iter(f"{ATOM}entry")]


def slugs(feed):
    return [link.rstrip("/").rsplit("/", 1)[1] for link in entry_links(feed)]


def ago(days):
    return timezone.now() - timedelta(days=days)


@pytest.fixture
def tags():
    return {
        "visas": f.make_theme(slug="visas", name="Visas"),
        "remittances": f.make_theme(slug="remittances", name="Remittances"),
        "pacific": f.make_region(slug="pacific", name="Pacific"),
        "africa": f.make_region(slug="africa", name="Africa"),
    }


def set_updated(record, when):
    """updated_at is automatic on save; tests set it directly to order records."""
    type(record).objects.filter(pk=record.pk).update(updated_at=when)
    record.refresh_from_db()
    return record


def test_the_lessons_feed_lists_published_lessons_newest_change_first(client, tags):
    set_updated(f.make_lesson(slug="old", published_at=ago(30)), ago(20))
    set_updated(f.make_lesson(slug="new", published_at=ago(10)), ago(5))
    # Published long ago but changed yesterday: a change brings it to the top.
    changed = set_updated(f.make_lesson(slug="changed", published_at=ago(40)), ago(1))
    for number, fields in enumerate(NOT_PUBLIC):
        f.make_lesson(slug=f"hidden-{number}", **fields)
    f.make_lesson(slug="sample", is_sample=True)
    f.make_good_practice(slug="a-practice")

    feed = read_feed(client, "/feeds/lessons/")
    assert slugs(feed) == ["changed", "new", "old"]
    entry = next(feed.iter(f"{ATOM}entry"))
    assert entry.find(f"{ATOM}title").text == changed.title
    assert entry.find(f"{ATOM}summary").text == changed.takeaway
    assert entry_links(feed)[0] == f"http://testserver/lessons/{changed.slug}/"
    assert datetime.fromisoformat(entry.find(f"{ATOM}updated").text) == changed.updated_at
    assert datetime.fromisoformat(entry.find(f"{ATOM}published").text) == changed.published_at
    assert datetime.fromisoformat(feed.find(f"{ATOM}updated").text) == changed.updated_at
    assert feed.find(f"{ATOM}rights").text == (
        "CC BY 4.0 https://creativecommons.org/licenses/by/4.0/"
    )


def test_the_combined_feed_has_lessons_and_practices_together(client):
    set_updated(f.make_lesson(slug="lesson"), ago(3))
    set_updated(f.make_good_practice(slug="practice"), ago(2))
    for number, fields in enumerate(NOT_PUBLIC):
        f.make_good_practice(slug=f"hidden-practice-{number}", **fields)
    feed = read_feed(client, "/feeds/")
    assert entry_links(feed) == [
        "http://testserver/good-practices/practice/",
        "http://testserver/lessons/lesson/",
    ]
    categories = [c.get("term") for c in next(feed.iter(f"{ATOM}entry")).iter(f"{ATOM}category")]
    assert categories[0] == "Good practice"


@pytest.mark.parametrize(
    ("path", "list_path", "model"),
    [
        ("/feeds/lessons/", "lessons:lesson_list", Lesson),
        ("/feeds/good-practices/", "lessons:goodpractice_list", GoodPractice),
    ],
)
@pytest.mark.parametrize(
    "params",
    [
        {"theme": "visas"},
        {"theme": "visas", "region": "pacific"},
        {"region": ["pacific", "africa"]},
        {"theme": "no-such-theme"},  # ignored, as the list ignores it
    ],
)
def test_a_filtered_feed_follows_what_its_list_shows(client, tags, path, list_path, model, params):
    make = f.make_lesson if model is Lesson else f.make_good_practice
    make(slug="visas-pacific", themes=[tags["visas"]], regions=[tags["pacific"]])
    make(slug="visas-africa", themes=[tags["visas"]], regions=[tags["africa"]])
    make(slug="remittances-pacific", themes=[tags["remittances"]], regions=[tags["pacific"]])
    make(slug="nowhere")
    for number, fields in enumerate(NOT_PUBLIC):
        make(slug=f"hidden-{number}", themes=[tags["visas"]], regions=[tags["pacific"]], **fields)
    feed = read_feed(client, path, params)
    assert sorted(slugs(feed)) == sorted(list_slugs(client, list_path, params))
    assert not any(slug.startswith("hidden-") for slug in slugs(feed))


def test_a_filtered_feed_says_what_it_follows_and_links_the_filtered_list(client, tags):
    feed = read_feed(client, "/feeds/lessons/", {"theme": "visas", "region": "pacific"})
    assert feed.find(f"{ATOM}title").text == "Lessons learned on Visas in the Pacific region"
    alternate = feed.find(f"{ATOM}link[@rel='alternate']").get("href")
    assert alternate == "http://testserver/lessons/?theme=visas&region=pacific"
    self_link = feed.find(f"{ATOM}link[@rel='self']").get("href")
    assert self_link == "http://testserver/feeds/lessons/?theme=visas&region=pacific"
    assert feed.find(f"{ATOM}id").text == self_link
    assert feed.find(f"{ATOM}id").text != read_feed(client, "/feeds/").find(f"{ATOM}id").text


@pytest.mark.parametrize(("kind", "slug"), [("themes", "visas"), ("regions", "pacific")])
def test_a_theme_or_region_page_has_its_feed(client, tags, kind, slug):
    parameter = "theme" if kind == "themes" else "region"
    f.make_lesson(slug="tagged-lesson", themes=[tags["visas"]], regions=[tags["pacific"]])
    f.make_good_practice(slug="tagged-practice", themes=[tags["visas"]], regions=[tags["pacific"]])
    f.make_lesson(slug="untagged")
    f.make_lesson(slug="hidden", themes=[tags["visas"]], regions=[tags["pacific"]], status="draft")
    feed = read_feed(client, f"/{kind}/{slug}/feed/")
    assert sorted(slugs(feed)) == ["tagged-lesson", "tagged-practice"]
    assert slugs(read_feed(client, "/feeds/", {parameter: slug})) == slugs(feed)
    assert feed.find(f"{ATOM}link[@rel='alternate']").get("href") == (
        f"http://testserver/{kind}/{slug}/"
    )
    page = client.get(f"/{kind}/{slug}/").content.decode()
    head = page.split("</head>", 1)[0]
    assert f'<link rel="alternate" type="application/atom+xml" href="/{kind}/{slug}/feed/"' in head


@pytest.mark.parametrize("path", ["/themes/no-such-theme/feed/", "/regions/atlantis/feed/"])
def test_the_feed_of_a_theme_or_region_that_does_not_exist_is_not_found(client, path):
    read_feed(client, path, status=404)


def test_a_feed_in_french_links_the_french_pages(client):
    f.make_lesson(slug="lesson")
    feed = read_feed(client, "/fr/feeds/lessons/")
    assert entry_links(feed) == ["http://testserver/fr/lessons/lesson/"]


def test_a_feed_keeps_its_last_50_changes_in_a_fixed_number_of_queries(client, tags):
    def queries(count):
        for _ in range(count):
            f.make_lesson(themes=[tags["visas"]], regions=[tags["pacific"]])
        with CaptureQueriesContext(connection) as captured:
            feed = read_feed(client, "/feeds/lessons/", {"theme": "visas"})
        return len(captured), len(slugs(feed))

    few = queries(3)
    assert few[1] == 3
    assert queries(60) == (few[0], 50)


@pytest.mark.parametrize("prefix", ["", "/fr"])
def test_a_lesson_written_in_french_is_in_the_feeds_of_both_languages(client, prefix):
    f.make_lesson(
        slug="lecon",
        original_language="fr",
        title="",
        title_fr="La demande crée l'appropriation",
        takeaway="",
        takeaway_fr="Les demandes permettent des interventions sur mesure.",
    )
    with translation.override("en"):  # switched back after a French request
        feed = read_feed(client, f"{prefix}/feeds/lessons/")
    entry = next(feed.iter(f"{ATOM}entry"))
    assert entry.find(f"{ATOM}title").text == "La demande crée l'appropriation"
    summary = entry.find(f"{ATOM}summary").text
    assert summary == "Les demandes permettent des interventions sur mesure."


HOSTILE = (
    "Read <script>alert(1)</script> this "
    '<img src=x onerror="alert(2)"> [and this](javascript:alert(3)) **now** & then'
)


@pytest.mark.parametrize("path", ["/feeds/", "/feeds/lessons/", "/feeds/good-practices/"])
def test_a_feed_carries_plain_text_never_the_markup_an_editor_typed(client, path):
    f.make_lesson(takeaway=HOSTILE)
    f.make_good_practice(summary=HOSTILE)
    response = client.get(path)
    feed = ET.fromstring(response.content)  # noqa: S314 - the site's own response
    for entry in feed.iter(f"{ATOM}entry"):
        summary = entry.find(f"{ATOM}summary")
        assert summary.get("type") == "html"
        # What a feed reader renders as HTML: plain words, with no tag nor address to run.
        html = summary.text
        assert "<" not in html and ">" not in html, html
        assert "javascript:" not in html and "onerror" not in html and "alert" not in html
        assert " ".join(html.split()) == "Read this and this now &amp; then"
