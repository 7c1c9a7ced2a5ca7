"""Corrections on the admin's review desk: what waits, oldest first, for those who may see it."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from corrections.desk import waiting_corrections
from corrections.models import Correction
from programme.admin.desk import SHOWN
from programme.publishing.roles import EDITORS, PUBLISHERS
from tests.factories import make_lesson, make_staff

pytestmark = pytest.mark.django_db


def correct(record, days_ago=0, status=Correction.Status.NEW, what="The year is wrong."):
    correction = Correction.objects.create(
        record=record, record_title=str(record), what_is_wrong=what, source="A page", status=status
    )
    when = timezone.now() - timedelta(days=days_ago)
    Correction.objects.filter(pk=correction.pk).update(created=when)
    return correction


def desk_section(client, user):
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 200
    html = response.content.decode()
    start = html.find('id="desk-corrections"')
    return html[start : html.find("</section>", start)] if start >= 0 else None


def test_editors_see_the_open_corrections_oldest_first_with_their_records(client):
    newer = correct(make_lesson(title="Newer one"), days_ago=1)
    older = correct(make_lesson(title="Older one"), days_ago=5)
    correct(make_lesson(title="Already accepted"), days_ago=9, status=Correction.Status.ACCEPTED)
    correct(make_lesson(title="Already declined"), days_ago=9, status=Correction.Status.DECLINED)

    for role in (EDITORS, PUBLISHERS):
        section = desk_section(client, make_staff(role))
        assert section is not None, role
        assert "(2)" in section
        assert section.index("Older one") < section.index("Newer one")
        assert "Already" not in section
        for correction in (older, newer):
            link = reverse("admin:corrections_correction_change", args=[correction.pk])
            assert f'href="{link}"' in section
        assert section.count("Lesson learned ·") == 2
        assert "/admin/corrections/correction/?status__exact=new" in section
        assert "2 corrections wait for an editor" in section


def test_no_open_correction_says_so(client):
    correct(make_lesson(), status=Correction.Status.ACCEPTED)
    section = desk_section(client, make_staff(EDITORS))
    assert "(0)" in section and "No correction from a reader waits." in section


def test_a_user_who_may_not_view_corrections_does_not_see_them(client):
    correct(make_lesson(), what="A private matter")
    user = make_staff(EDITORS)
    user.groups.clear()
    user.user_permissions.add(Permission.objects.get(codename="view_lesson"))
    assert desk_section(client, user) is None
    assert b"A private matter" not in client.get("/admin/").content
    request = RequestFactory().get("/admin/")
    request.user = type(user).objects.get(pk=user.pk)
    assert waiting_corrections(request) is None


def test_hostile_text_stays_text_on_the_desk(client):
    correct(make_lesson(), what='<script>alert("x")</script>')
    section = desk_section(client, make_staff(EDITORS))
    assert "<script>" not in section and "&lt;script&gt;" in section


def test_the_desk_costs_the_same_queries_for_one_correction_or_many(
    client, django_assert_num_queries
):
    lessons = [make_lesson() for _ in range(3)]
    user = make_staff(EDITORS)
    client.force_login(user)

    def page_queries():
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/admin/").status_code == 200
        return len(queries)

    correct(lessons[0])
    one = page_queries()
    for number in range(SHOWN + 4):
        correct(lessons[number % 3], days_ago=number)
    assert page_queries() == one

    request = RequestFactory().get("/admin/")
    request.user = type(user).objects.get(pk=user.pk)
    request.user.has_perm("corrections.view_correction")  # the permissions, read once
    with django_assert_num_queries(2):  # the count, then the oldest with their records' kinds
        found = waiting_corrections(request)
    assert found["count"] == SHOWN + 5 and len(found["items"]) == SHOWN
    assert [each.created for each in found["items"]] == sorted(
        each.created for each in found["items"]
    )
