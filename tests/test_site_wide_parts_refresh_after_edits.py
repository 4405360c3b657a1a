"""The header and footer of every page come from the cache, and an editor's change to them shows
on the very next page view, in every language it concerns."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from home.models import Institution, InstitutionSettings, Notice
from programmes.models import ProgrammeIndexPage

from .builders import make_contact_point

pytestmark = [pytest.mark.django_db, pytest.mark.demo]


def html(client, url="/"):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_the_header_and_footer_cost_no_query_once_cached(client):
    html(client, "/")
    with CaptureQueriesContext(connection) as captured:
        html(client, "/")
    tables = " ".join(query["sql"] for query in captured)
    # The request's site is Wagtail's own lookup (one query), its settings come from the cache.
    for table in [
        "home_institution",
        "home_contactpoint",
        "home_notice",
        "home_institutionsettings",
        "home_safetysettings",
    ]:
        assert f'"{table}"' not in tables, table


def test_changed_opening_hours_show_on_the_next_page_view(client):
    assert "17:45" not in html(client)
    hours = Institution.objects.get(locale__language_code="pl").opening_hours.first()
    hours.closes = datetime.time(17, 45)
    hours.save()
    assert "17:45" in html(client)


def test_a_new_contact_point_shows_on_the_next_page_view(client):
    html(client)
    make_contact_point(name="Punkt Informacji o Remoncie")
    assert "Punkt Informacji o Remoncie" in html(client)


def test_changed_contact_settings_show_on_the_next_page_view(client, lesnica_programme):
    html(client, lesnica_programme.url)
    contact = InstitutionSettings.objects.get()
    contact.phone = "71 000 11 22"
    contact.save()
    assert "71 000 11 22" in html(client, lesnica_programme.url)


def publish_notice(title, expire_at=None):
    notice = Notice(title=title, body="<p>Treść.</p>", live=False, expire_at=expire_at)
    notice.save()
    notice.save_revision().publish()
    notice.refresh_from_db()
    return notice


def test_a_notice_shows_at_once_and_goes_when_withdrawn(client):
    html(client)
    notice = publish_notice("Dziś kasy nieczynne")
    assert "Dziś kasy nieczynne" in html(client)
    notice.unpublish()
    assert "Dziś kasy nieczynne" not in html(client)


def test_a_notice_disappears_when_it_expires_though_the_page_was_cached_before(client):
    expires = timezone.now() + datetime.timedelta(hours=2)
    publish_notice("Dziś przerwa w pracy", expire_at=expires)
    assert "Dziś przerwa w pracy" in html(client)  # now cached with the notice
    with time_machine.travel(expires, tick=False):
        assert "Dziś przerwa w pracy" not in html(client)


def test_renaming_the_programme_list_changes_the_menu_of_every_page(client, lesnica_programme):
    html(client, lesnica_programme.url)
    index = ProgrammeIndexPage.objects.get(locale__language_code="pl")
    index.title = "Nasze programy wsparcia"
    index.save_revision().publish()
    assert ">Nasze programy wsparcia</a>" in html(client, lesnica_programme.url)


def test_each_language_keeps_its_own_header_and_footer(client):
    polish = Institution.objects.get(locale__language_code="pl").name
    english = Institution.objects.get(locale__language_code="en").name
    assert polish != english
    for _ in range(2):  # the second time from the cache
        assert polish in html(client, "/") and english not in html(client, "/")
        assert english in html(client, "/en/")
