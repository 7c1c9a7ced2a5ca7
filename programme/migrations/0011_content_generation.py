"""The page cache's generation, kept in the database so that an edit changes it in its own
transaction (see programme/cache.py); its one row is created here."""

from django.db import migrations, models


def create_row(apps, schema_editor):
    ContentGeneration = apps.get_model("programme", "ContentGeneration")
    ContentGeneration.objects.using(schema_editor.connection.alias).get_or_create(pk=1)


class Migration(migrations.Migration):

    dependencies = [
        ('programme', '0010_remove_sample_flag'),
    ]

    operations = [
        migrations.CreateModel(
            name='ContentGeneration',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('value', models.BigIntegerField(default=0)),
            ],
            options={
                'verbose_name': 'content generation',
                'verbose_name_plural': 'content generations',
                'ordering': ['pk'],
            },
        ),
        migrations.RunPython(create_row, migrations.RunPython.noop),
    ]
