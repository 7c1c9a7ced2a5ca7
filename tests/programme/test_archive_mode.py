"""Archive mode: every page says the programme has closed, by the setting or the admin switch."""

import datetime

import pytest
from django.urls import reverse

from archive_mode.models import ArchiveMode
from lessons.models import Lesson
from programme import registry
from programme.models import Theme
from programme.publishing.roles import EDITORS, PUBLISHERS
from tests.factories import make_lesson, make_programme, make_staff

pytestmark = pytest.mark.django_db

BANNER = b'class="archive-banner"'


@pytest.fixture
def pages():
    make_programme(name="ACP-EU Migration Action", start_year=2014, end_year=2019)
    return ["/", "/fr/", make_lesson().get_absolute_url(), "/lessons/"]


def test_off_by_default(client, pages):
    for url in pages:
        assert BANNER not in client.get(url).content, url


def test_the_setting_turns_it_on_with_the_end_year(client, pages, settings):
    settings.ARCHIVE_MODE = True
    for url in pages:
        assert BANNER in client.get(url).content, url
    assert "closed in 2019" in client.get("/").content.decode()


def test_a_publisher_turns_it_on_in_the_admin_with_the_closing_month(client, pages, settings):
    settings.PAGE_CACHE_SECONDS = 600
    assert BANNER not in client.get("/").content  # now in the page cache
    client.force_login(make_staff(PUBLISHERS))
    listing = client.get(reverse("admin:archive_mode_archivemode_changelist"))
    assert b"Archive mode: off" in listing.content
    url = reverse("admin:archive_mode_archivemode_change", args=[1])
    response = client.post(url, {"enabled": "on", "closed_on": "2019-08-31"})
    assert response.status_code == 302
    assert ArchiveMode.objects.get().closed_on == datetime.date(2019, 8, 31)
    client.logout()
    # The cached page is not served again: the switch started a new page-cache generation.
    home = client.get("/").content.decode()
    assert "closed in August 2019" in home
    assert "août 2019" in client.get("/fr/").content.decode()
    assert ArchiveMode.objects.count() == 1


def test_the_switch_is_one_row(client):
    client.force_login(make_staff(PUBLISHERS))
    assert ArchiveMode.objects.count() == 1  # made by the migration
    assert client.get(reverse("admin:archive_mode_archivemode_add")).status_code == 403
    ArchiveMode(enabled=True).save()
    assert ArchiveMode.objects.count() == 1


# "Last reviewed": when staff last published a record, or saved a change to it while public.

DETAIL_PAGES = [
    "project_detail",
    "organisation_detail",
    "person_detail",
    "event_detail",
    "statement_detail",
    "publication_detail",
    "theme_detail",
    "region_detail",
    "lesson_detail",
    "goodpractice_detail",
]
REVIEWED = datetime.datetime(2024, 3, 5, 10, 0, tzinfo=datetime.UTC)


def test_the_detail_pages_cover_every_content_type_with_pages():
    from tests.linked import PAGES

    with_pages = {ct.key for ct in registry.registered() if ct.detail_pages}
    assert len(with_pages) == len(DETAIL_PAGES)
    assert set(DETAIL_PAGES) <= set(PAGES)


def reviewed_everything(records):
    for record in records.values():
        type(record).objects.filter(pk=record.pk).update(reviewed_at=REVIEWED)


@pytest.mark.parametrize("page", DETAIL_PAGES)
def test_every_record_page_says_when_it_was_last_reviewed_in_archive_mode(client, settings, page):
    from tests.linked import PAGES, build_linked

    records = build_linked(1)
    url = PAGES[page](records)
    # Loaded as the fixtures are, never reviewed: nothing to say, even in archive mode.
    settings.ARCHIVE_MODE = True
    assert "Last reviewed" not in client.get(url).content.decode()
    reviewed_everything(records)
    body = client.get(url).content.decode()
    assert 'Last reviewed: <time datetime="2024-03-05">5 March 2024</time>' in body, page
    french = client.get(f"/fr{url}").content.decode()
    assert 'Dernière révision : <time datetime="2024-03-05">5 mars 2024</time>' in french
    settings.ARCHIVE_MODE = False
    assert "Last reviewed" not in client.get(url).content.decode()


def test_the_line_costs_no_query(client, settings, django_assert_num_queries):
    from tests.lessons.test_public_pages import QUERIES as LESSON_QUERIES
    from tests.linked import PAGES, build_linked
    from tests.programme.test_query_counts import QUERIES

    records = build_linked(3)
    reviewed_everything(records)
    settings.ARCHIVE_MODE = True
    counts = {**QUERIES, **LESSON_QUERIES}
    for page in DETAIL_PAGES:
        with django_assert_num_queries(counts[page]):
            assert "Last reviewed" in client.get(PAGES[page](records)).content.decode()


def test_the_workflow_decides_when_a_record_was_reviewed():
    from programme.publishing import services

    editor, publisher = make_staff(EDITORS), make_staff(PUBLISHERS)
    lesson = services.save(editor, Lesson(slug="a-lesson", title="A lesson"))
    assert lesson.reviewed_at is None  # a draft is nobody's review
    services.send_to_review(editor, lesson)
    assert lesson.reviewed_at is None
    services.publish(publisher, lesson)
    published = lesson.reviewed_at
    assert published is not None
    lesson.title = "A corrected lesson"
    services.save(editor, lesson)  # an editor's correction to the public record
    assert lesson.reviewed_at > published
    corrected = lesson.reviewed_at
    services.unpublish(publisher, lesson)
    services.save(editor, lesson)  # work on a draft again
    lesson.refresh_from_db()
    assert lesson.reviewed_at == corrected
    theme = services.save(editor, Theme(slug="a-theme", name="A theme"))
    assert theme.reviewed_at is not None  # themes have no workflow: always public


def test_the_admin_cannot_set_it_by_hand(client):
    client.force_login(make_staff(PUBLISHERS))
    lesson = make_lesson()
    body = client.get(reverse("admin:lessons_lesson_change", args=[lesson.pk])).content
    assert b'name="reviewed_at' not in body
