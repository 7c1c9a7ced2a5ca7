"""Citations (issue 15): one rule for author and date, on citable records only; Highwire
`citation_*` meta tags; BibTeX and RIS files that parse; a copy button that needs no script to
leave the citation usable."""

import datetime
import re

import bibtexparser
import pytest
import rispy
from django.utils import translation

from programme.models import Publication, Status
from tests.factories import (
    make_event,
    make_lesson,
    make_organisation,
    make_person,
    make_project,
    make_publication,
    make_statement,
)

pytestmark = pytest.mark.django_db

PORTAL = "ACP-EU Migration Action knowledge portal"


@pytest.fixture
def publication():
    record = make_publication(
        title="Remittances & the {costs} of sending money",
        title_fr="Les transferts de fonds",
        kind=Publication.Kind.REPORT,
        date=datetime.date(2019, 7, 11),
        year=2019,
        publisher_name="International Organization for Migration",
        language="en",
        url="https://example.org/report",
        authors=[make_person(name="Camilla Hagström"), make_person(name="Jill Helke")],
    )
    make_person(name="Hidden Author", status=Status.DRAFT).authored_publications.add(record)
    Publication.objects.filter(pk=record.pk).update(file="publications/report.pdf")
    return record


def meta(html, name):
    return re.findall(rf'<meta name="{name}" content="([^"]*)">', html)


def balanced(text):
    depth = 0
    for char in re.sub(r"\\[{}]", "", text):
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0


