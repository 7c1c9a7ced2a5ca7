from django.utils.functional import SimpleLazyObject

from .models import Programme


def _current_programme():
    return Programme.objects.published().order_by("-start_year", "pk").first()


def site(request):
    """The programme whose contact details the footer shows, looked up only if used."""
    return {"site_programme": SimpleLazyObject(_current_programme)}
