"""Every programme admin page opens for a publisher, and lists cost the same for 10 or 100 rows."""

from datetime import timedelta

import pytest
from django.apps import apps
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from programme.models import (
    Event,
    Organisation,
    Person,
    Programme,
    Project,
    Publication,
    Publishable,
    Region,
    Statement,
    Theme,
)
from programme.public.cache import ContentGeneration
from programme.publishing.roles import PUBLISHERS
from tests.admin_forms import admin_url
from tests.factories import drafts as f

pytestmark = pytest.mark.django_db

# For each model: a function that adds one row with every relation its list shows filled in.
# Relations are shared between rows: a missing select_related/prefetch_related still costs a
# query per row, because Django does not share fetched objects between rows.


@pytest.fixture
def related():
    organisation = f.make_organisation(name="Shared Organisation")
    programme = f.make_programme(name="Shared Programme")
    return {
        "theme": f.make_theme(),
        "region": f.make_region(),
        "organisation": organisation,
        "person": f.make_person(organisation=organisation),
        "programme": programme,
        "event": f.make_event(),
    }


def add_row(model, related):
    themes = {"themes": [related["theme"]]}
    both = {"themes": [related["theme"]], "regions": [related["region"]]}
    builders = {
        Region: lambda: f.make_region(),
        Theme: lambda: f.make_theme(),
        Organisation: lambda: f.make_organisation(parent=related["organisation"]),
        Person: lambda: f.make_person(organisation=related["organisation"]),
        Programme: lambda: f.make_programme(m2m={"regions": [related["region"]]}),
        Project: lambda: f.make_project(programme=related["programme"], m2m=both),
        Event: lambda: f.make_event(region=related["region"], m2m=themes),
        Statement: lambda: f.make_statement(
            speaker=related["person"], event=related["event"], m2m=themes
        ),
        Publication: lambda: f.make_publication(publisher=related["organisation"], m2m=both),
    }
    return builders[model]()


MODELS = [Region, Theme, Organisation, Person, Programme, Project, Event, Statement, Publication]


@pytest.fixture
def publisher_client(client):
    client.force_login(f.make_staff(PUBLISHERS))
    return client


def test_site_header_names_the_portal(publisher_client):
    response = publisher_client.get("/admin/")
    assert "ACP-EU Migration Action portal" in response.content.decode()


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_every_admin_page_opens_for_a_publisher(publisher_client, related, model):
    record = add_row(model, related)
    other = add_row(model, related)
    label = str(record)

    changelist = publisher_client.get(admin_url(model, "changelist"))
    assert changelist.status_code == 200
    assert label in changelist.content.decode()

    search = publisher_client.get(admin_url(model, "changelist"), {"q": record.slug})
    assert search.status_code == 200
    assert list(search.context["cl"].result_list) == [record]
    assert other not in search.context["cl"].result_list

    assert publisher_client.get(admin_url(model, "add")).status_code == 200

    change = publisher_client.get(admin_url(model, "change", record.pk))
    assert change.status_code == 200
    body = change.content.decode()
    assert 'class="viewsitelink"' in body  # "view on site"
    assert 'class="historylink"' in body

    history = publisher_client.get(admin_url(model, "history", record.pk))
    assert history.status_code == 200

    deleted = publisher_client.get(admin_url(model, "deleted"))
    assert deleted.status_code == 200


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_changelist_costs_the_same_for_10_and_100_rows(publisher_client, related, model):
    url = admin_url(model, "changelist")

    def queries_for_list():
        with CaptureQueriesContext(connection) as captured:
            response = publisher_client.get(url)
        assert response.status_code == 200
        return len(captured), len(response.context["cl"].result_list)

    for _ in range(10):
        add_row(model, related)
    queries_10, rows_10 = queries_for_list()
    for _ in range(90):
        add_row(model, related)
    queries_100, rows_100 = queries_for_list()

    assert rows_10 >= 10
    assert rows_100 == 100  # a full page
    assert queries_100 == queries_10


# Tables that grow: a <select> listing all their rows would be slow and unusable.
LARGE_TABLES = {Organisation, Person, Project, Event, Statement, Publication, Theme, Region}


@pytest.mark.parametrize(
    "model",
    [m for m in admin.site._registry if issubclass(m, Publishable)],
    ids=lambda m: m.__name__,
)
def test_every_relation_to_a_large_table_uses_autocomplete(rf, model):
    model_admin = admin.site._registry[model]
    relations = {
        field.name
        for field in model._meta.get_fields()
        if (field.many_to_many or field.many_to_one)
        and not field.auto_created
        and field.related_model in LARGE_TABLES
    }
    assert relations  # every content type points to at least its source
    assert relations <= set(model_admin.get_autocomplete_fields(rf.get("/")))


def test_every_model_is_registered():
    content_models = {
        model
        for app in ("programme", "lessons")
        for model in apps.get_app_config(app).get_models()
        if not model.__name__.startswith("Historical")
        # The page cache's one-row table is no content: nobody edits it.
        and model is not ContentGeneration
    }
    assert content_models <= set(admin.site._registry)


def test_statement_inline_lists_an_events_statements_in_order(publisher_client, related):
    event = related["event"]
    second = f.make_statement(event=event, order=2, text="Second words")
    first = f.make_statement(event=event, order=1, text="First words")
    response = publisher_client.get(admin_url(Event, "change", event.pk))
    inline = response.context["inline_admin_formsets"][0].formset
    assert [form.instance for form in inline.forms] == [first, second]
    assert inline.extra == 0


def test_people_inline_on_their_organisation(publisher_client, related):
    organisation = related["organisation"]
    response = publisher_client.get(admin_url(Organisation, "change", organisation.pk))
    inline = response.context["inline_admin_formsets"][0].formset
    assert [form.instance for form in inline.forms] == [related["person"]]


def test_scheduled_record_shows_as_scheduled_in_the_list(publisher_client):
    f.make_theme(name="Theme")
    f.make_project(
        title="Later", status="published", published_at=timezone.now() + timedelta(days=3)
    )
    f.make_project(title="Now", status="published")
    body = publisher_client.get(admin_url(Project, "changelist")).content.decode()
    assert body.count("Scheduled for") == 1


def test_a_published_record_hidden_by_its_parent_says_so_in_the_list(publisher_client):
    f.make_statement(text="Hidden", status="published", speaker=f.make_person(status="draft"))
    f.make_statement(text="Shown", status="published", speaker=f.make_person(status="published"))
    body = publisher_client.get(admin_url(Statement, "changelist")).content.decode()
    assert body.count("a record it depends on is not public") == 1
    assert "Scheduled for" not in body
