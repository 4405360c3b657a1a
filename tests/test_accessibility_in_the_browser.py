"""In Debian's Chromium, every page type meets WCAG 2.1 AA as axe-core checks it, in Polish,
English and Ukrainian, on a phone and on a desktop; pages reflow at 320 px and survive increased
text spacing and 200 % zoom; the form works with the keyboard alone; the display controls are
remembered on the device without cookies; programme pages print their editions and contacts.

One server and one demo serve the whole module (`demo_server`); each test opens its own browser
context, so that nothing a test stores in the browser reaches another."""

from dataclasses import dataclass, field

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from wagtail.models import Locale, Page

from enrolment.models import EnrolmentFormPage
from home.models import HomePage
from programmes.models import NewsIndexPage, ProgrammeIndexPage, ProgrammePage, UpdatePage

from .browser import (
    active_element,
    axe_violations,
    clipped_text,
    fill_in_application,
    scrolls_sideways,
    send_form,
)
from .enrolment_helpers import edition, open_enrolment

pytestmark = [pytest.mark.django_db, pytest.mark.demo]

LANGUAGES = ["pl", "en", "uk"]
AXE_WIDTHS = [360, 1280]
NARROWEST = 320
SEARCH_WORDS = "KomPAS"
# Information pages that the demo must publish, and that are checked, in every language:
# (app, model, name).
INFORMATION_PAGE_TYPES = [
    ("home", "AccessibilityStatementPage", "accessibility statement"),
    ("home", "EasyReadPage", "easy-to-read page"),
]
# WCAG 1.4.12 Text Spacing: what a reader's own stylesheet may set, all at once.
TEXT_SPACING = """
    * { line-height: 1.5 !important; letter-spacing: 0.12em !important;
        word-spacing: 0.16em !important; }
    p { margin-bottom: 2em !important; }
"""


@pytest.fixture(scope="module")
def site(demo_server):
    """The live server, with the violence victims' programme taking applications today."""
    open_enrolment(edition("KomPAS", 2))
    return demo_server


@pytest.fixture
def new_page(chromium):
    """Open a page in a fresh browser context (its own storage, cookies and viewport)."""
    contexts = []

    def new_page(width=1280, height=900, **options):
        context = chromium.new_context(viewport={"width": width, "height": height}, **options)
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield new_page
    for context in contexts:
        context.close()


def _polish(model, **filters):
    return model.objects.get(locale__language_code="pl", **filters)


