from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        migrations.CreateModel(
            name="Survivor",
            fields=[("id", models.BigAutoField(primary_key=True, serialize=False))],
        ),
    ]
