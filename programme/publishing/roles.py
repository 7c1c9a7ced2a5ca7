"""Who may do what in the admin: the Editors and Publishers groups.

Editors add and correct content and send it to review; they cannot publish, unpublish, or
delete what is published. Publishers may also do those. The difference is one custom
permission per content type, `publish_<model>` (declared in each model's Meta), which the
admin checks everywhere a record could go public or leave the public site.

`setup_roles` is used by the 0002_roles data migration (with the migration's historical
`apps`) and by `manage.py setup_roles` (with the real ones), so it is safe to run again:
it adds what is missing and removes what no longer belongs to a role.
"""

from django.apps import apps as global_apps

from programme import registry
from programme.models import Publishable

EDITORS = "Editors"
PUBLISHERS = "Publishers"


def content_models():
    """(publishable, reference): the registered content types' (app_label, model name)s, with
    the publication workflow and without it (the shared vocabulary every record is tagged with:
    deleting a theme or a region changes many pages, so only Publishers may)."""
    publishable, reference = [], []
    for content_type in registry.registered():
        model = content_type.model
        names = (model._meta.app_label, model._meta.model_name)
        (publishable if issubclass(model, Publishable) else reference).append(names)
    return publishable, reference


def publish_permission(model):
    """The "app_label.codename" of the permission to publish, unpublish and delete published."""
    return f"{model._meta.app_label}.publish_{model._meta.model_name}"


def can_publish(user, model):
    return user.has_perm(publish_permission(model))


# Permissions of models that are not content types (the corrections readers send, the archive
# mode switch), added by their apps from AppConfig.ready(): {group name: {(app_label, codename)}}.
EXTRA_PERMISSIONS = {EDITORS: set(), PUBLISHERS: set()}


def add_role_permissions(group, *permissions):
    """Give a role more permissions (Publishers get every permission Editors have)."""
    EXTRA_PERMISSIONS[group].update(permissions)


def role_permissions():
    """{group name: {(app_label, codename), ...}}."""
    editors, publishers = set(), set()
    publishable, reference = content_models()
    for app_label, name in publishable:
        editors |= {(app_label, f"{action}_{name}") for action in ("view", "add", "change")}
        # Editors may delete drafts; the admin refuses them published records.
        editors.add((app_label, f"delete_{name}"))
        publishers.add((app_label, f"publish_{name}"))
    for app_label, name in reference:
        editors |= {(app_label, f"{action}_{name}") for action in ("view", "add", "change")}
        publishers.add((app_label, f"delete_{name}"))
    editors |= EXTRA_PERMISSIONS[EDITORS]
    publishers |= EXTRA_PERMISSIONS[PUBLISHERS]
    return {EDITORS: editors, PUBLISHERS: editors | publishers}


def setup_roles(apps=global_apps, strict=True):
    """Create or update the Editors and Publishers groups. Returns the groups.

    strict=False skips permissions that do not exist yet: the data migration runs before
    the migrations of any model added later, whose permissions the next run will add.
    """
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    groups = []
    for name, wanted in role_permissions().items():
        permissions = [
            permission
            for permission in Permission.objects.filter(
                content_type__app_label__in={app_label for app_label, _ in wanted},
            ).select_related("content_type")
            if (permission.content_type.app_label, permission.codename) in wanted
        ]
        missing = wanted - {(p.content_type.app_label, p.codename) for p in permissions}
        if missing and strict:
            raise LookupError(f"Permissions missing (run migrate first): {sorted(missing)}")
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set(permissions)
        groups.append(group)
    return groups
