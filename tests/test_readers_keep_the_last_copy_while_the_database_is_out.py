"""The database out of reach while gunicorn still answers: Varnish gives readers the last copy of
a page it kept (for up to the six hours of its grace), at once, instead of the 503 page; a page it
never kept is the application's own 503 page, and forms still reach the application, whose 503
page keeps what the applicant typed. A server error before the probe notices never costs a page
its copy; a server cut off from the database while others read it gets no requests; once the
database is back, readers get fresh pages.

Real Varnish with deploy/varnish/default.vcl (as bench/servers.py runs it, with its probes every
quarter of a second), in front of small application servers on loopback that answer as the site
does: the database check (site/health_check.py) with 200 or 503, pages kept one second by the proxy
(`s-maxage=1`, to spare the test the site's five minutes), and, with the database gone, 503 with
the never-cache headers of mops_site.error_views.
tests/test_the_proxy_can_ask_whether_the_database_answers.py proves the application's own check
on a database really cut.
"""

import contextlib
import re
import secrets
import shutil
import socket
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from bench.processes import Processes, ProcessFailed
from bench.servers import DEPLOY_VCL, HEALTHY_GRACE, start_varnish
from bench.web_client import request
from mops_site.health_check import DATABASE_HEALTH_PATH

pytestmark = pytest.mark.skipif(
    not shutil.which("varnishd"), reason="Varnish is not installed: `make proxy-tools`"
)

# Varnish serves a stale copy for a minute anyway while it fetches a new one (2 s here, so that
# tests wait less: vcl_for's healthy_grace); past the page's second in the cache and that, a
# reader gets it at once only while the database is known to be out, else after a failed fetch.
SHORT_GRACE = 2
PAST_THE_SHORT_GRACE = 3.5
# The probe asks every quarter of a second (every 2 s in deploy/: the minute of grace covers
# that); two failures of the last three take the database out, two answers put it back.
PROBE_INTERVAL = 0.25
PROBE_NOTICES = 6 * PROBE_INTERVAL
FORM = "/programy/pal/zgloszenie/"
# What the application answers, and Varnish keeps, for pages that are not there (any more).
NOT_PAGES = {
    "/stara-strona/": (301, "Location", "/programy/"),
    "/nie-ma-takiej/": (404, None, None),
    "/zakonczony-program/": (410, None, None),
}


class ApplicationState:
    """What one application server answers; a test changes it as the database comes and goes."""

    def __init__(self):
        self.database_reachable = True
        self.check_passes = True  # follows the database (database_out), but may lag behind
        self.pages_answered = True  # False: the connection is closed without an answer
        self.edition = 1  # what the pages say, changed "in the database"
        self.database_timeout = 0  # seconds a page waits for a database that hangs
        self.pages_asked = []

    def database_out(self):
        self.database_reachable = self.check_passes = False

    def database_back(self):
        self.database_reachable = self.check_passes = True


