"""A search a resident repeats is answered without searching again, and never hides a change.

The full-text search is most of the time of a search page (home.views.matching_ids): for
visitors its answer is kept in the versioned cache, which publishing, unpublishing, moving or
saving a page refreshes.
"""

from unittest import mock

import pytest
from django.core.cache import cache

from bench.counting import counting
from home import versioned_cache

from .factories import SmallSite
from .update_builders import make_update

pytestmark = pytest.mark.django_db


def search(client, query, prefix=""):
    response = client.get(f"{prefix}/search/", {"query": query})
    assert response.status_code == 200
    return response.content.decode()


def test_a_repeated_search_reads_nothing_from_the_database(client):
    site = SmallSite.build()
    update = make_update(site.programme, title="Wycieczka nad wodospad")
    for _ in range(2):  # as the first readers do: the page's own parts are kept too
        assert update.title in search(client, "wodospad")

    with counting() as cost:
        html = search(client, "wodospad")

    assert update.title in html
    assert cost.query_count == 0


def test_the_same_words_typed_with_extra_spaces_are_one_search(client):
    site = SmallSite.build()
    update = make_update(site.programme, title="Wycieczka nad wodospad w górach")
    for _ in range(2):
        assert update.title in search(client, "wodospad  w górach")

    with counting() as cost:
        html = search(client, "  wodospad w   górach ")

    assert update.title in html
    assert cost.query_count == 0
    assert 'value="wodospad w górach"' in html


def test_a_page_published_after_a_search_is_found_by_the_next_one(client):
    site = SmallSite.build()
    assert "Wycieczka nad wodospad" not in search(client, "wodospad")

    make_update(site.programme, title="Wycieczka nad wodospad")

    assert "Wycieczka nad wodospad" in search(client, "wodospad")


def test_a_page_unpublished_after_a_search_is_gone_from_the_next_one(client):
    site = SmallSite.build()
    update = make_update(site.programme, title="Wycieczka nad wodospad")
    assert update.title in search(client, "wodospad")

    update.unpublish()

    assert update.title not in search(client, "wodospad")


def test_a_signed_in_editor_searches_afresh(client, django_user_model):
    site = SmallSite.build()
    editor = django_user_model.objects.create_user("redaktorka", password="x" * 20)
    client.force_login(editor)
    make_update(site.programme, title="Wycieczka nad wodospad")
    assert "Wycieczka nad wodospad" in search(client, "wodospad")

    with counting() as cost:
        search(client, "wodospad")

    assert cost.query_count >= 1


def test_the_words_searched_are_not_written_into_the_cache_keys(client):
    SmallSite.build()
    with mock.patch.object(cache, "set", wraps=cache.set) as cache_set:
        search(client, "przemoc")

    keys = [call.args[0] for call in cache_set.call_args_list]
    assert any(key.startswith("site-wide-parts:") and ":search:" in key for key in keys)
    assert not any("przemoc" in key for key in keys)


def test_many_different_searches_do_not_push_out_what_every_page_keeps(client, monkeypatch):
    SmallSite.build()
    for _ in range(2):
        assert client.get("/").status_code == 200
        search(client, "słowo")
    with counting() as warm:
        client.get("/")
    # This process keeps room for the entries of the home page and of a search page (its
    # header, its footer) and a few more only.
    kept_for_pages = len(versioned_cache._local["entries"])
    monkeypatch.setattr(versioned_cache, "LOCAL_MAX_ENTRIES", kept_for_pages + 3)

    for number in range(10):
        search(client, f"słowo{number}")
    with counting() as after:
        client.get("/")

    assert (after.query_count, after.cache_round_trips) == (
        warm.query_count,
        warm.cache_round_trips,
    )
