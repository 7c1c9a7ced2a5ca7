"""Search finds records by what they are tagged with, by stems, in English and in French
(issue 15), on SQLite (FTS5) and PostgreSQL (two text search configurations) alike."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection

from programme import registry
from programme.limits import MAX_SEARCH_WORDS
from programme.models import Status, Theme
from programme.public.search import matching, search_types
from tests.factories import (
    make_lesson,
    make_organisation,
    make_person,
    make_practice,
    make_publication,
    make_region,
    make_statement,
    make_theme,
)

pytestmark = pytest.mark.django_db


def found(model, query):
    return set(matching(model._default_manager.published(), query))


def searched(client, query, key):
    response = client.get("/search/", {"q": query, "type": key})
    assert response.status_code == 200
    return [result for group in response.context["groups"] for result in group.results]


# The closing-event content -----------------------------------------------------------------


@pytest.fixture
def content(db):
    call_command("load_content", stdout=StringIO())


THEMED_TYPES = [each for each in search_types() if "themes" in each.related_paths]


def test_every_record_tagged_with_a_theme_is_found_by_its_name_in_both_languages(content):
    checked = 0
    for theme in Theme.objects.all():
        assert theme.name_fr, theme  # every theme of the fixtures has its French name
        for search_type in THEMED_TYPES:
            tagged = set(search_type.queryset().filter(themes=theme))
            if not tagged:
                continue
            for name in (theme.name, theme.name_fr):
                missing = tagged - found(search_type.model, name)
                assert not missing, (search_type.key, name, missing)
            checked += len(tagged)
    assert checked > 10  # the fixtures tag records with themes: the loop checked something


def test_the_issues_searches_find_the_closing_event_content(content, client):
    remittances = Theme.objects.get(slug="remittances")
    readmission = Theme.objects.get(slug="readmission")
    lessons = registry.get("lessons").search_type
    tagged = set(lessons.queryset().filter(themes=remittances))
    assert tagged
    assert tagged <= set(searched(client, "remittances", "lessons"))
    # The French name, through the French text search configuration and French tag names.
    assert tagged <= set(searched(client, "transferts de fonds", "lessons"))
    # A plural of a theme's name finds its records.
    for search_type in THEMED_TYPES:
        readmission_records = set(search_type.queryset().filter(themes=readmission))
        assert readmission_records <= found(search_type.model, "readmissions")
        assert readmission_records <= found(search_type.model, "réadmissions")


# Stems -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("stored", "typed"),
    [
        ("Readmission agreements", "readmissions"),
        ("Cheaper remittances", "remittance"),
        ("Cheaper remittances", "REMITTANCES"),
        ("The diaspora engaged", "engagement"),
        ("Migrants returned", "migrant returning"),
    ],
)
def test_plurals_and_stems_match_in_english(stored, typed):
    record = make_lesson(title=stored)
    make_lesson(title="Visas and mobility")
    assert found(type(record), typed) == {record}


@pytest.mark.parametrize(
    ("stored", "typed"),
    [
        ("Les transferts de fonds des migrants", "transferts de fonds"),
        ("Un transfert de fonds", "transferts de fonds"),
        ("La réadmission des migrants", "réadmissions"),
        ("La réadmission des migrants", "readmission"),
        ("Politiques migratoires nationales", "politique nationale"),
    ],
)
def test_french_words_find_french_texts(stored, typed):
    record = make_lesson(title="An English title", title_fr=stored)
    make_lesson(title="Visas", title_fr="Les visas et la mobilité")
    assert found(type(record), typed) == {record}


def test_a_quoted_phrase_finds_its_words():
    lesson = make_lesson(title="Trafficking in human beings")
    make_lesson(title="Human rights")
    assert found(type(lesson), '"trafficking in human beings"') == {lesson}


def test_stop_words_alone_find_nothing_on_postgresql():
    # SQLite's index keeps every word, so there "de la" finds what holds both words.
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only: its configurations drop stop words")
    lesson = make_lesson(title="De la migration", title_fr="De la migration")
    assert found(type(lesson), "de la") == set()
    assert found(type(lesson), "de la migration") == {lesson}


# Tags --------------------------------------------------------------------------------------


def test_records_are_found_by_their_regions_countries_and_organisations():
    caribbean = make_region(name="Caribbean", name_fr="Caraïbes")
    iom = make_organisation(name="International Organization for Migration", acronym="IOM")
    lesson = make_lesson(
        title="Cheaper transfers", regions=[caribbean], stakeholders=[iom], countries=["JM"]
    )
    make_lesson(title="Something else")
    for query in (
        "caribbean",
        "Caraïbes",
        "caraibes",
        "jamaica",
        "Jamaïque",
        "IOM",
        "organization",
    ):
        assert found(type(lesson), query) == {lesson}, query


def test_every_word_may_be_found_in_the_text_or_in_a_tag():
    remittances = make_theme(name="Remittances", name_fr="Transferts de fonds")
    both = make_practice(title="Cheaper transfers", themes=[remittances], countries=["JM"])
    make_practice(title="Cheaper transfers", themes=[remittances], countries=["GH"])
    make_practice(title="Jamaica", countries=["JM"])
    assert found(type(both), "remittances jamaica") == {both}
    assert found(type(both), "cheaper transferts de fonds jamaïque") == {both}


def test_a_quote_is_found_by_its_speaker_and_its_themes():
    speaker = make_person(name="Camilla Hagström")
    visas = make_theme(name="Visas", name_fr="Visas")
    quote = make_statement(text="We met in Brussels.", speaker=speaker, themes=[visas])
    make_statement(text="We met in Brussels.", speaker=make_person(name="Jill Helke"))
    assert found(type(quote), "hagstrom") == {quote}
    assert found(type(quote), "visa brussels") == {quote}


def test_a_record_is_not_found_by_an_organisation_the_public_may_not_see():
    hidden = make_organisation(name="Quokka Foundation", status=Status.DRAFT)
    public = make_organisation(name="Wombat Institute")
    lesson = make_lesson(title="Anything", stakeholders=[hidden, public])
    assert found(type(lesson), "quokka") == set()
    assert found(type(lesson), "wombat") == {lesson}


def test_a_tags_description_does_not_find_its_records():
    theme = make_theme(name="Mobility", description="Remittances are discussed elsewhere.")
    lesson = make_lesson(title="Anything", themes=[theme])
    assert found(type(lesson), "remittances") == set()
    assert found(type(lesson), "mobility") == {lesson}


def test_the_lists_and_the_admin_find_what_search_finds(client, admin_client):
    remittances = make_theme(name="Remittances", name_fr="Transferts de fonds")
    publication = make_publication(title="A study", themes=[remittances])
    make_publication(title="Another study")
    response = client.get("/publications/", {"q": "transferts de fonds"})
    assert list(response.context["object_list"]) == [publication]
    response = admin_client.get("/admin/programme/publication/", {"q": "remittances"})
    assert list(response.context["cl"].result_list) == [publication]


@pytest.mark.parametrize("words", [1, MAX_SEARCH_WORDS, MAX_SEARCH_WORDS + 5])
def test_one_query_per_type_whatever_the_number_of_words(client, django_assert_num_queries, words):
    typed = [f"quokka{chr(97 + n)}" for n in range(words)]
    make_lesson(title=" ".join(typed[:MAX_SEARCH_WORDS]), themes=[make_theme(name="Visas")])
    # One per content type, the best bets (themes, regions, organisations), the footer.
    with django_assert_num_queries(len(search_types()) + 1 + BEST_BET_QUERIES):
        response = client.get("/search/", {"q": " ".join(typed)})
    assert response.context["total"] == 1


BEST_BET_QUERIES = 3  # themes, regions, organisations


# The SQLite index --------------------------------------------------------------------------


def test_every_searched_table_has_its_full_text_triggers():
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only: PostgreSQL computes its stored documents itself")
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        triggers = {row[0] for row in cursor.fetchall()}
    for search_type in search_types():
        table = search_type.model._meta.db_table
        for event in ("insert", "update", "delete"):
            assert f"{table}_fts_{event}" in triggers


def test_the_index_follows_edits_and_deletions():
    lesson = make_lesson(title="Readmission")
    model = type(lesson)
    model.objects.filter(pk=lesson.pk).update(title="Remittances")
    assert found(model, "readmission") == set()
    assert found(model, "remittance") == {lesson}
    lesson.delete()
    assert found(model, "remittance") == set()


# Best bets ---------------------------------------------------------------------------------


def best_bets(client, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    return response


@pytest.mark.parametrize("typed", ["Remittances", "transferts de fonds", "REMITTANCES"])
def test_a_themes_exact_name_comes_first_as_a_best_bet(client, typed):
    theme = make_theme(name="Remittances", name_fr="Transferts de fonds")
    make_lesson(title="Remittances", themes=[theme])
    response = best_bets(client, typed)
    assert [bet.record for bet in response.context["best_bets"]] == [theme]
    html = response.content.decode()
    bets, results = html.index('id="best-bets"'), html.index('class="search-group"')
    assert bets < results
    assert f'href="{theme.get_absolute_url()}"' in html[bets:results]


def test_regions_organisations_and_countries_are_best_bets(client):
    region = make_region(name="Caribbean", name_fr="Caraïbes")
    iom = make_organisation(name="International Organization for Migration", acronym="IOM")
    make_lesson(title="A lesson", regions=[region], stakeholders=[iom], countries=["JM"])
    assert [bet.record for bet in best_bets(client, "caraibes").context["best_bets"]] == [region]
    assert [bet.record for bet in best_bets(client, "iom").context["best_bets"]] == [iom]
    bets = best_bets(client, "Jamaïque").context["best_bets"]
    assert [bet.url for bet in bets] == ["/countries/jm/"]


def test_only_an_exact_name_is_a_best_bet(client):
    theme = make_theme(name="Remittances")
    make_organisation(name="Hidden Remittances Office", status=Status.DRAFT)
    make_lesson(title="Remittances", themes=[theme])
    assert best_bets(client, "remittances costs").context["best_bets"] == []
    assert best_bets(client, "Hidden Remittances Office").context["best_bets"] == []
    # A country no public record names has no page to offer.
    assert best_bets(client, "Jamaica").context["best_bets"] == []


# A quote's result --------------------------------------------------------------------------


def test_a_quotes_result_shows_its_words_marked_and_its_speaker(client):
    speaker = make_person(name="Camilla Hagström", role="Head of the Migration Unit")
    quote = make_statement(
        text="Remittances sent home by migrants matter more than aid.", speaker=speaker
    )
    response = client.get("/search/", {"q": "remittance", "type": "statements"})
    html = response.content.decode()
    result = html[html.index('class="search-results"') :]
    assert f'href="{quote.get_absolute_url()}"' in result
    assert "<mark>Remittances</mark> sent home by migrants" in result
    assert "Camilla Hagström" in result
    assert "Head of the Migration Unit" in result


def test_quote_results_cost_no_query_more_for_their_speakers(client, django_assert_num_queries):
    for number in range(6):
        make_statement(text=f"Remittances, said for the {number}th time.")
    with django_assert_num_queries(2):  # the quotes with their speakers, the footer
        response = client.get("/search/", {"q": "remittances", "type": "statements"})
    assert response.content.decode().count('class="search-speaker"') == 6
