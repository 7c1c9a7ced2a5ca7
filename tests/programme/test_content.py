"""The closing-event content: load_content loads it whole or not at all, a reload changes only
what staff changed, the README's dumpdata commands write it back unchanged, and it says what
the press release says."""

import json
import re
import shlex
import shutil
from datetime import date
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core import serializers
from django.core.management import CommandError, call_command

from lessons.models import GoodPractice, Lesson
from programme.management.commands.load_content import FIXTURES_DIR, fixture_files
from programme.models import (
    Event,
    KeyFigure,
    Milestone,
    Organisation,
    Person,
    Programme,
    Project,
    Publication,
    Region,
    Source,
    SourceVersion,
    Statement,
    Status,
    Theme,
)
from tests.conftest import ROOT

PRESS_RELEASE = ROOT.parent / "shared" / "source" / "press-release-2019-07-11.md"
SOURCE_SLUG = "key-lessons-good-practices-captured-at-eu-acp-migration-programme-close"
CLOSING_EVENT = "acp-eu-migration-action-closing-event"
BRUSSELS = ZoneInfo("Europe/Brussels")

# How many records of each model the fixtures hold: the first load creates exactly these.
EXPECTED_COUNTS = {
    Source: 51,
    Region: 6,
    Theme: 8,
    Publication: 15,
    Organisation: 31,
    Person: 25,
    Programme: 1,
    Project: 21,
    Event: 10,
    Statement: 5,
    Lesson: 7,
    GoodPractice: 6,
    KeyFigure: 10,
    Milestone: 16,
    SourceVersion: 29,
}
CONTENT_MODELS = list(EXPECTED_COUNTS)
PUBLISHABLE_MODELS = [m for m in CONTENT_MODELS if hasattr(m, "status")]
CITED_MODELS = [m for m in CONTENT_MODELS if hasattr(m, "sources")]


def load(*args):
    out = StringIO()
    call_command("load_content", *args, stdout=out)
    return out.getvalue()


def snapshot():
    """Every content row with its primary key: what a reload must leave exactly as it is."""
    rows = [obj for model in CONTENT_MODELS for obj in model.objects.order_by("pk")]
    return serializers.serialize("json", rows, use_natural_foreign_keys=True)


def summary_line(model, created=0, updated=0, unchanged=0):
    return f"{model._meta.label}: {created} created, {updated} updated, {unchanged} unchanged"


def record_position(filename, slug, directory=FIXTURES_DIR):
    """The 1-based position of a record in a fixture file, as load_content reports it."""
    records = json.loads((directory / filename).read_text(encoding="utf-8"))
    return [r["fields"]["slug"] for r in records].index(slug) + 1


def edit_fixture(directory, filename, slug, **fields):
    """Change one record of a copied fixture file; return how load_content names it."""
    path = directory / filename
    records = json.loads(path.read_text(encoding="utf-8"))
    number = record_position(filename, slug, directory)
    record = records[number - 1]
    record["fields"].update(fields)
    path.write_text(json.dumps(records, indent=2, ensure_ascii=False), encoding="utf-8")
    return f"{filename}, record {number} ({record['model']} '{slug}')"


@pytest.fixture
def loaded(db):
    return load()


@pytest.fixture
def fixtures_copy(tmp_path):
    return shutil.copytree(FIXTURES_DIR, tmp_path / "fixtures")


def readme_dump_commands():
    """The dumpdata commands of the README's Content section, as argument lists."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Content\n", 1)[1].split("\n## ", 1)[0]
    return [
        shlex.split(line)[2:]
        for line in section.splitlines()
        if line.startswith("python manage.py dumpdata ")
    ]


def dump(directory):
    """Run the README's dumpdata commands, writing into `directory` instead of fixtures/."""
    directory.mkdir(exist_ok=True)
    for args in readme_dump_commands():
        target = args.index("-o") + 1
        args[target] = str(directory / args[target].removeprefix("fixtures/"))
        call_command(*args)
    return {path.name: path.read_bytes() for path in fixture_files(directory)}


