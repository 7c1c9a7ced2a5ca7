"""Public pages of lessons learned and good practices (namespace "lessons")."""

app_name = "lessons"

urlpatterns = []
