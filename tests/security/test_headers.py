"""Security headers and sign-in protection, through the test client."""

import pytest
from django.contrib.auth import get_user_model
from django.test import override_settings
from django.urls import reverse

from tests.conftest import run_python

pytestmark = pytest.mark.django_db


def csp_directives(response):
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}


def test_public_page_headers(client):
    response = client.get("/", secure=True)
    assert response.status_code == 200
    hsts = response["Strict-Transport-Security"]
    assert int(hsts.split("max-age=")[1].split(";")[0]) >= 31_536_000
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert "camera=()" in response["Permissions-Policy"]
    directives = csp_directives(response)
    assert directives["default-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["base-uri"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert "'unsafe-inline'" not in directives["script-src"]


def test_plain_http_is_redirected_to_https(client):
    with override_settings(SECURE_SSL_REDIRECT=True):
        response = client.get("/lessons/?theme=visas")
        assert response.status_code == 301
        assert response["Location"] == "https://testserver/lessons/?theme=visas"
        # The proxy's header says the visitor came over HTTPS.
        assert client.get("/", headers={"X-Forwarded-Proto": "https"}).status_code == 200


def test_session_cookie_is_secure_and_http_only(client):
    get_user_model().objects.create_superuser("chief", password="a-long-test-password")
    with override_settings(SESSION_COOKIE_SECURE=True, CSRF_COOKIE_SECURE=True):
        response = client.post(
            reverse("admin:login"),
            {"username": "chief", "password": "a-long-test-password"},
            secure=True,
        )
    assert response.status_code == 302
    cookie = response.cookies["sessionid"]
    assert cookie["secure"] is True
    assert cookie["httponly"] is True


@pytest.fixture
def axes_on(settings):
    settings.AXES_ENABLED = True
    settings.AUTHENTICATION_BACKENDS = [
        "axes.backends.AxesStandaloneBackend",
        "django.contrib.auth.backends.ModelBackend",
    ]
    return settings


@pytest.mark.usefixtures("axes_on")
class TestSignInLockOut:
    def sign_in(self, client, username, password, address="203.0.113.7", forwarded=None):
        headers = {"X-Forwarded-For": forwarded} if forwarded else {}
        return client.post(
            reverse("admin:login"),
            {"username": username, "password": password},
            REMOTE_ADDR=address,
            headers=headers,
        )

    def test_wrong_passwords_lock_the_account_and_the_address(self, client):
        get_user_model().objects.create_superuser("chief", password="a-long-test-password")
        for _ in range(4):
            assert self.sign_in(client, "chief", "wrong").status_code == 200
        # The fifth wrong password locks.
        assert self.sign_in(client, "chief", "wrong").status_code == 429
        # Even the right password is refused now, from this address or another.
        locked = self.sign_in(client, "chief", "a-long-test-password")
        assert locked.status_code == 429
        assert "Sign-in locked" in locked.content.decode()
        other_address = self.sign_in(client, "chief", "a-long-test-password", "198.51.100.9")
        assert other_address.status_code == 429
        # Another account from the locked address is refused too.
        get_user_model().objects.create_superuser("deputy", password="another-test-password")
        assert self.sign_in(client, "deputy", "another-test-password").status_code == 429
        # A different account from a different address still signs in.
        fine = self.sign_in(client, "deputy", "another-test-password", "198.51.100.9")
        assert fine.status_code == 302

    def test_the_proxy_header_names_the_client(self, client, axes_on):
        axes_on.TRUSTED_PROXY_COUNT = 1
        get_user_model().objects.create_superuser("chief", password="a-long-test-password")
        for _ in range(5):
            self.sign_in(client, "nobody", "wrong", "10.0.0.1", forwarded="192.0.2.1")
        # Same proxy, other client: not locked; the locked client behind the proxy is.
        assert (
            self.sign_in(
                client, "chief", "a-long-test-password", "10.0.0.1", "192.0.2.2"
            ).status_code
            == 302
        )
        client.logout()
        locked = self.sign_in(client, "chief", "a-long-test-password", "10.0.0.1", "192.0.2.1")
        assert locked.status_code == 429


def test_admin_url_comes_from_the_environment(production_env):
    result = run_python(
        "import django; django.setup(); from django.urls import reverse; "
        "print(reverse('admin:index'))",
        DJANGO_ADMIN_URL="staff-desk/",
        **production_env,
    )
    assert result.stdout.strip() == "/staff-desk/"
    bad = run_python("import django; django.setup()", DJANGO_ADMIN_URL="/oops", **production_env)
    assert bad.returncode == 1
    assert bad.stderr.startswith("Configuration error: DJANGO_ADMIN_URL must look like")
