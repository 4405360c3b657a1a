"""The site answering a request is the one Wagtail chooses for its host and port
(home.site_lookup), found with one query per host and then kept: the next request for that host
reads no database, and a site an administrator saves or deletes answers the very next request."""

import pytest
from django.core.exceptions import DisallowedHost
from django.db import connection
from django.test import RequestFactory, override_settings
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, Site

from home.models import SafetySettings
from home.site_lookup import site_for_request

from .factories import HomePageFactory, publish

pytestmark = pytest.mark.django_db

HOSTS = ["localhost", "b.example.org", "new.example.org", "c.example.org"]


def request_to(host, port=80):
    return RequestFactory().get(
        "/", HTTP_HOST=host if port == 80 else f"{host}:{port}", SERVER_PORT=str(port)
    )


@pytest.fixture
def sites():
    """A default site on localhost and two more sharing a host name on different ports."""
    root = Page.get_first_root_node()
    first, second = (publish(HomePageFactory(parent=root)) for _ in range(2))
    default, _created = Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "port": 80, "root_page": first}
    )
    on_80 = Site.objects.create(hostname="b.example.org", port=80, root_page=second)
    on_8080 = Site.objects.create(hostname="b.example.org", port=8080, root_page=first)
    with override_settings(ALLOWED_HOSTS=HOSTS):
        yield {"default": default, "b:80": on_80, "b:8080": on_8080}


@pytest.mark.parametrize(
    ("host", "port", "expected"),
    [
        ("localhost", 80, "default"),
        ("b.example.org", 80, "b:80"),
        ("b.example.org", 8080, "b:8080"),
        # Two sites of that name, neither on this port: the default site, as Wagtail decides.
        ("b.example.org", 9999, "default"),
        ("c.example.org", 80, "default"),
    ],
)
def test_each_host_and_port_is_answered_by_the_site_wagtail_chooses(sites, host, port, expected):
    assert site_for_request(request_to(host, port)) == sites[expected]
    assert Site.find_for_request(request_to(host, port)) == sites[expected]


def test_the_next_request_for_a_host_reads_no_database(sites):
    with CaptureQueriesContext(connection) as first:
        assert site_for_request(request_to("b.example.org")) == sites["b:80"]
    with CaptureQueriesContext(connection) as next_one:
        assert site_for_request(request_to("b.example.org")) == sites["b:80"]
    assert len(first) == 1
    assert len(next_one) == 0


def test_a_site_saved_or_deleted_answers_the_next_request(sites):
    assert site_for_request(request_to("b.example.org")) == sites["b:80"]
    assert site_for_request(request_to("new.example.org")) == sites["default"]

    moved = sites["b:80"]
    moved.hostname = "new.example.org"
    moved.save()
    assert site_for_request(request_to("new.example.org")) == moved
    # The one site left of that name, on another port, rather than the default: as Wagtail.
    assert site_for_request(request_to("b.example.org")) == sites["b:8080"]
    assert Site.find_for_request(request_to("b.example.org")) == sites["b:8080"]

    moved.delete()
    assert site_for_request(request_to("new.example.org")) == sites["default"]


def test_the_site_keeps_its_root_page_for_routing(sites):
    site = site_for_request(request_to("b.example.org"))
    site = site_for_request(request_to("b.example.org"))  # this process's kept copy
    with CaptureQueriesContext(connection) as queries:
        assert site.root_page.pk == sites["b:80"].root_page_id
    assert len(queries) == 0


def test_a_host_the_settings_do_not_allow_is_refused_as_django_refuses_it(sites):
    with pytest.raises(DisallowedHost):
        site_for_request(request_to("attacker.example.com"))


def test_each_site_reads_its_own_settings_and_shows_them_to_its_readers(client, sites):
    """Site settings are read for the request's own site (home.cached_settings): two sites,
    two "Leave this page" addresses, each on its own host's pages."""
    addresses = {"default": "https://www.google.com/", "b:80": "https://pogoda.example.org/"}
    for site, address in addresses.items():
        SafetySettings.objects.update_or_create(
            site=sites[site], defaults={"quick_exit_url": address}
        )
    for host, site in (("localhost", "default"), ("b.example.org", "b:80")):
        assert SafetySettings.for_request(request_to(host)).quick_exit_url == addresses[site]
        for _ in range(2):  # the second view kept
            html = client.get("/", HTTP_HOST=host).content.decode()
            assert f'class="quick-exit__link" href="{addresses[site]}"' in html
