"""The review desk on the admin's index, and the e-mail publishers get when a record waits."""

from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from lessons.models import Lesson
from programme.models import Status
from programme.publishing import services
from programme.publishing.roles import EDITORS, PUBLISHERS
from tests.factories import drafts as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor():
    return f.make_staff(EDITORS, email="editor@example.org")


@pytest.fixture
def publisher():
    return f.make_staff(PUBLISHERS, email="publisher@example.org")


def written_by(user, **fields):
    """A lesson saved by user through the workflow, so its history names them."""
    lesson = Lesson(slug=f"lesson-{Lesson.objects.count() + 1}", **fields)
    return services.save(user, lesson)


def desk(client, user):
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 200
    return response.context["sections"], response.content.decode()


def titles(sections, key):
    section = next(each for each in sections if each.key == key)
    return [str(obj) for obj in section.items], section.total


def test_publishers_see_what_is_in_review_oldest_first_and_what_is_scheduled(
    client, editor, publisher
):
    older = written_by(editor, title="Older in review")
    newer = written_by(editor, title="Newer in review")
    services.send_to_review(editor, older)
    services.send_to_review(editor, newer)
    Lesson.objects.filter(pk=older.pk).update(updated_at=timezone.now() - timedelta(days=3))
    later = timezone.now() + timedelta(days=2)
    services.schedule(publisher, written_by(editor, title="Scheduled lesson"), later)
    written_by(editor, title="Only a draft")

    sections, html = desk(client, publisher)

    assert [each.key for each in sections] == ["review", "scheduled", "published", "changed"]
    assert titles(sections, "review") == (["Older in review", "Newer in review"], 2)
    assert titles(sections, "scheduled") == (["Scheduled lesson"], 1)
    assert "Scheduled for" in html
    assert "/admin/lessons/lesson/?status__exact=review" in html
    changed, _count = titles(sections, "changed")
    assert "Only a draft" in changed  # the editor's work, changed by someone else


def test_editors_see_their_drafts_and_what_was_sent_back_with_its_note(client, editor, publisher):
    other_editor = f.make_staff(EDITORS)
    written_by(editor, title="My draft")
    written_by(other_editor, title="Someone else's draft")
    returned = written_by(editor, title="Returned lesson")
    services.send_to_review(editor, returned)
    services.send_back(publisher, returned, note="Cite the press release.")
    services.publish(publisher, written_by(editor, title="Published lesson"))

    sections, html = desk(client, editor)

    assert [each.key for each in sections] == ["drafts", "sent_back", "published", "changed"]
    assert titles(sections, "drafts") == (["My draft"], 1)
    assert titles(sections, "sent_back") == (["Returned lesson"], 1)
    assert "Cite the press release." in html
    assert titles(sections, "published") == (["Published lesson"], 1)
    assert "In review, oldest first" not in html


def test_the_desk_costs_the_same_queries_for_one_record_of_each_kind_or_many(
    client, editor, publisher
):
    def one_of_each(n):
        for number in range(n):
            services.send_to_review(editor, written_by(editor, title=f"Review {n}-{number}"))
            services.publish(publisher, written_by(editor, title=f"Public {n}-{number}"))
            services.schedule(
                publisher,
                written_by(editor, title=f"Later {n}-{number}"),
                timezone.now() + timedelta(days=1),
            )
            returned = written_by(editor, title=f"Back {n}-{number}")
            services.send_to_review(editor, returned)
            services.send_back(publisher, returned, note="Again")

    def count(user):
        client.force_login(user)
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/admin/").status_code == 200
        return len(queries)

    one_of_each(1)
    few = count(publisher), count(editor)
    one_of_each(12)
    assert (count(publisher), count(editor)) == few


def test_publishers_get_an_e_mail_when_a_record_is_sent_to_review(
    editor, publisher, django_capture_on_commit_callbacks
):
    f.make_staff(EDITORS, email="another-editor@example.org")
    lesson = written_by(editor, title="Ready for a look")

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.send_to_review(editor, lesson)
        assert mail.outbox == []  # not before the change is committed

    assert len(callbacks) == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["publisher@example.org"]
    assert "Ready for a look" in message.subject
    assert f"/admin/lessons/lesson/{lesson.pk}/change/" in message.body


def test_sending_back_needs_a_publisher_and_a_record_in_review(editor, publisher):
    lesson = written_by(editor, title="Not for editors")
    services.send_to_review(editor, lesson)
    with pytest.raises(services.PermissionDenied):
        services.send_back(editor, lesson, note="No")
    services.send_back(publisher, lesson, note="Shorter, please")
    lesson.refresh_from_db()
    assert lesson.status == Status.DRAFT
    assert lesson.history.first().history_change_reason == "Shorter, please"
    with pytest.raises(services.ValidationError):
        services.send_back(publisher, lesson, note="Twice")


def test_a_send_to_review_that_is_undone_sends_no_e_mail(
    editor, publisher, django_capture_on_commit_callbacks
):
    lesson = written_by(editor, title="Undone")
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        services.send_to_review(editor, lesson)
        raise RuntimeError("the rest of the request failed")
    assert callbacks == []
    assert mail.outbox == []
    lesson.refresh_from_db()
    assert lesson.status == Status.DRAFT
