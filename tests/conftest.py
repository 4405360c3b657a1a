import os
import threading
from functools import partial

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connections
from django.test.utils import override_settings
from wagtail.models import Page

from home.models import HomePage
from mops_site import redis_breaker
from programmes.models import ProgrammeIndexPage, ProgrammePage

from .database_snapshot import let_the_test_database_go, snapshot_of
from .recording_proxy import RecordingProxy
from .shared_demo import SharedDemo
from .transactional import commits_changes, uses_the_database

# Tests that read the demo site (its pages, people and sentences) are marked `demo`, or use one of
# these fixtures, which marks them. Every other test builds what it needs (tests/factories.py)
# and passes with or without the demo in the database (it is there once a test of the worker
# has read it; with `--demo-first`, from the worker's first test on: CI's PostgreSQL pass).
DEMO_FIXTURES = {
    "home_page",
    "programme_index",
    "lesnica_programme",
    "violence_programme",
    "demo_server",
}


# Fixtures whose tests need a browser or a server of their own: the longest files, scheduled
# first in their group so that no worker is left with one of them at the end.
SLOW_FIXTURES = {"chromium", "demo_server", "live_server", "live_site_databases"}


def pytest_addoption(parser):
    parser.addoption(
        "--demo-first",
        action="store_true",
        help="put the demo into each worker's database before its first test: the tests that"
        " do not read it then run with it there, as they must pass (CI's PostgreSQL pass)",
    )


def pytest_collection_modifyitems(config, items):
    # Before `-m` deselects (pluggy calls a conftest's hooks before the built-in ones).
    for item in items:
        if DEMO_FIXTURES.intersection(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.demo)


@pytest.hookimpl(trylast=True, specname="pytest_collection_modifyitems")
def pytest_collection_modifyitems_in_run_order(config, items):
    """Every test of a file with a `demo` test asks for `demo_site` first (the file's first test
    then puts the demo in, before anything of a narrower scope is set up: a module's server, a
    module's world in its own transaction, the test's transaction); with `--demo-first`, every
    test that opens the database does. Then the files are put in the order they are run in.
    After the other plugins' (`-m` deselection, pytest-django's own order)."""
    demo_first = config.getoption("demo_first")
    files = _by_file(items)
    for its_items in files.values():
        reads_the_demo = any(item.get_closest_marker("demo") for item in its_items)
        for item in its_items:
            wants_the_demo = reads_the_demo or (demo_first and uses_the_database(item))
            if wants_the_demo and "demo_site" not in item.fixturenames:
                # A new list: parametrized tests share the one pytest made.
                item.fixturenames = ["demo_site", *item.fixturenames]
    items[:] = _in_schedule_order(files)


def _by_file(items):
    files = {}
    for item in items:
        files.setdefault(item.path, []).append(item)
    return files


def _in_schedule_order(files):
    """One slow file that reads the demo first, then the files that do not read it, then the
    other files that do, the slow ones first in each group (`make test` keeps this order:
    --no-loadscope-reorder). The pytest-xdist worker that takes the first file builds the demo
    (tests/shared_demo.py) while the other runs files without it; the other then copies the
    demo, instead of waiting for it on a lock while a core stands idle.
    """

    def needs_demo(path):
        return any("demo_site" in item.fixturenames for item in files[path])

    def order(path):
        slow = any(SLOW_FIXTURES.intersection(item.fixturenames) for item in files[path])
        return (needs_demo(path), not slow)

    paths = sorted(files, key=order)
    builds_the_demo = next((path for path in paths if needs_demo(path)), None)
    if builds_the_demo is not None:
        paths.remove(builds_the_demo)
        paths.insert(0, builds_the_demo)
    return [item for path in paths for item in files[path]]


_CONFIGURED_DATABASE = settings.DATABASES["default"]["NAME"]
_SNAPSHOT = pytest.StashKey[object]()
_MIGRATED = pytest.StashKey[object]()
_BLOCKER = pytest.StashKey[object]()


@pytest.fixture(scope="session", autouse=True)
def media_of_the_session(tmp_path_factory):
    """Uploads (the demo's images, renditions) go to the session's own folder, not var/media:
    nothing piles up between runs, and parallel workers never share a file."""
    with override_settings(MEDIA_ROOT=str(tmp_path_factory.mktemp("media"))):
        yield


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, pytestconfig, media_of_the_session):
    """The test database as migrated, copied at once (the live sites start from that copy, and
    a test that committed changes puts it back; see tests/database_snapshot.py). The demo comes
    later, with the first test that reads it (`demo_site`)."""
    if not _on_the_test_database():
        # No collected test is marked `django_db`: pytest-django made no test database, and
        # the connection leads to the real one, which is never built on nor copied.
        yield
        return
    with django_db_blocker.unblock():
        migrated = snapshot_of("migrated")
    pytestconfig.stash[_MIGRATED] = migrated
    pytestconfig.stash[_SNAPSHOT] = migrated
    pytestconfig.stash[_BLOCKER] = django_db_blocker
    yield
    del pytestconfig.stash[_SNAPSHOT], pytestconfig.stash[_MIGRATED]
    with django_db_blocker.unblock():
        migrated.discard()
        let_the_test_database_go()


