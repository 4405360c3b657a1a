"""Every test starts with an empty cache (a pytest plugin, listed in conftest's pytest_plugins).

The database is rolled back after each test, the cache is not: without this, a test would see
the site-wide parts (home.site_wide_parts) that an earlier test cached from its own rows. The
process's own copies go too, with its note that a cache server was out of reach (a test of an
outage leaves it for five seconds, which the next test would otherwise still see), and the answers
of searches it kept (home.recent_searches).
"""

import pytest
from django.core.cache import cache

from home.recent_searches import forget_recent_searches
from home.versioned_cache import forget_this_process


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    forget_this_process()
    forget_recent_searches()
