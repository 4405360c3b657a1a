"""Every page tells search engines and link previews what it is: one <meta name="description">,
in the page's language, in at most the 160 characters they show, cut between words. No public
page asks to drag anything (WCAG 2.5.7)."""

import datetime
import html
import re
from itertools import combinations
from pathlib import Path

import pytest
import time_machine
from django.conf import settings
from django.test import Client
from wagtail.models import Page

from enrolment.models import EnrolmentFormPage
from enrolment.models.form_page import CONFIRMATION_SESSION_KEY
from programmes.models import ProgrammePage

from .factories import ProgrammePageFactory, SmallSite, publish

LANGUAGES = ["pl", "en", "uk"]
PREFIX = {"pl": "", "en": "/en", "uk": "/uk"}
CYRILLIC = re.compile(r"[а-яіїєґ]", re.IGNORECASE)
MAIN = re.compile(r"<main\b.*?</main>", re.DOTALL)
DRAGGABLE = re.compile(r"""draggable\s*=\s*["']?true""", re.IGNORECASE)
DRAG_HANDLER = re.compile(
    r"""(addEventListener\(\s*["'](drag\w*|drop|pointermove|touchmove|mousemove)["']|ondrag)"""
)


def description_of(page_html):
    found = re.findall(r'<meta name="description" content="([^"]*)"', page_html)
    assert len(found) == 1, found
    return html.unescape(found[0])


def words(text):
    return {word.lower() for word in re.findall(r"\w{4,}", text)}


def main_text(page_html):
    return html.unescape(re.sub(r"<[^>]+>", " ", MAIN.search(page_html).group()))


def one_page_of_each_type(language):
    pages = Page.objects.filter(locale__language_code=language, depth__gte=2).live()
    by_type = {}
    for page in pages.order_by("path").specific():
        by_type.setdefault(type(page), page)
    return by_type


def assert_in_language(description, language, where):
    assert 0 < len(description) <= 160, (where, len(description), description)
    if language == "uk":
        assert CYRILLIC.search(description), (where, description)
    else:
        assert not CYRILLIC.search(description), (where, description)


@pytest.mark.django_db
@pytest.mark.demo
def test_every_page_type_describes_itself_in_its_language_and_asks_for_no_dragging(client):
    descriptions = {}  # kind of page -> language -> description
    for language in LANGUAGES:
        pages = one_page_of_each_type(language)
        assert {ProgrammePage, EnrolmentFormPage} <= set(pages)
        addresses = {type(page).__name__: page.url for page in pages.values()}
        addresses["search"] = f"{PREFIX[language]}/search/"
        addresses["search results"] = f"{PREFIX[language]}/search/?query=WenDo"
        for kind, address in addresses.items():
            response = client.get(address)
            assert response.status_code == 200, address
            page_html = response.content.decode()
            description = description_of(page_html)
            assert_in_language(description, language, address)
            if kind in {"search", "search results"}:
                assert "MOPS" in description  # the site's name
            else:
                # Words the reader finds on the page, not a generic sentence.
                assert words(description) & words(main_text(page_html)), (address, description)
            assert not DRAGGABLE.search(page_html), address
            descriptions.setdefault(kind, {})[language] = description

        missing = client.get(f"{PREFIX[language]}/tej-strony-nie-ma/")
        assert missing.status_code == 404
        description = description_of(missing.content.decode())
        assert_in_language(description, language, "404")
        assert "MOPS" in description
        descriptions.setdefault("404", {})[language] = description

    for kind, by_language in descriptions.items():
        for one, other in combinations(LANGUAGES, 2):
            assert by_language[one] != by_language[other], (kind, one, other)