class Application(BaseHTTPRequestHandler):
    def do_GET(self):
        state = self.server.state
        if self.path == "/robots.txt":
            self._answer(200, "User-agent: *\n", "max-age=60")
        elif self.path == DATABASE_HEALTH_PATH:
            self._answer(200 if state.check_passes else 503, "check\n", "no-store")
        else:
            state.pages_asked.append(self.path)
            if not state.pages_answered:
                self.close_connection = True  # as a worker killed in the middle of a request
            elif state.database_reachable and self.path == FORM:
                # A form page: a token of the reader's own, never kept (a hit-for-miss object).
                self._answer(200, "<form>zgłoszenie</form>", "no-store")
            elif state.database_reachable and self.path in NOT_PAGES:
                status, header, value = NOT_PAGES[self.path]
                self._answer(status, "<h1>Nie ma</h1>", "max-age=60, s-maxage=1", header, value)
            elif state.database_reachable:
                page = f"<h1>Program {self.path}, wydanie {state.edition}</h1>"
                self._answer(200, page, "max-age=60, s-maxage=1")
            else:
                time.sleep(state.database_timeout)
                self._service_unavailable("<h1>Strona chwilowo niedostępna (MOPS)</h1>")

    def do_POST(self):
        state = self.server.state
        body = self.rfile.read(int(self.headers["Content-Length"])).decode()
        state.pages_asked.append(self.path)
        if not state.pages_answered:
            self.close_connection = True
        elif state.database_reachable:
            self._answer(302, "", "no-store")
        else:
            self._service_unavailable(f"<h1>Zgłoszenie NIE zostało wysłane</h1><p>{body}</p>")

    def _service_unavailable(self, text):
        self._answer(
            503,
            text,
            "max-age=0, no-cache, no-store, must-revalidate, private",
            "Retry-After",
            "120",
        )

    def _answer(self, status, text, cache_control, header=None, value=None):
        body = text.encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", cache_control)
        if header:
            self.send_header(header, value)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


# Each test's body is a scenario, run with all the others as the module starts, each on a Varnish
# of its own in front of application servers of its own: they wait on Varnish's clock and its
# probes, not on the processor, so that the module takes about as long as its longest scenario
# (8 s) instead of the sum of them all (60 s). The test then reports its scenario's outcome (a
# test picked alone, with -k, still waits for them all: they start together).
SCENARIOS = {}


def scenario(*arguments, servers=1):
    """Register the body of the test of the same name, run as `body(port, *their states)` with
    Varnish's port and the states of its `servers` application servers; with `arguments`, once
    with each as its last argument (the test is parametrized with them)."""

    def register(body):
        for argument in arguments or [None]:
            SCENARIOS[(body.__name__, argument)] = (body, servers)
        return body

    return register


class Outcomes(dict):
    def of(self, body, argument=None):
        """What the scenario ended with: nothing, or its failure raised again (its own
        assertion, with its traceback)."""
        self[(body.__name__, argument)].result()


def start_application():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Application)
    server.state = ApplicationState()
    # Asked to stop, it stops within a twentieth of a second (half a second by default).
    threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    ).start()
    return server


# Ports for Varnish are taken from below the range the system gives outgoing connections: the
# seventeen Varnishes' probes open thousands of connections a minute, and one given a port
# chosen for a Varnish that has not listened on it yet would make that Varnish fail.
OUTGOING_PORTS_START = int(Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split()[0])
LOWEST_PORT = 10_000
START_TRIES = 3


def distinct_free_ports(count):
    """`count` loopback ports free now, none chosen twice (each is held until all are), from
    below the outgoing connections' range, starting at a random place (another process, or
    another call, starts elsewhere)."""
    span = OUTGOING_PORTS_START - LOWEST_PORT
    first = secrets.randbelow(span)
    with contextlib.ExitStack() as held:
        ports = []
        for step in range(span):
            port = LOWEST_PORT + (first + step) % span
            probe = held.enter_context(socket.socket())
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            ports.append(port)
            if len(ports) == count:
                return ports
    raise RuntimeError(f"fewer than {count} free ports under {OUTGOING_PORTS_START}")