# Loading


def test_first_load_creates_every_record_and_says_so(loaded):
    for model, count in EXPECTED_COUNTS.items():
        assert model.objects.count() == count, model
        assert summary_line(model, created=count) in loaded
    assert "Updated" not in loaded


def test_loading_twice_leaves_the_same_rows(loaded):
    before = snapshot()
    output = load()
    assert snapshot() == before
    for model, count in EXPECTED_COUNTS.items():
        assert summary_line(model, unchanged=count) in output
    assert "Updated" not in output


def test_each_loaded_record_has_one_version_with_its_links(loaded):
    for model in CONTENT_MODELS:
        versions = model.history.model.objects
        assert versions.count() == model.objects.count(), model
        assert set(versions.values_list("history_type", flat=True)) == {"+"}, model
    lesson = Lesson.objects.filter(themes__isnull=False, statements__isnull=False).first()
    (version,) = lesson.history.all()
    for name in ("themes", "sources", "statements"):
        kept = {getattr(link, f"{name[:-1]}_id") for link in getattr(version, name).all()}
        assert kept == set(getattr(lesson, name).values_list("pk", flat=True)), name
        assert kept, name
    # A reload that changes nothing writes no version.
    load()
    assert lesson.history.count() == 1


def test_every_loaded_object_passes_full_clean(loaded):
    checked = 0
    for model in CONTENT_MODELS:
        for obj in model.objects.all():
            obj.full_clean()
            checked += 1
    assert checked == sum(EXPECTED_COUNTS.values())


def test_every_record_is_published_at_a_real_time_of_the_portal(loaded):
    # The portal did not exist in 2019: its own times are when the records were written.
    for model in PUBLISHABLE_MODELS:
        assert set(model.objects.values_list("status", flat=True)) == {Status.PUBLISHED}
        assert not model.objects.filter(published_at__year__lt=2026).exists(), model
        assert not model.objects.filter(created_at__year__lt=2026).exists(), model
        assert model.objects.published().count() == EXPECTED_COUNTS[model]


def test_every_record_cites_at_least_one_source_with_an_address(loaded):
    for model in CITED_MODELS:
        uncited = model.objects.filter(sources=None)
        assert not uncited.exists(), (model, list(uncited.values_list("slug", flat=True)))
    assert not Source.objects.exclude(url__regex=r"^https?://[^/\s]+\.[^/\s]+").exists()


def test_nothing_in_the_fixtures_lacks_a_source_and_no_source_is_idle(loaded):
    cited = set(SourceVersion.objects.values_list("source", flat=True))
    for model in CITED_MODELS:
        cited |= set(model.sources.through.objects.values_list("source", flat=True))
    assert cited == set(Source.objects.values_list("pk", flat=True))


@pytest.mark.parametrize(
    ("filename", "slug", "field", "value", "missing"),
    [
        (
            "05-events-and-statements.json",
            "camilla-hagstrom-drawing-on-the-lessons-learnt",
            "speaker",
            ["no-such-person"],
            "no-such-person",
        ),
        (
            "06-lessons-and-good-practices.json",
            "regional-and-inter-regional-peer-to-peer-meetings",
            "themes",
            [["visas"], ["no-such-theme"]],
            "no-such-theme",
        ),
    ],
    ids=["foreign-key", "many-to-many"],
)
def test_a_broken_reference_is_refused_whole(
    loaded, fixtures_copy, filename, slug, field, value, missing
):
    # A valid change in an earlier file must not be saved either.
    edit_fixture(fixtures_copy, "03-organisations-and-people.json", "jill-helke", role="Changed")
    where = edit_fixture(fixtures_copy, filename, slug, **{field: value})
    before = snapshot()
    with pytest.raises(CommandError) as refused:
        load("--directory", str(fixtures_copy))
    message = str(refused.value)
    assert where in message
    assert missing in message
    assert "the database is unchanged" in message
    assert snapshot() == before