def bib_entry(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/x-bibtex; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment;")
    text = response.content.decode()
    assert balanced(text)
    library = bibtexparser.parse_string(text)
    assert not library.failed_blocks
    [entry] = library.entries
    return entry, {name: field.value for name, field in entry.fields_dict.items()}


def ris_record(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/x-research-info-systems; charset=utf-8"
    text = response.content.decode()
    lines = text.split("\r\n")
    assert lines[0].startswith("TY  - ")
    assert lines[-2] == "ER  - " and lines[-1] == ""
    assert all(re.match(r"^[A-Z][A-Z0-9]  - ", line) for line in lines[:-1])
    [record] = rispy.loads(text)
    return record


# A publication: its authors, date, publisher ------------------------------------------------


def test_a_publications_page_has_highwire_tags_from_its_own_authors_and_date(client, publication):
    html = client.get(publication.get_absolute_url()).content.decode()
    head = html[: html.index("</head>")]
    assert meta(head, "citation_title") == ["Remittances &amp; the {costs} of sending money"]
    assert meta(head, "citation_author") == ["Camilla Hagström", "Jill Helke"]
    assert meta(head, "citation_publication_date") == ["2019/07/11"]
    assert meta(head, "citation_publisher") == ["International Organization for Migration"]
    assert meta(head, "citation_pdf_url") == [
        f"http://testserver/publications/{publication.slug}/file/"
    ]
    assert meta(head, "citation_abstract_html_url") == [
        f"http://testserver{publication.get_absolute_url()}"
    ]


def test_a_publications_page_and_card_lead_to_the_document(client, publication):
    html = client.get(publication.get_absolute_url()).content.decode()
    access = html[html.index('class="publication-access"') :]
    access = access[: access.index("</p>")]
    assert f'href="/publications/{publication.slug}/file/"' in access
    assert ">Download<" in access
    assert 'href="https://example.org/report"' in access and ">Read<" in access
    listing = client.get("/publications/").content.decode()
    card = listing[listing.index('class="card"') :]
    assert f'href="/publications/{publication.slug}/file/"' in card
    assert "2019 · International Organization for Migration · English" in card
    only_online = make_publication(title="Online only", url="https://example.org/online")
    listing = client.get("/publications/").content.decode()
    card = listing[listing.index(f'href="{only_online.get_absolute_url()}"') :]
    card = card[: card.index("</article>")]
    assert 'href="https://example.org/online"' in card and ">Read<" in card


def test_a_publications_bibtex_and_ris_parse_and_name_its_authors(client, publication):
    entry, fields = bib_entry(client, f"/cite/publications/{publication.slug}.bib")
    assert entry.entry_type == "techreport"
    assert fields["author"] == "Camilla Hagström and Jill Helke"
    assert fields["title"] == r"Remittances \& the \{costs\} of sending money"
    assert fields["year"] == "2019"
    assert fields["date"] == "2019-07-11"
    assert fields["institution"] == "International Organization for Migration"
    assert fields["url"] == f"http://testserver{publication.get_absolute_url()}"
    record = ris_record(client, f"/cite/publications/{publication.slug}.ris")
    assert record["type_of_reference"] == "RPRT"
    assert record["authors"] == ["Camilla Hagström", "Jill Helke"]
    assert record["year"] == "2019"
    assert record["publisher"] == "International Organization for Migration"
    assert record["title"] == "Remittances & the {costs} of sending money"


def test_the_french_files_give_the_french_title(client, publication):
    _entry, fields = bib_entry(client, f"/fr/cite/publications/{publication.slug}.bib")
    assert fields["title"] == "Les transferts de fonds"
    assert fields["url"] == f"http://testserver/fr/publications/{publication.slug}/"
    record = ris_record(client, f"/fr/cite/publications/{publication.slug}.ris")
    assert record["title"] == "Les transferts de fonds"


def test_without_authors_the_publisher_is_the_author(client):
    record = make_publication(title="A report", year=2018, publisher_name="ICMPD")
    _entry, fields = bib_entry(client, f"/cite/publications/{record.slug}.bib")
    assert fields["author"] == "{ICMPD}"
    assert fields["year"] == "2018"
    assert "date" not in fields


# A statement: its speaker and its event's date ----------------------------------------------


def test_a_statement_is_cited_by_its_speaker_and_its_events_date(client):
    event = make_event(title="Closing event", date=datetime.date(2019, 7, 11))
    quote = make_statement(speaker=make_person(name="Jill Helke"), event=event)
    html = client.get(quote.get_absolute_url()).content.decode()
    assert meta(html, "citation_author") == ["Jill Helke"]
    assert meta(html, "citation_publication_date") == ["2019/07/11"]
    _entry, fields = bib_entry(client, f"/cite/statements/{quote.slug}.bib")
    assert fields["author"] == "Jill Helke"
    assert fields["title"] == "Statement by Jill Helke, Closing event"
    assert fields["date"] == "2019-07-11"
    record = ris_record(client, f"/cite/statements/{quote.slug}.ris")
    assert record["authors"] == ["Jill Helke"]
    assert record["date"] == "2019/07/11"


# A lesson: the portal, and no invented date --------------------------------------------------


def test_a_lesson_is_cited_as_the_portals_without_a_date(client):
    event = make_event(date=datetime.date(2019, 7, 11))
    lesson = make_lesson(title="Lower the cost of remittances", event=event)
    html = client.get(lesson.get_absolute_url()).content.decode()
    assert meta(html, "citation_author") == [PORTAL]
    assert meta(html, "citation_publication_date") == []
    entry, fields = bib_entry(client, f"/cite/lessons/{lesson.slug}.bib")
    assert entry.entry_type == "online"
    assert fields["author"] == "{" + PORTAL + "}"
    assert "year" not in fields and "date" not in fields
    record = ris_record(client, f"/cite/lessons/{lesson.slug}.ris")
    assert record["authors"] == [PORTAL]
    assert "year" not in record


# The box ---------------------------------------------------------------------------------------


def test_the_cite_box_offers_the_files_and_a_copy_button_that_needs_no_script(client, publication):
    html = client.get(publication.get_absolute_url()).content.decode()
    box = html[html.index('class="cite"') :]
    box = box[: box.index("</section>")]
    # The citation is text to select; the button is added by the script.
    assert 'id="citation-text"' in box and "Camilla Hagström, Jill Helke (2019)." in box
    assert 'data-copy-target="citation-text"' in box
    assert "<button" not in box
    assert "/static/js/cite.js" in box
    assert f'href="/cite/publications/{publication.slug}.bib"' in box
    assert f'href="/cite/publications/{publication.slug}.ris"' in box
    with translation.override("fr"):
        html = client.get(f"/fr/publications/{publication.slug}/").content.decode()
    assert f'href="/fr/cite/publications/{publication.slug}.bib"' in html


def test_records_that_are_not_citable_have_no_citation(client):
    project = make_project(title="A project")
    organisation = make_organisation(name="An organisation")
    for record in (project, organisation):
        html = client.get(record.get_absolute_url()).content.decode()
        assert "Cite this" not in html
        assert "citation_title" not in html
        assert "Suggest a correction" in html
    assert client.get(f"/cite/projects/{project.slug}.bib").status_code == 404


def test_no_file_for_a_record_the_public_may_not_see(client):
    draft = make_lesson(title="Draft", status=Status.DRAFT)
    assert client.get(f"/cite/lessons/{draft.slug}.bib").status_code == 404
    assert client.get(f"/cite/lessons/{draft.slug}.ris").status_code == 404
    assert client.get("/cite/lessons/no-such-lesson.ris").status_code == 404
