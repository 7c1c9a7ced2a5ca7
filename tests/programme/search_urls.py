"""The site's URLs, plus placeholders for detail pages this branch does not have yet.

Search results link to every content type's detail page and the page suggests themes; those
views are built elsewhere in parallel. A placeholder is added only for a URL name the real
URLs lack, so once the real pages exist the tests run against them unchanged.
"""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.http import HttpResponse
from django.urls import include, path

from lessons import urls as lessons_urls
from programme import public_urls, views

DETAIL_NAMES = {
    public_urls: [
        "theme_detail",
        "region_detail",
        "organisation_detail",
        "person_detail",
        "project_detail",
        "event_detail",
        "statement_detail",
        "publication_detail",
    ],
    lessons_urls: ["lesson_detail", "goodpractice_detail"],
}


def placeholder(request, slug):
    return HttpResponse(slug)


def with_placeholders(module):
    existing = {pattern.name for pattern in module.urlpatterns}
    missing = [name for name in DETAIL_NAMES[module] if name not in existing]
    placeholders = [
        path(f"placeholder/{name}/<slug:slug>/", placeholder, name=name) for name in missing
    ]
    return (list(module.urlpatterns) + placeholders, module.app_name)


urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("admin/", admin.site.urls),
]
urlpatterns += i18n_patterns(
    path("", include(with_placeholders(public_urls))),
    path("", include(with_placeholders(lessons_urls))),
    prefix_default_language=False,
)
