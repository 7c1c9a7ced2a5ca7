"""The workflow functions decide who may change what the public sees, whichever way a change
comes: the statement's form, the event's inline, history revert, delete, restore, a command."""

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from programme.models import Event, Statement, Status
from programme.publishing import services
from programme.publishing.roles import EDITORS, PUBLISHERS
from tests.admin_forms import admin_url, page_form_values, post_changed
from tests.factories import make_event, make_person, make_staff, make_statement

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_user():
    return make_staff(EDITORS)


@pytest.fixture
def editor(client, editor_user):
    client.force_login(editor_user)
    return client


@pytest.fixture
def publisher_user():
    return make_staff(PUBLISHERS)


@pytest.fixture
def statement():
    """A published statement by a published speaker at a published event."""
    return make_statement(event=make_event(), speaker=make_person(name="Public Speaker"))


def hidden_person():
    return make_person(name="Hidden Person", status=Status.DRAFT)


def test_an_editor_cannot_give_a_published_statement_a_hidden_speaker(editor, statement):
    speaker = statement.speaker
    response = post_changed(
        editor, admin_url(Statement, "change", statement.pk), speaker=hidden_person().pk
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["speaker"]
    assert "Hidden Person" in errors[0] and "not public" in errors[0]
    statement.refresh_from_db()
    assert statement.speaker == speaker
    assert statement.status == Status.PUBLISHED


def test_an_editor_may_give_a_published_statement_a_public_speaker(editor, statement):
    other = make_person(name="Another Public Speaker")
    response = post_changed(editor, admin_url(Statement, "change", statement.pk), speaker=other.pk)
    assert response.status_code == 302
    statement.refresh_from_db()
    assert statement.speaker == other


def test_an_editor_may_keep_a_link_that_is_already_hidden(editor):
    # A published statement whose speaker is not public (yet): correcting its words is fine.
    statement = make_statement(speaker=hidden_person())
    response = post_changed(editor, admin_url(Statement, "change", statement.pk), text="Fixed.")
    assert response.status_code == 302
    statement.refresh_from_db()
    assert statement.text == "Fixed."


def test_an_editor_cannot_put_a_published_statement_on_the_site_by_a_public_speaker(editor):
    # Published, but hidden by its speaker: giving it a public speaker would publish it.
    statement = make_statement(speaker=hidden_person())
    other = make_person(name="Public Speaker")
    response = post_changed(editor, admin_url(Statement, "change", statement.pk), speaker=other.pk)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["speaker"]
    assert "Hidden Person" in errors[0] and "not public" in errors[0]
    statement.refresh_from_db()
    assert statement.speaker.name == "Hidden Person"


def test_an_editor_may_change_a_draft_statements_speaker_to_anyone(editor):
    statement = make_statement(status=Status.DRAFT)
    person = hidden_person()
    response = post_changed(editor, admin_url(Statement, "change", statement.pk), speaker=person.pk)
    assert response.status_code == 302
    statement.refresh_from_db()
    assert statement.speaker == person


def test_a_publisher_may_link_a_hidden_speaker(client, publisher_user, statement):
    client.force_login(publisher_user)
    person = hidden_person()
    response = post_changed(client, admin_url(Statement, "change", statement.pk), speaker=person.pk)
    assert response.status_code == 302
    statement.refresh_from_db()
    assert statement.speaker == person


def test_an_editor_cannot_give_a_statement_a_hidden_speaker_in_the_event_inline(editor, statement):
    event, speaker = statement.event, statement.speaker
    url = admin_url(Event, "change", event.pk)
    data = page_form_values(editor.get(url))
    data["statements-0-speaker"] = str(hidden_person().pk)
    response = editor.post(url, data)
    assert response.status_code == 200
    (formset,) = [inline.formset for inline in response.context["inline_admin_formsets"]]
    assert "not public" in formset.forms[0].errors["speaker"][0]
    statement.refresh_from_db()
    assert statement.speaker == speaker


def test_an_editor_cannot_revert_to_a_version_with_a_hidden_speaker(editor, statement):
    first = statement.speaker
    old_version = statement.history.latest()
    statement.speaker = make_person(name="Second Speaker")
    statement.save()
    first.status = Status.DRAFT  # the first speaker has left the public site since
    first.save()

    url = admin_url(Statement, "simple_history", statement.pk, old_version.history_id)
    response = editor.post(url, page_form_values(editor.get(url)))

    assert response.status_code in {200, 403}
    statement.refresh_from_db()
    assert statement.speaker.name == "Second Speaker"


def test_an_editor_cannot_delete_a_draft_event_a_published_statement_points_to(editor, statement):
    event = make_event(status=Status.DRAFT)
    statement.event = event
    statement.save()
    url = admin_url(Event, "delete", event.pk)
    assert editor.post(url, {"post": "yes"}).status_code == 403
    statement.refresh_from_db()
    assert statement.event == event

    lonely = make_event(status=Status.DRAFT)
    assert editor.post(admin_url(Event, "delete", lonely.pk), {"post": "yes"}).status_code == 302


def test_the_functions_check_the_permission_themselves(editor_user, publisher_user):
    draft = make_statement(status=Status.DRAFT)
    with pytest.raises(PermissionDenied):
        services.publish(editor_user, draft)
    with pytest.raises(PermissionDenied):
        services.schedule(editor_user, draft, timezone.now())
    published = make_statement()
    with pytest.raises(PermissionDenied):
        services.unpublish(editor_user, published)
    with pytest.raises(PermissionDenied):
        services.send_to_review(editor_user, published)
    published.speaker = hidden_person()
    with pytest.raises(PermissionDenied, match="not public"):
        services.save(editor_user, published)

    services.send_to_review(editor_user, draft)
    assert Statement.objects.get(pk=draft.pk).status == Status.REVIEW
    later = timezone.now() + timezone.timedelta(days=1)
    services.schedule(publisher_user, draft, later)
    draft.refresh_from_db()
    assert (draft.status, draft.published_at) == (Status.PUBLISHED, later)
    assert draft.history.latest().history_user == publisher_user
