from django.db import migrations, models


def fail(apps, schema_editor):
    # The table below exists at this point; a migration that fails here must not leave it.
    raise RuntimeError("deliberate failure after creating failing_migration_doomed")


class Migration(migrations.Migration):
    dependencies = [("failing_migration", "0001_initial")]

    operations = [
        migrations.CreateModel(
            name="Doomed",
            fields=[
                ("id", models.BigAutoField(primary_key=True, serialize=False)),
                ("name", models.CharField(max_length=20)),
            ],
        ),
        migrations.RunPython(fail, migrations.RunPython.noop),
    ]
