"""The programme's public record (../shared/source/programme-factsheet.md): each fact the
fixtures take from it is in the fact sheet and on the record's public page, and no fixture text
restates a quotation without naming its speaker."""

import json
import re

import pytest

from programme.management.commands.load_content import fixture_files
from tests.conftest import ROOT

FACTSHEET = ROOT.parent / "shared" / "source" / "programme-factsheet.md"
WORDS = re.compile(r"[\w’'-]+")

# (page, the words on the page, the words of the fact sheet that say it)
FACTS = [
    (
        "/events/p2p-remittances-nairobi-2016/",
        "African Institute for Remittances",
        "African Institute for Remittances (AIR)",
    ),
    ("/events/p2p-remittances-nairobi-2016/", "13 July 2016", "held in Brussels on 13 July 2016"),
    ("/events/p2p-thb-som-georgetown-2017/", "Marriott Hotel", "the Marriott Hotel"),
    ("/events/p2p-thb-som-georgetown-2017/", "opened on 21 March 2017", "opening on 21 March 2017"),
    ("/events/p2p-visas-lusaka-2018/", "Pamodzi Hotel", "Pamodzi Hotel"),
    (
        "/events/p2p-visas-lusaka-2018/",
        "Good governance of mobility",
        "Good governance of mobility",
    ),
    (
        "/events/peer-to-peer-regional-thematic-meeting-caribbean/",
        "14 March 2019",
        "ended on 14 March",
    ),
    (
        "/events/peer-to-peer-regional-thematic-meeting-caribbean/",
        "more than 50 participants",
        "more than 50 participants",
    ),
    (
        "/events/technical-seminar-thb-women-children-2018/",
        "Bulgarian Presidency",
        "Bulgarian Presidency",
    ),
    (
        "/events/technical-seminar-thb-women-children-2018/",
        "European Network of Migrant Women",
        "European Network of Migrant Women",
    ),
    ("/projects/ta-burkina-faso-readmission-workshop/", "35 participants", "35 people"),
    ("/projects/ta-burkina-faso-readmission-workshop/", "Border Police", "the Border Police"),
    ("/projects/ta-angola-baseline-study/", "TA/041/2016", "TA/041/2016"),
    ("/projects/ta-014-2015-digital-remittance-booklet/", "TA/014/2015", "TA/014/2015"),
    ("/projects/ta-request-somalia/", "Somalia", "| Somalia | government | remittances |"),
    ("/projects/support-to-non-state-actors/", "EUR 100,000", "EUR 100,000"),
    ("/projects/support-to-non-state-actors/", "9 August 2017", "closed on 9 August 2017"),
    ("/projects/technical-assistance/", "60 working days", "60 working days"),
    (
        "/publications/thematic-publication-on-trafficking-in-human-beings-smuggling-of-migrants/",
        "ENG0625",
        "reference ENG0625",
    ),
    (
        "/publications/thematic-publication-on-trafficking-in-human-beings-smuggling-of-migrants/",
        "Lori J. Mann",
        "author Lori J. Mann",
    ),
    (
        "/publications/remittances-report-2016/",
        "nine practical recommendations",
        "nine practical recommendations",
    ),
    ("/stakeholders/igad/", "Eritrea (membership suspended)", "Eritrea (membership suspended)"),
    (
        "/people/washington-oloo/",
        "Director of Diaspora and Consular Affairs",
        "Director of Diaspora and Consular Affairs",
    ),
    (
        "/people/kipyego-cheluget/",
        "Assistant Secretary General for Programmes",
        "COMESA Assistant Secretary General for Programmes",
    ),
    (
        "/people/mpeo-mahase-moiloa/",
        "Chair of the ACP Committee of Ambassadors",
        "Chair of the ACP Committee of Ambassadors",
    ),
    ("/regions/west-and-central-africa/", "23 countries", "West and Central Africa: 23"),
    ("/about/", "FED 2014/344981", "FED 2014/344981"),
    ("/about/", "79 ACP states and South Sudan", "79 ACP states and South Sudan"),
]


def flat(text):
    return " ".join(text.replace("\u2013", "-").split())


@pytest.fixture(scope="module")
def factsheet():
    if not FACTSHEET.exists():
        pytest.skip(f"the fact sheet is not at {FACTSHEET} (outside this repository)")
    return flat(FACTSHEET.read_text(encoding="utf-8"))


@pytest.fixture
def loaded(closing_content, db):
    """The closing-event content, loaded once for the module."""


@pytest.mark.parametrize(("path", "shown", "said"), FACTS, ids=[f"{p}{s}" for p, s, _ in FACTS])
def test_each_fact_is_in_the_factsheet_and_on_its_page(
    factsheet, loaded, client, path, shown, said
):
    assert flat(said) in factsheet
    response = client.get(path)
    assert response.status_code == 200
    assert flat(shown) in flat(response.content.decode().replace("&#x27;", "'"))


def fixture_texts():
    """Every text of every fixture record: (model, slug, field, text)."""
    for path in fixture_files():
        for record in json.loads(path.read_text(encoding="utf-8")):
            for field, value in record["fields"].items():
                if isinstance(value, str) and len(value.split()) >= 9:
                    yield record["model"], record["fields"].get("slug"), field, value


def grams(text, n=9):
    words = [w.lower() for w in WORDS.findall(text)]
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


def test_no_fixture_text_restates_a_quotation_without_naming_its_speaker():
    records = [r for p in fixture_files() for r in json.loads(p.read_text(encoding="utf-8"))]
    people = {
        r["fields"]["slug"]: r["fields"]["name"]
        for r in records
        if r["model"] == "programme.person"
    }
    quotes = [
        (grams(r["fields"]["text"]), people[r["fields"]["speaker"][0]])
        for r in records
        if r["model"] == "programme.statement"
    ]
    assert len(quotes) == 5
    offending = []
    for model, slug, field, text in fixture_texts():
        if model == "programme.statement":
            continue
        for quote, speaker in quotes:
            if grams(text) & quote and speaker not in text:
                offending.append((model, slug, field, speaker))
    assert offending == []


def test_the_quotation_check_catches_a_restated_quote():
    quote = grams(
        "They enabled all involved to share experiences and good practices around remittances"
    )
    restated = "The meetings enabled all involved to share experiences and good practices."
    assert grams(restated) & quote
    # A phrase the quotations share with the programme's vocabulary is no restatement.
    assert not grams("on trafficking in human beings and smuggling of migrants") & quote
