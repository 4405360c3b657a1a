import datetime

import pytest
import time_machine
from django.utils import timezone

from home.models import Notice

from .builders import make_notice

pytestmark = pytest.mark.django_db

START = datetime.datetime(2030, 3, 1, 8, 0, tzinfo=datetime.UTC)
END = datetime.datetime(2030, 3, 10, 8, 0, tzinfo=datetime.UTC)


@pytest.fixture
def changed_hours_notice():
    return make_notice(title="Kasy nieczynne w piątek", starts_at=START, ends_at=END)


@pytest.mark.parametrize(
    ("moment", "shown"),
    [
        (START - datetime.timedelta(minutes=1), False),
        (START, True),
        (END - datetime.timedelta(minutes=1), True),
        (END, False),
    ],
)
def test_notice_appears_only_inside_its_time_window(client, changed_hours_notice, moment, shown):
    with time_machine.travel(moment, tick=False):
        response = client.get("/")
    assert ("Kasy nieczynne w piątek" in response.content.decode()) is shown


def test_notice_without_an_end_stays_until_withdrawn(client):
    notice = make_notice(title="Nowy numer infolinii", starts_at=START)
    with time_machine.travel(START + datetime.timedelta(days=400), tick=False):
        assert "Nowy numer infolinii" in client.get("/").content.decode()
        notice.ends_at = timezone.now()
        notice.save()
        assert "Nowy numer infolinii" not in client.get("/").content.decode()


def test_the_most_important_notice_comes_first(client):
    make_notice(title="Informacja o remoncie", importance=3, starts_at=START)
    make_notice(title="Pilne: awaria telefonów", importance=1, starts_at=START)
    with time_machine.travel(START + datetime.timedelta(hours=1), tick=False):
        titles = [notice.title for notice in Notice.objects.to_show()]
    assert titles.index("Pilne: awaria telefonów") < titles.index("Informacja o remoncie")


def test_notices_are_shown_on_programme_pages_too(client, lesnica_programme):
    make_notice(title="Zmiana godzin pracy zespołu", starts_at=START)
    with time_machine.travel(START + datetime.timedelta(hours=1), tick=False):
        response = client.get(lesnica_programme.url)
    assert "Zmiana godzin pracy zespołu" in response.content.decode()
