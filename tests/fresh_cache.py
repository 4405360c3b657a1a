"""Every test starts with an empty cache (a pytest plugin, listed in conftest's pytest_plugins).

The database is rolled back after each test, the cache is not: without this, a test would see
the site-wide parts (home.site_wide_parts) that an earlier test cached from its own rows.
"""

import pytest


@pytest.fixture(autouse=True)
def fresh_cache():
    from django.core.cache import cache

    cache.clear()
