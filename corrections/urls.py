from django.urls import path

from corrections import views

app_name = "corrections"

urlpatterns = [
    path("corrections/<slug:key>/<slug:slug>/", views.suggest, name="suggest"),
    path("corrections/<slug:key>/<slug:slug>/sent/", views.thanks, name="thanks"),
]