@pytest.fixture(scope="module")
def outcomes():
    # Varnish reads its VCL as its own user: a folder others may read (pytest's are private).
    workdir = Path(tempfile.mkdtemp(prefix="mops-stale-"))
    workdir.chmod(0o755)
    # Every application server listens before any Varnish's port is chosen, and the ports of
    # every Varnish (and of its tries again) are chosen at once: no two take the same.
    applications = {
        key: [start_application() for _ in range(scenario[1])]
        for key, scenario in SCENARIOS.items()
    }
    # Every Varnish answers before any scenario starts its clock: seventeen VCLs compiled at
    # once would make the first scenarios' readers wait.
    all_started = threading.Barrier(len(SCENARIOS))
    ports = iter(distinct_free_ports(2 * START_TRIES * len(SCENARIOS)))

    def run(number, key, processes):
        body, _count = SCENARIOS[key]
        _name, argument = key
        servers = applications[key]
        try:
            port = start_varnish_for(processes, workdir / f"scenario-{number}", servers, ports)
        finally:
            all_started.wait(timeout=120)
        states = [server.state for server in servers]
        body(port, *states, *([] if argument is None else [argument]))

    futures = {}
    try:
        # A thread for each scenario: they all wait at the barrier together.
        with Processes(workdir / "logs") as processes, ThreadPoolExecutor(len(SCENARIOS)) as pool:
            for number, key in enumerate(SCENARIOS):
                futures[key] = pool.submit(run, number, key, processes)
        yield Outcomes(futures)
    finally:
        for server in (server for servers in applications.values() for server in servers):
            server.shutdown()
            server.server_close()
        # Kept when a scenario failed: Varnish's log, which its error names, is in it.
        if all(future.done() and not future.exception() for future in futures.values()):
            shutil.rmtree(workdir, ignore_errors=True)


def start_varnish_for(processes, folder, servers, ports):
    """Varnish in front of `servers`, in a folder of its own (its VCL, its working directory);
    its port, the first of two taken from `ports`. A port chosen free may be taken before
    Varnish binds it (by another process): Varnish then exits, and is started again on the
    next two."""
    folder.mkdir(mode=0o755)
    for attempt in range(1, START_TRIES + 1):
        port, purge_port = next(ports), next(ports)
        try:
            start_varnish(
                processes,
                folder,
                [server.server_address[1] for server in servers],
                port,
                purge_port,
                name=f"{folder.name}-varnish",
                healthy_grace=f"{SHORT_GRACE}s",
                probe_interval=f"{PROBE_INTERVAL}s",
            )
        except ProcessFailed:
            if attempt == START_TRIES:
                raise
        else:
            return port


def timed(port, path):
    started = time.monotonic()
    response = request(port, path)
    return response, time.monotonic() - started


def assert_readers_get_the_copy_at_once(port, readers, path="/programy/"):
    """`readers` readers at the same moment each get the kept copy within a second."""
    with ThreadPoolExecutor(readers) as pool:
        answers = list(pool.map(lambda _: timed(port, path), range(readers)))
    for response, seconds in answers:
        assert response.status == 200
        assert "wydanie 1" in response.text
        assert seconds < 1


@scenario()
def readers_get_the_last_copy_at_once_while_the_database_is_out(port, application):
    assert "wydanie 1" in request(port, "/programy/").text  # kept by Varnish

    application.database_out()
    application.edition = 2
    time.sleep(PAST_THE_SHORT_GRACE)
    asked_before = len(application.pages_asked)

    assert_readers_get_the_copy_at_once(port, 10)
    # Nothing asked the application for a page the 503 page would only have replaced.
    time.sleep(0.5)
    assert len(application.pages_asked) == asked_before


def test_readers_get_the_last_copy_at_once_while_the_database_is_out(outcomes):
    outcomes.of(readers_get_the_last_copy_at_once_while_the_database_is_out)


@scenario()
def a_server_error_before_the_probe_notices_does_not_cost_the_page_its_copy(port, application):
    """Readers who come in the seconds before the probe notices get the copy too (Varnish asks
    once more for it), and so does everyone once it has noticed, for the whole outage."""
    pages = [f"/programy/{number}/" for number in range(5)]
    for page in pages:
        assert "wydanie 1" in request(port, page).text
    time.sleep(PAST_THE_SHORT_GRACE)

    application.database_reachable = False  # the check still passes: the probe lags behind
    with ThreadPoolExecutor(5) as readers:
        early = list(readers.map(lambda page: request(port, page), pages))
    application.check_passes = False
    time.sleep(PROBE_NOTICES)
    later = [request(port, page) for page in pages]

    for response in early + later:
        assert response.status == 200
        assert "wydanie 1" in response.text


