from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammeConfig(AppConfig):
    name = "programme"
    verbose_name = _("Programme")

    def ready(self):
        from django.db.backends.signals import connection_created
        from django.db.models.signals import post_migrate
        from django.utils.autoreload import file_changed

        from programme import content_types  # noqa: F401 (registers the content types)
        from programme.public import cache, fragments
        from programme.public.search import register_sqlite_functions

        cache.connect_signals()
        # migrate runs on every release: pages built by the previous code (its templates, its
        # hashed static file names) must not be served by the new one.
        post_migrate.connect(cache.new_generation, sender=self, dispatch_uid="page-cache-release")
        # The SQLite search fallback compares text through a Python function that each new
        # connection must be given.
        connection_created.connect(register_sqlite_functions, dispatch_uid="portal_fold")
        # The records' cards are keyed by the files this process started with (read now, not
        # on the first card, which could come after a deploy changed them); runserver, which
        # does not restart for a template or a translation, reads them again on a change.
        fragments.release()
        file_changed.connect(fragments.files_changed, dispatch_uid="fragments-release")
