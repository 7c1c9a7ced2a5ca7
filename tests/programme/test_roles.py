"""Editors add and correct; only Publishers publish, unpublish and delete what is published."""

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.core.management import CommandError, call_command

from programme.models import Project, Publishable, Status, Theme
from programme.publishing.roles import EDITORS, PUBLISHERS, content_models, role_permissions
from tests.admin_forms import admin_url, page_form_values, post_changed
from tests.factories import drafts as f

pytestmark = pytest.mark.django_db


def codenames(group_name):
    return set(
        Group.objects.get(name=group_name).permissions.values_list(
            "content_type__app_label", "codename"
        )
    )


def publish_codenames():
    return {(app_label, f"publish_{name}") for app_label, name in content_models()[0]}


def test_the_migration_created_both_groups():
    editors, publishers = codenames(EDITORS), codenames(PUBLISHERS)
    assert ("programme", "change_project") in editors
    assert ("lessons", "add_lesson") in editors
    assert not editors & publish_codenames()
    assert publish_codenames() <= publishers
    assert editors < publishers
    assert ("programme", "delete_theme") in publishers - editors


def test_setup_roles_repairs_the_groups_and_can_run_again(capsys):
    editors = Group.objects.get(name=EDITORS)
    editors.permissions.remove(Permission.objects.get(codename="change_project"))
    editors.permissions.add(Permission.objects.get(codename="publish_project"))

    call_command("setup_roles")
    call_command("setup_roles")

    assert codenames(EDITORS) == role_permissions()[EDITORS]
    assert codenames(PUBLISHERS) == role_permissions()[PUBLISHERS]
    assert Group.objects.filter(name__in=[EDITORS, PUBLISHERS]).count() == 2
    assert "Editors:" in capsys.readouterr().out


def test_the_publish_permission_lists_every_content_model():
    publishable = {
        (model._meta.app_label, model._meta.model_name)
        for model in apps.get_models()
        if issubclass(model, Publishable)
    }
    listed = set(content_models()[0])
    assert listed == publishable


@pytest.fixture
def editor(client):
    client.force_login(f.make_staff(EDITORS))
    return client


@pytest.fixture
def publisher(client):
    client.force_login(f.make_staff(PUBLISHERS))
    return client


@pytest.fixture
def programme():
    # Published: a project is public only with its programme.
    return f.make_programme(status=Status.PUBLISHED)


def project_form(programme, **values):
    """The add form as an editor fills it in."""
    return {
        "title": "A project",
        "slug": "a-project",
        "kind": Project.Kind.TECHNICAL_ASSISTANCE,
        "programme": programme.pk,
        "currency": "EUR",
        "status": Status.DRAFT,
        "published_at_0": "",
        "published_at_1": "",
        **values,
    }


# --- An editor cannot publish: not through the form, an action, or a crafted request.


def test_the_editors_form_offers_no_published_status(editor):
    form = editor.get(admin_url(Project, "add")).context["adminform"].form
    assert [value for value, _ in form.fields["status"].choices] == ["draft", "review"]


def test_an_editor_cannot_add_a_published_record(editor, programme):
    response = editor.post(admin_url(Project, "add"), project_form(programme, status="published"))
    assert response.status_code == 200
    assert "status" in response.context["adminform"].form.errors
    assert not Project.objects.exists()


def test_an_editor_cannot_publish_a_draft_by_posting_its_form(editor, programme):
    project = f.make_project(programme=programme, status=Status.REVIEW)
    response = post_changed(editor, admin_url(Project, "change", project.pk), status="published")
    assert response.status_code == 200
    assert "status" in response.context["adminform"].form.errors
    project.refresh_from_db()
    assert project.status == Status.REVIEW


def test_an_editor_may_save_a_draft_and_send_it_to_review(editor, programme):
    response = editor.post(admin_url(Project, "add"), project_form(programme, status="review"))
    assert response.status_code == 302
    assert Project.objects.get().status == Status.REVIEW


def test_an_editor_cannot_publish_through_an_action(editor, programme):
    draft = f.make_project(programme=programme)
    changelist = editor.get(admin_url(Project, "changelist"))
    offered = {name for name, _ in changelist.context["action_form"].fields["action"].choices}
    assert "publish" not in offered
    assert "unpublish" not in offered
    assert "send_to_review" in offered

    editor.post(
        admin_url(Project, "changelist"), {"action": "publish", "_selected_action": [draft.pk]}
    )
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_an_editor_corrects_a_published_record_but_cannot_unpublish_it(editor, programme):
    project = f.make_project(programme=programme, status=Status.PUBLISHED, title="Old")
    published_at = project.published_at
    url = admin_url(Project, "change", project.pk)
    form = editor.get(url).context["adminform"].form
    assert "status" not in form.fields  # shown read-only
    assert "published_at" not in form.fields

    response = post_changed(
        editor, url, title="Corrected", status="draft", published_at_0="2099-01-01"
    )
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.title == "Corrected"
    assert project.status == Status.PUBLISHED
    assert project.published_at == published_at


