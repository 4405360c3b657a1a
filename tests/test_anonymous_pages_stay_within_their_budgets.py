"""An anonymous reader's page costs no more SQL queries and cache round trips than its budget.

Each page type of the demo site, in Polish, English and Ukrainian, is asked for twice to warm
the caches (as the first readers do), then once counted with bench/counting.py, the counting
`make profile` uses (bench/profile.py). The budgets are what the code does today: they guard
against a page growing, and later work lowers them towards issue 16's target of at most 2
queries and 2 cache round trips per page on a warm cache.

Where the rest goes today (bench/results/profile-latest.md lists them page by page): the site is
found once per host and port (home.site_lookup), routing finds the page without walking the tree
(home.routing), and the live page, its form's questions, its lists and its rendered parts are kept
for visitors without a session; what is read afresh depends on each application (the editions'
places taken, on the programme page; the form shows none, so it reads none) or on the query
(search, a filtered or later page of a list). The one cache round trip is the versioned cache's
version (everything else it keeps is a per-process copy under that version: home.versioned_cache).
A repeated search reads the answer this process kept for the words (home.recent_searches; the
search itself is one query, home.search_ranking); its results and its header but for the language
links (which carry the words searched for) are kept as HTML, and its view restrictions are read
only when the site has any (home.view_restrictions).
"""

import pytest

from bench.counting import LANGUAGES, anonymous_pages, counting

pytestmark = [pytest.mark.django_db, pytest.mark.demo]

# Issue 16's target for every page: 2 queries, 2 cache round trips.
TARGET = 2

# (SQL queries, cache round trips) at most, in any language. Before issue 16's work the cache
# round trips were 12 to 18 a page (one per kept part or fragment).
# The programme page counts its editions' places taken (the editions themselves are kept),
# search keeps its answer in the process; the other pages, the form page among them, read nothing
# from the database when warm.
BUDGETS = {
    "home": (0, 1),
    "programme list": (0, 1),
    "programme page": (1, 1),
    "search": (0, 1),
    "form page": (0, 1),
    "news list": (0, 1),
    "update page": (0, 1),
}


def cost_of_a_warm_view(client, address):
    for _ in range(2):
        assert client.get(address).status_code == 200
    with counting() as cost:
        response = client.get(address)
    assert response.status_code == 200
    return cost


@pytest.fixture
def demo_pages(db):
    return anonymous_pages()


def test_every_page_type_is_measured_in_every_language(demo_pages):
    assert {kind for kind, _language in demo_pages} == set(BUDGETS)
    for kind in BUDGETS:
        assert {language for k, language in demo_pages if k == kind} == set(LANGUAGES), kind


@pytest.mark.parametrize("kind", BUDGETS)
def test_a_warm_page_stays_within_its_query_and_cache_budget(client, demo_pages, kind):
    max_queries, max_round_trips = BUDGETS[kind]
    for language in LANGUAGES:
        cost = cost_of_a_warm_view(client, demo_pages[(kind, language)])
        queries = "\n".join(query["sql"][:150] for query in cost.queries)
        assert cost.query_count <= max_queries, f"{kind}, {language}:\n{queries}"
        assert cost.cache_round_trips <= max_round_trips, f"{kind}, {language}: {cost.cache_calls}"


def test_a_warm_page_reads_the_versioned_cache_once(client, demo_pages):
    """Everything the versioned cache keeps (site-wide parts, settings, rendered header, footer
    and sections) comes from the process's own copy under the version, read once a request."""
    for (kind, language), address in demo_pages.items():
        cost = cost_of_a_warm_view(client, address)
        versioned = [key for _alias, _name, key in cost.cache_calls if "site-wide-parts" in key]
        assert versioned == ["site-wide-parts:version"], f"{kind}, {language}: {versioned}"


def test_a_cold_page_counts_every_round_trip(client, demo_pages):
    """The counting sees the cache being filled: a page asked for first costs more round trips
    than its budget allows a warm one (the budget test cannot pass by counting nothing)."""
    address = demo_pages[("programme page", "pl")]
    with counting() as cost:
        assert client.get(address).status_code == 200
    assert cost.cache_round_trips > BUDGETS["programme page"][1]
    assert cost.query_count > BUDGETS["programme page"][0]
