"""Public pages of lessons learned and good practices (namespace "lessons")."""

from django.urls import path
from django.views.decorators.http import require_safe

from programme.opendata.views import list_export

from . import feeds, views

app_name = "lessons"

urlpatterns = [
    path("lessons/", views.LessonListView.as_view(), name="lesson_list"),
    path(
        "lessons/export.<str:format>",
        list_export(views.LessonListView, "lessons"),
        name="lesson_list_export",
    ),
    path("lessons/<slug:slug>/", views.LessonDetailView.as_view(), name="lesson_detail"),
    path("good-practices/", views.GoodPracticeListView.as_view(), name="goodpractice_list"),
    path(
        "good-practices/export.<str:format>",
        list_export(views.GoodPracticeListView, "good-practices"),
        name="goodpractice_list_export",
    ),
    path(
        "good-practices/<slug:slug>/",
        views.GoodPracticeDetailView.as_view(),
        name="goodpractice_detail",
    ),
    # Feeds, like every public page, answer GET and HEAD only.
    path("feeds/", require_safe(feeds.KnowledgeFeed()), name="feed"),
    path("feeds/lessons/", require_safe(feeds.LessonFeed()), name="lesson_feed"),
    path("feeds/good-practices/", require_safe(feeds.GoodPracticeFeed()), name="goodpractice_feed"),
    # A theme's or a region's page has its feed beside it.
    path(
        "themes/<slug:slug>/feed/",
        require_safe(feeds.KnowledgeFeed()),
        {"tag": "theme"},
        name="theme_feed",
    ),
    path(
        "regions/<slug:slug>/feed/",
        require_safe(feeds.KnowledgeFeed()),
        {"tag": "region"},
        name="region_feed",
    ),
]
