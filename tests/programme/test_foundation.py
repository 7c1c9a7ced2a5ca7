import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import override_settings


@pytest.mark.django_db
def test_healthz_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_reports_an_unreachable_database(client, unreachable_database):
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "error", "reason": "database unreachable"}


def test_public_pages_answer_a_friendly_503_without_the_database(client, unreachable_database):
    response = client.get("/")
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    assert "Temporarily unavailable" in response.content.decode()


@pytest.mark.django_db
def test_unknown_page_gets_the_friendly_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "<h1>Page not found</h1>" in body
    assert 'class="skip-link"' in body


@pytest.mark.django_db
@override_settings(DEBUG=True)
def test_local_superuser_is_created_once(capsys):
    call_command("create_local_superuser")
    first = capsys.readouterr().out
    call_command("create_local_superuser")
    second = capsys.readouterr().out
    User = get_user_model()
    assert User.objects.filter(is_superuser=True).count() == 1
    password = first.split("password: ")[1].split()[0]
    assert User.objects.get(username="admin").check_password(password)
    assert "password" not in second
    assert "exists already" in second


@pytest.mark.django_db
def test_local_superuser_is_refused_without_debug():
    with pytest.raises(CommandError, match="DEBUG is off"):
        call_command("create_local_superuser")
    assert not get_user_model().objects.exists()
