"""The site's URLs. Public pages are in English without a prefix and in French under /fr/."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.views.decorators.http import require_safe

from programme.opendata import views as opendata
from programme.opendata.sitemaps import SITEMAPS
from programme.public import pages

urlpatterns = [
    path("healthz", pages.healthz, name="healthz"),
    # Browsers ask for /favicon.ico on pages (the admin's) that do not name an icon.
    path("favicon.ico", pages.favicon),
    path(settings.ADMIN_URL, admin.site.urls),
    # One sitemap and one robots.txt for both languages: the sitemap lists each page in each.
    path("sitemap.xml", require_safe(sitemap), {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", opendata.robots_txt, name="robots_txt"),
]

urlpatterns += i18n_patterns(
    path("", include("programme.public.urls")),
    path("", include("lessons.urls")),
    path("", include("corrections.urls")),
    prefix_default_language=False,
)
