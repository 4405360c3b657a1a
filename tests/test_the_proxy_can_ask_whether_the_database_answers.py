"""Varnish asks each application server whether it can read the database (site/health_check.py,
deploy/varnish/default.vcl): the answer is 200 while it can, 503 as soon as it cannot, and 200
again once the database is back, whatever Host the probe names; it is never kept by anyone.

tests/test_readers_keep_the_last_copy_while_the_database_is_out.py proves what Varnish does
with the answer. Here the database is really cut: gunicorn serves the site (tests/live_site.py);
its SQLite file is moved away (as a disk gone), or its PostgreSQL is reached through a TCP link
that the test cuts.
"""

import contextlib
import re

import pytest
from django.db import OperationalError, connection
from django.test import override_settings

from bench.servers import DEPLOY_VCL
from bench.web_client import request
from mops_site.health_check import DATABASE_HEALTH_PATH

from .live_site import BACKENDS, LiveSite

pytestmark = pytest.mark.django_db


@contextlib.contextmanager
def every_query_refused():
    def refuse(execute, sql, params, many, context):
        raise OperationalError("connection refused")

    with connection.execute_wrapper(refuse):
        yield


def test_the_check_is_where_the_proxy_asks_for_it():
    probes = re.findall(r'"GET (\S+) HTTP/1.1"', DEPLOY_VCL.read_text())
    assert DATABASE_HEALTH_PATH in probes


@override_settings(SECURE_SSL_REDIRECT=True)
def test_the_check_answers_whatever_host_the_probe_names(client):
    """An operator who did not edit the probe's Host line still gets a working check."""
    response = client.get(DATABASE_HEALTH_PATH, HTTP_HOST="probe.invalid")

    assert response.status_code == 200


def test_the_check_answers_while_the_database_does(client):
    response = client.get(DATABASE_HEALTH_PATH)

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_the_check_fails_while_the_database_refuses_queries(client):
    with every_query_refused():
        response = client.get(DATABASE_HEALTH_PATH)

    assert response.status_code == 503
    assert "no-store" in response["Cache-Control"]


def test_the_check_only_reads(client):
    assert client.head(DATABASE_HEALTH_PATH).status_code == 200
    assert client.post(DATABASE_HEALTH_PATH).status_code == 405


@pytest.fixture(scope="module", params=BACKENDS)
def live_site(request, tmp_path_factory, live_site_databases):
    folder = tmp_path_factory.mktemp(f"health-{request.param}")
    database = live_site_databases.fresh(request.param, folder, "health", programme=False)
    with LiveSite(database, folder / "logs", workers=1, threads=2) as site:
        yield site


def test_the_check_follows_a_database_really_cut_and_restored(live_site):
    assert request(live_site.port, DATABASE_HEALTH_PATH).status == 200

    live_site.database.cut()
    try:
        cut = request(live_site.port, DATABASE_HEALTH_PATH, timeout=10)
        robots = request(live_site.port, "/robots.txt")
    finally:
        live_site.database.restore()

    assert cut.status == 503
    assert robots.status == 200  # gunicorn itself still answers: forms still reach it
    assert request(live_site.port, DATABASE_HEALTH_PATH).status == 200
