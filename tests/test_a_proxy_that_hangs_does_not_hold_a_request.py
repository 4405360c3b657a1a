"""A caching proxy that accepts the purge's connection and never answers costs the purge a
couple of seconds, not the request that sends it (an applicant taking an edition's last place,
an editor publishing): the purge is given up, logged, and the proxy's copy expires on its own.
A real socket that never answers."""

import logging
import signal
import socket

import pytest
from django.test import override_settings
from wagtail.contrib.frontend_cache.utils import PurgeBatch


class Hung(Exception):
    pass


def test_a_purge_to_a_proxy_that_never_answers_is_given_up_and_logged(caplog):
    silent = socket.create_server(("127.0.0.1", 0))  # accepted by the kernel, never answered
    backend = {
        "BACKEND": "home.purge_backend.TimedHTTPBackend",
        "LOCATION": f"http://127.0.0.1:{silent.getsockname()[1]}",
    }

    def give_up(signum, frame):
        raise Hung("the purge still waits for the proxy after 30 s")

    previous = signal.signal(signal.SIGALRM, give_up)
    signal.alarm(30)
    try:
        with (
            override_settings(WAGTAILFRONTENDCACHE={"varnish": backend}, FRONTEND_CACHE_TIMEOUT=1),
            caplog.at_level(logging.ERROR, logger="wagtail.frontendcache"),
        ):
            PurgeBatch(["http://localhost/programy/"]).purge()
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
        silent.close()

    assert "Couldn't purge 'http://localhost/programy/'" in caplog.text


@pytest.mark.parametrize("port", [None, 8000])
def test_the_purge_names_the_page_s_host_to_the_proxy(proxy, port):
    host = "mops.example.org" + (f":{port}" if port else "")
    PurgeBatch([f"http://{host}/programy/?a=1"]).purge()
    assert proxy.purged == [(host, "/programy/?a=1")]
