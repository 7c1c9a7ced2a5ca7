"""Public pages of the programme app (namespace "programme")."""

from django.urls import path
from django.views.generic import TemplateView

from . import opendata, search

app_name = "programme"

urlpatterns = [
    path("", TemplateView.as_view(template_name="home.html"), name="home"),
    path("search/", search.search, name="search"),
    path("search/export.<str:format>", opendata.search_export, name="search_export"),
    path("data/", opendata.DataDictionaryView.as_view(), name="data_dictionary"),
]
