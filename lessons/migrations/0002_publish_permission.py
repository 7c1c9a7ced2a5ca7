from django.db import migrations


class Migration(migrations.Migration):
    """The "publish" permission that separates Publishers from Editors (programme.publishing.roles)."""

    dependencies = [("lessons", "0001_initial")]

    operations = [
        migrations.AlterModelOptions(
            name="goodpractice",
            options={
                "ordering": ["title"],
                "permissions": [
                    (
                        "publish_goodpractice",
                        "Can publish, unpublish and delete published good practices",
                    )
                ],
                "verbose_name": "good practice",
                "verbose_name_plural": "good practices",
            },
        ),
        migrations.AlterModelOptions(
            name="lesson",
            options={
                "ordering": ["title"],
                "permissions": [
                    ("publish_lesson", "Can publish, unpublish and delete published lessons learned")
                ],
                "verbose_name": "lesson learned",
                "verbose_name_plural": "lessons learned",
            },
        ),
    ]
