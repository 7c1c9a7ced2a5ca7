"""Archive mode: every page says the programme has closed, by the setting or the admin switch."""

import datetime

import pytest
from django.urls import reverse

from archive_mode.models import ArchiveMode
from programme.publishing.roles import PUBLISHERS
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
