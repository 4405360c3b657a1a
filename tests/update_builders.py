"""Builders for updates (news) the demo site does not have. Each takes overrides as keywords."""

import datetime
import itertools

from wagtail.models import PageViewRestriction

from programmes.models import UpdatePage

_numbers = itertools.count(1)


def make_update(parent, *, publish=True, **kwargs):
    """An update under `parent` (a programme or the news list), published unless told not to."""
    number = next(_numbers)
    defaults = {
        "title": f"Aktualność testowa [{number}]",
        "slug": f"aktualnosc-testowa-{number}",
        "date": datetime.date(2030, 1, 1),
        "lead": f"Krótko o aktualności testowej {number}.",
    }
    page = UpdatePage(**{**defaults, **kwargs}, live=publish)
    parent.add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
    return UpdatePage.objects.get(pk=page.pk)


def restrict_with_password(page):
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="tajne"
    )
