"""An editor changes an edition's dates on the Polish programme and publishes it: the programme
page, the programme list and the enrolment form show the change on the very next request in
Polish, English and Ukrainian, though every page was cached just before and no translation was
synchronised again."""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import Locale

from enrolment.field_names import system_field_name
from programmes.models import ProgrammeStatus

from .admin_factories import translate
from .builders import publish_polish_edition
from .enrolment_world import small_site
from .page_text import visible_text

pytestmark = pytest.mark.django_db

LANGUAGES = ["pl", "en", "uk"]
# Years no other date of the test's site falls in, so that finding one on a page means the
# edition's new dates are shown there.
NEW_START = datetime.date(2041, 3, 2)
NEW_END = datetime.date(2042, 6, 30)


@pytest.fixture
def site_in_every_language():
    """A programme with one edition open for enrolment and its form, in pl, en and uk (made
    with wagtail-localize, as a translator makes them)."""
    site = small_site(sensitive=False)
    pages = {"pl": {"programme": site.programme, "form": site.form, "list": site.programme_index}}
    for code in ["en", "uk"]:
        pages[code] = {
            "programme": translate(site.programme, code),
            "form": translate(site.form, code),
            "list": site.programme_index.get_translation(
                Locale.objects.get(language_code=code)
            ).specific,
        }
    return site, pages


def seen(client, page, **params):
    response = client.get(page.url, params)
    assert response.status_code == 200, (page.url, response.status_code)
    return response


def what_readers_see(client, pages):
    """Per language: the programme's status, whether its dates mention the new years, whether
    it is listed as open for enrolment, and whether its form takes applications."""
    seen_now = {}
    for code in LANGUAGES:
        programme = seen(client, pages[code]["programme"])
        listed = seen(client, pages[code]["list"])
        open_list = seen(client, pages[code]["list"], status=ProgrammeStatus.ENROLMENT_OPEN)
        form = seen(client, pages[code]["form"])
        form_fields = form.context["form"].fields if form.context.get("form") else {}
        seen_now[code] = {
            "status": programme.context["status"],
            "programme page dates": str(NEW_START.year) in visible_text(programme.content.decode()),
            "list dates": str(NEW_START.year) in visible_text(listed.content.decode()),
            "listed as open": pages[code]["programme"].title
            in {page.title for page in open_list.context["programmes"]},
            "form open": system_field_name("edition") in form_fields,
            "form dates": str(NEW_START.year) in visible_text(form.content.decode()),
        }
    return seen_now


def test_new_dates_and_a_closed_enrolment_show_at_once_in_every_language(
    client, site_in_every_language
):
    site, pages = site_in_every_language
    before = what_readers_see(client, pages)  # every page cached in every language
    for code in LANGUAGES:
        assert before[code]["status"] == ProgrammeStatus.ENROLMENT_OPEN, code
        assert before[code]["form open"] and before[code]["listed as open"], code
        assert not before[code]["programme page dates"], code

    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    publish_polish_edition(
        site.programme,
        starts_on=NEW_START,
        ends_on=NEW_END,
        enrolment_opens_on=yesterday - datetime.timedelta(days=30),
        enrolment_closes_on=yesterday,
    )

    after = what_readers_see(client, pages)
    for code in LANGUAGES:
        assert after[code]["status"] == ProgrammeStatus.UPCOMING, (code, after[code])
        assert after[code]["programme page dates"], code
        assert after[code]["list dates"], code
        assert not after[code]["listed as open"], code
        assert not after[code]["form open"], code


def test_an_enrolment_opened_again_shows_its_new_dates_on_the_form_in_every_language(
    client, site_in_every_language
):
    site, pages = site_in_every_language
    today = timezone.localdate()
    publish_polish_edition(site.programme, enrolment_opens_on=None, enrolment_closes_on=None)
    closed = what_readers_see(client, pages)
    for code in LANGUAGES:
        assert not closed[code]["form open"] and not closed[code]["listed as open"], code

    publish_polish_edition(
        site.programme,
        starts_on=NEW_START,
        ends_on=NEW_END,
        enrolment_opens_on=today,
        enrolment_closes_on=today + datetime.timedelta(days=40),
    )

    opened = what_readers_see(client, pages)
    for code in LANGUAGES:
        assert opened[code]["status"] == ProgrammeStatus.ENROLMENT_OPEN, (code, opened[code])
        assert opened[code]["listed as open"], code
        assert opened[code]["form open"], code
        assert opened[code]["form dates"], code
        assert opened[code]["programme page dates"], code
        assert opened[code]["list dates"], code
