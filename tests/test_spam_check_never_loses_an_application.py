"""Whatever Google's reCAPTCHA check answers, or fails to answer, an applicant's application is
not lost: only a plain "no" refuses it (a form error, answers kept); anything else accepts it and
marks it "spam check unavailable" for the coordinator.

Google is played by a real HTTPS server on the loopback interface, with a certificate made for
the test and trusted through SSL_CERT_FILE (read by urllib's default TLS context).
"""

import socket
import ssl
import subprocess
import threading
import time
from functools import partial
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.test import override_settings

from enrolment.models import Application

from .enrolment_helpers import submit, valid_answers
from .enrolment_world import open_enrolment_form
from .once_per_module import built_once

pytestmark = pytest.mark.django_db

TIMEOUT_SECONDS = 0.5


@pytest.fixture(scope="module")
def certificate(tmp_path_factory):
    folder = tmp_path_factory.mktemp("recaptcha-tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
            "-keyout", str(key), "-out", str(cert), "-subj", "/CN=127.0.0.1",
            "-addext", "subjectAltName=IP:127.0.0.1",
        ],
        check=True,
        capture_output=True,
    )  # fmt: skip
    return cert, key


class FakeGoogle(BaseHTTPRequestHandler):
    """Answers /recaptcha/api/siteverify as `server.reply` says."""

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.server.requests += 1
        status, body, delay = self.server.reply
        time.sleep(delay)
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def google(certificate, monkeypatch):
    cert, key = certificate
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeGoogle)
    server.daemon_threads = True
    server.requests = 0
    server.reply = (200, b'{"success": true}', 0)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=partial(server.serve_forever, 0.05), daemon=True)
    thread.start()
    with override_settings(
        RECAPTCHA_PUBLIC_KEY="site-key",
        RECAPTCHA_PRIVATE_KEY="secret-key",
        RECAPTCHA_DOMAIN=f"127.0.0.1:{server.server_address[1]}",
        RECAPTCHA_VERIFY_REQUEST_TIMEOUT=TIMEOUT_SECONDS,
    ):
        yield server
    server.shutdown()
    server.server_close()


# (the enrolment form, its open edition) of a small site, built once for the module; each test
# gets its own copy.
kept_world, open_form = built_once(open_enrolment_form, name="open_form")


def apply(client, page, chosen):
    answers = valid_answers(page, chosen, **{"g-recaptcha-response": "token-from-the-widget"})
    return submit(client, page, answers)


def test_a_passed_check_lets_the_application_through_unmarked(client, open_form, google):
    response = apply(client, *open_form)
    assert response.status_code == 302
    assert not Application.objects.get().spam_check_skipped
    assert google.requests == 1


def test_a_failed_check_is_a_form_error_with_the_answers_kept(client, open_form, google):
    google.reply = (200, b'{"success": false, "error-codes": ["invalid-input-response"]}', 0)
    response = apply(client, *open_form)
    assert response.status_code == 200
    assert 'value="Anna Kowalska"' in response.content.decode()
    assert not Application.objects.exists()
    assert google.requests == 1


@pytest.mark.parametrize(
    "reply",
    [
        (200, b"{}", 0),
        (200, b"<html>Service Unavailable</html>", 0),
        (200, b'{"success": "false"}', 0),
        (200, b"[]", 0),
        (500, b'{"success": true}', 0),
        (503, b"", 0),
        (200, b'{"success": true}', TIMEOUT_SECONDS * 3),
    ],
    ids=["empty-object", "not-json", "success-not-a-boolean", "a-list", "http-500", "http-503",
         "too-slow"],
)  # fmt: skip
def test_a_reply_that_is_not_a_plain_answer_keeps_the_application_and_marks_it(
    client, open_form, google, reply
):
    google.reply = reply
    response = apply(client, *open_form)
    assert response.status_code == 302
    assert Application.objects.get().spam_check_skipped
    assert google.requests == 1


def test_when_google_refuses_the_connection_the_application_is_kept_and_marked(
    client, open_form, google
):
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    with override_settings(RECAPTCHA_DOMAIN=f"127.0.0.1:{port}"):
        response = apply(client, *open_form)
    assert response.status_code == 302
    assert Application.objects.get().spam_check_skipped


def test_an_untrusted_certificate_is_not_a_passed_check(client, open_form, google, monkeypatch):
    """A server that is not Google (its certificate not trusted) cannot say yes."""
    monkeypatch.setenv("SSL_CERT_FILE", "/nonexistent/ca.pem")
    response = apply(client, *open_form)
    assert response.status_code == 302
    assert Application.objects.get().spam_check_skipped
    assert google.requests == 0
