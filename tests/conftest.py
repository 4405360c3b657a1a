import pytest
from django.core.management import call_command
from wagtail.models import Page


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The demo site is the world the tests read: built once per test database."""
    with django_db_blocker.unblock():
        call_command("build_demo_site", verbosity=0)


@pytest.fixture
def home_page(db):
    from home.models import HomePage

    return HomePage.objects.get(locale__language_code="pl")


@pytest.fixture
def programme_index(db):
    from programmes.models import ProgrammeIndexPage

    return ProgrammeIndexPage.objects.get(locale__language_code="pl")


def _programme(project_name):
    from programmes.models import ProgrammePage

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


pytest_plugins = ["tests.browser", "tests.fresh_cache"]
