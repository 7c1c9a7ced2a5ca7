"""Corrections from readers: the form on every record, what it refuses, and the editors' desk."""

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.db import transaction
from django.urls import reverse

from corrections import services
from corrections.models import Correction
from programme.publishing.roles import EDITORS
from tests.factories import make_lesson, make_staff

pytestmark = pytest.mark.django_db

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


@pytest.fixture
def lesson():
    return make_lesson(title="Remittance prices fell")


def form_url(record, key="lessons"):
    return reverse("corrections:suggest", args=[key, record.slug])


def send(client, record, **fields):
    data = {"what_is_wrong": "The year is 2018, not 2019.", "source": "https://example.org/p"}
    data.update(fields)
    return client.post(form_url(record), data)


def test_every_record_page_links_to_its_correction_form(client, lesson):
    page = client.get(lesson.get_absolute_url())
    assert f'href="{form_url(lesson)}"'.encode() in page.content
    french = client.get("/fr" + lesson.get_absolute_url())
    assert b'href="/fr/corrections/lessons/' in french.content


def test_the_form_page_is_never_cached(client, lesson, settings):
    settings.PAGE_CACHE_SECONDS = 600
    first = client.get(form_url(lesson))
    assert first.status_code == 200
    assert "no-cache" in first["Cache-Control"] and "private" in first["Cache-Control"]
    assert "X-Cache" not in first
    assert b"csrfmiddlewaretoken" in first.content
    assert "X-Cache" not in client.get(form_url(lesson))


def test_a_posted_correction_is_stored_and_shown_on_no_public_page(client, lesson):
    response = send(client, lesson, what_is_wrong="Secret-ish remark 7431", email="r@example.org")
    assert response.status_code == 302
    correction = Correction.objects.get()
    assert correction.record == lesson
    assert correction.status == Correction.Status.NEW
    assert correction.email == "r@example.org"
    for url in (lesson.get_absolute_url(), "/lessons/", "/search/?q=remark", "/feeds/lessons/"):
        assert b"Secret-ish" not in client.get(url).content, url
    assert b"Secret-ish" not in client.get("/lessons/export.csv").getvalue()


def test_a_record_that_is_not_public_takes_no_correction(client):
    draft = make_lesson(status="draft")
    assert client.get(form_url(draft)).status_code == 404
    assert send(client, draft).status_code == 404
    assert client.get(reverse("corrections:suggest", args=["nothing", "x"])).status_code == 404
    assert Correction.objects.count() == 0


def test_csrf_is_required(lesson):
    from django.test import Client

    response = send(Client(enforce_csrf_checks=True), lesson)
    assert response.status_code == 403
    assert Correction.objects.count() == 0


def test_the_honeypot_and_the_rate_limit_refuse_a_flood(client, lesson, settings):
    settings.CORRECTIONS_PER_HOUR = 5
    # A robot that fills every field is thanked and forgotten.
    assert send(client, lesson, website="http://spam.example").status_code == 302
    assert Correction.objects.count() == 0
    statuses = [send(client, lesson).status_code for _ in range(10)]
    # The robot's post counted: four more pass, then every post is refused.
    assert statuses == [302] * 4 + [429] * 6
    assert Correction.objects.count() == 4
    # Another address is not held back.
    other = client.post(
        form_url(lesson),
        {"what_is_wrong": "Another reader.", "source": "A book"},
        REMOTE_ADDR="10.9.8.7",
    )
    assert other.status_code == 302


def test_too_long_text_is_refused(client, lesson):
    response = send(client, lesson, what_is_wrong="x" * 2001)
    assert response.status_code == 400
    assert Correction.objects.count() == 0


def test_hostile_text_stays_text_in_the_admin(client, lesson):
    send(client, lesson, what_is_wrong=HOSTILE, source=HOSTILE)
    correction = Correction.objects.get()
    editor = make_staff(EDITORS)
    client.force_login(editor)
    listing = client.get(reverse("admin:corrections_correction_changelist"))
    change = client.get(reverse("admin:corrections_correction_change", args=[correction.pk]))
    for response in (listing, change):
        assert response.status_code == 200
        assert b"<script>alert" not in response.content
        assert b"onerror=alert(1)>" not in response.content
    assert b"&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in change.content


def test_an_editor_accepts_and_the_record_history_names_the_correction(
    client, lesson, django_capture_on_commit_callbacks
):
    send(client, lesson, email="reader@example.org")
    correction = Correction.objects.get()
    editor = make_staff(EDITORS)
    assert editor.groups.filter(name=EDITORS).exists()
    assert Group.objects.get(name=EDITORS).permissions.filter(codename="change_correction")
    client.force_login(editor)
    url = reverse("admin:corrections_correction_change", args=[correction.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"status": "accepted", "editor_note": "Fixed the year."})
        assert mail.outbox == []  # not before the decision is committed
    assert response.status_code == 302, response.content
    correction.refresh_from_db()
    assert correction.status == "accepted" and correction.decided_by == editor
    latest = lesson.history.latest()
    assert latest.history_change_reason == f"Correction {correction.pk} from a reader accepted"
    # Saved through the workflow functions: the history names who accepted it.
    assert latest.history_user == editor
    assert [message.to for message in mail.outbox] == [["reader@example.org"]]
    assert "Fixed the year." in mail.outbox[0].body


def test_accepting_goes_through_the_workflow_functions(lesson, monkeypatch):
    saved = []
    monkeypatch.setattr(
        services.services, "save", lambda user, record, reason=None: saved.append((user, record))
    )
    correction = Correction.objects.create(
        record=lesson, record_title=str(lesson), what_is_wrong="x", source="y"
    )
    editor = make_staff(EDITORS)
    services.decide(correction, Correction.Status.ACCEPTED, editor, "Done")
    assert saved == [(editor, lesson)]
    services.decide(correction, Correction.Status.DECLINED, editor, "No")
    assert len(saved) == 1  # declining changes no record


def test_an_undone_decision_tells_the_reader_nothing(lesson, django_capture_on_commit_callbacks):
    correction = Correction.objects.create(
        record=lesson,
        record_title=str(lesson),
        what_is_wrong="x",
        source="y",
        email="reader@example.org",
    )
    history = lesson.history.count()
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        services.decide(correction, Correction.Status.ACCEPTED, make_staff(EDITORS), "Yes")
        raise RuntimeError("the rest of the request failed")
    assert callbacks == [] and mail.outbox == []
    correction.refresh_from_db()
    assert correction.status == Correction.Status.NEW
    assert lesson.history.count() == history

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.decide(correction, Correction.Status.DECLINED, make_staff(EDITORS), "No")
    assert len(callbacks) == 1
    assert [message.to for message in mail.outbox] == [["reader@example.org"]]


def test_declining_needs_a_note_and_writes_only_to_a_reader_who_gave_an_address(client, lesson):
    send(client, lesson)
    correction = Correction.objects.get()
    client.force_login(make_staff(EDITORS))
    url = reverse("admin:corrections_correction_change", args=[correction.pk])
    refused = client.post(url, {"status": "declined", "editor_note": ""})
    assert refused.status_code == 200
    correction.refresh_from_db()
    assert correction.status == "new"
    history_before = lesson.history.count()
    assert (
        client.post(url, {"status": "declined", "editor_note": "Source says 2019."}).status_code
        == 302
    )
    correction.refresh_from_db()
    assert correction.status == "declined"
    assert lesson.history.count() == history_before
    assert mail.outbox == []
