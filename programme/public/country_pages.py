"""The country pages: the index of the countries public records name, and a page per country
that gathers, per content type, the public records that name it (programme.public.countries).
"""

from urllib.parse import urlencode

from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView
from django_countries import countries

from programme.public.countries import located_types, named_countries, records_naming


class CountryListView(TemplateView):
    template_name = "programme/country_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["countries"] = [
            {
                "code": code,
                "name": name,
                "url": reverse("programme:country_detail", args=[code.lower()]),
                "figures": [f"{content_type.plural}: {number}" for content_type, number in found],
            }
            for code, name, found in named_countries()
        ]
        return context


class CountryDetailView(TemplateView):
    """Every published record that names the country, by content type: 404 for a code that is
    not a country, or that no public record names."""

    SHOWN = 10
    template_name = "programme/country_detail.html"

    def get(self, request, *args, code, **kwargs):
        if code != code.lower():  # one address per country
            return redirect("programme:country_detail", code=code.lower(), permanent=True)
        self.code = code.upper()
        if len(self.code) != 2 or self.code not in countries:
            raise Http404(_("There is no such country."))
        return super().get(request, *args, **kwargs)

    def section(self, content_type):
        items = records_naming(content_type, self.code, self.SHOWN)
        url = ""
        if "country" in content_type.list_parameters:
            url = f"{reverse(content_type.list_url_name)}?{urlencode({'country': self.code})}"
        return {
            "id": content_type.key,
            "heading": content_type.plural,
            "items": items,
            "count": items[0].total if items else 0,
            "url": url,
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        sections = [self.section(content_type) for content_type in located_types()]
        if not any(section["count"] for section in sections):
            raise Http404(_("No published record names this country."))
        name = countries.name(self.code)
        url = self.request.build_absolute_uri(
            reverse("programme:country_detail", args=[self.code.lower()])
        )
        context.update(
            code=self.code,
            name=name,
            sections=sections,
            permanent_url=url,
            structured_data={
                "@context": "https://schema.org",
                "@type": "CollectionPage",
                "name": str(name),
                "url": url,
                "about": {"@type": "Country", "name": str(name), "identifier": self.code},
            },
        )
        return context
