from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LessonsConfig(AppConfig):
    name = "lessons"
    verbose_name = _("Lessons and good practices")

    def ready(self):
        # Registers the lessons' export specifications with programme.exports, which must
        # not import this app.
        from . import exports  # noqa: F401
