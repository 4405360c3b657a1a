"""Rows that every test of a module reads, built once for the module instead of once per test.

Building a small site publishes four pages (revisions, the search and reference indexes): about
half a second, which a module of forty tests paid forty times. Here the rows are built inside a
transaction that stays open until the module's last test is done, and is then rolled back. Each
test runs inside it in a savepoint of its own (pytest-django runs it as a Django TestCase), so
what a test changes is gone before the next one, as before; and each test gets a deep copy of the
built objects, so that a change made to an object in memory does not leak either (as Django's
`setUpTestData` does).

    kept_world, world = built_once(build_the_world)

which is short for

    @pytest.fixture(scope="module")
    def kept_world(django_db_setup, django_db_blocker):
        with built_once_for_the_module(django_db_blocker):
            yield build_the_world()

    @pytest.fixture
    def world(request, kept_world):
        return a_copy_for_the_test(request, kept_world)

A small site of the test's own is the default Site while it lives, so the demo's pages lose their
addresses: in a module that also has tests reading the demo, put the tests of the kept world in a
class and keep the world for the class (`built_once(..., scope="class")`: it is rolled back when
the class ends).

Only for tests that run inside a transaction: one that commits (`transaction=True`, a live
server) cannot run inside the module's open transaction, and is refused with a message.
"""

import contextlib
import copy

import pytest
from django.db import transaction

from .transactional import commits_changes


@contextlib.contextmanager
def built_once_for_the_module(django_db_blocker):
    """Open the module's transaction (rolled back when the block ends) with the database allowed."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)


def a_copy_for_the_test(request, kept):
    """The test's own deep copy of what the module built; the test must run in a transaction."""
    if commits_changes(request.node):
        pytest.fail(
            "a test that commits (transaction=True, a live server) cannot read what the module "
            "built inside its transaction: build what it needs in the test"
        )
    request.getfixturevalue("db")
    return copy.deepcopy(kept)


def built_once(build, *, name="world", scope="module"):
    """The two fixtures of a module's world, to bind in the test module (`kept_world, world =
    built_once(build_world)`): `kept_world`, what `build()` made, once for the module (or for
    each class, `scope="class"`), and `name` ("world" unless told), each test's own copy of it."""

    @pytest.fixture(scope=scope)
    def kept_world(django_db_setup, django_db_blocker):
        with built_once_for_the_module(django_db_blocker):
            yield build()

    @pytest.fixture(name=name)
    def copy_for_the_test(request, kept_world):
        return a_copy_for_the_test(request, kept_world)

    return kept_world, copy_for_the_test
