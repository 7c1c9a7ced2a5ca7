"""Public pages of lessons learned and good practices (namespace "lessons")."""

from django.urls import path

from . import views

app_name = "lessons"

urlpatterns = [
    path("lessons/", views.LessonListView.as_view(), name="lesson_list"),
    path("lessons/<slug:slug>/", views.LessonDetailView.as_view(), name="lesson_detail"),
    path("good-practices/", views.GoodPracticeListView.as_view(), name="goodpractice_list"),
    path(
        "good-practices/<slug:slug>/",
        views.GoodPracticeDetailView.as_view(),
        name="goodpractice_detail",
    ),
]
