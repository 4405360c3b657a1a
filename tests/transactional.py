"""How pytest-django runs a test, read as pytest-django reads it (its `django_db` mark, its
fixtures): with the test database open or not, and as a TransactionTestCase, which commits and
ends with a flush of every table."""


def commits_changes(item):
    marker = item.get_closest_marker("django_db")
    fixtures = getattr(item, "fixturenames", ())
    return (
        (marker is not None and _transactional(*marker.args, **marker.kwargs))
        or "transactional_db" in fixtures
        or "live_server" in fixtures
    )


def _transactional(transaction=False, reset_sequences=False, *_other, **_others):
    """The `django_db` marker's arguments, as pytest-django reads them."""
    return bool(transaction or reset_sequences)


def uses_the_database(item):
    return (
        item.get_closest_marker("django_db") is not None
        or "db" in getattr(item, "fixturenames", ())
        or commits_changes(item)
    )
