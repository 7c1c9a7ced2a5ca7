"""Public pages of the programme app (namespace "programme")."""

from django.urls import path

from programme.opendata import views as opendata
from programme.opendata.views import list_export
from programme.public import citations, country_pages, downloads, pages, records, search_page

app_name = "programme"

urlpatterns = [
    path("", pages.HomeView.as_view(), name="home"),
    path("about/", pages.AboutView.as_view(), name="about"),
    path("projects/", records.ProjectListView.as_view(), name="project_list"),
    path(
        "projects/export.<str:format>",
        list_export(records.ProjectListView, "projects"),
        name="project_list_export",
    ),
    path("projects/<slug:slug>/", records.ProjectDetailView.as_view(), name="project_detail"),
    path("stakeholders/", records.OrganisationListView.as_view(), name="organisation_list"),
    path(
        "stakeholders/export.<str:format>",
        list_export(records.OrganisationListView, "stakeholders"),
        name="organisation_list_export",
    ),
    path(
        "stakeholders/<slug:slug>/",
        records.OrganisationDetailView.as_view(),
        name="organisation_detail",
    ),
    path("people/", records.PersonListView.as_view(), name="person_list"),
    path(
        "people/export.<str:format>",
        list_export(records.PersonListView, "people"),
        name="person_list_export",
    ),
    path("people/<slug:slug>/", records.PersonDetailView.as_view(), name="person_detail"),
    path("events/", records.EventListView.as_view(), name="event_list"),
    path(
        "events/export.<str:format>",
        list_export(records.EventListView, "events"),
        name="event_list_export",
    ),
    path("events/<slug:slug>/", records.EventDetailView.as_view(), name="event_detail"),
    path("statements/<slug:slug>/", records.StatementDetailView.as_view(), name="statement_detail"),
    path("publications/", records.PublicationListView.as_view(), name="publication_list"),
    path(
        "publications/export.<str:format>",
        list_export(records.PublicationListView, "publications"),
        name="publication_list_export",
    ),
    path(
        "publications/<slug:slug>/",
        records.PublicationDetailView.as_view(),
        name="publication_detail",
    ),
    path(
        "publications/<slug:slug>/file/",
        downloads.publication_file,
        name="publication_file",
    ),
    path("themes/", pages.ThemeListView.as_view(), name="theme_list"),
    path("themes/<slug:slug>/", pages.ThemeDetailView.as_view(), name="theme_detail"),
    path("regions/", pages.RegionListView.as_view(), name="region_list"),
    path("regions/<slug:slug>/", pages.RegionDetailView.as_view(), name="region_detail"),
    path("countries/", country_pages.CountryListView.as_view(), name="country_list"),
    path("countries/<str:code>/", country_pages.CountryDetailView.as_view(), name="country_detail"),
    path("matrix/", pages.MatrixView.as_view(), name="matrix"),
    path("search/", search_page.search, name="search"),
    path("cite/<str:key>/<slug:slug>.bib", citations.bibtex_file, name="citation_bibtex"),
    path("cite/<str:key>/<slug:slug>.ris", citations.ris_file, name="citation_ris"),
    path("search/export.<str:format>", opendata.search_export, name="search_export"),
    path("data/", opendata.DataDictionaryView.as_view(), name="data_dictionary"),
]