def test_an_unknown_field_is_refused_whole(loaded, fixtures_copy):
    edit_fixture(fixtures_copy, "03-organisations-and-people.json", "jill-helke", role="Changed")
    where = edit_fixture(
        fixtures_copy, "04-programme-and-projects.json", "support-to-non-state-actors", nickname="x"
    )
    before = snapshot()
    with pytest.raises(CommandError) as refused:
        load("--directory", str(fixtures_copy))
    assert where in str(refused.value)
    assert "nickname" in str(refused.value)
    assert snapshot() == before


def test_an_invalid_value_is_refused_whole(loaded, fixtures_copy):
    where = edit_fixture(
        fixtures_copy, "03-organisations-and-people.json", "jill-helke", email="not an address"
    )
    before = snapshot()
    with pytest.raises(CommandError) as refused:
        load("--directory", str(fixtures_copy))
    assert where in str(refused.value)
    assert "email" in str(refused.value)
    assert snapshot() == before


def test_a_record_given_twice_is_refused(db, fixtures_copy):
    # Two records with one slug would silently overwrite each other.
    path = fixtures_copy / "01-reference.json"
    records = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps([*records, records[0]]), encoding="utf-8")
    with pytest.raises(CommandError) as refused:
        load("--directory", str(fixtures_copy))
    assert f"01-reference.json, record {len(records) + 1} (programme.region 'africa')" in str(
        refused.value
    )
    assert "appears twice" in str(refused.value)
    assert not Region.objects.exists()


def test_a_refused_first_load_leaves_an_empty_database_empty(db, fixtures_copy):
    where = edit_fixture(
        fixtures_copy,
        "06-lessons-and-good-practices.json",
        "demand-driven-technical-assistance-builds-ownership",
        event=["no-such-event"],
    )
    with pytest.raises(CommandError, match=re.escape(where)):
        load("--directory", str(fixtures_copy))
    for model in CONTENT_MODELS:
        assert not model.objects.exists(), model


# A database edited by staff


def test_a_reload_keeps_staff_records_and_puts_back_staff_edits_to_fixture_records(loaded):
    closing = Event.objects.get(slug=CLOSING_EVENT)
    staff_organisation = Organisation.objects.create(
        slug="added-by-staff", name="Added by staff", kind=Organisation.Kind.OTHER
    )
    staff_lesson = Lesson.objects.create(
        slug="staff-lesson", title="A staff lesson", takeaway="Written in the admin.", event=closing
    )
    staff_lesson.stakeholders.add(staff_organisation)
    person = Person.objects.get(slug="jill-helke")
    person.role = "Edited by staff"
    person.save()
    statement = Statement.objects.get(
        slug="leonard-emile-ognimba-demand-driven-technical-assistance"
    )
    statement.themes.add(Theme.objects.get(slug="readmission"))

    output = load()

    number = record_position("03-organisations-and-people.json", "jill-helke")
    assert (
        f"Updated 03-organisations-and-people.json, record {number} (programme.person 'jill-helke')"
        in output
    )
    assert "(programme.statement 'leonard-emile-ognimba-demand-driven-technical-assistance')" in (
        output
    )
    people, statements = EXPECTED_COUNTS[Person], EXPECTED_COUNTS[Statement]
    assert summary_line(Person, updated=1, unchanged=people - 1) in output
    assert summary_line(Statement, updated=1, unchanged=statements - 1) in output
    assert summary_line(Organisation, unchanged=EXPECTED_COUNTS[Organisation]) in output
    assert summary_line(Lesson, unchanged=EXPECTED_COUNTS[Lesson]) in output
    person.refresh_from_db()
    assert person.role == ""  # disputed: the fixture leaves it empty
    assert not statement.themes.exists()
    staff_lesson.refresh_from_db()
    assert staff_lesson.event == closing
    assert list(staff_lesson.stakeholders.all()) == [staff_organisation]
    assert Organisation.objects.filter(slug="added-by-staff").exists()


# Writing the content back


