"""A programme page costs the same number of queries however many editions, partners, forms of
support and updates it has."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from .builders import make_programme
from .update_builders import make_update

pytestmark = [pytest.mark.django_db, pytest.mark.demo]

# Wagtail's site lookup takes 1 (home.routing finds the programme in its map of live pages and
# keeps the page read for visitors without a session) and the programme 1: its editions with
# their places taken, read afresh because their status depends on today's date and their places
# on every application. The site-wide header, footer and language links, the site's settings and
# the programme's other parts (its lists, partners, target group, EU project, enrolment form,
# latest updates) take none: they are kept in Django's cache until the next publish or change
# (home.site_wide_parts, home.cached_settings, programmes.programme_parts). The budget
# is 2.
MAX_QUERIES = 2


def queries_to_render(client, page):
    # The first view fills the caches (Wagtail's site root paths, the site-wide parts), as the
    # first reader's does; what is measured is the page, not the site around it.
    client.get(page.url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(page.url)
    assert response.status_code == 200
    return len(captured)


def test_queries_do_not_grow_with_the_size_of_the_programme(client, programme_index):
    small = make_programme(programme_index, editions=1, partners=1, support_forms=1)
    large = make_programme(programme_index, editions=6, partners=12, support_forms=10)
    for programme in (small, large):
        make_update(programme)
    for _ in range(4):
        make_update(large)

    assert queries_to_render(client, large) == queries_to_render(client, small)


def test_demo_programme_pages_stay_within_the_query_budget(
    client, lesnica_programme, violence_programme
):
    for page in (lesnica_programme, violence_programme):
        assert queries_to_render(client, page) <= MAX_QUERIES