def test_send_to_review_leaves_published_records_to_publishers(editor, programme):
    draft = f.make_project(programme=programme)
    published = f.make_project(programme=programme, status=Status.PUBLISHED)
    response = editor.post(
        admin_url(Project, "changelist"),
        {"action": "send_to_review", "_selected_action": [draft.pk, published.pk]},
        follow=True,
    )
    draft.refresh_from_db()
    published.refresh_from_db()
    assert (draft.status, published.status) == (Status.REVIEW, Status.PUBLISHED)
    messages = [str(m) for m in response.context["messages"]]
    assert "1 project sent to review." in messages
    assert any("1 published project left as" in m for m in messages)


def test_an_editor_cannot_delete_a_published_record(editor, programme):
    published = f.make_project(programme=programme, status=Status.PUBLISHED)
    assert editor.get(admin_url(Project, "delete", published.pk)).status_code == 403
    assert (
        editor.post(admin_url(Project, "delete", published.pk), {"post": "yes"}).status_code == 403
    )
    editor.post(
        admin_url(Project, "changelist"),
        {"action": "delete_selected", "_selected_action": [published.pk], "post": "yes"},
    )
    assert Project.objects.filter(pk=published.pk).exists()


def test_an_editor_may_delete_a_draft(editor, programme):
    draft = f.make_project(programme=programme)
    response = editor.post(admin_url(Project, "delete", draft.pk), {"post": "yes"})
    assert response.status_code == 302
    assert not Project.objects.filter(pk=draft.pk).exists()


def test_an_editor_may_not_delete_themes(editor):
    theme = f.make_theme()
    assert editor.post(admin_url(Theme, "delete", theme.pk), {"post": "yes"}).status_code == 403
    assert Theme.objects.filter(pk=theme.pk).exists()


def test_an_editor_cannot_republish_by_reverting_to_a_published_version(editor, programme):
    project = f.make_project(programme=programme, status=Status.PUBLISHED)
    published_version = project.history.latest()
    project.status = Status.DRAFT
    project.save()
    url = admin_url(Project, "simple_history", project.pk, published_version.history_id)
    response = editor.post(url, page_form_values(editor.get(url)))
    assert response.status_code == 403
    project.refresh_from_db()
    assert project.status == Status.DRAFT


# --- A publisher can.


def test_a_publisher_publishes_through_the_form(publisher, programme):
    project = f.make_project(programme=programme)
    response = post_changed(publisher, admin_url(Project, "change", project.pk), status="published")
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.status == Status.PUBLISHED
    assert project.published_at is not None
    assert project.is_public


def test_a_publisher_publishes_and_unpublishes_through_actions(publisher, programme):
    drafts = [f.make_project(programme=programme) for _ in range(2)]
    already = f.make_project(programme=programme, status=Status.PUBLISHED)
    selected = [p.pk for p in [*drafts, already]]
    url = admin_url(Project, "changelist")

    response = publisher.post(url, {"action": "publish", "_selected_action": selected}, follow=True)
    assert [str(m) for m in response.context["messages"]] == ["2 projects published."]
    assert set(Project.objects.values_list("status", flat=True)) == {Status.PUBLISHED}
    assert Project.objects.published().count() == 3
    latest = drafts[0].history.latest()
    assert latest.history_user.has_perm("programme.publish_project")

    response = publisher.post(
        url, {"action": "unpublish", "_selected_action": selected}, follow=True
    )
    assert [str(m) for m in response.context["messages"]] == ["3 projects unpublished."]
    assert not Project.objects.published().exists()


def test_a_publisher_deletes_a_published_record(publisher, programme):
    published = f.make_project(programme=programme, status=Status.PUBLISHED)
    response = publisher.post(admin_url(Project, "delete", published.pk), {"post": "yes"})
    assert response.status_code == 302
    assert not Project.objects.filter(pk=published.pk).exists()


def test_setup_roles_says_when_permissions_are_missing():
    Permission.objects.filter(codename="publish_lesson").delete()
    with pytest.raises(CommandError, match="publish_lesson"):
        call_command("setup_roles")
