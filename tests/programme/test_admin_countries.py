"""The admin's countries pickers: the programme's countries (the ACP states and South Sudan)
first, every other country still there, a search box (select2) that works without a server."""

import re

import pytest
from django.contrib import admin
from django.test import RequestFactory
from django_countries import countries

from programme.admin.edit_forms import TagForm, country_choices
from programme.models import Organisation, Project
from programme.public.tilemap import POSITIONS, programme_country_codes
from programme.publishing.roles import PUBLISHERS
from tests.admin_forms import admin_url, post_changed
from tests.factories import drafts as f

pytestmark = pytest.mark.django_db

FIRST = "ACP countries and South Sudan"


@pytest.fixture
def publisher_client(client):
    client.force_login(f.make_staff(PUBLISHERS))
    return client


def groups(html, name):
    """{optgroup label: [option values]} of the select called name, in page order."""
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', html, re.S).group(1)
    found = {}
    for label, body in re.findall(r'<optgroup label="([^"]*)">(.*?)</optgroup>', select, re.S):
        found[label] = re.findall(r'<option value="([^"]*)"', body)
    return found


def test_the_programme_countries_are_the_tables_tiles_outside_europe():
    codes = programme_country_codes()
    # The fact sheet: "80 countries, i.e. the 79 ACP member states plus South Sudan".
    assert len(codes) == 80
    assert {"GY", "FJ", "BF", "CU", "ZA", "TL", "SS"} <= codes
    assert not {"FR", "BE", "DE", "BG"} & codes
    assert codes == {code for code, (_c, _r, group) in POSITIONS.items() if group != "europe"}


def test_the_form_offers_the_programme_countries_first():
    request = RequestFactory().get("/")
    request.user = f.make_staff(PUBLISHERS)
    form = admin.site._registry[Project].get_form(request)()
    (first_label, first), (other_label, others) = form.fields["countries"].choices
    assert first_label == FIRST and other_label == "Other countries"
    first_codes = [code for code, _name in first]
    assert {"GY", "FJ", "BF"} <= set(first_codes)
    assert "FR" not in first_codes
    assert len(first_codes) == 80
    other_codes = [code for code, _name in others]
    assert "FR" in other_codes and "GY" not in other_codes
    # By name within each group, in django-countries' own order (accents sorted as letters).
    assert first_codes == [code for code, _name in countries if code in first_codes]


def test_a_project_page_shows_the_groups_and_saves_any_country(publisher_client):
    project = f.make_project()
    url = admin_url(Project, "change", project.pk)
    html = publisher_client.get(url).content.decode()
    found = groups(html, "countries")
    assert list(found) == [FIRST, "Other countries"]
    assert found[FIRST][:2] == ["AO", "AG"]  # Angola, Antigua and Barbuda
    assert "FR" in found["Other countries"]
    assert 'class="admin-countries"' in html and "js/admin-countries.js" in html
    assert "select2" in html  # the admin's own search-as-you-type script and styles
    response = post_changed(publisher_client, url, countries=["FJ", "FR", "JM"])
    assert response.status_code == 302
    project.refresh_from_db()
    assert [country.code for country in project.countries] == ["FJ", "FR", "JM"]


def test_a_country_outside_the_list_is_refused(publisher_client):
    project = f.make_project()
    url = admin_url(Project, "change", project.pk)
    response = post_changed(publisher_client, url, countries=["XX"])
    assert response.status_code == 200
    assert "countries" in response.context["adminform"].form.errors


def test_an_organisations_one_country_is_grouped_too(publisher_client):
    organisation = f.make_organisation()
    url = admin_url(Organisation, "change", organisation.pk)
    html = publisher_client.get(url).content.decode()
    assert list(groups(html, "country")) == [FIRST, "Other countries"]
    assert post_changed(publisher_client, url, country="BF").status_code == 302
    organisation.refresh_from_db()
    assert organisation.country.code == "BF"
    assert post_changed(publisher_client, url, country="").status_code == 302
    organisation.refresh_from_db()
    assert not organisation.country


def test_tagging_offers_the_programme_countries_first():
    choices = TagForm(Project).fields["countries"].choices
    assert choices[0] == ("", "---------")
    assert choices[1][0] == FIRST and ("FJ", "Fiji") in choices[1][1]


def test_the_groups_are_named_in_french(settings):
    from django.utils import translation

    with translation.override("fr"):
        (first_label, first), (other_label, _others) = country_choices()
        assert first_label == "Pays ACP et Soudan du Sud"
        assert other_label == "Autres pays"
        assert ("TD", "Tchad") in first
