import logging

from django.conf import settings
from django.db.models import Subquery
from django.utils.functional import SimpleLazyObject

from archive_mode.models import ROW, ArchiveMode
from programme.middleware import database_unavailable
from programme.models import Programme
from programme.opendata.building import BUILDING

logger = logging.getLogger(__name__)


def _current_programme():
    try:
        # The archive mode switch comes with it, in the same query: every page reads both.
        switch = ArchiveMode.objects.filter(pk=ROW)
        return (
            Programme.objects.published()
            .annotate(
                archive_mode=Subquery(switch.values("enabled")),
                closed_on=Subquery(switch.values("closed_on")),
            )
            .order_by("-start_year", "pk")
            .first()
        )
    except Exception as error:
        if not database_unavailable(error):
            raise
        # The pages that need no database (404, 503) still render, without the footer's
        # contact details, instead of turning into a server error.
        logger.warning("Footer without the programme: database unavailable (%s)", error)
        return None


def site(request):
    """The programme whose contact details the footer shows, looked up only if used; and
    whether the page is being written into the static mirror (programme.opendata.mirror)."""
    return {
        "site_programme": SimpleLazyObject(_current_programme),
        "static_mirror": BUILDING.get(),
        "archive_mode_setting": settings.ARCHIVE_MODE,
    }