def test_a_server_error_before_the_probe_notices_does_not_cost_the_page_its_copy(outcomes):
    outcomes.of(a_server_error_before_the_probe_notices_does_not_cost_the_page_its_copy)


@scenario()
def after_a_failed_fetch_the_next_reader_waits_for_one_fetch_only(port, application):
    """The reader whose fetch failed gets the kept copy, and Varnish does not ask the
    application again in the background: the next reader waits for their own fetch, not behind
    a hidden one that holds a server for the database's timeout."""
    assert "wydanie 1" in request(port, "/programy/").text
    time.sleep(PAST_THE_SHORT_GRACE)
    application.database_reachable = False  # the check still passes: the probe lags behind
    application.database_timeout = 2
    asked_before = len(application.pages_asked)

    first, _seconds = timed(port, "/programy/")
    time.sleep(0.5)
    second, seconds = timed(port, "/programy/")

    assert "wydanie 1" in first.text and "wydanie 1" in second.text
    assert seconds < 3  # one timeout of 2 s, not one and a half more behind a refresh
    assert len(application.pages_asked) - asked_before == 2


def test_after_a_failed_fetch_the_next_reader_waits_for_one_fetch_only(outcomes):
    outcomes.of(after_a_failed_fetch_the_next_reader_waits_for_one_fetch_only)


@scenario(*NOT_PAGES)
def a_kept_redirect_404_or_410_stays_while_the_database_is_out(port, application, path):
    """An old address's redirect, or a page's "not found" or "gone", is not replaced by the
    503 page when a reader asks in the seconds before the probe notices."""
    status, header, value = NOT_PAGES[path]
    assert request(port, path).status == status  # kept by Varnish
    time.sleep(PAST_THE_SHORT_GRACE)

    application.database_reachable = False  # the check still passes: the probe lags behind
    early = request(port, path)
    application.check_passes = False
    time.sleep(PROBE_NOTICES)
    later = request(port, path)

    for response in (early, later):
        assert response.status == status
        if header:
            assert response.headers[header.lower()] == value


@pytest.mark.parametrize("path", NOT_PAGES)
def test_a_kept_redirect_404_or_410_stays_while_the_database_is_out(outcomes, path):
    outcomes.of(a_kept_redirect_404_or_410_stays_while_the_database_is_out, path)


@scenario()
def a_form_sent_while_the_database_is_out_reaches_the_application(port, application):
    application.database_out()
    time.sleep(PROBE_NOTICES)

    response = request(port, FORM, method="POST", body="applicant=Anna")

    assert response.status == 503
    assert "NIE zostało wysłane" in response.text and "Anna" in response.text
    assert response.headers["retry-after"] == "120"


def test_a_form_sent_while_the_database_is_out_reaches_the_application(outcomes):
    outcomes.of(a_form_sent_while_the_database_is_out_reaches_the_application)


@scenario()
def a_page_never_kept_is_the_applications_503_page(port, application):
    """With its phone number, from one request to the application, before the probe notices
    and once it has noticed: a second try would hold a server, and keep the reader waiting,
    for a second database timeout."""
    application.database_out()

    right_away = request(port, "/aktualnosci/")
    time.sleep(PROBE_NOTICES)
    once_noticed = request(port, "/wydarzenia/")

    for response in (right_away, once_noticed):
        assert response.status == 503
        assert "(MOPS)" in response.text
        assert response.headers["retry-after"] == "120"
    assert application.pages_asked.count("/aktualnosci/") == 1
    assert application.pages_asked.count("/wydarzenia/") == 1


def test_a_page_never_kept_is_the_applications_503_page(outcomes):
    outcomes.of(a_page_never_kept_is_the_applications_503_page)


