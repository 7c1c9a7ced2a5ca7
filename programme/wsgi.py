"""WSGI entry point, used by gunicorn (`make serve`)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "programme.settings")

application = get_wsgi_application()

# A new release's server starts a new page-cache generation (as its `migrate` does): pages
# the previous code built, naming its templates' markup and static files, are not served.
from programme.public.cache import new_generation  # noqa: E402 - needs the settings above

new_generation()
