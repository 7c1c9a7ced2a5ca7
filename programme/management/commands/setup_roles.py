from django.core.management.base import BaseCommand

from programme.roles import role_permissions, setup_roles


class Command(BaseCommand):
    help = (
        "Create or update the Editors and Publishers groups with their permissions. "
        "Safe to run again; add staff to a group in the admin under Users."
    )

    def handle(self, *args, **options):
        wanted = role_permissions()
        for group in setup_roles():
            self.stdout.write(f"{group.name}: {len(wanted[group.name])} permissions")
