from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CorrectionsConfig(AppConfig):
    name = "corrections"
    verbose_name = _("Corrections from readers")

    def ready(self):
        from django.db.models.signals import post_migrate

        from programme.publishing import roles

        # Editors read the corrections and accept or decline them.
        roles.add_role_permissions(
            roles.EDITORS,
            ("corrections", "view_correction"),
            ("corrections", "change_correction"),
        )
        # The roles' data migration ran before these models' permissions existed: give the
        # roles their new permissions once migrate has created them (archive_mode's too, as
        # that app comes first).
        post_migrate.connect(update_roles, sender=self, dispatch_uid="corrections-roles")


def update_roles(using="default", **kwargs):
    from programme.publishing.roles import setup_roles

    setup_roles(strict=False)