def reading_pages(language):
    """(name, path) of every page type a reader reaches by a link, in the language."""
    locale = Locale.objects.get(language_code=language)

    def translated(page):
        return page.get_translation(locale).url

    with translation.override(language):
        search = reverse("search") + f"?query={SEARCH_WORDS}"
    pages = [
        ("home page", translated(_polish(HomePage))),
        ("programme list", translated(_polish(ProgrammeIndexPage))),
        ("news list", translated(_polish(NewsIndexPage))),
        (
            "update",
            translated(UpdatePage.objects.filter(locale__language_code="pl").live().first()),
        ),
        *(
            (f"programme {programme.eu_project.name}", translated(programme))
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


def programme_path(language, project="KomPAS"):
    programme = _polish(ProgrammePage, eu_project__name=project)
    return programme.get_translation(Locale.objects.get(language_code=language)).url


def form_path(language):
    programme = _polish(ProgrammePage, eu_project__name="KomPAS")
    form = EnrolmentFormPage.objects.child_of(programme).live().get()
    return form.get_translation(Locale.objects.get(language_code=language)).url


def send_application(page):
    fill_in_application(page)
    send_form(page)
    assert page.url.endswith("/confirmation/"), page.url


def each_state(page, base_url, language):
    """Open every page type in the language and yield its name in each state a reader sees:
    the pages reached by links, the form, the form after a failed submission (sent empty), and
    the confirmation after a valid one."""
    for name, path in reading_pages(language):
        page.goto(base_url + path)
        if name == "search results":
            assert page.locator(".search-results > li").count(), f"{page.url} finds nothing"
        yield name
    page.goto(base_url + form_path(language))
    yield "enrolment form"
    send_form(page)
    assert page.locator(".error-summary").is_visible()
    yield "enrolment form with errors"
    send_application(page)
    yield "confirmation"


@dataclass
class Findings:
    axe: list = field(default_factory=list)
    sideways: list = field(default_factory=list)


@pytest.fixture(scope="module")
def survey(site, chromium):
    """Each language's pages visited once, when a test first asks for that language: axe-core
    at each width, and sideways scrolling at 320 px. The tests below read the findings, so that
    each is reported on its own. (Running axe in several pages at once gains nothing on two
    cores: it is the browser's work, not waiting.)"""
    done = {}

    def survey(language):
        if language not in done:
            done[language] = visit_every_state(chromium, site.url, language)
        return done[language]

    return survey


def visit_every_state(chromium, base_url, language):
    findings = Findings()
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    page = context.new_page()
    try:
        for state in each_state(page, base_url, language):
            page.set_viewport_size({"width": NARROWEST, "height": 640})
            if scrolls_sideways(page):
                findings.sideways.append(f"{state}: {page.url}")
            for width in AXE_WIDTHS:
                page.set_viewport_size({"width": width, "height": 900})
                findings.axe += [f"{state} at {width}px: {rule}" for rule in axe_violations(page)]
    finally:
        context.close()
    return findings


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_type_passes_axe_at_phone_and_desktop_widths(survey, language):
    problems = survey(language).axe
    assert not problems, "axe-core finds:\n" + "\n".join(problems)


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_page_scrolls_sideways_at_320_pixels(survey, language):
    wide = survey(language).sideways
    assert not wide, "These pages scroll sideways at 320 px:\n" + "\n".join(wide)


# A 1280 × 900 window zoomed to 200 % lays pages out in 640 × 450 CSS pixels, each drawn with
# 2 × 2 device pixels.
ZOOMED = {"width": 640, "height": 450, "device_scale_factor": 2}


@pytest.mark.parametrize(
    ("window", "spacing"),
    [({"width": NARROWEST, "height": 640}, True), (ZOOMED, False), (ZOOMED, True)],
    ids=["text spacing at 320 px", "200 % zoom", "text spacing at 200 % zoom"],
)
def test_increased_text_spacing_and_zoom_neither_scroll_sideways_nor_clip_text(
    site, new_page, window, spacing
):
    # A reader's own stylesheet is theirs: the site's Content Security Policy does not apply.
    page = new_page(**window, bypass_csp=True)
    problems = []

    def check(name):
        if spacing:
            page.add_style_tag(content=TEXT_SPACING)
        if scrolls_sideways(page):
            problems.append(f"{name} scrolls sideways")
        problems.extend(f"{name}: {clipped}" for clipped in clipped_text(page))

    page.goto(site.url + programme_path("pl"))
    check("programme")
    page.goto(site.url + form_path("pl"))
    check("enrolment form")
    send_form(page)
    check("enrolment form with errors")  # the errors are longer than the hints
    assert not problems, "\n".join(problems)


def test_the_form_works_with_the_keyboard_alone_and_errors_lead_to_their_fields(site, new_page):
    page = new_page()
    page.goto(site.url + form_path("pl"))

    page.keyboard.press("Tab")
    assert active_element(page, "el => el.classList.contains('skip-link')")
    page.keyboard.press("Enter")
    wait_for_focus(page, "el => el.id === 'main-content'", "the main content")

    # The reader gives their name only, and sends the form.
    tab_to(page, "[name='system-applicant_name']")
    page.keyboard.type("Anna")
    tab_to(page, "form.form button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert page.title().startswith("Błąd:")
    wait_for_focus(page, "el => el.classList.contains('error-summary')", "the error summary")
    page.keyboard.press("Tab")
    first_link = active_element(page, "el => el.closest('.error-summary') && el.hash")
    assert first_link, "Tab after the summary does not reach its first link"
    page.keyboard.press("Enter")
    wait_for_focus(page, f"el => '#' + el.id === {first_link!r}", f"the field {first_link}")
    assert page.input_value("[name='system-applicant_name']") == "Anna"  # what was typed is kept


def wait_for_focus(page, predicate, what):
    """Wait until the focused element matches `predicate` (a JavaScript function of it):
    browsers move focus after a navigation or autofocus in their next rendering step."""
    try:
        page.wait_for_function(f"({predicate})(document.activeElement)", timeout=3_000)
    except PlaywrightTimeoutError:
        focused = active_element(page, "el => el.outerHTML.slice(0, 120)")
        raise AssertionError(f"Focus is not on {what} but on {focused}") from None


def tab_to(page, selector):
    """Press Tab until the element is focused, as a keyboard user does."""
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate(
            "selector => document.activeElement === document.querySelector(selector)", selector
        ):
            return
    raise AssertionError(f"{selector} cannot be reached with Tab")


def test_larger_text_and_high_contrast_are_remembered_on_the_device_without_cookies(site, new_page):
    page = new_page()
    page.goto(site.url + programme_path("pl"))
    html_classes = "document.documentElement.className"
    assert not {"text-large", "contrast-high"} & set(page.evaluate(html_classes).split())

    for option, label in (("text-large", "Większy tekst"), ("contrast-high", "Wysoki kontrast")):
        button = page.get_by_role("button", name=label)
        assert button.get_attribute("aria-pressed") == "false"
        button.click()
        assert button.get_attribute("aria-pressed") == "true"
        assert option in page.evaluate(html_classes).split()

    page.reload()
    assert {"text-large", "contrast-high"} <= set(page.evaluate(html_classes).split())
    assert page.get_by_role("button", name="Większy tekst").get_attribute("aria-pressed") == "true"
    page.goto(site.url + programme_path("en"))  # another page, another language
    assert {"text-large", "contrast-high"} <= set(page.evaluate(html_classes).split())
    assert page.context.cookies() == [], "the choice must not be kept in a cookie"

    page.get_by_role("button", name="Larger text").click()
    page.reload()
    assert "text-large" not in page.evaluate(html_classes).split()
    assert "contrast-high" in page.evaluate(html_classes).split()
    assert page.get_by_role("button", name="Larger text").get_attribute("aria-pressed") == "false"


def test_high_contrast_and_larger_text_pass_axe_and_reflow(site, new_page):
    page = new_page()
    page.goto(site.url + "/")
    page.evaluate("localStorage.setItem('mops-display', 'text-large contrast-high')")
    problems = []
    for state in each_state(page, site.url, "pl"):
        classes = set(page.evaluate("document.documentElement.className").split())
        assert {"text-large", "contrast-high"} <= classes, state
        page.set_viewport_size({"width": NARROWEST, "height": 640})
        if scrolls_sideways(page):
            problems.append(f"{state} scrolls sideways at 320 px")
        page.set_viewport_size({"width": 1280, "height": 900})
        problems += [f"{state}: {rule}" for rule in axe_violations(page)]
    assert not problems, "With larger text and high contrast:\n" + "\n".join(problems)


def test_without_javascript_no_display_control_shows_and_the_page_is_complete(site, new_page):
    page = new_page(java_script_enabled=False)
    page.goto(site.url + programme_path("pl"))
    assert page.get_by_role("button", name="Większy tekst").count() == 0
    assert page.get_by_role("button", name="Wysoki kontrast").count() == 0
    assert page.locator("#editions").is_visible()
    assert page.locator("#contact").is_visible()


def test_a_programme_page_prints_its_editions_and_contacts_without_navigation(site, new_page):
    page = new_page()
    page.goto(site.url + programme_path("pl"))
    page.emulate_media(media="print")

    def display(selector):
        return page.eval_on_selector(selector, "el => getComputedStyle(el).display")

    for hidden in (
        "nav.primary-nav",
        ".language-links",
        ".site-header .search-form",
        ".skip-link",
        ".display-controls",
        ".quick-exit",
        "nav.toc",
        ".site-footer .contact-points",
    ):
        assert display(hidden) == "none", f"{hidden} is printed"
    for printed in ("h1", "section[aria-labelledby=editions]", "section[aria-labelledby=contact]"):
        assert display(printed) != "none", f"{printed} is not printed"
        assert page.locator(printed).first.is_visible()
    assert page.locator(".edition").count() >= 2
    assert page.locator(".contact-card").first.is_visible()


def test_reduced_motion_is_respected(site, new_page):
    page = new_page(reduced_motion="reduce")
    page.goto(site.url + programme_path("pl"))
    assert page.evaluate("getComputedStyle(document.documentElement).scrollBehavior") == "auto"
    assert page.evaluate("document.getAnimations().length") == 0, (
        "the site has no animations to stop"
    )
