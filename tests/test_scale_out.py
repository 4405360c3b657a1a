"""Scale-out, proved on one machine: two application servers sharing PostgreSQL and Redis behind
one Varnish (deploy/varnish/default.vcl), with two task workers (bench/scale_out.py).

It needs Varnish (`make proxy-tools`), Redis on 127.0.0.1:6379 and a PostgreSQL server, so it
runs in the PostgreSQL pass of the suite (DATABASE_URL=postgres://…), on a database of its own
(mops_scale_out) on that server, a copy of the demo the session built (database and images);
elsewhere it is skipped, saying why.
"""

import os
import shutil
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.conf import settings

from .redis_on_loopback import redis_answers

DATABASE_URL = os.environ.get("DATABASE_URL", "")


pytestmark = [
    pytest.mark.skipif(
        not shutil.which("varnishd"), reason="Varnish is not installed: `make proxy-tools`"
    ),
    pytest.mark.skipif(
        not DATABASE_URL.startswith(("postgres://", "postgresql://")),
        reason="the instances share a PostgreSQL: runs when DATABASE_URL names one",
    ),
    pytest.mark.skipif(not redis_answers(), reason="no Redis on 127.0.0.1:6379"),
    # The copy of the session's demo needs the session's test database (nothing else reads it).
    pytest.mark.django_db,
    pytest.mark.demo,
]


@pytest.fixture(scope="module")
def scale_out(database_snapshot, django_db_blocker):
    from bench.scale_out import ScaleOut

    def copy_demo(database, media_root):
        with django_db_blocker.unblock():
            database_snapshot.copy_to(database)
        shutil.copytree(settings.MEDIA_ROOT, media_root, dirs_exist_ok=True)

    server = urlunsplit(urlsplit(DATABASE_URL)._replace(path="/postgres"))
    with ScaleOut(postgres_server=server, copy_demo=copy_demo) as running:
        yield running


def test_an_edit_published_is_served_fresh_by_both_instances_and_varnish_within_a_second(
    scale_out,
):
    result = scale_out.edit_is_fresh_everywhere()
    assert result["cached_before"] == "HIT", result
    # Wagtail sends the purge itself (home.frontend_cache with FRONTEND_CACHE_URL).
    assert result["purged_by_wagtail"], result
    assert set(result["fresh_after_seconds"]) == {"Varnish", "A", "B"}, result
    assert max(result["fresh_after_seconds"].values()) < 1.0, result


def test_a_form_opened_on_one_instance_is_accepted_by_the_other(scale_out):
    result = scale_out.apply_across_instances(open_on="a", send_to="b")
    assert result["form_status"] == 200, result
    # The CSRF cookie and token from A are good on B, and B's session shows on A.
    assert result["post_status"] == 302, result
    assert result["confirmation_status"] == 200, result
    assert result["reference"], result


def test_two_workers_deliver_each_notification_exactly_once(scale_out):
    result = scale_out.notifications_delivered_once(applications=6)
    assert result["applications"] == 6, result
    assert result["delivered"] == result["notifications"] >= 6, result
    # One message per notification, none twice, and every application's team told.
    assert result["messages_for_these_applications"] == result["notifications"], result
    assert min(result["messages_per_reference"].values()) >= 1, result


def test_varnish_shares_anonymous_pages_and_passes_everything_personal(scale_out):
    from bench.web_client import request

    varnish, purge = scale_out.ports["varnish"], scale_out.ports["purge"]
    pages = scale_out.django("from bench.pages import print_pages; print_pages()")

    def cache_state(path, **kwargs):
        request(varnish, path, **kwargs)
        return request(varnish, path, **kwargs).headers.get("x-cache")

    assert cache_state(pages["programme index"]) == "HIT"
    assert cache_state(pages["programme index"], cookies={"csrftoken": "x" * 32}) == "HIT"
    assert cache_state(pages["form page"]) == "PASS"
    assert cache_state("/admin/login/") == "PASS"
    assert cache_state(pages["programme index"], cookies={"sessionid": "abc"}) == "PASS"
    # A reader's CSRF cookie reaches the application, so that a form opened in a second tab
    # does not replace the token of the first.
    first = request(varnish, pages["form page"])
    token = first.cookies["csrftoken"]
    second = request(varnish, pages["form page"], cookies={"csrftoken": token})
    assert second.cookies.get("csrftoken", token) == token
    # Only the purge address purges.
    assert request(varnish, pages["programme index"], method="PURGE").status == 405
    assert request(purge, pages["programme index"], method="PURGE").status == 200
    assert request(varnish, pages["programme index"]).headers.get("x-cache") == "MISS"
