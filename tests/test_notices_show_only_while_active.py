"""Notices are published, scheduled and withdrawn like pages, and shown only while in force."""

import datetime

import pytest
import time_machine
from django.core.management import call_command

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
