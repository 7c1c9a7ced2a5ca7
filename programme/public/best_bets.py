"""Best bets: when what was typed is exactly the name of a theme, a region, a country or a
public organisation (in English or in French, or an organisation's acronym), its page comes
first on /search/, before the results: the page that gathers everything about it.

Names are compared whole, accents and case aside. A query per kind of record (themes, regions,
organisations), whatever the number of results; a country is offered only if a public record
names it (its page exists), which costs a query per content type that names countries, and
only when what was typed is a country's name.
"""

from dataclasses import dataclass

from django.contrib.postgres.lookups import Unaccent
from django.db import connection
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.db.models.lookups import Exact
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from programme.models import Organisation, Region, Theme
from programme.public.countries import located_types, naming
from programme.public.search import Fold, _country_names
from programme.public.stems import fold, words

PER_KIND = 3  # two organisations may share a name; more would not be a best bet


@dataclass(frozen=True)
class BestBet:
    kind: str  # "Theme", "Region", ...
    record: object  # the record, or the country's name
    url: str


def _folded_equals(field, folded):
    if connection.vendor == "postgresql":
        return Q(Exact(Lower(Unaccent(F(field))), folded))
    return Q(Exact(Fold(F(field)), folded))


KINDS = (
    (Theme, ("name", "name_fr"), _("Theme")),
    (Region, ("name", "name_fr"), _("Region")),
    (Organisation, ("name", "name_fr", "acronym"), _("Stakeholder")),
)


def _country(folded):
    wanted = f" {' '.join(words(folded))} "
    for language in ("en", "fr"):
        for code, name in _country_names(language):
            if name == wanted:
                return code
    return None


def _named_by_a_public_record(code):
    return any(
        each.model._default_manager.published()
        .filter(naming(each.model, each.countries, [code]))
        .exists()
        for each in located_types()
    )


def best_bets(query):
    """The records whose name is what was typed: themes, regions, countries, organisations."""
    folded = fold(query).strip()
    if not folded:
        return []
    bets = []
    for model, fields, kind in KINDS:
        condition = Q()
        for field in fields:
            condition |= _folded_equals(field, folded)
        found = model._default_manager.published().filter(condition)[:PER_KIND]
        bets += [BestBet(kind, record, record.get_absolute_url()) for record in found]
    code = _country(folded)
    if code and _named_by_a_public_record(code):
        url = reverse("programme:country_detail", args=[code.lower()])
        bets.append(BestBet(_("Country"), countries.name(code), url))
    return bets
