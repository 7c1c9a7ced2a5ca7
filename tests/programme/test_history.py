"""Every change keeps a revision with who and when; earlier versions and deleted records return."""

import pytest
from django.contrib.auth.models import Permission

from programme.models import Project, Statement, Status, Theme
from programme.publishing.roles import EDITORS, PUBLISHERS
from tests.admin_forms import admin_url, page_form_values, post_changed
from tests.factories import drafts as f
from tests.factories import make_source

pytestmark = pytest.mark.django_db


@pytest.fixture
def publisher_user():
    return f.make_staff(PUBLISHERS, username="pat-publisher")


@pytest.fixture
def publisher(client, publisher_user):
    client.force_login(publisher_user)
    return client


@pytest.fixture
def project():
    return f.make_project(title="First title", summary="First summary")


def test_history_page_shows_who_changed_what_and_when(publisher, project):
    post_changed(publisher, admin_url(Project, "change", project.pk), title="Second title")
    response = publisher.get(admin_url(Project, "history", project.pk))
    body = response.content.decode()
    records = list(response.context["page_obj"])
    assert [r.title for r in records] == ["Second title", "First title"]
    assert records[0].history_user.username == "pat-publisher"
    assert "pat-publisher" in body
    assert "Changed by" in body and "Date/time" in body
    assert "First title" in body and "Second title" in body  # the change itself
    assert body.count("<td>Draft</td>") == 2  # the status of each version, in words


