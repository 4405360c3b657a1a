"""On a phone (360 x 740, and 320 px wide) the first screen shows the page: the header takes at
most a third of it and the page's title is on it, on every page type. Navigation, languages,
display controls and search wait behind "Menu", a disclosure that opens with or without
JavaScript; on a desktop they are shown without opening anything. "Leave this page" is on every
page, one line high. No page logs an error in the browser's console.

One server and one demo serve the module; the pages are read by one browser per situation
(phone, phone without JavaScript, desktop), each page loaded once."""

import pytest
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import expect
from wagtail.models import Locale, Page

from enrolment.models import EnrolmentFormPage
from home.models import AccessibilityStatementPage, ContentPage, HomePage
from programmes.models import NewsIndexPage, ProgrammeIndexPage, ProgrammePage, UpdatePage

from .browser import fill_in_application, send_form
from .enrolment_helpers import edition, open_enrolment

pytestmark = [pytest.mark.django_db, pytest.mark.demo]

PHONE = {"width": 360, "height": 740}
NARROWEST = {"width": 320, "height": 740}
DESKTOP = {"width": 1280, "height": 900}
# A third of the first screen, and the "Leave this page" bar's height, in CSS pixels.
HEADER_AT_MOST = 247
BAR_AT_MOST = 48
NOT_FOUND = "/no-such-page-here/"

_FIRST_SCREEN = """() => {
    const top = el => el.getBoundingClientRect().top + window.scrollY;
    const header = document.querySelector(".site-header");
    const bar = document.querySelector(".quick-exit");
    const h1 = document.querySelector("h1");
    return {
        header: header.getBoundingClientRect().height,
        h1: h1 ? top(h1) : null,
        bar: bar ? bar.getBoundingClientRect().height : null,
    };
}"""


@pytest.fixture(scope="module")
def site(demo_server):
    """The live server, with the violence victims' programme taking applications today."""
    open_enrolment(edition("KomPAS", 2))
    return demo_server


@pytest.fixture
def browser(chromium):
    """Open a browser context (its own viewport, JavaScript on or off) that records every error
    its pages log in the console or throw."""
    contexts = []

    def browser(viewport, **options):
        context = chromium.new_context(viewport=viewport, locale="pl-PL", **options)
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        page.errors = []
        page.on(
            "console",
            lambda message: (
                message.type == "error"
                and page.errors.append(f"{page.url}: {message.text} ({message.location['url']})")
            ),
        )
        page.on("pageerror", lambda error: page.errors.append(f"{page.url}: {error}"))
        return page

    yield browser
    for context in contexts:
        context.close()


def _in(language, page):
    return page.get_translation(Locale.objects.get(language_code=language)).url


def _polish(model, **filters):
    return model.objects.live().filter(locale__language_code="pl", **filters).first()


def page_types():
    """(name, path) of every page type a reader reaches by a link: in Polish, and the home and
    programme pages in English and Ukrainian too."""
    home = _polish(HomePage)
    programme = _polish(ProgrammePage, eu_project__name="KomPAS")
    content = _polish(ContentPage) or _polish(AccessibilityStatementPage)
    with translation.override("pl"):
        search = reverse("search") + "?query=KomPAS"
    return [
        ("home page", home.url),
        ("programme list", _polish(ProgrammeIndexPage).url),
        ("programme page", programme.url),
        ("update", _polish(UpdatePage).url),
        ("news list", _polish(NewsIndexPage).url),
        ("content page", Page.objects.get(pk=content.pk).url),
        ("search results", search),
        ("page not found", NOT_FOUND),
        *((f"home page ({code})", _in(code, home)) for code in ("en", "uk")),
        *((f"programme page ({code})", _in(code, programme)) for code in ("en", "uk")),
    ]


def form_path():
    programme = _polish(ProgrammePage, eu_project__name="KomPAS")
    return EnrolmentFormPage.objects.child_of(programme).live().get().url


def console_errors(page):
    """What the page logged as errors since the last call; a missing page's own 404 status is
    expected."""
    found = [
        error
        for error in page.errors
        if not (page.url.endswith(NOT_FOUND) and error.endswith(f"404 (Not Found) ({page.url})"))
    ]
    page.errors.clear()
    return found


