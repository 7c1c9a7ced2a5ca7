import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import connections
from django.test import override_settings


@pytest.mark.django_db
def test_healthz_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_healthz_reports_an_unreachable_database(client):
    default = connections["default"]
    settings_dict = {**default.settings_dict}
    if default.vendor == "sqlite":
        settings_dict["NAME"] = "/nonexistent-directory/portal.sqlite3"
    else:
        settings_dict["PORT"] = "1"  # nothing listens there
    unreachable = default.__class__(settings_dict, alias="default")
    connections["default"] = unreachable
    try:
        response = client.get("/healthz")
    finally:
        connections["default"] = default
        unreachable.close()
    assert response.status_code == 503
    assert response.json() == {"status": "error", "reason": "database unreachable"}


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
