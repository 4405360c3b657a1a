"""An English or Ukrainian reader sees the same enrolment state as a Polish one, at once.

Dates, places and enrolment windows are edited on the Polish programme only; the translations
are not re-synced or re-published, and still every language shows the change on the next view.
"""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import Locale

from enrolment.field_names import system_field_name
from enrolment.models import EnrolmentFormPage
from home.models import HomePage
from programmes.listing import programmes_for_home_page
from programmes.models import ProgrammeIndexPage, ProgrammeStatus

from .builders import make_edition, make_programme
from .page_text import visible_text

pytestmark = [pytest.mark.django_db, pytest.mark.demo]

LANGUAGES = ["pl", "en", "uk"]


def publish_polish_editions(programme, **changes):
    """What an editor does: change the Polish page's editions and publish that page only."""
    editions = list(programme.editions.all())
    for edition in editions:
        for field, value in changes.items():
            setattr(edition, field, value)
    programme.editions = editions
    programme.save_revision().publish()


def in_language(page, language_code):
    return page.get_translation(Locale.objects.get(language_code=language_code)).specific


def enrolment_open_titles(client, language_code):
    index = ProgrammeIndexPage.objects.get(locale__language_code=language_code)
    response = client.get(index.url, {"status": ProgrammeStatus.ENROLMENT_OPEN})
    assert response.status_code == 200
    return {page.title for page in response.context["programmes"]}


def home_group_of(client, language_code, title):
    home = HomePage.objects.get(locale__language_code=language_code)
    assert client.get(home.url).status_code == 200
    groups = programmes_for_home_page(home)  # what the home page's template shows
    for position, group in enumerate(groups):
        if title in {programme.title for programme in group["programmes"]}:
            return position
    return None


def form_is_open(client, form_page):
    response = client.get(form_page.url)
    assert response.status_code == 200
    form = response.context.get("form")
    return form is not None and system_field_name("edition") in form.fields


@pytest.fixture
def lesnica_everywhere(lesnica_programme):
    """The Leśnica programme and its form in each language."""
    form_pl = EnrolmentFormPage.objects.child_of(lesnica_programme).get()
    return {
        code: {
            "programme": in_language(lesnica_programme, code),
            "form": in_language(form_pl, code),
        }
        for code in LANGUAGES
    }


def test_closing_enrolment_in_polish_closes_it_in_every_language(client, lesnica_everywhere):
    today = timezone.localdate()
    polish = lesnica_everywhere["pl"]["programme"]
    for code in LANGUAGES:
        page = lesnica_everywhere[code]["programme"]
        assert page.title in enrolment_open_titles(client, code), code
        assert home_group_of(client, code, page.title) == 0, code

    yesterday = today - datetime.timedelta(days=1)
    publish_polish_editions(
        polish,
        enrolment_opens_on=yesterday - datetime.timedelta(days=30),
        enrolment_closes_on=yesterday,
    )

    for code in LANGUAGES:
        page = lesnica_everywhere[code]["programme"]
        html = client.get(page.url).content.decode()
        assert page.title not in enrolment_open_titles(client, code), code
        assert home_group_of(client, code, page.title) != 0, code
        assert 'class="call-to-action"' not in html, code
        assert not form_is_open(client, lesnica_everywhere[code]["form"]), code


def test_an_enrolment_opened_in_polish_shows_in_every_language_with_its_dates(
    client, lesnica_everywhere
):
    today = timezone.localdate()
    polish = lesnica_everywhere["pl"]["programme"]
    closes = today + datetime.timedelta(days=40)
    publish_polish_editions(polish, enrolment_opens_on=None, enrolment_closes_on=None)
    for code in LANGUAGES:
        page = lesnica_everywhere[code]["programme"]
        assert page.title not in enrolment_open_titles(client, code), code

    publish_polish_editions(polish, enrolment_opens_on=today, enrolment_closes_on=closes)

    for code in LANGUAGES:
        page = lesnica_everywhere[code]["programme"]
        response = client.get(page.url)
        text = visible_text(response.content.decode())
        assert page.title in enrolment_open_titles(client, code), code
        assert home_group_of(client, code, page.title) == 0, code
        assert 'class="call-to-action"' in response.content.decode(), code
        assert response.context["status"] == ProgrammeStatus.ENROLMENT_OPEN, code
        assert str(closes.year) in text, code
        assert form_is_open(client, lesnica_everywhere[code]["form"]), code


def test_places_are_those_of_the_edition_in_focus_not_a_sum(client, lesnica_everywhere):
    for code in LANGUAGES:
        response = client.get(lesnica_everywhere[code]["programme"].url)
        html = response.content.decode()
        start = html.index('id="at-a-glance"')
        at_a_glance = visible_text(html[start : html.index("</section>", start)])
        focus = response.context["edition_in_focus"]
        total = sum(edition.places for edition in response.context["editions"])
        assert focus is not None and focus.is_enrolment_open(), code
        assert total != focus.places  # the demo has several editions
        assert str(focus.places) in at_a_glance.split(), code
        assert str(total) not in at_a_glance.split(), code


def test_cards_and_the_page_keep_finished_editions_apart(client, lesnica_everywhere):
    today = timezone.localdate()
    for code in LANGUAGES:
        page = lesnica_everywhere[code]["programme"]
        response = client.get(page.url)
        past = response.context["past_editions"]
        assert past and all(edition.ends_on < today for edition in past), code
        assert all(edition.ends_on >= today for edition in response.context["editions_ahead"])
        assert 'id="past-editions"' in response.content.decode(), code

        index = ProgrammeIndexPage.objects.get(locale__language_code=code)
        listed = {p.pk: p for p in client.get(index.url).context["programmes"]}
        card_editions = listed[page.pk].editions_to_list
        assert card_editions and all(edition.ends_on >= today for edition in card_editions), code


def test_translated_pages_show_translated_words_with_source_facts(client, lesnica_everywhere):
    polish = client.get(lesnica_everywhere["pl"]["programme"].url).context["editions"]
    for code in ["en", "uk"]:
        shown = client.get(lesnica_everywhere[code]["programme"].url).context["editions"]
        assert [(e.starts_on, e.ends_on, e.places) for e in shown] == [
            (e.starts_on, e.ends_on, e.places) for e in polish
        ], code
        # The team's name in the reader's language, where the team is translated.
        assert {e.team.locale.language_code for e in shown} == {code}, code


def test_a_programme_written_only_in_english_shows_its_own_editions(client):
    """No Polish page, so no other facts: its own editions are shown, listed and filtered."""
    today = timezone.localdate()
    english_index = ProgrammeIndexPage.objects.get(locale__language_code="en")
    programme = make_programme(english_index, editions=0, title="Programme in English only")
    make_edition(
        programme,
        starts_on=today + datetime.timedelta(days=60),
        ends_on=today + datetime.timedelta(days=200),
        enrolment_opens_on=today - datetime.timedelta(days=1),
        enrolment_closes_on=today + datetime.timedelta(days=20),
    )
    response = client.get(programme.url)
    assert response.status_code == 200
    assert len(response.context["editions"]) == 1
    assert response.context["status"] == ProgrammeStatus.ENROLMENT_OPEN
    assert programme.title in enrolment_open_titles(client, "en")
    assert home_group_of(client, "en", programme.title) == 0
