"""The database out of reach while gunicorn still answers: Varnish gives readers the last copy of
a page it kept (for up to the six hours of its grace), at once, instead of the 503 page; a page it
never kept is the application's own 503 page, and forms still reach the application, whose 503
page keeps what the applicant typed. Once the database is back, readers get fresh pages.

Real Varnish with deploy/varnish/default.vcl (as bench/servers.py runs it, its probes every
second), in front of a small application server on loopback that answers as the site does: its
database check (site/health_views.py) with 200 or 503, pages kept one second by the proxy
(`s-maxage=1`, to spare the test the site's five minutes), and, with the database gone, 503
with the never-cache headers of mops_site.error_views. tests/test_the_proxy_can_ask_whether_the_
database_answers.py proves the application's own check on a database really cut.
"""

import shutil
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from bench.processes import Processes, free_loopback_port
from bench.servers import DATABASE_HEALTH_PATH, start_varnish
from bench.web_client import request

pytestmark = pytest.mark.skipif(
    not shutil.which("varnishd"), reason="Varnish is not installed: `make proxy-tools`"
)

# Past the page's second in the cache and the 10 s for which Varnish serves a stale copy anyway
# while it fetches a new one: only a database known to be out serves it after that.
PAST_THE_SHORT_GRACE = 12
# The probe asks every second; two failures of the last three take the database out, two
# answers put it back.
PROBE_NOTICES = 4


class Application(BaseHTTPRequestHandler):
    database_reachable = True
    check_passes = True  # follows the database (database_out), but may lag behind it
    pages_answered = True  # False: the connection is closed without an answer
    edition = 1  # what the pages say, changed "in the database"
    pages_asked = []

    def do_GET(self):
        state = type(self)
        if self.path == "/robots.txt":
            self._answer(200, "User-agent: *\n", "max-age=60")
        elif self.path == DATABASE_HEALTH_PATH:
            self._answer(200 if state.check_passes else 503, "check\n", "no-store")
        else:
            state.pages_asked.append(self.path)
            if not state.pages_answered:
                self.close_connection = True  # as a worker killed in the middle of a request
            elif state.database_reachable:
                page = f"<h1>Program {self.path}, wydanie {state.edition}</h1>"
                self._answer(200, page, "max-age=60, s-maxage=1")
            else:
                self._service_unavailable("<h1>Strona chwilowo niedostępna</h1>")

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"])).decode()
        type(self).pages_asked.append(self.path)
        if type(self).database_reachable:
            self._answer(302, "", "no-store")
        else:
            self._service_unavailable(f"<h1>Zgłoszenie NIE zostało wysłane</h1><p>{body}</p>")

    def _service_unavailable(self, text):
        self._answer(
            503, text, "max-age=0, no-cache, no-store, must-revalidate, private", retry="120"
        )

    def _answer(self, status, text, cache_control, retry=None):
        body = text.encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", cache_control)
        if retry:
            self.send_header("Retry-After", retry)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def application_server():
    Application.database_reachable = True
    Application.check_passes = True
    Application.pages_answered = True
    Application.edition = 1
    Application.pages_asked = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), Application)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def site(application_server):
    # Varnish reads its VCL as its own user: a folder others may read (pytest's are private).
    workdir = Path(tempfile.mkdtemp(prefix="mops-stale-"))
    workdir.chmod(0o755)
    try:
        with Processes(workdir / "logs") as processes:
            port = free_loopback_port()
            backend = application_server.server_address[1]
            start_varnish(processes, workdir, [backend], port, free_loopback_port())
            yield port
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def database_out():
    Application.database_reachable = Application.check_passes = False


def database_back():
    Application.database_reachable = Application.check_passes = True


def timed(port, path, method="GET", body=None):
    started = time.monotonic()
    response = request(port, path, method=method, body=body)
    return response, time.monotonic() - started


def test_readers_get_the_last_copy_at_once_while_the_database_is_out(site):
    assert "wydanie 1" in request(site, "/programy/").text  # kept by Varnish

    database_out()
    Application.edition = 2
    time.sleep(PAST_THE_SHORT_GRACE)
    asked_before = len(Application.pages_asked)

    with ThreadPoolExecutor(10) as readers:
        answers = list(readers.map(lambda _: timed(site, "/programy/"), range(10)))

    for response, seconds in answers:
        assert response.status == 200
        assert "wydanie 1" in response.text
        assert seconds < 1
    # Nothing asked the application for a page the 503 page would only have replaced.
    time.sleep(0.5)
    assert len(Application.pages_asked) == asked_before


def test_a_form_sent_while_the_database_is_out_reaches_the_application(site):
    database_out()
    time.sleep(PROBE_NOTICES)

    response = request(
        site,
        "/programy/pal/zgloszenie/",
        method="POST",
        body="applicant_name=Anna",
    )

    assert response.status == 503
    assert "NIE zostało wysłane" in response.text and "Anna" in response.text
    assert response.headers["retry-after"] == "120"


def test_a_page_never_kept_is_the_applications_503_page(site):
    database_out()
    time.sleep(PROBE_NOTICES)

    response = request(site, "/aktualnosci/")

    assert response.status == 503
    assert "chwilowo niedostępna" in response.text
    assert response.headers["retry-after"] == "120"


def test_readers_get_fresh_pages_once_the_database_is_back(site):
    assert "wydanie 1" in request(site, "/programy/").text
    database_out()
    time.sleep(PAST_THE_SHORT_GRACE)
    assert "wydanie 1" in request(site, "/programy/").text

    database_back()
    Application.edition = 2
    time.sleep(PROBE_NOTICES)

    # The kept copy is past its short grace: the next reader waits for the fresh page.
    response = request(site, "/programy/")
    assert response.status == 200
    assert "wydanie 2" in response.text


@pytest.mark.parametrize("failure", ["server error", "no answer"])
def test_a_refresh_that_fails_before_the_check_notices_keeps_the_copy(site, failure):
    """The database gone (or a worker killed) while its check still passes: the refresh in the
    background fails, and the copy readers were given stays for the next readers."""
    assert "wydanie 1" in request(site, "/programy/").text
    if failure == "server error":
        Application.database_reachable = False  # the check still passes
    else:
        Application.pages_answered = False
    time.sleep(1.5)  # past the page's second, within the short grace

    first = request(site, "/programy/")
    time.sleep(0.5)  # the refresh in the background has failed by now
    second = request(site, "/programy/")

    assert (first.status, second.status) == (200, 200)
    assert "wydanie 1" in first.text and "wydanie 1" in second.text
