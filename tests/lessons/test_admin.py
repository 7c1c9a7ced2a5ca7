"""The lessons admin: pages open, lists cost the same for 10 or 100 rows, roles apply."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lessons.models import GoodPractice, Lesson
from programme.models import Status
from programme.publishing.roles import EDITORS, PUBLISHERS
from tests.admin_forms import admin_url, post_changed
from tests.factories import drafts as f

pytestmark = pytest.mark.django_db

MAKERS = {Lesson: f.make_lesson, GoodPractice: f.make_good_practice}
MODELS = list(MAKERS)


@pytest.fixture
def publisher(client):
    client.force_login(f.make_staff(PUBLISHERS))
    return client


@pytest.fixture
def editor(client):
    client.force_login(f.make_staff(EDITORS))
    return client


@pytest.fixture
def provenance():
    """Shared related records. A missing select_related/prefetch still costs a query per row."""
    speaker = f.make_person()
    event = f.make_event()
    return {
        "event": event,
        "m2m": {
            "themes": [f.make_theme()],
            "regions": [f.make_region()],
            "stakeholders": [f.make_organisation()],
            "statements": [f.make_statement(speaker=speaker, event=event)],
            "publications": [f.make_publication()],
        },
    }


def add_row(model, provenance):
    return MAKERS[model](event=provenance["event"], m2m=provenance["m2m"])


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_every_admin_page_opens_for_a_publisher(publisher, provenance, model):
    record = add_row(model, provenance)
    other = add_row(model, provenance)

    changelist = publisher.get(admin_url(model, "changelist"))
    assert record.title in changelist.content.decode()
    search = publisher.get(admin_url(model, "changelist"), {"q": record.slug})
    assert list(search.context["cl"].result_list) == [record]
    assert other not in search.context["cl"].result_list
    assert publisher.get(admin_url(model, "add")).status_code == 200

    change = publisher.get(admin_url(model, "change", record.pk))
    body = change.content.decode()
    assert change.status_code == 200
    assert "Where it came from" in body
    assert str(provenance["m2m"]["statements"][0]) in body  # the chosen statement, by name
    assert 'class="viewsitelink"' in body
    assert publisher.get(admin_url(model, "history", record.pk)).status_code == 200
    assert publisher.get(admin_url(model, "deleted")).status_code == 200


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_changelist_costs_the_same_for_10_and_100_rows(publisher, provenance, model):
    def queries_for_list():
        with CaptureQueriesContext(connection) as captured:
            response = publisher.get(admin_url(model, "changelist"))
        return len(captured), len(response.context["cl"].result_list)

    for _ in range(10):
        add_row(model, provenance)
    queries_10, rows_10 = queries_for_list()
    for _ in range(90):
        add_row(model, provenance)
    queries_100, rows_100 = queries_for_list()

    assert (rows_10, rows_100) == (10, 100)
    assert queries_100 == queries_10


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_an_editor_cannot_publish_a_lesson_a_publisher_can(editor, client, model):
    record = MAKERS[model]()
    url = admin_url(model, "change", record.pk)

    response = post_changed(editor, url, status="published")
    assert "status" in response.context["adminform"].form.errors
    response = editor.post(
        admin_url(model, "changelist"),
        {"action": "publish", "_selected_action": [record.pk]},
        follow=True,
    )
    assert [str(m) for m in response.context["messages"]] == ["No action selected."]
    record.refresh_from_db()
    assert record.status == Status.DRAFT

    client.force_login(f.make_staff(PUBLISHERS))
    response = client.post(
        admin_url(model, "changelist"),
        {"action": "publish", "_selected_action": [record.pk]},
        follow=True,
    )
    record.refresh_from_db()
    assert record.status == Status.PUBLISHED
    expected = f"1 {model._meta.verbose_name} published."
    assert [str(m) for m in response.context["messages"]] == [expected]


def test_the_admin_search_finds_what_site_search_finds_drafts_included(publisher):
    """The admin's search calls the site's search function over the registry's fields (a word
    only in a practice's replicability, which the admin's own search fields leave out), and
    finds drafts too."""
    f.make_good_practice(title="Found", replicability="Portable to the archipelagos.")
    f.make_good_practice(title="Other", replicability="Not at all.")
    response = publisher.get(admin_url(GoodPractice, "changelist") + "?q=archipelagos")
    assert [record.title for record in response.context["cl"].result_list] == ["Found"]
    response = publisher.get(admin_url(GoodPractice, "changelist") + "?q=Other")
    assert [record.title for record in response.context["cl"].result_list] == ["Other"]
