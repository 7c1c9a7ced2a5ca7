"""Public pages of the programme app (namespace "programme")."""

from django.urls import path

from . import downloads, opendata, search, views
from .opendata import list_export

app_name = "programme"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("about/", views.AboutView.as_view(), name="about"),
    path("projects/", views.ProjectListView.as_view(), name="project_list"),
    path(
        "projects/export.<str:format>",
        list_export(views.ProjectListView, "projects"),
        name="project_list_export",
    ),
    path("projects/<slug:slug>/", views.ProjectDetailView.as_view(), name="project_detail"),
    path("stakeholders/", views.OrganisationListView.as_view(), name="organisation_list"),
    path(
        "stakeholders/export.<str:format>",
        list_export(views.OrganisationListView, "stakeholders"),
        name="organisation_list_export",
    ),
    path(
        "stakeholders/<slug:slug>/",
        views.OrganisationDetailView.as_view(),
        name="organisation_detail",
    ),
    path("people/", views.PersonListView.as_view(), name="person_list"),
    path(
        "people/export.<str:format>",
        list_export(views.PersonListView, "people"),
        name="person_list_export",
    ),
    path("people/<slug:slug>/", views.PersonDetailView.as_view(), name="person_detail"),
    path("events/", views.EventListView.as_view(), name="event_list"),
    path(
        "events/export.<str:format>",
        list_export(views.EventListView, "events"),
        name="event_list_export",
    ),
    path("events/<slug:slug>/", views.EventDetailView.as_view(), name="event_detail"),
    path("statements/<slug:slug>/", views.StatementDetailView.as_view(), name="statement_detail"),
    path("publications/", views.PublicationListView.as_view(), name="publication_list"),
    path(
        "publications/export.<str:format>",
        list_export(views.PublicationListView, "publications"),
        name="publication_list_export",
    ),
    path(
        "publications/<slug:slug>/",
        views.PublicationDetailView.as_view(),
        name="publication_detail",
    ),
    path(
        "publications/<slug:slug>/file/",
        downloads.publication_file,
        name="publication_file",
    ),
    path("themes/", views.ThemeListView.as_view(), name="theme_list"),
    path("themes/<slug:slug>/", views.ThemeDetailView.as_view(), name="theme_detail"),
    path("regions/", views.RegionListView.as_view(), name="region_list"),
    path("regions/<slug:slug>/", views.RegionDetailView.as_view(), name="region_detail"),
    path("matrix/", views.MatrixView.as_view(), name="matrix"),
    path("search/", search.search, name="search"),
    path("search/export.<str:format>", opendata.search_export, name="search_export"),
    path("data/", opendata.DataDictionaryView.as_view(), name="data_dictionary"),
]
