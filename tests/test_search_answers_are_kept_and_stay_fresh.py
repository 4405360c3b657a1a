"""A search a resident repeats is answered without searching again, never hides a change, and
the words searched are never sent to the cache server.

The full-text search is most of the time of a search page: for visitors, its answer is kept in
the process's memory (home.recent_searches) under the versioned cache's version, which
publishing, unpublishing, moving, deleting or restricting a page changes.
"""

from unittest import mock

import pytest
from django.core.cache import cache
from wagtail.models import PageViewRestriction

from bench.counting import counting
from home import recent_searches, versioned_cache

from .factories import SmallSite
from .update_builders import make_update

pytestmark = pytest.mark.django_db


def search(client, query, prefix=""):
    response = client.get(f"{prefix}/search/", {"query": query})
    assert response.status_code == 200
    return response.content.decode()


def searched_the_index(cost):
    """Whether the full-text search ran (its query reads the search index's table)."""
    return any("indexentry" in query["sql"].lower() for query in cost.queries)


@pytest.fixture
def waterfall_trip():
    site = SmallSite.build()
    return site, make_update(site.programme, title="Wycieczka nad wodospad w górach")


def test_a_repeated_search_reads_nothing_from_the_database(client, waterfall_trip):
    _site, update = waterfall_trip
    for _ in range(2):  # as the first readers do: the page's own parts are kept too
        assert update.title in search(client, "wodospad")

    with counting() as cost:
        html = search(client, "wodospad")

    assert update.title in html
    assert cost.query_count == 0


def test_the_same_words_typed_with_extra_spaces_are_one_search(client, waterfall_trip):
    _site, update = waterfall_trip
    for _ in range(2):
        assert update.title in search(client, "wodospad  w górach")

    with counting() as cost:
        html = search(client, "  wodospad w   górach ")

    assert update.title in html
    assert not searched_the_index(cost)
    assert 'value="wodospad w górach"' in html


def test_a_page_published_after_a_search_is_found_by_the_next_one(client):
    site = SmallSite.build()
    assert "Wycieczka nad wodospad" not in search(client, "wodospad")

    make_update(site.programme, title="Wycieczka nad wodospad")

    assert "Wycieczka nad wodospad" in search(client, "wodospad")


def test_a_page_unpublished_after_a_search_is_gone_from_the_next_one(client, waterfall_trip):
    _site, update = waterfall_trip
    assert update.title in search(client, "wodospad")

    update.unpublish()

    assert update.title not in search(client, "wodospad")


def test_a_page_deleted_after_a_search_is_gone_from_the_next_one(client, waterfall_trip):
    _site, update = waterfall_trip
    assert update.title in search(client, "wodospad")

    update.delete()

    assert update.title not in search(client, "wodospad")


def test_a_page_given_a_password_after_a_search_is_gone_from_the_next_one(client, waterfall_trip):
    _site, update = waterfall_trip
    assert update.title in search(client, "wodospad")

    PageViewRestriction.objects.create(
        page=update, restriction_type=PageViewRestriction.PASSWORD, password="tajne"
    )

    assert update.title not in search(client, "wodospad")


def test_a_signed_in_editor_searches_afresh(client, django_user_model, waterfall_trip):
    _site, update = waterfall_trip
    client.force_login(django_user_model.objects.create_user("redaktorka", password="x" * 20))
    for _ in range(2):  # as in the first test: a visitor's answer would be kept by now
        assert update.title in search(client, "wodospad")

    with counting() as cost:
        assert update.title in search(client, "wodospad")

    assert searched_the_index(cost)


def test_the_words_searched_are_never_sent_to_the_cache_server(client, waterfall_trip):
    for _ in range(2):  # the page's own parts (header, footer) are kept, as for any reader
        search(client, "pomoc")
    with (
        mock.patch.object(cache, "set", wraps=cache.set) as cache_set,
        mock.patch.object(cache, "get", wraps=cache.get) as cache_get,
    ):
        for _ in range(2):
            search(client, "przemoc domowa")

    assert [c.args[0] for c in cache_set.call_args_list] == []
    assert [call.args[0] for call in cache_get.call_args_list] == ["site-wide-parts:version"] * 2


def test_only_the_most_recent_searches_are_kept(client, waterfall_trip, monkeypatch):
    monkeypatch.setattr(recent_searches, "MAX_ANSWERS", 3)
    for word in ["wodospad", "góry", "las", "rzeka"]:
        search(client, word)

    with counting() as oldest:
        search(client, "wodospad")
    with counting() as newest:
        search(client, "rzeka")

    assert searched_the_index(oldest)
    assert not searched_the_index(newest)


def test_many_different_searches_do_not_push_out_what_every_page_keeps(client, monkeypatch):
    # Far more room than the home and search pages' own parts (header, footer) take, and fewer
    # than the searches below: were each search to keep anything beside them, the room would
    # fill and the home page would read its parts afresh.
    room = 40
    monkeypatch.setattr(versioned_cache, "LOCAL_MAX_ENTRIES", room)
    SmallSite.build()
    for _ in range(2):
        assert client.get("/").status_code == 200
        search(client, "słowo")
    with counting() as warm:
        client.get("/")

    for number in range(room + 10):
        search(client, f"słowo{number}")
    with counting() as after:
        client.get("/")

    assert (after.query_count, after.cache_round_trips) == (
        warm.query_count,
        warm.cache_round_trips,
    )
