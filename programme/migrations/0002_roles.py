from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

from programme.publishing.roles import setup_roles


def create_roles(apps, schema_editor):
    # Permissions are normally created after the last migration has run (post_migrate);
    # the groups need them now, so create them first. Both steps are idempotent.
    for label in ("programme", "lessons"):
        create_permissions(global_apps.get_app_config(label), apps=apps, verbosity=0)
    setup_roles(apps, strict=False)


class Migration(migrations.Migration):
    """The "publish" permission, and the Editors and Publishers groups (programme.publishing.roles)."""

    dependencies = [
        ("programme", "0001_initial"),
        # The lessons' publish permissions must exist before the groups receive them.
        ("lessons", "0002_publish_permission"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="event",
            options={
                "ordering": ["-date", "title"],
                "permissions": [
                    ("publish_event", "Can publish, unpublish and delete published events")
                ],
                "verbose_name": "event",
                "verbose_name_plural": "events",
            },
        ),
        migrations.AlterModelOptions(
            name="organisation",
            options={
                "ordering": ["name"],
                "permissions": [
                    (
                        "publish_organisation",
                        "Can publish, unpublish and delete published organisations",
                    )
                ],
                "verbose_name": "organisation",
                "verbose_name_plural": "organisations",
            },
        ),
        migrations.AlterModelOptions(
            name="person",
            options={
                "ordering": ["name"],
                "permissions": [
                    ("publish_person", "Can publish, unpublish and delete published people")
                ],
                "verbose_name": "person",
                "verbose_name_plural": "people",
            },
        ),
        migrations.AlterModelOptions(
            name="programme",
            options={
                "ordering": ["-start_year", "name"],
                "permissions": [
                    ("publish_programme", "Can publish, unpublish and delete published programmes")
                ],
                "verbose_name": "programme",
                "verbose_name_plural": "programmes",
            },
        ),
        migrations.AlterModelOptions(
            name="project",
            options={
                "ordering": ["title"],
                "permissions": [
                    ("publish_project", "Can publish, unpublish and delete published projects")
                ],
                "verbose_name": "project",
                "verbose_name_plural": "projects",
            },
        ),
        migrations.AlterModelOptions(
            name="publication",
            options={
                "ordering": ["-year", "title"],
                "permissions": [
                    (
                        "publish_publication",
                        "Can publish, unpublish and delete published publications",
                    )
                ],
                "verbose_name": "publication",
                "verbose_name_plural": "publications",
            },
        ),
        migrations.AlterModelOptions(
            name="statement",
            options={
                "ordering": ["event", "order"],
                "permissions": [
                    ("publish_statement", "Can publish, unpublish and delete published statements")
                ],
                "verbose_name": "statement",
                "verbose_name_plural": "statements",
            },
        ),
        migrations.RunPython(create_roles, migrations.RunPython.noop),
    ]
