from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammeConfig(AppConfig):
    name = "programme"
    verbose_name = _("Programme")

    def ready(self):
        from django.db.backends.signals import connection_created

        from . import cache
        from .search import register_sqlite_functions

        cache.connect_signals()
        # The SQLite search fallback compares text through a Python function that each new
        # connection must be given.
        connection_created.connect(register_sqlite_functions, dispatch_uid="portal_fold")
