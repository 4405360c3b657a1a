"""The smallest site that takes applications, built on a freshly migrated database by
tests/live_site.py (`python -m tests.live_site_content`, with Django's settings in the
environment): a home page, the programme list, one programme with one edition of 10 places whose
enrolment is open, and its enrolment form. Prints what tests need as one JSON line."""

import datetime
import json

import django

django.setup()

from django.utils import timezone  # noqa: E402
from wagtail.models import Page, Site  # noqa: E402

from home.models import HomePage  # noqa: E402
from programmes.models import ProgrammeIndexPage  # noqa: E402

from .builders import make_edition, make_programme  # noqa: E402
from .enrolment_helpers import form_page  # noqa: E402

PLACES = 10


def build():
    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="Strona główna", slug="strona-glowna"))
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home},
    )
    index = home.add_child(instance=ProgrammeIndexPage(title="Programy", slug="programy"))
    programme = make_programme(index, editions=0, title="Program na próbę", slug="na-probe")
    today = timezone.localdate()
    edition = make_edition(
        programme,
        places=PLACES,
        starts_on=today + datetime.timedelta(days=60),
        ends_on=today + datetime.timedelta(days=200),
        enrolment_opens_on=today - datetime.timedelta(days=1),
        enrolment_closes_on=today + datetime.timedelta(days=30),
    )
    page = form_page(programme)
    return {"form_url": page.url, "edition": edition.pk, "places": PLACES}


if __name__ == "__main__":
    print(json.dumps(build()))
