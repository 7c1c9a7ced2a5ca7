from django.core.management.base import BaseCommand, CommandError

from programme.publishing.roles import role_permissions, setup_roles


class Command(BaseCommand):
    help = (
        "Create or update the Editors and Publishers groups with their permissions. "
        "Safe to run again; add staff to a group in the admin under Users."
    )

    def handle(self, *args, **options):
        wanted = role_permissions()
        try:
            groups = setup_roles()
        except LookupError as error:
            raise CommandError(str(error)) from error
        for group in groups:
            self.stdout.write(f"{group.name}: {len(wanted[group.name])} permissions")
