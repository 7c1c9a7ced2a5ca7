"""A record that is not public has no public page: not found for visitors, a preview for staff."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from programme.models import Status
from programme.publishing.roles import EDITORS
from tests import factories

pytestmark = pytest.mark.django_db

# Every content type with a detail page and the publication workflow, with the field that
# names a record.
MAKERS = {
    "make_lesson": "title",
    "make_practice": "title",
    "make_project": "title",
    "make_organisation": "name",
    "make_person": "name",
    "make_event": "title",
    "make_statement": "text",
    "make_publication": "title",
}
BANNER = "Draft — not public."


@pytest.fixture(params=MAKERS)
def make(request):
    """The maker, taking the record's name as its first argument."""
    maker, name_field = getattr(factories, request.param), MAKERS[request.param]
    return lambda name="A record", **fields: maker(**{name_field: name}, **fields)


@pytest.mark.parametrize("status", [Status.DRAFT, Status.REVIEW])
def test_a_draft_is_not_found_by_visitors_and_previewed_by_staff(client, make, status):
    record = make("Unannounced", status=status)
    url = record.get_absolute_url()
    hidden = client.get(url)
    assert hidden.status_code == 404
    assert "Unannounced" not in hidden.content.decode()
    # Signed in without staff status is still a visitor.
    client.force_login(get_user_model().objects.create_user("reader", password="pw"))
    assert client.get(url).status_code == 404
    client.force_login(factories.make_staff(EDITORS))
    preview = client.get(url)
    assert preview.status_code == 200
    assert BANNER in preview.content.decode()
    # A preview is never kept by a shared cache.
    assert "private" in preview["Cache-Control"]


def test_a_scheduled_record_is_not_found_until_its_time(client, make):
    later = timezone.now() + timedelta(days=1)
    record = make("Embargoed", published_at=later)
    assert client.get(record.get_absolute_url()).status_code == 404
    client.force_login(factories.make_staff(EDITORS))
    preview = client.get(record.get_absolute_url())
    assert preview.status_code == 200
    assert "Scheduled for" in preview.content.decode()


def test_a_published_record_has_no_banner(client, make):
    record = make()
    response = client.get(record.get_absolute_url())
    assert response.status_code == 200
    assert BANNER not in response.content.decode()


@pytest.mark.parametrize("parent", ["speaker", "event"])
def test_a_quote_hidden_by_its_parent_is_previewed_by_staff_only(client, parent):
    hidden_parent = {
        "speaker": factories.drafts.make_person(),
        "event": factories.drafts.make_event(),
    }[parent]
    statement = factories.make_statement(text="Said off the record", **{parent: hidden_parent})
    assert client.get(statement.get_absolute_url()).status_code == 404
    client.force_login(factories.make_staff(EDITORS))
    preview = client.get(statement.get_absolute_url())
    assert preview.status_code == 200
    assert BANNER in preview.content.decode()
