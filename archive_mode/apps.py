from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArchiveModeConfig(AppConfig):
    name = "archive_mode"
    verbose_name = _("Archive mode")

    def ready(self):
        from programme.publishing import roles

        # Publishers turn archive mode on and off.
        roles.add_role_permissions(
            roles.PUBLISHERS,
            ("archive_mode", "view_archivemode"),
            ("archive_mode", "add_archivemode"),
            ("archive_mode", "change_archivemode"),
        )
