"""Forms: every POST needs its CSRF token, `next=` never leads away, and refusals are logged.

The public site has only GET forms (filters and search); every form that changes something is
in the admin, behind sign-in and the CSRF check.
"""

import logging
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from axes.models import AccessAttempt
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client, RequestFactory
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.linked import PAGES, build_linked

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-test-password"


class FormCollector(HTMLParser):
    """Every <form> of a page: its method and the names of its fields."""

    def __init__(self):
        super().__init__()
        self.forms = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.forms.append({"method": (attrs.get("method") or "get").lower(), "fields": []})
        elif tag in {"input", "select", "textarea", "button"} and self.forms:
            self.forms[-1]["fields"].append(attrs.get("name"))


def forms_of(response):
    collector = FormCollector()
    collector.feed(response.content.decode())
    return collector.forms


@pytest.fixture
def records():
    return build_linked(3)


@pytest.fixture
def chief():
    return get_user_model().objects.create_superuser("chief", password=PASSWORD)


def csrf_client():
    return Client(enforce_csrf_checks=True)


def all_url_patterns(resolver=None, prefix=""):
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            yield from all_url_patterns(pattern, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), pattern.callback


def test_no_view_is_exempt_from_the_csrf_check():
    exempt = [route for route, view in all_url_patterns() if getattr(view, "csrf_exempt", False)]
    assert exempt == []


def test_the_public_site_has_no_post_form(client, records):
    pages = {name: page(records) for name, page in PAGES.items()}
    pages |= {"search": "/search/?q=lesson", "data": "/data/", "not found": "/no-such-page/"}
    seen = 0
    for name, url in pages.items():
        for form in forms_of(client.get(url)):
            assert form["method"] == "get", name
            seen += 1
    assert seen >= len(pages)  # the search box in the header is on every page


def admin_pages(records, user):
    """(name, URL) of the admin pages with a POST form: for every model, and the site's own."""
    request = RequestFactory().get("/")
    request.user = user
    by_model = {type(record): record for record in records.values()}
    by_model[get_user_model()] = get_user_model().objects.get(username="chief")
    by_model[Group] = Group.objects.get_or_create(name="Reviewers")[0]
    pages = [("password change", reverse("admin:password_change"))]
    for model, model_admin in admin.site._registry.items():
        opts = model._meta
        info = f"admin:{opts.app_label}_{opts.model_name}"
        pages.append((f"{info} changelist", reverse(f"{info}_changelist")))
        if model_admin.has_add_permission(request):
            pages.append((f"{info} add", reverse(f"{info}_add")))
        record = by_model.get(model)
        if record is None:  # the sign-in records of django-axes: listed and deleted only
            continue
        pages += [
            (f"{info} change", reverse(f"{info}_change", args=[record.pk])),
            (f"{info} delete", reverse(f"{info}_delete", args=[record.pk])),
        ]
        if hasattr(model_admin, "history_form_view"):
            version = record.history.earliest()
            pages.append(
                (
                    f"{info} revert",
                    reverse(f"{info}_simple_history", args=[record.pk, version.history_id]),
                )
            )
    return pages


def test_every_admin_form_carries_its_token_and_is_refused_without_it(records, chief, caplog):
    client = csrf_client()
    client.force_login(chief)
    pages = admin_pages(records, chief)
    assert len(pages) > 50
    posting = 0
    for name, url in pages:
        page = client.get(url)
        assert page.status_code == 200, name
        for form in forms_of(page):
            if form["method"] == "post":
                posting += 1
                assert "csrfmiddlewaretoken" in form["fields"], name
        with caplog.at_level(logging.WARNING, logger="django.security.csrf"):
            refused = client.post(url, {"action": "delete_selected", "_selected_action": "1"})
        assert refused.status_code == 403, name
    assert posting >= len(pages)  # the sign-out button is a form on every page
    # Signing out is a POST too (the button on every page).
    with caplog.at_level(logging.WARNING, logger="django.security.csrf"):
        assert client.post(reverse("admin:logout")).status_code == 403
    assert client.session["_auth_user_id"] == str(chief.pk)
    refusals = [r for r in caplog.records if r.name == "django.security.csrf"]
    assert len(refusals) == len(pages) + 1
    assert "CSRF token missing" in refusals[0].getMessage()
    # Nothing was changed or deleted by the refused posts.
    for record in records.values():
        record.refresh_from_db()


def test_a_refused_change_leaves_the_record_as_it_was(records, chief):
    lesson = records["lesson"]
    client = csrf_client()
    client.force_login(chief)
    url = reverse("admin:lessons_lesson_change", args=[lesson.pk])
    response = client.post(url, {"title": "Changed without a token", "slug": lesson.slug})
    assert response.status_code == 403
    lesson.refresh_from_db()
    assert lesson.title != "Changed without a token"