@scenario()
def a_form_page_that_fails_is_asked_for_once(port, application):
    """The form page is never kept (each reader's own token), but looked up as a page is: its
    server error is the application's 503 page from one try, as for a page never kept."""
    assert request(port, FORM).status == 200
    assert request(port, FORM).status == 200
    application.database_reachable = False  # the check still passes: the probe lags behind

    response = request(port, FORM)

    assert response.status == 503
    assert "(MOPS)" in response.text
    assert application.pages_asked.count(FORM) == 3


def test_a_form_page_that_fails_is_asked_for_once(outcomes):
    outcomes.of(a_form_page_that_fails_is_asked_for_once)


@scenario()
def a_form_that_gets_no_answer_is_sent_to_the_application_once(port, application):
    """Varnish asks again only for pages to read, never a form: the applicant gets the short
    page, which says that sending again is safe, as a 502 (no server answered): nginx in front
    gives the centre's own page, with its phone number, instead (its test: readers get the
    centre's page while Varnish is down)."""
    application.pages_answered = False  # as a worker killed in the middle of the request

    response = request(port, FORM, method="POST", body="applicant=Anna")

    assert response.status == 502
    assert "nie zostanie zapisane dwa razy" in response.text
    assert application.pages_asked == [FORM]


def test_a_form_that_gets_no_answer_is_sent_to_the_application_once(outcomes):
    outcomes.of(a_form_that_gets_no_answer_is_sent_to_the_application_once)


@scenario()
def readers_get_fresh_pages_once_the_database_is_back(port, application):
    assert "wydanie 1" in request(port, "/programy/").text
    application.database_out()
    time.sleep(PAST_THE_SHORT_GRACE)
    assert "wydanie 1" in request(port, "/programy/").text

    application.database_back()
    application.edition = 2
    time.sleep(PROBE_NOTICES)

    # The kept copy is past its short grace: the next reader waits for the fresh page.
    response = request(port, "/programy/")
    assert response.status == 200
    assert "wydanie 2" in response.text


def test_readers_get_fresh_pages_once_the_database_is_back(outcomes):
    outcomes.of(readers_get_fresh_pages_once_the_database_is_back)


@scenario(*["server error", "no answer"])
def a_refresh_that_fails_before_the_probe_notices_keeps_the_copy(port, application, failure):
    """The database gone (or a worker killed) while its check still passes: the refresh in the
    background fails, and the copy readers were given stays for the next readers."""
    assert "wydanie 1" in request(port, "/programy/").text
    if failure == "server error":
        application.database_reachable = False  # the check still passes
    else:
        application.pages_answered = False
    time.sleep(1.5)  # past the page's second, within the short grace

    first = request(port, "/programy/")
    time.sleep(0.5)  # the refresh in the background has failed by now
    second = request(port, "/programy/")

    assert (first.status, second.status) == (200, 200)
    assert "wydanie 1" in first.text and "wydanie 1" in second.text


@pytest.mark.parametrize("failure", ["server error", "no answer"])
def test_a_refresh_that_fails_before_the_probe_notices_keeps_the_copy(outcomes, failure):
    outcomes.of(a_refresh_that_fails_before_the_probe_notices_keeps_the_copy, failure)


@scenario(servers=2)
def a_server_cut_off_from_the_database_gets_no_readers_nor_forms(port, reading, cut_off):
    cut_off.database_out()
    time.sleep(PROBE_NOTICES)

    pages = [request(port, f"/programy/{number}/") for number in range(10)]
    forms = [request(port, FORM, method="POST", body="applicant=Anna") for _ in range(6)]

    assert [response.status for response in pages] == [200] * 10
    assert [response.status for response in forms] == [302] * 6
    assert not cut_off.pages_asked and len(reading.pages_asked) == 16


def test_a_server_cut_off_from_the_database_gets_no_readers_nor_forms(outcomes):
    outcomes.of(a_server_cut_off_from_the_database_gets_no_readers_nor_forms)


