"""A page editor left open on an unattended screen does not keep a staff session alive: Wagtail's
editor pings the server every few seconds while it is visible, and those pings are not someone
at the keyboard. A session that is used goes on as before."""

from datetime import timedelta

import pytest
from django.urls import reverse

from .test_staff_sessions_end_when_idle import clock, home, is_signed_out, staff_client  # noqa: F401

pytestmark = pytest.mark.django_db


def ping_url(page):
    return reverse(
        "wagtailadmin_editing_sessions:ping", args=("wagtailcore", "page", str(page.pk), 0)
    )


def test_the_editors_pings_do_not_count_as_activity(staff_client, clock, home):  # noqa: F811
    for _ in range(11):
        clock.shift(timedelta(minutes=10))
        staff_client.post(ping_url(home))

    assert is_signed_out(staff_client.get("/admin/"))


def test_a_ping_after_the_idle_time_finds_the_session_ended(staff_client, clock, home):  # noqa: F811
    clock.shift(timedelta(minutes=61))
    staff_client.post(ping_url(home))

    assert is_signed_out(staff_client.get("/admin/"))


def test_working_in_the_editor_keeps_the_session(staff_client, clock, home):  # noqa: F811
    for _ in range(3):
        clock.shift(timedelta(minutes=50))
        staff_client.post(ping_url(home))
        assert staff_client.get(f"/admin/pages/{home.pk}/edit/").status_code == 200