def test_the_readme_dump_commands_cover_every_fixture_file_and_content_model():
    commands = readme_dump_commands()
    targets = [args[args.index("-o") + 1] for args in commands]
    assert targets == [f"fixtures/{path.name}" for path in fixture_files()]
    labels = [arg for args in commands for arg in args[1:] if "." in arg and "/" not in arg]
    assert sorted(labels) == sorted(m._meta.label_lower for m in CONTENT_MODELS)
    for args in commands:
        assert {"--natural-foreign", "--natural-primary"} <= set(args)
        assert args[args.index("--indent") + 1] == "2"


def test_the_readme_dump_commands_reproduce_the_fixtures_byte_for_byte(loaded, tmp_path):
    dumped = dump(tmp_path / "dump")
    assert dumped == {path.name: path.read_bytes() for path in fixture_files()}


@pytest.mark.django_db(transaction=True)
def test_a_dump_loaded_into_an_empty_database_gives_the_same_dump(tmp_path):
    load()
    # Staff content that the fixtures lack, including a unit saved before its parent body,
    # so the dump holds a reference to a record further down the same file.
    unit = Organisation.objects.create(slug="unit", name="A unit", kind=Organisation.Kind.OTHER)
    body = Organisation.objects.create(slug="body", name="A body", kind=Organisation.Kind.OTHER)
    unit.parent = body
    unit.save()
    Person.objects.filter(slug="jill-helke").update(role="Edited by staff")

    first = dump(tmp_path / "first")
    call_command("flush", interactive=False, verbosity=0)
    assert not any(model.objects.exists() for model in CONTENT_MODELS)
    load("--directory", str(tmp_path / "first"))
    second = dump(tmp_path / "second")

    assert second == first
    assert b'"slug": "unit"' in first["03-organisations-and-people.json"]
    assert Organisation.objects.get(slug="unit").parent.slug == "body"


# What the press release says


@pytest.fixture
def press_release(loaded):
    if not PRESS_RELEASE.exists():
        pytest.skip(f"the press release is not at {PRESS_RELEASE} (outside this repository)")
    # The Markdown escapes underscores (@ACP\_EU\_Action); compare the words as printed.
    return PRESS_RELEASE.read_text(encoding="utf-8").replace("\\_", "_")


def quotations(text):
    """The quoted statements of the press release, in order, each with its speaker's name."""
    names = list(Person.objects.values_list("name", flat=True))
    found, speaker = [], None
    for paragraph in text.split("\n\n"):
        for words, after in re.findall(r"“([^”]+)”([^“]*)", paragraph):
            attribution = re.match(r"\W*(said|she said|she continued)\b(.*)", after, re.S)
            if not attribution:
                continue  # a quoted name, such as “ACP-EU Migration Action”
            if attribution[1] == "said":
                named = [name for name in names if name in attribution[2]]
                assert len(named) == 1, f"no loaded person speaks {words[:40]!r}"
                speaker = named[0]
            found.append((words, speaker))
    return found


def test_every_quotation_is_a_statement_of_its_speaker_word_for_word(press_release):
    quotes = quotations(press_release)
    assert len(quotes) == 5
    statements = list(Statement.objects.order_by("order").select_related("speaker", "event"))
    # Word for word, without the comma that joins a quotation to "said".
    assert [(s.text, s.speaker.name) for s in statements] == [
        (words.removesuffix(","), speaker) for words, speaker in quotes
    ]
    for statement in statements:
        assert statement.event.slug == CLOSING_EVENT
        for sentence in re.split(r"(?<=\.) ", statement.text):
            assert sentence in press_release


