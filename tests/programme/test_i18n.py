"""English and French: every page in both, the switcher, content in the language it has (with a
notice when it is another), search, filters and the page cache per language, bad prefixes."""

import html
import re
from datetime import date
from decimal import Decimal

import pytest
from django.utils import translation

from lessons.models import Lesson
from programme.models import Project, Theme
from programme.translation import available_in, translate
from tests import factories as f
from tests.admin_forms import admin_url, page_form_values
from tests.linked import PAGES, build_linked

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english_afterwards():
    """A French request leaves French active in this thread: other tests expect English."""
    yield
    translation.deactivate()


ONLY_ENGLISH = "Disponible en anglais uniquement."
ONLY_FRENCH = "Available in French only."


def french(url):
    return f"/fr{url}"


def alternates(body):
    """{hreflang: href} of the page's <link rel="alternate" hreflang> elements."""
    links = re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', body)
    return {code: html.unescape(href) for code, href in links}


def switcher(body):
    """{language code: href} of the switcher's links (the current language has none)."""
    nav = re.search(r'<nav class="language-switcher".*?</nav>', body, re.S)[0]
    links = re.findall(r'<a href="([^"]+)" hreflang="([^"]+)"', nav)
    return {code: html.unescape(href) for href, code in links}


def element(body, tag, text):
    """The opening tag of the first `tag` element whose content starts with `text`."""
    match = re.search(rf"(<{tag}\b[^>]*>)\s*{re.escape(html.escape(text))}", body)
    assert match, (tag, text)
    return match[1]


@pytest.fixture
def records():
    return build_linked(1)


PUBLIC_PAGES = {**PAGES, "search": lambda r: "/search/?q=words"}


@pytest.mark.parametrize("page", PUBLIC_PAGES)
def test_every_public_page_answers_in_both_languages_with_its_alternates(client, records, page):
    url = PUBLIC_PAGES[page](records)
    for language, address, skip_link in (
        ("en", url, "Skip to main content"),
        ("fr", french(url), "Aller au contenu principal"),
    ):
        response = client.get(address)
        assert response.status_code == 200, (page, language)
        body = response.content.decode()
        assert f'<html lang="{language}">' in body
        assert skip_link in body
        path = url.split("?")[0]
        links = alternates(body)
        assert links["en"].startswith(f"http://testserver{path}")
        assert links["fr"].startswith(f"http://testserver/fr{path}")
        assert links["x-default"] == links["en"]


def test_the_switcher_keeps_the_page_and_its_query(client):
    theme = f.make_theme()
    query = f"theme={theme.slug}&sort=-added"
    english = client.get(f"/lessons/?{query}").content.decode()
    assert switcher(english) == {"fr": f"/fr/lessons/?{query}"}
    assert '<span aria-current="true">English</span>' in english
    french_page = client.get(f"/fr/lessons/?{query}").content.decode()
    assert switcher(french_page) == {"en": f"/lessons/?{query}"}

    search = client.get("/search/?q=visas&type=lessons").content.decode()
    assert switcher(search) == {"fr": "/fr/search/?q=visas&type=lessons"}
    url = f.make_lesson().get_absolute_url()
    detail = client.get(french(url)).content.decode()
    assert switcher(detail) == {"en": url}


def test_the_switcher_leaves_out_filters_the_list_ignored(client):
    body = client.get("/stakeholders/?theme=nowhere&kind=nothing&sort=name").content.decode()
    assert switcher(body) == {"fr": "/fr/stakeholders/?sort=name"}


def test_an_english_only_record_is_shown_in_english_with_one_notice_on_french_pages(client):
    lesson = f.make_lesson(title="Demand-driven help", takeaway="Ownership grows.", context="Why.")
    url = lesson.get_absolute_url()
    body = client.get(french(url)).content.decode()
    assert 'lang="en"' in element(body, "h1", "Demand-driven help")
    assert 'lang="en"' in element(body, "p", "Ownership grows.")
    assert body.count(ONLY_ENGLISH) == 1
    # The English page: the same text, neither notice nor lang="en" on it.
    english = client.get(url).content.decode()
    assert element(english, "h1", "Demand-driven help") == "<h1>"
    assert "Available in English only." not in english
    assert ONLY_ENGLISH not in english


