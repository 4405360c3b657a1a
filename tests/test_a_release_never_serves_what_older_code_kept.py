"""What the versioned cache keeps is pickled pages and models: a release reads none of what the
code before it kept (`migrate` forgets it), an entry that no longer unpickles is read afresh
rather than answered with an error, and a page deleted just after its address was looked up is
not found rather than an error."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.management import call_command
from django.http import Http404
from django.test import RequestFactory
from wagtail.models import Page

from home import versioned_cache
from home.models import HomePage
from home.routing import PageOnTheWay

pytestmark = pytest.mark.django_db


def _no_longer_exists():
    raise AttributeError("module 'programmes.models' has no attribute 'OldPage'")


class KeptByAnOlderRelease:
    """Unpickles as a class that a release removed would: with an AttributeError."""

    def __reduce__(self):
        return (_no_longer_exists, ())


def test_an_entry_that_no_longer_unpickles_is_read_afresh():
    key = ("kept-by-an-older-release",)
    cache.set(versioned_cache._full_key(None, key), KeptByAnOlderRelease())

    assert versioned_cache.cached(None, key, lambda: "read afresh") == "read afresh"
    assert versioned_cache.peek(None, key) == "read afresh"


def test_migrate_forgets_what_the_code_before_it_kept():
    key = ("kept-before-the-release",)
    versioned_cache.cached(None, key, lambda: "old")

    call_command("migrate", verbosity=0)

    assert versioned_cache.cached(None, key, lambda: "new") == "new"


def test_a_page_deleted_after_its_address_was_looked_up_is_not_found():
    root = Page.get_first_root_node()
    home_type = ContentType.objects.get_for_model(HomePage)
    gone = PageOnTheWay(root.pk + 10_000, root.url_path + "gone/", root.depth + 1, home_type.pk)

    with pytest.raises(Http404):
        gone.read(RequestFactory().get("/gone/"))