@pytest.fixture(scope="session")
def demo_site(django_db_setup, django_db_blocker, pytestconfig, tmp_path_factory):
    """The demo site in this worker's test database, from the first test that reads it (every
    test marked `demo` asks for it first) to the end of the session: built once per session, by
    the first pytest-xdist worker that needs it, and copied by the others (tests/shared_demo.py).
    The database is copied again with the demo; a test that commits changes puts that copy back.
    """
    if not _on_the_test_database():
        pytest.fail("the demo needs the test database: mark the test `django_db`")
    if connections["default"].in_atomic_block:
        pytest.fail(
            "the demo would go into a transaction that is already open (a module's, set up by an"
            " earlier test of the file): ask for `demo_site` from the file's first test"
        )
    with django_db_blocker.unblock():
        demo = SharedDemo(_session_folder(tmp_path_factory) / "demo", settings.MEDIA_ROOT)
        demo.into_this_database(lambda: call_command("build_demo_site", verbosity=0))
        set_up = snapshot_of("set_up")
    pytestconfig.stash[_SNAPSHOT] = set_up
    yield
    pytestconfig.stash[_SNAPSHOT] = pytestconfig.stash[_MIGRATED]
    with django_db_blocker.unblock():
        set_up.discard()


def _session_folder(tmp_path_factory):
    """The folder of the whole session, shared by its pytest-xdist workers."""
    folder = tmp_path_factory.getbasetemp()
    return folder.parent if os.environ.get("PYTEST_XDIST_WORKER") else folder


def _on_the_test_database():
    """Whether pytest-django made the test database: making it renames the connection's."""
    return connections["default"].settings_dict["NAME"] != _CONFIGURED_DATABASE


def _stashed(config, key):
    if key not in config.stash:
        pytest.fail("needs the test database: mark the test `django_db`")
    return config.stash[key]


@pytest.fixture(scope="session")
def database_snapshot(demo_site, pytestconfig):
    """The session's database with the demo; `restore()` it (with the database unblocked) after
    changes that were committed, as a module-scoped server's on PostgreSQL."""
    return _stashed(pytestconfig, _SNAPSHOT)


@pytest.fixture(scope="session")
def migrated_database(django_db_setup, pytestconfig):
    """The session's database right after the migrations; `copy_to()` a file or a database of
    the same server (with the database unblocked)."""
    return _stashed(pytestconfig, _MIGRATED)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """After a transactional test's flush (part of its teardown), the database as the session
    set it up is put back, with the demo once a test has read it, for whatever test runs next on
    this worker."""
    try:
        return (yield)
    finally:
        snapshot = item.config.stash.get(_SNAPSHOT, None)
        if snapshot is not None and commits_changes(item):
            with item.config.stash[_BLOCKER].unblock():
                snapshot.restore()


@pytest.fixture(autouse=True)
def cache_servers_asked_afresh():
    """No test finds a cache server given up on by an earlier one (mops_site.redis_breaker)."""
    yield
    redis_breaker.forget_every_server()


@pytest.fixture
def home_page(db):
    return HomePage.objects.get(locale__language_code="pl")


@pytest.fixture
def programme_index(db):
    return ProgrammeIndexPage.objects.get(locale__language_code="pl")


def _programme(project_name):
    return ProgrammePage.objects.get(locale__language_code="pl", eu_project__name=project_name)


@pytest.fixture
def lesnica_programme(db):
    return _programme("PAS-ja")


@pytest.fixture
def violence_programme(db):
    return _programme("KomPAS")


@pytest.fixture
def root_page(db):
    return Page.get_first_root_node()


pytest_plugins = ["tests.browser", "tests.fresh_cache", "tests.live_site"]


@pytest.fixture
def proxy():
    """A recording stand-in for the caching proxy (tests/recording_proxy.py), which Wagtail's
    frontend cache sends its purges to during the test."""
    server = RecordingProxy()
    thread = threading.Thread(target=partial(server.serve_forever, 0.05), daemon=True)
    thread.start()
    backend = {
        "BACKEND": "home.purge_backend.TimedHTTPBackend",  # production's (settings.base)
        "LOCATION": f"http://127.0.0.1:{server.server_address[1]}",
    }
    with override_settings(WAGTAILFRONTENDCACHE={"varnish": backend}):
        yield server
    server.shutdown()
    server.server_close()
    thread.join()