def check_first_screen(page, name, problems):
    found = page.evaluate(_FIRST_SCREEN)
    if found["header"] > HEADER_AT_MOST:
        problems.append(f"{name}: the header is {found['header']:.0f} px high")
    if found["h1"] is None or found["h1"] >= PHONE["height"]:
        problems.append(f"{name}: the <h1> starts at {found['h1']} px")
    if found["bar"] is None:
        problems.append(f"{name}: no 'Leave this page'")
    elif found["bar"] > BAR_AT_MOST:
        problems.append(f"{name}: 'Leave this page' is {found['bar']:.0f} px high")


# Which parts of the menu the reader sees (each by its first element; absent ones left out).
_MENU_SHOWS = """() => Object.fromEntries(
    [".primary-nav a", ".language-links a", "#header-search"]
        .map(part => [part, document.querySelector(part)])
        .filter(([, element]) => element)
        .map(([part, element]) => [part, element.checkVisibility()])
)"""


def check_menu_opens(page, name, problems):
    if page.evaluate(_MENU_SHOWS)[".primary-nav a"]:
        problems.append(f"{name}: the navigation shows before the menu is opened")
    page.click(".site-menu__toggle")
    shown = page.evaluate(_MENU_SHOWS)
    problems += [
        f"{name}: {part} is hidden in the opened menu" for part in shown if not shown[part]
    ]


def test_on_a_phone_every_page_starts_with_its_title_and_a_folded_menu(site, browser):
    page = browser(PHONE)
    problems = []
    for name, path in page_types():
        page.goto(site.url + path)
        check_first_screen(page, name, problems)
        check_menu_opens(page, name, problems)
        problems += console_errors(page)

    page.goto(site.url + form_path())
    check_first_screen(page, "enrolment form", problems)
    send_form(page)
    check_first_screen(page, "enrolment form with errors", problems)
    fill_in_application(page)
    send_form(page)
    assert page.url.endswith("/confirmation/"), page.url
    check_first_screen(page, "confirmation", problems)
    problems += console_errors(page)
    assert not problems, "\n".join(problems)


def test_at_320_pixels_the_title_is_still_on_the_first_screen(site, browser):
    page = browser(NARROWEST)
    problems = []
    for name, path in page_types():
        if name in ("home page", "programme page"):
            page.goto(site.url + path)
            check_first_screen(page, f"{name} at 320 px", problems)
    assert not problems, "\n".join(problems)


def test_without_javascript_the_menu_opens_and_its_links_lead_to_their_pages(site, browser):
    page = browser(PHONE, java_script_enabled=False)
    programme = _polish(ProgrammePage, eu_project__name="KomPAS")
    page.goto(site.url + programme.url)
    problems = []
    check_first_screen(page, "programme page without JavaScript", problems)
    check_menu_opens(page, "programme page without JavaScript", problems)
    assert not problems, "\n".join(problems)

    link = page.locator(".primary-nav a", has_text=_polish(ProgrammeIndexPage).title)
    with page.expect_navigation():
        link.click()
    assert page.url == site.url + _polish(ProgrammeIndexPage).url

    # The search in the menu works too.
    page.click(".site-menu__toggle")
    page.fill("#header-search", "KomPAS")
    with page.expect_navigation():
        page.press("#header-search", "Enter")
    assert page.locator(".search-results > li").count()


def test_on_a_desktop_everything_is_shown_without_opening_anything(site, browser):
    page = browser(DESKTOP)
    for path in (_polish(HomePage).url, form_path()):
        page.goto(site.url + path)
        assert page.locator(".primary-nav a").first.is_visible(), path
        assert page.locator(".language-links a").first.is_visible(), path
        assert page.locator("#header-search").is_visible(), path
        assert page.locator(".display-controls button").first.is_visible(), path
        assert not page.locator(".site-menu__toggle").is_visible(), path
        # The Shift shortcut is told where there is room for it.
        assert page.locator(".quick-exit__shift").is_visible(), path
    assert not console_errors(page)

    # Narrowed (or zoomed in 400 %), the window folds the menu again: the page's script does it
    # when the media query changes, so the check waits for it (up to Playwright's timeout).
    page.set_viewport_size(PHONE)
    expect(page.locator(".site-menu__toggle")).to_be_visible()
    expect(page.locator(".primary-nav a").first).not_to_be_visible()


def test_the_address_browsers_ask_for_an_icon_answers_with_the_sites_icon(site, browser):
    page = browser(PHONE)
    response = page.goto(site.url + "/favicon.ico")
    assert response.ok
    assert response.headers["content-type"].startswith("image/svg+xml")
