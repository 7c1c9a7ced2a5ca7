from django.db import migrations


class Migration(migrations.Migration):
    """Placeholder for the Editors and Publishers groups (filled in by the admin work)."""

    dependencies = [("programme", "0001_initial")]

    operations = []
