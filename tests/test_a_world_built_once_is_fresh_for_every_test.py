"""What a test module builds once (tests/once_per_module.py) is as built for every one of its
tests: what a test changes, in the database or in the objects it was given, is gone before the
next test. The two runs below change the same edition; the second fails if the first's change
reached it either way."""

import pytest

from programmes.models import Edition

from .enrolment_world import small_site
from .once_per_module import built_once

pytestmark = pytest.mark.django_db

PLACES = 10


def build_world():
    return small_site(places=PLACES)


kept_world, world = built_once(build_world)


@pytest.mark.parametrize("run", ["first", "second"])
def test_each_test_finds_the_world_as_built(world, run):
    edition = world.edition
    assert edition.places == PLACES, "an earlier test's change to the object reached this one"
    assert Edition.objects.get(pk=edition.pk).places == PLACES, (
        "an earlier test's change in the database reached this one"
    )

    edition.places = 3
    edition.save(update_fields=["places"])


def test_the_world_was_built_once_for_the_module(world, kept_world):
    assert world is not kept_world and world.edition is not kept_world.edition
    assert world.edition.pk == kept_world.edition.pk