def test_one_save_is_one_version_with_its_new_links_and_its_reason(publisher, project):
    themes = [f.make_theme(), f.make_theme()]
    url = admin_url(Project, "change", project.pk)
    before = project.history.count()
    post_changed(
        publisher,
        url,
        title="Second title",
        themes=[str(theme.pk) for theme in themes],
        countries=["JM", "BB"],
        change_reason="Tagged with two themes",
    )
    assert project.history.count() == before + 1
    latest = project.history.latest()
    assert (latest.title, latest.history_change_reason) == (
        "Second title",
        "Tagged with two themes",
    )
    assert latest.history_user.username == "pat-publisher"
    assert {each.theme_id for each in latest.themes.all()} == {theme.pk for theme in themes}
    # A new record too: one version, with its links.
    source = make_source()
    response = post_changed(
        publisher, admin_url(Theme, "add"), slug="new-theme", name="New", sources=[str(source.pk)]
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    (created,) = Theme.objects.get(slug="new-theme").history.all()
    assert created.history_type == "+"
    assert [each.source_id for each in created.sources.all()] == [source.pk]


def test_an_earlier_version_is_restored_through_the_revert_page(publisher, project):
    url = admin_url(Project, "change", project.pk)
    post_changed(publisher, url, title="Second title", summary="Second summary")
    post_changed(publisher, url, title="Third title", summary="Third summary")
    first = project.history.earliest()

    revert_url = admin_url(Project, "simple_history", project.pk, first.history_id)
    page = publisher.get(revert_url)
    assert page.status_code == 200
    assert 'name="_save"' in page.content.decode()  # the Revert button
    response = publisher.post(revert_url, page_form_values(page))

    assert response.status_code == 302
    project.refresh_from_db()
    assert (project.title, project.summary) == ("First title", "First summary")
    latest = project.history.latest()
    assert latest.history_user.username == "pat-publisher"
    assert project.history.count() == 4  # reverting is itself a recorded change


def test_a_viewer_without_change_permission_cannot_revert(client, project):
    viewer = f.make_staff(EDITORS)
    viewer.groups.clear()
    viewer.user_permissions.add(Permission.objects.get(codename="view_project"))
    client.force_login(viewer)
    project.title = "Changed"
    project.save()
    revert_url = admin_url(Project, "simple_history", project.pk, project.history.earliest().pk)
    page = client.get(revert_url)
    assert 'name="_save"' not in page.content.decode()
    assert client.post(revert_url, page_form_values(page)).status_code == 403
    project.refresh_from_db()
    assert project.title == "Changed"


def delete_through_admin(client, record):
    response = client.post(admin_url(type(record), "delete", record.pk), {"post": "yes"})
    assert response.status_code == 302


def test_a_deleted_record_is_listed_and_restored(publisher, project):
    theme = f.make_theme()
    project.themes.add(theme)
    pk, slug = project.pk, project.slug
    delete_through_admin(publisher, project)

    listing = publisher.get(admin_url(Project, "deleted"))
    records = list(listing.context["records"])
    assert [r.id for r in records] == [pk]
    assert records[0].history_user.username == "pat-publisher"
    assert "First title" in listing.content.decode()

    response = publisher.post(admin_url(Project, "restore", records[0].history_id))

    assert response.status_code == 302
    assert response["Location"] == admin_url(Project, "change", pk)
    restored = Project.objects.get(pk=pk)
    assert (restored.slug, restored.title, restored.summary) == (
        slug,
        "First title",
        "First summary",
    )
    latest = restored.history.latest()
    assert latest.history_type == "+"
    assert latest.history_user.username == "pat-publisher"
    assert latest.history_change_reason == "Restored after deletion"
    assert not publisher.get(admin_url(Project, "deleted")).context["records"]
    # With the many-to-many links it had (django-simple-history's m2m_fields).
    assert list(restored.themes.all()) == [theme]


def test_a_restored_record_gets_back_the_links_of_its_last_version(publisher, project):
    kept, removed, gone = f.make_theme(), f.make_theme(), f.make_theme()
    organisation = f.make_organisation()
    project.themes.set([kept, removed, gone])
    project.implementing_organisations.add(organisation)
    project.themes.remove(removed)
    delete_through_admin(publisher, project)
    gone.delete()  # a linked record deleted since cannot come back

    record = project.history.latest()
    response = publisher.post(admin_url(Project, "restore", record.history_id), follow=True)

    restored = Project.objects.get(pk=project.pk)
    assert list(restored.themes.all()) == [kept]
    assert list(restored.implementing_organisations.all()) == [organisation]
    messages = [str(m) for m in response.context["messages"]]
    assert any("restored with the links it had" in m for m in messages)


def test_restoring_refuses_a_slug_taken_since(publisher, project):
    slug = project.slug
    delete_through_admin(publisher, project)
    f.make_project(slug=slug, title="Newcomer")
    record = project.history.latest()

    response = publisher.post(admin_url(Project, "restore", record.history_id), follow=True)

    assert Project.objects.get(slug=slug).title == "Newcomer"
    messages = [str(m) for m in response.context["messages"]]
    assert any("cannot be restored" in m and "slug already exists" in m.lower() for m in messages)


def test_restore_is_post_only(publisher, project):
    delete_through_admin(publisher, project)
    record = project.history.latest()
    assert publisher.get(admin_url(Project, "restore", record.history_id)).status_code == 405
    assert not Project.objects.exists()


def test_an_editor_restores_a_deleted_draft_but_not_a_published_record(client, publisher, project):
    published = f.make_project(status=Status.PUBLISHED)
    delete_through_admin(publisher, project)
    delete_through_admin(publisher, published)
    client.force_login(f.make_staff(EDITORS))

    refused = client.post(admin_url(Project, "restore", published.history.latest().history_id))
    allowed = client.post(admin_url(Project, "restore", project.history.latest().history_id))

    assert refused.status_code == 403
    assert allowed.status_code == 302
    assert list(Project.objects.values_list("pk", flat=True)) == [project.pk]


def test_reference_data_is_recoverable_too(publisher):
    theme = f.make_theme(name="Remittances")
    delete_through_admin(publisher, theme)
    record = Theme.history.latest()
    publisher.post(admin_url(Theme, "restore", record.history_id))
    assert Theme.objects.get(pk=theme.pk).name == "Remittances"


@pytest.mark.parametrize("count", [3, 12])
def test_the_deleted_records_page_names_statements_in_fixed_queries(
    publisher, django_assert_num_queries, count
):
    # A statement's name is its speaker's: one query for all speakers, not one each.
    for statement in [f.make_statement() for _ in range(count)]:
        statement.delete()
    # 7: the archive-mode switch is read for the admin's banner too.
    with django_assert_num_queries(7):
        response = publisher.get(admin_url(Statement, "deleted"))
    assert len(response.context["records"]) == count
