"""While Varnish does not answer (stopped, restarting, overwhelmed), or answers that no
application server did (every gunicorn stopped, or the one asked killed), nginx gives readers and
applicants the centre's own page in the three languages, with its phone number, instead of its
English "502 Bad Gateway" or Varnish's short page without a number; the application's own error
pages pass through. The page is a file written ahead of need (home.offline_page), with the
switchboard as editors last saved it."""

import shutil
import subprocess
import tempfile
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings
from wagtail.models import Site

from bench.processes import Processes, free_loopback_port
from bench.servers import start_varnish
from bench.web_client import request
from home.models import InstitutionSettings, SafetySettings

from .browser import axe_violations, resize, scrolls_sideways
from .factories import InstitutionFactory, SmallSite
from .nginx_on_loopback import ACCESS_LOG, nginx_on_loopback, wait_for

pytestmark = pytest.mark.django_db

SWITCHBOARD = "71 782 23 00"
POLISH = "Serwis jest chwilowo niedostępny"
UKRAINIAN = "Сайт тимчасово недоступний"
SEND_AGAIN = "wyślij je jeszcze raz: nie zostanie zapisane dwa razy"
FORM = "/programy/pal/zgloszenie/"


@pytest.fixture
def centre():
    SmallSite.build()
    institution = InstitutionSettings.for_site(Site.objects.get(is_default_site=True))
    institution.phone = SWITCHBOARD
    institution.save()
    safety = SafetySettings.for_site(Site.objects.get(is_default_site=True))
    safety.quick_exit_url = "https://pogoda.example.org/"
    safety.save()
    InstitutionFactory(name="Miejski Ośrodek Pomocy Społecznej", short_name="MOPS")


def written_page():
    call_command("write_offline_page")
    return settings.OFFLINE_PAGE.read_text(encoding="utf-8")


def test_the_page_says_it_in_three_languages_with_the_switchboard(centre):
    html = written_page()

    assert html.index('lang="pl"') < html.index('lang="en"') < html.index('lang="uk"')
    assert POLISH in html and "The site is temporarily unavailable" in html and UKRAINIAN in html
    assert SEND_AGAIN in html
    assert html.count('href="tel:+48717822300"') == 3
    assert "Miejski Ośrodek Pomocy Społecznej" in html
    # "Leave this page" first, as on every page, to where moderators point it.
    assert html.index('href="https://pogoda.example.org/" rel="noreferrer"') < html.index("<main")
    # Nothing it would have to ask a server for: the server is what is missing.
    assert "<link" not in html and "<script" not in html and "src=" not in html


def test_a_new_switchboard_number_replaces_the_old_one(centre):
    assert SWITCHBOARD in written_page()
    unchanged = settings.OFFLINE_PAGE.stat().st_ino
    written_page()
    assert settings.OFFLINE_PAGE.stat().st_ino == unchanged  # the same words: not rewritten
    institution = InstitutionSettings.for_site(Site.objects.get(is_default_site=True))
    institution.phone = "71 111 22 33"
    institution.save()

    html = written_page()

    assert "71 111 22 33" in html and SWITCHBOARD not in html
    leftovers = [path.name for path in settings.OFFLINE_PAGE.parent.glob(".offline-*")]
    assert not leftovers


def test_the_page_passes_axe_and_reflows_on_a_phone(centre, browser_page):
    browser_page.set_content(written_page())
    for width, height in ((320, 640), (1280, 900)):
        resize(browser_page, width, height)
        assert not axe_violations(browser_page), width
        assert not scrolls_sideways(browser_page), width


@override_settings(FALLBACK_CONTACT_PHONE="")
def test_without_any_number_the_page_asks_to_call_the_centre(centre):
    # The centre's own switchboard left blank (the demo's, if it is in the database, too).
    institution = InstitutionSettings.for_site(Site.objects.get(is_default_site=True))
    institution.phone = ""
    institution.save()

    html = written_page()
    assert "Jeśli problem nie ustępuje, zadzwoń do ośrodka." in html
    assert "If the problem does not go away, call the centre." in html
    assert "tel:" not in html


