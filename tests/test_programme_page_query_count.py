"""A programme page costs the same number of queries however many editions, partners and
forms of support it has."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from .builders import make_programme

pytestmark = pytest.mark.django_db

# Wagtail routing takes 9 of these, the site-wide header, footer and languages 10, the programme 12.
MAX_QUERIES = 31


def queries_to_render(client, page):
    client.get(page.url)  # warm Wagtail's site and locale caches
    with CaptureQueriesContext(connection) as captured:
        response = client.get(page.url)
    assert response.status_code == 200
    return len(captured)


def test_queries_do_not_grow_with_the_size_of_the_programme(client, programme_index):
    small = make_programme(programme_index, editions=1, partners=1, support_forms=1)
    large = make_programme(programme_index, editions=6, partners=12, support_forms=10)

    assert queries_to_render(client, large) == queries_to_render(client, small)


def test_demo_programme_pages_stay_within_the_query_budget(
    client, lesnica_programme, violence_programme
):
    for page in (lesnica_programme, violence_programme):
        assert queries_to_render(client, page) <= MAX_QUERIES
