"""Notices are published, scheduled and withdrawn like pages, and shown only while in force; one
not yet translated is shown in Polish to every reader."""

import datetime

import pytest
import time_machine
from django.core.management import call_command
from wagtail.models import Locale

from home.models import Notice

pytestmark = [pytest.mark.django_db, pytest.mark.demo]

START = datetime.datetime(2030, 3, 1, 8, 0, tzinfo=datetime.UTC)
END = datetime.datetime(2030, 3, 10, 8, 0, tzinfo=datetime.UTC)
MINUTE = datetime.timedelta(minutes=1)


def publish_notice(title, *, importance=2, go_live_at=None, expire_at=None):
    """A notice published from the admin: with a go-live date in the future, it is scheduled."""
    notice = Notice(title=title, body="<p>Treść.</p>", importance=importance, live=False)
    notice.go_live_at, notice.expire_at = go_live_at, expire_at
    notice.save()
    notice.save_revision().publish()
    notice.refresh_from_db()
    return notice


def run_scheduler():
    call_command("run_scheduler", "--once")


def is_shown(client, title, url="/"):
    return title in client.get(url).content.decode()


def test_a_scheduled_notice_appears_only_after_the_scheduler_runs_past_its_start(client):
    with time_machine.travel(START - datetime.timedelta(days=1), tick=False):
        notice = publish_notice("Kasy nieczynne w piątek", go_live_at=START, expire_at=END)
        assert not notice.live
        assert not is_shown(client, "Kasy nieczynne w piątek")
    with time_machine.travel(START - MINUTE, tick=False):
        run_scheduler()
        assert not is_shown(client, "Kasy nieczynne w piątek")
    with time_machine.travel(START + MINUTE, tick=False):
        assert not is_shown(client, "Kasy nieczynne w piątek")
        run_scheduler()
        assert is_shown(client, "Kasy nieczynne w piątek")


def test_a_notice_disappears_the_moment_it_expires_and_the_scheduler_withdraws_it(client):
    with time_machine.travel(START, tick=False):
        notice = publish_notice("Kasy nieczynne w piątek", expire_at=END)
    with time_machine.travel(END - MINUTE, tick=False):
        run_scheduler()
        assert is_shown(client, "Kasy nieczynne w piątek")
    with time_machine.travel(END, tick=False):
        assert not is_shown(client, "Kasy nieczynne w piątek")
    with time_machine.travel(END + MINUTE, tick=False):
        run_scheduler()
    notice.refresh_from_db()
    assert notice.expired and not notice.live


def test_a_notice_without_an_expiry_stays_until_withdrawn(client):
    with time_machine.travel(START, tick=False):
        notice = publish_notice("Nowy numer infolinii")
    with time_machine.travel(START + datetime.timedelta(days=400), tick=False):
        run_scheduler()
        assert is_shown(client, "Nowy numer infolinii")
        notice.unpublish()
        assert not is_shown(client, "Nowy numer infolinii")


def test_a_draft_change_to_a_published_notice_shows_only_once_published(client):
    notice = publish_notice("Kasy nieczynne w piątek")
    notice.title = "Kasy nieczynne w piątek i sobotę"
    revision = notice.save_revision()
    assert is_shown(client, "Kasy nieczynne w piątek<")
    revision.publish()
    assert is_shown(client, "Kasy nieczynne w piątek i sobotę")


def test_the_most_important_notice_comes_first():
    publish_notice("Informacja o remoncie", importance=3)
    publish_notice("Pilne: awaria telefonów", importance=1)
    titles = [notice.title for notice in Notice.objects.to_show()]
    assert titles.index("Pilne: awaria telefonów") < titles.index("Informacja o remoncie")


def test_notices_are_shown_on_programme_pages_too(client, lesnica_programme):
    publish_notice("Zmiana godzin pracy zespołu")
    assert is_shown(client, "Zmiana godzin pracy zespołu", lesnica_programme.url)


def test_a_notice_not_yet_translated_reaches_english_and_ukrainian_readers_in_polish(client):
    publish_notice("Pilne: ośrodek zamknięty dziś od 12:00", importance=1)
    for home in ("/en/", "/uk/"):
        html = client.get(home).content.decode()
        # Its words marked as Polish, for screen readers' voices (WCAG 3.1.2).
        assert '<span lang="pl">Pilne: ośrodek zamknięty dziś od 12:00</span>' in html, home
    polish = client.get("/").content.decode()
    assert "Pilne: ośrodek zamknięty dziś od 12:00" in polish
    assert '<span lang="pl">Pilne' not in polish  # the page's own language


def test_once_translated_each_language_shows_its_own_words_only(client):
    notice = publish_notice("Pilne: ośrodek zamknięty dziś od 12:00", importance=1)
    english = notice.copy_for_translation(Locale.objects.get(language_code="en"))
    english.title = "Urgent: the centre closes at noon today"
    english.save()
    english.save_revision().publish()

    html = client.get("/en/").content.decode()
    assert "Urgent: the centre closes at noon today" in html
    assert "ośrodek zamknięty" not in html
    assert "ośrodek zamknięty" in client.get("/uk/").content.decode()  # not in Ukrainian yet
    assert "the centre closes" not in client.get("/").content.decode()

    english.unpublish()  # a translation withdrawn: the Polish words again
    assert "ośrodek zamknięty" in client.get("/en/").content.decode()
