"""Bad input is refused with an error on the field that is wrong; the database backs it up."""

from datetime import date

import pytest
from django.db import IntegrityError, transaction

from programme.models import Event, Programme, Project, Statement, Theme
from programme.publishing.roles import EDITORS
from tests.admin_forms import admin_url, post_changed
from tests.factories import drafts as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client):
    client.force_login(f.make_staff(EDITORS))
    return client


def form_errors(response):
    assert response.status_code == 200, "the form was accepted"
    form = response.context["adminform"].form
    return {field: [str(e) for e in errors] for field, errors in form.errors.items()}


def test_a_duplicate_slug_is_refused_on_the_slug(editor):
    taken = f.make_project()
    project = f.make_project(programme=taken.programme)
    errors = form_errors(
        post_changed(editor, admin_url(Project, "change", project.pk), slug=taken.slug)
    )
    assert list(errors) == ["slug"]
    assert "already exists" in errors["slug"][0]


def test_a_duplicate_theme_slug_is_refused_on_the_slug(editor):
    taken = f.make_theme()
    errors = form_errors(
        editor.post(admin_url(Theme, "add"), {"name": "Another", "slug": taken.slug})
    )
    assert list(errors) == ["slug"]


def test_a_project_ending_before_it_starts_is_refused_on_the_end_date(editor):
    project = f.make_project()
    errors = form_errors(
        post_changed(
            editor,
            admin_url(Project, "change", project.pk),
            start_date="2019-07-11",
            end_date="2019-07-10",
        )
    )
    assert errors == {"end_date": ["The end date cannot be before the start date."]}


def test_a_programme_ending_before_it_starts_is_refused_on_the_end_year(editor):
    programme = f.make_programme()
    errors = form_errors(
        post_changed(
            editor, admin_url(Programme, "change", programme.pk), start_year="2019", end_year="2015"
        )
    )
    assert errors == {"end_year": ["The end year cannot be before the start year."]}


def test_a_participant_count_below_zero_is_refused_on_the_count(editor):
    event = f.make_event()
    errors = form_errors(
        post_changed(editor, admin_url(Event, "change", event.pk), participant_count="-1")
    )
    assert list(errors) == ["participant_count"]


def test_a_statement_without_a_speaker_is_refused_on_the_speaker(editor):
    statement = f.make_statement()
    errors = form_errors(
        post_changed(editor, admin_url(Statement, "change", statement.pk), speaker="")
    )
    assert errors == {"speaker": ["This field is required."]}


def test_an_inline_statement_without_a_speaker_is_refused(editor):
    event = f.make_event()
    response = post_changed(
        editor,
        admin_url(Event, "change", event.pk),
        **{
            "statements-TOTAL_FORMS": "1",
            "statements-0-text": "Words without a speaker",
            "statements-0-slug": "words",
            "statements-0-order": "0",
            "statements-0-speaker": "",
        },
    )
    assert response.status_code == 200
    formset = response.context["inline_admin_formsets"][0].formset
    assert "speaker" in formset.errors[0]
    assert not Statement.objects.exists()


@pytest.mark.parametrize(
    ("make", "values"),
    [
        (f.make_project, {"start_date": date(2019, 7, 11), "end_date": date(2019, 7, 1)}),
        (f.make_programme, {"start_year": 2019, "end_year": 2015}),
        (f.make_event, {"participant_count": -1}),
    ],
)
def test_the_database_refuses_what_the_forms_refuse(make, values):
    with pytest.raises(IntegrityError), transaction.atomic():
        make(**values)


def test_the_database_refuses_a_duplicate_slug():
    theme = f.make_theme()
    with pytest.raises(IntegrityError), transaction.atomic():
        f.make_theme(slug=theme.slug)


@pytest.mark.parametrize("title", ["Bell\x07", "Vertical\x0btab", "Escape\x1b[31m", "C1\x85next"])
def test_control_characters_are_refused_in_text(editor, title):
    project = f.make_project(title="Clean")
    errors = form_errors(
        post_changed(editor, admin_url(Project, "change", project.pk), title=title)
    )
    assert list(errors) == ["title"]
    assert "control characters" in errors["title"][0]
    project.refresh_from_db()
    assert project.title == "Clean"


def test_a_line_break_is_refused_in_a_one_line_field_only(editor):
    project = f.make_project(title="Clean")
    url = admin_url(Project, "change", project.pk)
    errors = form_errors(post_changed(editor, url, title="Two\nlines"))
    assert list(errors) == ["title"]
    assert "one line" in errors["title"][0]

    accepted = post_changed(editor, url, summary="First line.\r\n\r\n\tSecond line.")
    assert accepted.status_code == 302
    project.refresh_from_db()
    assert project.summary == "First line.\r\n\r\n\tSecond line."


def test_a_malformed_record_address_in_the_history_is_not_found(editor):
    project = f.make_project()
    assert editor.get(f"/admin/programme/project/{project.pk}/history/").status_code == 200
    response = editor.get(f"/admin/programme/project/{project.pk}/change/history/")
    assert response.status_code == 404
