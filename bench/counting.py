"""What a request costs, counted exactly whatever the load on the machine: SQL queries, cache
round trips, and the statements run inside a transaction.

Used by bench/profile.py (on PostgreSQL and Redis) and by
tests/test_anonymous_pages_stay_within_their_budgets.py (on the test settings' cache): one way of
counting for both.

A cache round trip is one call of a cache backend's own operation (`get`, `get_many`, `set`,
`set_many`, `add`, `delete`, `delete_many`, `incr`, `decr`, `has_key`, `touch`, `clear`) made
from outside the backend: Redis answers each with one exchange (`get_many` is one MGET,
`set_many` one pipeline). An operation that Django's base class builds from others counts as
the backend would send it: `get_or_set` is a `get` and an `add` (two), while a `get_many` that
a local-memory cache answers key by key is still one.
"""

import contextlib
import threading
from dataclasses import dataclass, field

from django.core.cache import caches
from django.db import connections
from django.test.utils import CaptureQueriesContext

# The backend operations that each reach the cache server once.
ROUND_TRIP_METHODS = (
    "get",
    "get_many",
    "set",
    "set_many",
    "add",
    "delete",
    "delete_many",
    "incr",
    "decr",
    "has_key",
    "touch",
    "clear",
)


@dataclass
class CacheRoundTrips:
    """`with CacheRoundTrips() as trips:` counts, in this thread, every round trip to every
    configured cache; `trips.calls` lists them as (alias, operation, first key)."""

    calls: list = field(default_factory=list)

    def __len__(self):
        return len(self.calls)

    def __enter__(self):
        self._patched = []
        self._depth = threading.local()
        for alias in caches:
            backend = caches[alias]
            for name in ROUND_TRIP_METHODS:
                if hasattr(backend, name):
                    setattr(backend, name, self._counting(alias, name, getattr(backend, name)))
                    self._patched.append((backend, name))
        return self

    def __exit__(self, *exc_info):
        for backend, name in self._patched:
            # The instance's own attribute hides the class's method: removing it restores it.
            delattr(backend, name)
        return False

    def _counting(self, alias, name, method):
        def counted(*args, **kwargs):
            depth = getattr(self._depth, "value", 0)
            if depth == 0:
                self.calls.append((alias, name, _first_key(args)))
            self._depth.value = depth + 1
            try:
                return method(*args, **kwargs)
            finally:
                self._depth.value = depth

        return counted

    def summary(self):
        """'get 1, get_many 1': the operations and how often each was called."""
        counts = {}
        for _alias, name, _key in self.calls:
            counts[name] = counts.get(name, 0) + 1
        return ", ".join(f"{name} {count}" for name, count in counts.items())


def _first_key(args):
    if not args:
        return ""
    key = args[0]
    if isinstance(key, (list, tuple, dict)):
        return f"{len(key)} keys"
    return str(key)


@dataclass
class RequestCost:
    """What one request cost: its SQL queries (the list Django captured) and cache round
    trips."""

    queries: list
    cache_calls: list

    @property
    def query_count(self):
        return len(self.queries)

    @property
    def cache_round_trips(self):
        return len(self.cache_calls)


@contextlib.contextmanager
def counting(using="default"):
    """`with counting() as cost:` then `cost.query_count`, `cost.cache_round_trips` once the
    block has run."""
    cost = RequestCost(queries=[], cache_calls=[])
    with CaptureQueriesContext(connections[using]) as queries, CacheRoundTrips() as trips:
        yield cost
    cost.queries = list(queries.captured_queries)
    cost.cache_calls = list(trips.calls)


@dataclass
class TransactionStatements:
    """`with TransactionStatements() as statements:` records every statement the database
    connection runs, and whether it ran inside a transaction (`atomic`): `inside` lists those
    that did. Only meaningful outside a test's own transaction (bench/profile.py)."""

    using: str = "default"
    statements: list = field(default_factory=list)

    def __enter__(self):
        self._connection = connections[self.using]
        self._wrapper = self._connection.execute_wrapper(self._record)
        self._wrapper.__enter__()
        return self

    def __exit__(self, *exc_info):
        return self._wrapper.__exit__(*exc_info)

    def _record(self, execute, sql, params, many, context):
        self.statements.append((self._connection.in_atomic_block, sql))
        return execute(sql, params, many, context)

    @property
    def inside(self):
        return [sql for atomic, sql in self.statements if atomic]


# The pages measured ------------------------------------------------------------------------

LANGUAGES = ("pl", "en", "uk")
# A word from a form of support of the KomPAS programme, found by the search (as in bench.pages).
SEARCH_WORD = "WenDo"


def anonymous_pages():
    """{(page type, language): address} of the demo site, for every anonymous page type in every
    language the demo is translated into. Reads the database: call it with Django set up (the
    models are imported here for that reason, as in bench.pages)."""
    from wagtail.models import Locale

    from enrolment.models import EnrolmentFormPage
    from home.models import HomePage
    from programmes.models import NewsIndexPage, ProgrammeIndexPage, ProgrammePage, UpdatePage

    polish = Locale.objects.get(language_code="pl")
    programme = ProgrammePage.objects.live().get(eu_project__name="PAS-ja", locale=polish)
    originals = {
        "home": HomePage.objects.live().get(locale=polish),
        "programme list": ProgrammeIndexPage.objects.live().get(locale=polish),
        "programme page": programme,
        "form page": EnrolmentFormPage.objects.live().child_of(programme).get(),
        "news list": NewsIndexPage.objects.live().filter(locale=polish).first(),
        "update page": UpdatePage.objects.live().filter(locale=polish).order_by("pk").first(),
    }
    found = {}
    for language in LANGUAGES:
        locale = Locale.objects.get(language_code=language)
        for kind, page in originals.items():
            translation = page and page.get_translation_or_none(locale)
            if translation is not None and translation.live:
                found[(kind, language)] = translation.url
        prefix = "" if language == "pl" else f"/{language}"
        found[("search", language)] = f"{prefix}/search/?query={SEARCH_WORD}"
    return found