def test_a_record_with_french_is_shown_in_french_on_french_pages(client):
    lesson = f.make_lesson(
        title="Cheaper remittances",
        title_fr="Des transferts de fonds moins chers",
        takeaway="Lower prices help.",
        takeaway_fr="Des prix plus bas aident.",
    )
    url = lesson.get_absolute_url()
    body = client.get(french(url)).content.decode()
    assert element(body, "h1", "Des transferts de fonds moins chers") == "<h1>"
    assert "Des prix plus bas aident." in body
    assert "Cheaper remittances" not in body.split("<main")[1]
    assert ONLY_ENGLISH not in body and "Traduction partielle" not in body
    english = client.get(url).content.decode()
    assert "Cheaper remittances" in english and "Des transferts" not in english
    cards = client.get("/fr/lessons/").content.decode()
    assert "Des transferts de fonds moins chers" in cards and ONLY_ENGLISH not in cards


def test_a_half_translated_record_falls_back_field_by_field(client):
    lesson = f.make_lesson(
        title="Cheaper remittances",
        title_fr="Des transferts de fonds moins chers",
        takeaway="Lower prices help.",
        context="The context, in English only.",
    )
    body = client.get(french(lesson.get_absolute_url())).content.decode()
    assert element(body, "h1", "Des transferts de fonds moins chers") == "<h1>"
    assert 'lang="en"' in element(body, "p", "Lower prices help.")
    assert re.search(r'<div lang="en"><p>The context, in English only.</p>', body)
    assert "certaines parties ne sont disponibles qu&#x27;en anglais" in body
    assert ONLY_ENGLISH not in body


def test_a_french_only_record_is_shown_in_french_on_english_pages(client):
    lesson = f.make_lesson(
        original_language="fr",
        title="",
        takeaway="",
        title_fr="Une leçon rédigée en français",
        takeaway_fr="Rien en anglais.",
    )
    body = client.get(lesson.get_absolute_url()).content.decode()
    assert 'lang="fr"' in element(body, "h1", "Une leçon rédigée en français")
    assert body.count(ONLY_FRENCH) == 1
    assert str(lesson) == "Une leçon rédigée en français"


def test_translate_falls_back_to_the_original_language_then_the_default():
    record = Lesson(original_language="fr", title="English", title_fr="Français", context="Only")
    assert (translate(record, "title", "fr"), translate(record, "title", "fr").is_fallback) == (
        "Français",
        False,
    )
    context = translate(record, "context", "fr")
    assert (context, context.language, context.is_fallback) == ("Only", "en", True)
    empty = translate(record, "recommendation", "fr")
    assert (empty, empty.is_fallback) == ("", False)


def test_available_in_counts_only_records_whose_text_is_all_in_that_language():
    complete = f.make_lesson(title="A", title_fr="A fr", takeaway="B", takeaway_fr="B fr")
    half = f.make_lesson(title="C", title_fr="C fr", takeaway="D")
    english = f.make_lesson(title="E", takeaway="F")
    assert set(Lesson.objects.filter(available_in(Lesson, "fr"))) == {complete}
    assert set(Lesson.objects.filter(available_in(Lesson, "en"))) == {complete, half, english}


def test_a_french_filter_url_works(client):
    theme = f.make_theme(name="Remittances", name_fr="Transferts de fonds")
    translated = f.make_lesson(
        themes=[theme], title="Cheaper", title_fr="Moins cher", takeaway="T", takeaway_fr="T fr"
    )
    f.make_lesson(themes=[theme])  # English only
    f.make_lesson(title_fr="Autre", takeaway_fr="Autre")  # no theme
    response = client.get("/fr/lessons/", {"theme": theme.slug, "available": "fr"})
    assert response.status_code == 200
    assert list(response.context["object_list"]) == [translated]
    summary = response.context["summary"]
    assert summary == ("1 enseignement tiré sur le thème Transferts de fonds en version française")
    facet = next(f for f in response.context["facets"] if f["name"] == "available")
    assert [(o["value"], o["label"], o["count"]) for o in facet["options"]] == [
        ("en", "Anglais", 2),
        ("fr", "Français", 1),
    ]


