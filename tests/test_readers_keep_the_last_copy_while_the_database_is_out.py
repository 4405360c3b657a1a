"""The database out of reach while gunicorn still answers (its health check, robots.txt, needs
no database), or a request the application drops without an answer: Varnish keeps giving
readers the last copy of a page it has (for up to the six hours of its grace), not an error
page; a page it never kept is the application's own 503 page.

Real Varnish with deploy/varnish/default.vcl (as bench/servers.py runs it), in front of a small
application server on loopback that answers as the site does: pages kept one second by the
proxy (`s-maxage=1`, to spare the test the site's five minutes), then, with the database gone,
503 with the never-cache headers of mops_site.error_views.
"""

import shutil
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from bench.processes import Processes, free_loopback_port
from bench.servers import start_varnish
from bench.web_client import request

pytestmark = pytest.mark.skipif(
    not shutil.which("varnishd"), reason="Varnish is not installed: `make proxy-tools`"
)

# Past the page's second in the cache and the 10 s for which Varnish serves a stale copy
# anyway while it fetches a new one: only the fix serves it after that.
PAST_THE_SHORT_GRACE = 12


class Application(BaseHTTPRequestHandler):
    database_reachable = True
    pages_answered = True  # False: the connection is closed without an answer
    asked = []

    def do_GET(self):
        type(self).asked.append(self.path)
        if self.path == "/robots.txt":
            self._answer(200, "User-agent: *\n", "max-age=60")
        elif not type(self).pages_answered:
            self.close_connection = True  # as a worker killed in the middle of a request
        elif type(self).database_reachable:
            self._answer(200, f"<h1>Program {self.path}</h1>", "max-age=60, s-maxage=1")
        else:
            self._answer(
                503,
                "<h1>The site is temporarily unavailable</h1>",
                "max-age=0, no-cache, no-store, must-revalidate, private",
                retry_after="120",
            )

    def _answer(self, status, text, cache_control, retry_after=None):
        body = text.encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", cache_control)
        if retry_after:
            self.send_header("Retry-After", retry_after)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def application_server():
    Application.database_reachable = True
    Application.pages_answered = True
    Application.asked = []
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


def test_readers_get_the_last_copy_while_the_database_is_out(site):
    assert "Program /programy/" in request(site, "/programy/").text  # kept by Varnish

    Application.database_reachable = False
    time.sleep(PAST_THE_SHORT_GRACE)

    for _ in range(3):
        response = request(site, "/programy/")
        assert response.status == 200
        assert "Program /programy/" in response.text

    # Once the database is back, the next fetch (in the background) brings the page afresh.
    Application.database_reachable = True
    request(site, "/programy/")
    time.sleep(0.5)
    assert request(site, "/programy/").status == 200


def test_readers_get_the_last_copy_while_the_application_gives_no_answer(site):
    assert "Program /programy/" in request(site, "/programy/").text

    # Its health check still answers: Varnish counts it as healthy.
    Application.pages_answered = False
    time.sleep(PAST_THE_SHORT_GRACE)

    response = request(site, "/programy/")
    assert response.status == 200
    assert "Program /programy/" in response.text


def test_a_page_never_kept_is_the_applications_503_page(site):
    Application.database_reachable = False

    response = request(site, "/aktualnosci/")

    assert response.status == 503
    assert "temporarily unavailable" in response.text
    assert response.headers["retry-after"] == "120"
