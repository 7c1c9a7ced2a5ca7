from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LessonsConfig(AppConfig):
    name = "lessons"
    verbose_name = _("Lessons and good practices")

    def ready(self):
        # Registers lessons and good practices as public content types (programme/registry.py).
        from . import content_types  # noqa: F401