def test_a_french_search_finds_a_record_by_its_french_title(client):
    lesson = f.make_lesson(title="Cheaper remittances", title_fr="Réduire le coût des envois")
    response = client.get("/fr/search/", {"q": "coût envois"})
    assert response.status_code == 200
    results = [result for group in response.context["groups"] for result in group.results]
    assert results == [lesson]
    assert "Réduire le coût des envois" in re.sub(r"</?mark>", "", response.content.decode())
    # On English pages the same words find it too; its title is shown in English.
    english = client.get("/search/", {"q": "cout envois"})
    assert [r for g in english.context["groups"] for r in g.results] == [lesson]


def test_the_list_search_looks_in_the_french_text_too(client):
    lesson = f.make_lesson(title="Cheaper remittances", takeaway_fr="Envois de fonds")
    response = client.get("/fr/lessons/", {"q": "envois"})
    assert list(response.context["object_list"]) == [lesson]


def test_dates_and_numbers_follow_the_language(client):
    event = f.make_event(title="Closing", date=date(2019, 7, 11)).get_absolute_url()
    project = f.make_project(budget=Decimal("1234567"), currency="EUR", beneficiary_count=1500)
    project = project.get_absolute_url()
    assert "11 July 2019" in client.get(event).content.decode()
    assert "11 juillet 2019" in client.get(french(event)).content.decode()
    assert "1,234,567 EUR" in client.get(project).content.decode()
    french_project = client.get(french(project)).content.decode()
    assert "1\xa0234\xa0567 EUR" in french_project
    assert "1\xa0500" in french_project


def test_the_page_cache_never_serves_one_language_to_the_other(client, settings):
    settings.PAGE_CACHE_SECONDS = 600
    f.make_theme(name="Visas", name_fr="Visas (fr)")
    first = client.get("/themes/")
    assert first["X-Cache"] == "miss"
    assert client.get("/themes/")["X-Cache"] == "hit"
    french_page = client.get("/fr/themes/")
    assert french_page["X-Cache"] == "miss"
    assert '<html lang="fr">' in french_page.content.decode()
    assert "Visas (fr)" in french_page.content.decode()
    again = client.get("/fr/themes/")
    assert again["X-Cache"] == "hit" and again.content == french_page.content
    # A French browser on an English address still gets the English page, from the cache.
    english = client.get("/themes/", headers={"Accept-Language": "fr"})
    assert english["X-Cache"] == "hit" and english.content == first.content
    assert "Visas (fr)" not in english.content.decode()


def test_an_unsupported_language_prefix_is_not_found(client):
    assert client.get("/de/").status_code == 404
    assert client.get("/de/lessons/").status_code == 404


@pytest.mark.parametrize("header", ["de", "de-DE,de;q=0.9", "xx", "fr"])
def test_the_address_not_the_browser_chooses_the_language(client, header):
    body = client.get("/", headers={"Accept-Language": header}).content.decode()
    assert '<html lang="en">' in body


def test_a_french_only_record_needs_its_french_text(admin_client):
    url = admin_url(Lesson, "add")
    # What a browser sends for an empty add form, less the empty many-to-many selects.
    data = {k: v for k, v in page_form_values(admin_client.get(url)).items() if v not in ("", [])}
    data.update(original_language="fr", slug="lecon", title_fr="Une leçon", takeaway_fr="En bref.")
    assert admin_client.post(url, data).status_code == 302
    assert Lesson.objects.get(slug="lecon").title == ""
    data.update(slug="lecon-2", takeaway_fr="")
    refused = admin_client.post(url, data)
    assert refused.status_code == 200
    assert list(refused.context["adminform"].form.errors) == ["takeaway_fr"]


def test_the_admin_shows_english_and_french_side_by_side(admin_client):
    project = f.make_project()
    body = admin_client.get(admin_url(Project, "change", project.pk)).content.decode()
    assert re.search(r'class="form-row[^"]* field-title field-title_fr"', body)
    assert re.search(r'class="form-row[^"]* field-summary field-summary_fr"', body)
    assert 'class="module aligned translated"' in body
    assert "css/admin-translations.css" in body
    theme = admin_client.get(admin_url(Theme, "add")).content.decode()
    assert re.search(r'class="form-row[^"]* field-name field-name_fr"', theme)
