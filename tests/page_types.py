"""Every page type of the demo site, in each state a reader meets it, for tests that look at
each one in a browser (accessibility, screenshots)."""

import datetime

from django.apps import apps
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import Locale, Page

from enrolment.models import EnrolmentFormPage
from home.models import HomePage
from programmes.models import NewsIndexPage, ProgrammeIndexPage, ProgrammePage, UpdatePage

from .browser import fill_in_application, send_form
from .enrolment_helpers import edition, open_enrolment

LANGUAGES = ["pl", "en", "uk"]
SEARCH_WORDS = "KomPAS"
OPEN_PROGRAMME = "KomPAS"  # the violence victims' programme: its form takes applications
CLOSED_PROGRAMME = "PAS-ja"  # its form says when enrolment opens next
# Information pages that the demo must publish, and that are shown, in every language:
# (app, model, name).
INFORMATION_PAGE_TYPES = [
    ("home", "AccessibilityStatementPage", "accessibility statement"),
    ("home", "EasyReadPage", "easy-to-read page"),
]


def open_one_form_and_close_another():
    """The violence victims' programme takes applications today; Leśnica's opens in two weeks,
    so that its form shows the closed page with the next enrolment."""
    open_enrolment(edition(OPEN_PROGRAMME, 2))
    open_enrolment(
        edition(CLOSED_PROGRAMME, 3), today=timezone.localdate() + datetime.timedelta(days=14)
    )


def _polish(model, **filters):
    return model.objects.get(locale__language_code="pl", **filters)


def _translated(page, language):
    return page.get_translation(Locale.objects.get(language_code=language)).url


def reading_pages(language):
    """(name, path) of every page type a reader reaches by a link, in the language."""
    locale = Locale.objects.get(language_code=language)
    with translation.override(language):
        search = reverse("search") + f"?query={SEARCH_WORDS}"
    pages = [
        ("home page", _translated(_polish(HomePage), language)),
        ("programme list", _translated(_polish(ProgrammeIndexPage), language)),
        ("news list", _translated(_polish(NewsIndexPage), language)),
        (
            "update",
            _translated(
                UpdatePage.objects.filter(locale__language_code="pl").live().first(), language
            ),
        ),
        *(
            (f"programme {programme.eu_project.name}", _translated(programme, language))
            for programme in ProgrammePage.objects.filter(locale__language_code="pl")
        ),
        ("search results", search),
    ]
    for app_label, model_name, name in INFORMATION_PAGE_TYPES:
        model = apps.get_model(app_label, model_name)
        found = Page.objects.live().type(model).filter(locale=locale)
        assert found, f"The demo has no {name} in {language}"
        pages += [(name, page.url) for page in found]
    return pages


def programme_path(language, project=OPEN_PROGRAMME):
    return _translated(_polish(ProgrammePage, eu_project__name=project), language)


def form_path(language, project=OPEN_PROGRAMME):
    programme = _polish(ProgrammePage, eu_project__name=project)
    return _translated(EnrolmentFormPage.objects.child_of(programme).live().get(), language)


def send_application(page):
    fill_in_application(page)
    send_form(page)
    assert page.url.endswith("/confirmation/"), page.url


def each_state(page, base_url, language):
    """Open every page type in the language and yield its name in each state a reader sees:
    the pages reached by links, the closed form, the open form, the form after a failed
    submission (sent empty), and the confirmation after a valid one."""
    for name, path in reading_pages(language):
        page.goto(base_url + path)
        if name == "search results":
            assert page.locator(".search-results > li").count(), f"{page.url} finds nothing"
        yield name
    page.goto(base_url + form_path(language, CLOSED_PROGRAMME))
    assert page.locator("form.form").count() == 0, f"{page.url} takes applications"
    yield "closed enrolment form"
    page.goto(base_url + form_path(language))
    yield "enrolment form"
    send_form(page)
    assert page.locator(".error-summary").is_visible()
    yield "enrolment form with errors"
    send_application(page)
    yield "confirmation"
