"""Go-live and expiry dates: a page appears and disappears when the scheduler runs after them.

`make run` (and `make worker`) run `manage.py run_scheduler`, which runs Wagtail's
`publish_scheduled` every minute.
"""

import datetime
import signal
import subprocess
import sys
import time
import zoneinfo
from pathlib import Path

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse

from home import roles
from home.models import ContentPage

from .admin_forms import page_form_data
from .admin_helpers import make_user

pytestmark = pytest.mark.django_db

WARSAW = zoneinfo.ZoneInfo("Europe/Warsaw")
GO_LIVE = datetime.datetime(2030, 6, 1, 9, 0, tzinfo=WARSAW)
EXPIRY = datetime.datetime(2030, 6, 30, 16, 0, tzinfo=WARSAW)
MINUTE = datetime.timedelta(minutes=1)
PROJECT_DIR = Path(__file__).resolve().parent.parent


def run_scheduler():
    call_command("run_scheduler", "--once")


@pytest.fixture
def moderator():
    return make_user(groups=[Group.objects.get(name=roles.MODERATORS)])


def publish_for_later(client, moderator, parent, **dates):
    """A moderator publishes a new page with dates typed as in the admin (Warsaw time)."""
    # Signed in at the frozen time: a session started at the real time would have expired.
    client.force_login(moderator)
    url = reverse("wagtailadmin_pages:add", args=["home", "contentpage", parent.pk])
    data = page_form_data(
        client,
        url,
        title="Dni otwarte w ośrodku",
        slug="dni-otwarte",
        **{name: f"{value:%d.%m.%Y %H:%M}" for name, value in dates.items()},
        **{"action-publish": "action-publish"},
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    client.logout()
    return ContentPage.objects.get(slug="dni-otwarte", locale=parent.locale)


def status_of(client, page_url):
    return client.get(page_url).status_code


def test_a_page_with_a_future_go_live_date_is_hidden_until_the_scheduler_runs_after_it(
    client, moderator, home_page
):
    with time_machine.travel(GO_LIVE - datetime.timedelta(days=3), tick=False):
        page = publish_for_later(client, moderator, home_page, go_live_at=GO_LIVE)
        assert not page.live
        assert status_of(client, "/dni-otwarte/") == 404
        run_scheduler()
        assert status_of(client, "/dni-otwarte/") == 404
    with time_machine.travel(GO_LIVE + MINUTE, tick=False):
        assert status_of(client, "/dni-otwarte/") == 404
        run_scheduler()
        response = client.get("/dni-otwarte/")
        assert response.status_code == 200
        assert "Dni otwarte w ośrodku" in response.content.decode()


def test_a_page_with_an_expiry_date_disappears_when_the_scheduler_runs_after_it(
    client, moderator, home_page
):
    with time_machine.travel(EXPIRY - datetime.timedelta(days=3), tick=False):
        publish_for_later(client, moderator, home_page, expire_at=EXPIRY)
        assert status_of(client, "/dni-otwarte/") == 200
    with time_machine.travel(EXPIRY + MINUTE, tick=False):
        run_scheduler()
        assert status_of(client, "/dni-otwarte/") == 404


def test_the_scheduler_keeps_running_through_errors_and_stops_when_told(tmp_path):
    """As `make run` starts it: a database it cannot use is logged, and SIGTERM stops it."""
    environment = {"DATABASE_URL": f"sqlite:///{tmp_path / 'empty.sqlite3'}", "PATH": ""}
    log = tmp_path / "stderr.log"
    with log.open("w") as stderr:
        process = subprocess.Popen(
            [sys.executable, "manage.py", "run_scheduler", "--interval", "0.2"],
            cwd=PROJECT_DIR,
            env=environment,
            stdout=subprocess.DEVNULL,
            stderr=stderr,
        )
        try:
            deadline = time.monotonic() + 60
            while log.read_text().count("Scheduled command publish_scheduled failed") < 2:
                assert process.poll() is None, log.read_text()
                assert time.monotonic() < deadline, log.read_text()
                time.sleep(0.2)
            process.send_signal(signal.SIGTERM)
            assert process.wait(timeout=10) == 0
        finally:
            process.kill()