@pytest.mark.django_db
@pytest.mark.demo
def test_the_closed_form_and_the_confirmation_describe_themselves_in_their_language(client):
    closed, confirmation = {}, {}
    for language in LANGUAGES:
        form = one_page_of_each_type(language)[EnrolmentFormPage]
        with time_machine.travel(datetime.date(2099, 1, 1)):
            page_html = client.get(form.url).content.decode()
        closed[language] = description_of(page_html)
        assert_in_language(closed[language], language, "closed form")
        assert form.programme.title in closed[language]

        applicant = Client()  # a session of its own, as the applicant's browser has
        session = applicant.session
        session[CONFIRMATION_SESSION_KEY] = {
            "page": form.pk,
            "edition": None,
            "reference": "TEST-0001",
            "waiting_list": False,
            "shown_until": datetime.datetime(2100, 1, 1, tzinfo=datetime.UTC).timestamp(),
        }
        session.save()
        address = form.url + form.reverse_subpage("confirmation")
        page_html = applicant.get(address).content.decode()
        assert "TEST-0001" in page_html
        confirmation[language] = description_of(page_html)
        assert_in_language(confirmation[language], language, "confirmation")
        assert words(confirmation[language]) & words(main_text(page_html))
        # The confirmation is the applicant's alone: its description names no programme.
        assert form.programme.title not in confirmation[language]
    for described in (closed, confirmation):
        assert len(set(described.values())) == 3, described


def test_no_script_of_the_site_listens_for_dragging():
    scripts = list(Path(settings.BASE_DIR, "static", "js").glob("*.js"))
    assert scripts
    for script in scripts:
        assert not DRAG_HANDLER.search(script.read_text()), script.name


# Pages an editor has not described: the fallbacks, in a small site of the test's own.


@pytest.fixture
def small_site(db):
    return SmallSite.build()


LONG_INTRODUCTION = (
    "<p>Spotkania w grupie raz w tygodniu, w świetlicy przy ulicy Kosmonautów.</p>"
    "<p>Uczymy się razem, jak załatwiać sprawy w urzędach i jak szukać pracy. Każdy uczestnik "
    "ma też swojego asystenta.</p>"
)


def test_a_programme_without_a_lead_is_described_by_its_first_whole_sentences(client, small_site):
    programme = small_site.programme
    programme.lead = ""
    programme.introduction = LONG_INTRODUCTION
    programme = publish(programme)

    description = description_of(client.get(programme.url).content.decode())

    assert description == (
        "Spotkania w grupie raz w tygodniu, w świetlicy przy ulicy Kosmonautów. "
        "Uczymy się razem, jak załatwiać sprawy w urzędach i jak szukać pracy."
    )


def test_a_long_lead_without_a_sentence_end_is_cut_between_words(client, small_site):
    lead = " ".join(["długi opis programu bez kropki"] * 12)
    programme = ProgrammePageFactory(parent=small_site.programme_index, lead=lead)
    programme = publish(programme)

    description = description_of(client.get(programme.url).content.decode())

    assert len(description) <= 160
    assert description.endswith("…")
    kept = description.removesuffix("…").split()
    assert kept == lead.split()[: len(kept)]


def test_the_editors_description_comes_first(client, small_site):
    programme = small_site.programme
    programme.search_description = "Opis dla wyszukiwarek, napisany przez redaktorkę."
    programme = publish(programme)

    page_html = client.get(programme.url).content.decode()

    assert description_of(page_html) == "Opis dla wyszukiwarek, napisany przez redaktorkę."


def test_the_form_says_what_it_is_for_and_when_closed_that_it_is_closed(client, small_site):
    form, programme = small_site.form, small_site.programme
    form.intro = "<p>Wypełnienie formularza zajmie około pięciu minut.</p>"
    form = publish(form)

    description = description_of(client.get(form.url).content.decode())
    assert programme.title in description
    assert "Wypełnienie formularza zajmie około pięciu minut." in description

    small_site.edition.enrolment_closes_on = datetime.date.today() - datetime.timedelta(days=1)
    small_site.edition.save()
    description = description_of(client.get(form.url).content.decode())
    assert programme.title in description
    assert "pięciu minut" not in description
