from django.db import migrations


def create_row(apps, schema_editor):
    apps.get_model("archive_mode", "ArchiveMode").objects.get_or_create(pk=1)


class Migration(migrations.Migration):
    dependencies = [("archive_mode", "0001_archive_mode_switch")]

    # The one row the admin changes (off); the admin lets it be added again if it is missing.
    operations = [migrations.RunPython(create_row, migrations.RunPython.noop)]