class AnswersItself(BaseHTTPRequestHandler):
    """Varnish passing on a page of the application's, with the server's `status`."""

    def do_GET(self):
        body = b"<h1>Strona aplikacji (MOPS)</h1>"
        self.send_response(self.server.status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def nginx(tmp_path):
    """Start nginx with deploy/nginx/mops.conf (Varnish at the given port, or none)."""
    if shutil.which("nginx") is None:
        pytest.skip("nginx is not installed: `make proxy-tools`")
    started = []

    def start(varnish_port=None):
        port = free_loopback_port()
        (tmp_path / "media").mkdir(exist_ok=True)
        config = nginx_on_loopback(tmp_path, tmp_path / "media", port, varnish_port)
        process = subprocess.Popen(
            ["nginx", "-p", str(tmp_path), "-c", str(config)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        started.append(process)
        wait_for(f"http://127.0.0.1:{port}")
        return port

    yield start
    for process in started:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def varnish_without_servers():
    """Varnish with deploy/varnish/default.vcl (as bench/servers.py runs it), in front of an
    application server's port where nothing listens: every gunicorn stopped."""
    if shutil.which("varnishd") is None:
        pytest.skip("Varnish is not installed: `make proxy-tools`")
    # Varnish reads its VCL as its own user: a folder others may read (pytest's are private).
    workdir = Path(tempfile.mkdtemp(prefix="mops-no-servers-"))
    workdir.chmod(0o755)
    ports = set()
    while len(ports) < 3:  # Varnish's two and the stopped server's, none the same
        ports.add(free_loopback_port())
    port, purge_port, stopped_server = ports
    try:
        with Processes(workdir / "logs") as processes:
            start_varnish(processes, workdir, [stopped_server], port, purge_port)
            yield port
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def assert_the_centres_page(page, form):
    for response in (page, form):
        assert response.status == 503
        assert response.headers["retry-after"] == "60"
        assert response.headers["content-type"] == "text/html; charset=utf-8"
        assert "no-store" in response.headers["cache-control"]
        assert POLISH in response.text and SWITCHBOARD in response.text
    assert SEND_AGAIN in form.text


def test_nginx_gives_readers_and_applicants_the_page_while_varnish_is_down(centre, nginx, tmp_path):
    (tmp_path / "offline.html").write_text(written_page(), encoding="utf-8")
    port = nginx()  # nothing listens where Varnish should

    page = request(port, "/programy/")
    form = request(port, FORM, method="POST", body="applicant=Anna")

    assert_the_centres_page(page, form)
    assert request(port, "/offline.html").status == 404  # only as the error page
    # The log says what was asked for, not what nginx answered with.
    log = (tmp_path / ACCESS_LOG).read_text()
    assert '"GET /programy/ ' in log and '"POST /programy/pal/zgloszenie/ ' in log
    assert "offline" not in log.replace('"GET /offline.html ', "")


def test_when_no_application_server_answers_nginx_gives_the_page_not_varnishs(
    centre, nginx, tmp_path, varnish_without_servers
):
    (tmp_path / "offline.html").write_text(written_page(), encoding="utf-8")
    port = nginx(varnish_without_servers)

    page = request(port, "/programy/")
    form = request(port, FORM, method="POST", body="applicant=Anna")

    assert_the_centres_page(page, form)
    # What Varnish itself answers, where nothing stands in front of it: its short page, without
    # the number, as 502 (no server answered), which nginx replaces.
    varnish = request(varnish_without_servers, "/programy/")
    assert varnish.status == 502 and SEND_AGAIN in varnish.text and SWITCHBOARD not in varnish.text


@pytest.mark.parametrize("status", [503, 500, 404])
def test_an_answer_from_varnish_passes_through_nginx_as_it_is(nginx, tmp_path, status):
    """The application's own error pages (the 503 that keeps an applicant's answers, with the
    phone number) are never replaced."""
    (tmp_path / "offline.html").write_text("<p>strona awaryjna</p>", encoding="utf-8")
    varnish = ThreadingHTTPServer(("127.0.0.1", 0), AnswersItself)
    varnish.status = status
    threading.Thread(
        target=varnish.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    ).start()
    try:
        port = nginx(varnish.server_address[1])
        response = request(port, "/programy/")
    finally:
        varnish.shutdown()
        varnish.server_close()

    assert response.status == status
    assert "Strona aplikacji (MOPS)" in response.text
    assert "strona awaryjna" not in response.text
