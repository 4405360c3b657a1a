"""A database server that stops answering (a network cut that drops packets instead of refusing
them) is given up on within the connection timeout the settings give PostgreSQL connections
(mops_site.settings.database), so that a request gets the site's own 503 page instead of holding
a worker until gunicorn kills it. A real socket that accepts and never answers."""

import signal
import socket
import time

import psycopg
import pytest

from mops_site.settings import database


class Hung(Exception):
    pass


def test_connecting_to_a_server_that_never_answers_fails_within_its_timeout(monkeypatch):
    monkeypatch.setenv("DATABASE_CONNECT_TIMEOUT", "2")
    options = database.unreachable_server_options()
    silent = socket.create_server(("127.0.0.1", 0))  # accepted by the kernel, never answered
    host, port = silent.getsockname()

    def give_up(signum, frame):
        raise Hung("still waiting for the database after 30 s")

    previous = signal.signal(signal.SIGALRM, give_up)
    signal.alarm(30)
    started = time.monotonic()
    try:
        with pytest.raises(psycopg.OperationalError):
            psycopg.connect(host=host, port=port, user="postgres", dbname="mops", **options)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
        silent.close()
    assert time.monotonic() - started < 15