def test_people_and_their_roles_are_as_the_press_release_gives_them(press_release):
    people = {
        "Camilla Hagström": (
            "",
            "Acting Head of Unit",
            "dg-international-cooperation-and-development",
        ),
        "Léonard-Emile Ognimba": ("Ambassador", "Assistant Secretary General", "acp-secretariat"),
        "Vasiliki Polychronopoulou": ("", "", "iom-regional-office-brussels"),
    }
    for name, (honorific, role, organisation) in people.items():
        person = Person.objects.get(name=name)
        assert name in press_release
        assert (person.honorific, person.role, person.organisation.slug) == (
            honorific,
            role,
            organisation,
        )
        assert f"{honorific} {name}".strip() in press_release
        assert role in press_release
    # Her title is disputed: no title of her own, each source's version shown instead.
    helke = Person.objects.get(name="Jill Helke")
    assert helke.role == ""
    titles = {version.text: version.source.url for version in SourceVersion.of(helke)[0][1]}
    assert "IOM Director of International Partnerships and Cooperation" in press_release
    assert titles["Director of International Partnerships and Cooperation"]
    assert "Director of International Cooperation and Partnerships" in titles
    assert "ACP Assistant Secretary General, Ambassador Léonard-Emile Ognimba" in press_release
    contact = Person.objects.get(slug="vasiliki-polychronopoulou")
    assert f"Tel: {contact.phone}" in press_release
    assert f"Email: [{contact.email}]" in press_release
    for person in Person.objects.exclude(pk=contact.pk):
        assert not person.email
        assert not person.phone


def test_organisations_and_the_bodies_they_belong_to(press_release):
    named_as = {
        "european-union": "funded by the European Union",
        "european-commission": "the European Commission",
        "dg-international-cooperation-and-development": (
            "European Commission’s DG for International Cooperation and Development"
        ),
        "iom": "International Organization for Migration (IOM)",
        "iom-regional-office-brussels": "IOM’s Regional Office in Brussels",
        "acp-secretariat": "the ACP Secretariat",
    }
    parents = {
        "european-commission": "european-union",
        "dg-international-cooperation-and-development": "european-commission",
        "iom-regional-office-brussels": "iom",
    }
    assert set(Organisation.objects.values_list("slug", flat=True)) >= set(named_as)
    for slug, phrase in named_as.items():
        assert phrase in press_release
        organisation = Organisation.objects.get(slug=slug)
        assert (organisation.parent.slug if organisation.parent else None) == parents.get(slug)
    assert Organisation.objects.get(slug="iom").kind == Organisation.Kind.UN_AGENCY
    assert "IOM and other UN agencies" in press_release


def test_the_programme_facts(press_release):
    programme = Programme.objects.get()
    for phrase in [
        "five-year, intra-ACP programme funded by the European Union and implemented by the "
        "International Organization for Migration (IOM)",
        "launched in 2014, was funded from the 10th European Development Fund and supported "
        "by the ACP Secretariat and the EU",
        "“ACP-EU Migration Action” programme",
    ]:
        assert phrase in press_release
    assert programme.name == "ACP-EU Migration Action"
    assert (programme.duration_years, programme.start_year, programme.scope) == (
        5,
        2014,
        "intra-ACP",
    )
    assert programme.funding_source == "10th European Development Fund"
    assert [o.slug for o in programme.funders.all()] == ["european-union"]
    assert [o.slug for o in programme.implementers.all()] == ["iom"]
    assert {o.slug for o in programme.supporters.all()} == {"acp-secretariat", "european-union"}
    assert {r.name for r in programme.regions.all()} == {"Africa", "Caribbean", "Pacific"}


def test_the_programme_contacts(press_release):
    programme = Programme.objects.get()
    assert f"[www.acpeumigrationaction.iom.int]({programme.website.rstrip('/')})" in press_release
    assert f"Twitter: {programme.twitter}" in press_release
    assert programme.twitter == "@ACP_EU_Action"
    assert programme.facebook.endswith("//facebook.com/acpeuaction")
    assert "Facebook: facebook.com/acpeuaction" in press_release
    assert f"mailto:{programme.contact_email}" in press_release