@scenario(servers=2)
def readers_whose_server_gives_no_answer_get_the_page_from_the_next(port, killed, living):
    """One of two servers stops answering (killed in the middle of its requests) before the
    probe notices: a reader of a page never kept gets it from the other server (readers one
    after another here: with many at once, the directors' next turn may be the same server's
    again). A form that
    reached the killed one is not sent again (the applicant gets the page that says sending it
    again is safe, as 502: nginx in front gives the centre's page instead)."""
    killed.pages_answered = False

    pages = [request(port, f"/programy/{number}/") for number in range(10)]
    forms = [request(port, FORM, method="POST", body="applicant=Anna") for _ in range(4)]

    assert [response.status for response in pages] == [200] * 10
    assert killed.pages_asked, "the killed server was never asked: nothing was tried again"
    assert sorted(response.status for response in forms) == [302, 302, 502, 502]
    assert killed.pages_asked.count(FORM) == 2 and living.pages_asked.count(FORM) == 2


def test_readers_whose_server_gives_no_answer_get_the_page_from_the_next(outcomes):
    outcomes.of(readers_whose_server_gives_no_answer_get_the_page_from_the_next)


@scenario()
def visitors_cannot_ask_for_the_database_check(port, _application):
    assert request(port, DATABASE_HEALTH_PATH).status == 404


def test_visitors_cannot_ask_for_the_database_check(outcomes):
    outcomes.of(visitors_cannot_ask_for_the_database_check)


@scenario()
def readers_of_an_expired_copy_do_not_queue_while_the_database_hangs(port, application):
    """Before the probe notices a database that hangs, readers of a page whose copy expired
    within the healthy site's grace get the copy at once, not one after another each after the
    database's timeout. That the grace is long enough to cover the probe's time to notice is
    the next test's part: this one runs with the tests' short grace."""
    assert "wydanie 1" in request(port, "/programy/").text
    time.sleep(1.5)  # past the page's second, within the grace of a healthy site
    application.database_reachable = False  # the check still passes: the probe lags behind
    application.database_timeout = 2  # each page waits, then gets the 503 page

    assert_readers_get_the_copy_at_once(port, 8)


def test_readers_of_an_expired_copy_do_not_queue_while_the_database_hangs(outcomes):
    outcomes.of(readers_of_an_expired_copy_do_not_queue_while_the_database_hangs)


def test_the_grace_of_a_healthy_site_outlasts_the_probe_noticing_a_hanging_database():
    """deploy/varnish/default.vcl: two failures take the database out, each up to the probe's
    timeout after the probe before; readers of a copy that expired meanwhile must still get it."""
    vcl = DEPLOY_VCL.read_text()
    probe = vcl.split("probe database_health {", 1)[1].split("}", 1)[0]
    seconds = {
        name: int(re.search(rf"\.{name} = (\d+)s;", probe).group(1))
        for name in ("interval", "timeout")
    }
    grace = int(re.search(r"obj\.ttl \+ (\d+)s", HEALTHY_GRACE).group(1))

    assert HEALTHY_GRACE in vcl
    assert grace > 2 * (seconds["interval"] + seconds["timeout"])


@scenario()
def a_signed_in_visitor_gets_the_applications_503_page(port, application):
    """A request Varnish passes (a session cookie; here with a browser's If-None-Match too) gets
    the application's 503 page, with its phone number, not Varnish's short one."""
    kept = request(port, "/programy/")
    application.database_out()
    time.sleep(PROBE_NOTICES)

    response = request(
        port,
        "/programy/",
        headers={"If-None-Match": kept.headers["etag"]},
        cookies={"sessionid": "abc"},
    )

    assert response.status == 503
    assert "(MOPS)" in response.text


def test_a_signed_in_visitor_gets_the_applications_503_page(outcomes):
    outcomes.of(a_signed_in_visitor_gets_the_applications_503_page)