def test_the_sign_in_form_needs_its_token(chief, caplog):
    client = csrf_client()
    with caplog.at_level(logging.WARNING, logger="django.security.csrf"):
        refused = client.post(reverse("admin:login"), {"username": "chief", "password": PASSWORD})
    assert refused.status_code == 403
    assert "_auth_user_id" not in client.session
    assert any(r.name == "django.security.csrf" for r in caplog.records)
    # With the token the same sign-in works: the 403 was the missing token, nothing else.
    client.get(reverse("admin:login"))
    token = client.cookies["csrftoken"].value
    signed_in = client.post(
        reverse("admin:login"),
        {"username": "chief", "password": PASSWORD, "csrfmiddlewaretoken": token},
    )
    assert signed_in.status_code == 302
    assert client.session["_auth_user_id"] == str(chief.pk)


def test_a_forged_token_from_another_site_is_refused(chief):
    client = csrf_client()
    client.get(reverse("admin:login"))
    response = client.post(
        reverse("admin:login"),
        {"username": "chief", "password": PASSWORD, "csrfmiddlewaretoken": "x" * 64},
    )
    assert response.status_code == 403


AWAY = [
    "https://evil.example/",
    "//evil.example",
    "///evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "https:evil.example",
    "https://evil.example@testserver/",
    "https://testserver.evil.example/",
    "javascript:alert(1)",
    " https://evil.example/",
    "/%2F%2Fevil.example",
    "\thttps://evil.example/",
]


@pytest.mark.parametrize("target", AWAY)
def test_next_never_leads_away_after_a_real_sign_in(client, chief, target):
    page = client.get(reverse("admin:login"), {"next": target})
    # The form does not carry the address over.
    assert all(target not in str(form) for form in forms_of(page))
    response = client.post(
        f"{reverse('admin:login')}?next={target}",
        {"username": "chief", "password": PASSWORD, "next": target},
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(chief.pk)
    location = response["Location"]
    # A path on this site: no scheme, no host, nothing a browser reads as another host.
    parts = urlsplit(location)
    assert (parts.scheme, parts.netloc) == ("", "")
    assert location.startswith("/") and not location.startswith(("//", "/\\"))
    if target.startswith("/%2F"):
        assert location == target  # the path "/%2F%2Fevil.example" here: a page not found
    else:
        assert location == reverse("admin:index")


def test_next_within_the_site_is_followed(client, chief):
    target = reverse("admin:lessons_lesson_changelist")
    response = client.post(
        f"{reverse('admin:login')}?next={target}",
        {"username": "chief", "password": PASSWORD, "next": target},
    )
    assert response["Location"] == target


@pytest.mark.parametrize("target", AWAY[:4])
def test_next_never_leads_away_after_signing_out(client, chief, target):
    client.force_login(chief)
    response = client.post(reverse("admin:logout"), {"next": target})
    assert "_auth_user_id" not in client.session
    assert response.status_code in {200, 302}
    if response.status_code == 302:
        assert "evil" not in response["Location"]


def test_a_lock_out_is_logged(client, chief, settings, caplog):
    settings.AXES_ENABLED = True
    with caplog.at_level(logging.WARNING, logger="axes"):
        for _ in range(settings.AXES_FAILURE_LIMIT):
            last = client.post(
                reverse("admin:login"),
                {"username": "chief", "password": "wrong"},
                REMOTE_ADDR="203.0.113.7",
            )
    assert last.status_code == 429
    locks = [r for r in caplog.records if "Locking out" in r.getMessage()]
    assert len(locks) == 1
    assert locks[0].levelno == logging.WARNING
    assert reverse("admin:login") in locks[0].getMessage()
    # The log masks who and where; the attempt record keeps them for the staff who check it.
    attempt = AccessAttempt.objects.get()
    assert (attempt.username, attempt.ip_address) == ("chief", "203.0.113.7")
    assert attempt.failures_since_start == settings.AXES_FAILURE_LIMIT


def test_a_sign_in_to_another_account_does_not_clear_the_failures(client, chief, settings):
    """Four wrong guesses at one account, a right password for another, again and again:
    the guessed account ends locked out, as it would without the other sign-ins."""
    settings.AXES_ENABLED = True
    get_user_model().objects.create_superuser("helper", password=PASSWORD)
    login = reverse("admin:login")
    statuses = []
    for _round in range(3):
        for _ in range(settings.AXES_FAILURE_LIMIT - 1):
            statuses.append(
                client.post(
                    login, {"username": "chief", "password": "wrong"}, REMOTE_ADDR="203.0.113.9"
                ).status_code
            )
        client.post(login, {"username": "helper", "password": PASSWORD}, REMOTE_ADDR="203.0.113.9")
        client.logout()
    assert 429 in statuses
    right = client.post(
        login, {"username": "chief", "password": PASSWORD}, REMOTE_ADDR="203.0.113.9"
    )
    assert right.status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_sign_in_clears_its_own_accounts_failures(client, chief, settings):
    settings.AXES_ENABLED = True
    login = reverse("admin:login")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        client.post(login, {"username": "chief", "password": "wrong"}, REMOTE_ADDR="203.0.113.9")
    signed_in = client.post(
        login, {"username": "chief", "password": PASSWORD}, REMOTE_ADDR="203.0.113.9"
    )
    assert signed_in.status_code == 302
    assert not AccessAttempt.objects.filter(username="chief").exists()