def test_the_lines_of_work_the_meetings_and_the_non_state_actors(press_release):
    assert (
        "The programme provided technical assistance, supported local projects and knowledge "
        "production on migration for ACP countries and regional organizations." in press_release
    )
    assert set(Project.objects.values_list("kind", flat=True)) == set(Project.Kind.values)

    assert (
        "IOM also organised three peer-to-peer regional thematic meetings in Africa, the "
        "Caribbean and the Pacific" in press_release
    )
    meetings = Event.objects.filter(kind=Event.Kind.REGIONAL_MEETING)
    assert meetings.count() == 3
    assert {m.region.name for m in meetings} == {"Africa", "Caribbean", "Pacific"}
    for meeting in meetings:
        assert meeting.date is None  # no source gives the first day
        assert meeting.project.kind == Project.Kind.REGIONAL_MEETINGS
        assert "iom" in {o.slug for o in meeting.hosts.all()}

    assert "offered financial support to 15 non-State actors for grass-root level projects" in (
        press_release
    )
    support = Project.objects.get(kind=Project.Kind.NON_STATE_ACTOR)
    assert (support.beneficiary_count, support.beneficiary_description) == (15, "non-State actors")


def test_the_five_thematic_publications_have_their_real_titles_where_known(press_release):
    listed = re.search(r"five thematic publications on (.+?)\.\n", press_release)[1]
    subjects = re.split(r",\s*(?:and\s+)?", listed)
    assert len(subjects) == 5
    thematic = Publication.objects.filter(kind=Publication.Kind.THEMATIC)
    assert {p.title for p in thematic} == {
        "Visas in ACP Countries: Key Challenges and Way Forward",
        "Trafficking in Human Beings and Smuggling of Migrants in ACP Countries: Key "
        "Challenges and Ways Forward",
        "Implementing ACP-EU Cooperation on Migration and Development: good practices and "
        "lessons learned",
        # No source gives these two titles: they are named by their subject, and say so.
        "Thematic publication on remittances",
        "Thematic publication on readmission",
    }
    for publication in thematic:
        assert publication.project.kind == Project.Kind.KNOWLEDGE
        assert publication.sources.filter(url="http://acp.int/fr/node/4937").exists()
    for subject in ("remittances", "readmission"):
        untitled = thematic.get(title=f"Thematic publication on {subject}")
        assert "title is not recorded" in untitled.summary
        assert (untitled.year, untitled.url) == (None, "")
    assert {t.slug for t in thematic.get(title__contains="Smuggling").themes.all()} == {
        "trafficking-in-human-beings",
        "smuggling-of-migrants",
    }


def test_the_closing_event(press_release):
    audience = (
        "stakeholders of the ACP-EU Dialogue on Migration and Development, representatives "
        "from ACP and EU Member States, the ACP Secretariat and the European Commission, think "
        "tanks, IOM and other UN agencies"
    )
    assert f"closing event in Brussels today, 11 July 2019 with over 90 {audience}." in (
        press_release
    )
    event = Event.objects.get(slug=CLOSING_EVENT)
    assert (event.kind, event.date, event.city, event.country.code) == (
        Event.Kind.CLOSING,
        date(2019, 7, 11),
        "Brussels",
        "BE",
    )
    assert (event.participant_count, event.participant_count_is_minimum) == (90, True)
    assert event.audience == f"{audience[0].upper()}{audience[1:]}."
    assert {o.slug for o in event.participating_organisations.all()} >= {
        "acp-secretariat",
        "european-commission",
        "iom",
    }


def test_the_press_release_is_the_source_document(press_release):
    source = Publication.objects.get(slug=SOURCE_SLUG)
    assert f"# {source.title}\n" in press_release
    assert "jeu, 11/07/2019 - 16:59 |  ACP Press" in press_release
    assert (source.kind, source.date, source.year, source.publisher_name, source.language) == (
        Publication.Kind.PRESS_RELEASE,
        date(2019, 7, 11),
        2019,
        "ACP Press",
        "en",
    )
    assert f"URL source: <{source.url}>" in press_release
    assert [s.url for s in source.sources.all()] == [source.url]
    assert "General Public documents" in press_release
    assert "General Public documents" in source.summary
