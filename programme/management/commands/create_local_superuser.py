import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = (
        "For a local copy (DEBUG only): create the superuser 'admin' with a random password, "
        "printed once, unless a superuser exists already."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")

    def handle(self, *args, username, **options):
        if not settings.DEBUG:
            raise CommandError(
                "Refusing to create a superuser with a printed password while DEBUG is off; "
                "use 'manage.py createsuperuser' on a production site."
            )
        User = get_user_model()
        if User.objects.filter(is_superuser=True).exists():
            self.stdout.write("A superuser exists already; no new one was created.")
            return
        password = secrets.token_urlsafe(12)
        User.objects.create_superuser(username=username, email="", password=password)
        self.stdout.write(
            self.style.SUCCESS(
                f"Created the local superuser '{username}' with the password: {password}\n"
                "It is shown only this once. Sign in at /admin/."
            )
        )
