"""In Debian's Chromium, every page type meets WCAG 2.2 AA as axe-core checks it, in Polish,
English and Ukrainian, at 320, 360 and 1280 px; its pointer targets are large enough or spaced
apart; forced colours keep focus and the edges of controls; reduced motion stops everything that
moves; pages reflow at 320 px and survive increased text spacing and 200 % zoom; the form works
with the keyboard alone; the display controls are remembered on the device without cookies;
programme pages print their editions and contacts.

One server and one demo serve the whole module (`demo_server`); each test opens its own browser
context, so that nothing a test stores in the browser reaches another."""

from dataclasses import dataclass, field

import pytest

from .browser import (
    active_element,
    axe_violations,
    clipped_text,
    resize,
    scroll_to_top,
    scrolls_sideways,
    send_form,
    wait_for_focus,
)
from .page_checks import (
    lost_in_forced_colours,
    motion_despite_reduced_motion,
    set_text_spacing,
    small_targets,
    sticking_out,
)
from .page_types import (
    LANGUAGES,
    each_state,
    form_path,
    open_one_form_and_close_another,
    programme_path,
)

pytestmark = [pytest.mark.django_db, pytest.mark.demo]

NARROWEST = 320
# Where each page is looked at: (width, height) of the narrowest reflow, a phone, a desktop.
WINDOWS = [(1280, 900), (360, 740), (NARROWEST, 640)]
# 320 and 360 px fall under the same media queries: the same elements are shown, with the same
# names, roles and colours. What the 40 px less can change is geometry: text over another
# background, targets and their spacing, regions that start to scroll. At 320 px axe-core runs
# the rules of those (all of WCAG 2.0-2.2 A and AA at 360 and 1280 px).
LAYOUT_RULES = ["color-contrast", "target-size", "scrollable-region-focusable"]


@pytest.fixture(scope="module")
def site(demo_server):
    """The live server, with the violence victims' programme taking applications today and
    Leśnica's form closed until its next enrolment."""
    open_one_form_and_close_another()
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


@dataclass
class Findings:
    axe: list = field(default_factory=list)
    small_targets: list = field(default_factory=list)
    forced_colours: list = field(default_factory=list)
    motion: list = field(default_factory=list)
    sideways: list = field(default_factory=list)
    text_spacing: list = field(default_factory=list)


@pytest.fixture(scope="module")
def survey(site, chromium):
    """Each language's pages visited once, when a test first asks for that language; every
    check is made on that one load, at each width. The tests below read the findings, so that
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
            for width, height in WINDOWS:
                resize(page, width, height)
                # From the top, as a reader of that width first sees it: the scroll position
                # left by the last width (the error summary scrolled into view at 320 px) would
                # put the header under the sticky quick-exit bar at 1280 px or not, by chance,
                # and axe-core counts a target half under the bar as too small.
                scroll_to_top(page)
                where = f"{state} at {width}px"
                rules = LAYOUT_RULES if width == NARROWEST else None
                findings.axe += [f"{where}: {rule}" for rule in axe_violations(page, rules=rules)]
                findings.small_targets += [f"{where}: {it}" for it in small_targets(page)]
                if width == 360:  # what a phone folds away, and motion, once
                    findings.small_targets += [
                        f"{where}, unfolded: {it}" for it in small_targets(page, unfolded=True)
                    ]
                    # Before forced colours: switching them on and off starts transitions.
                    findings.motion += [
                        f"{where}: {it}" for it in motion_despite_reduced_motion(page)
                    ]
                if width != NARROWEST:  # the phone's and the desktop's controls
                    findings.forced_colours += [
                        f"{where}: {it}" for it in lost_in_forced_colours(page)
                    ]
            # Reflow and text spacing at the narrowest width, where they are hardest.
            if scrolls_sideways(page):
                findings.sideways.append(f"{state}: {', '.join(sticking_out(page))}")
            set_text_spacing(page)
            if scrolls_sideways(page):
                findings.text_spacing.append(
                    f"{state} scrolls sideways: {', '.join(sticking_out(page))}"
                )
            findings.text_spacing += [f"{state}: {it}" for it in clipped_text(page)]
            set_text_spacing(page, on=False)
    finally:
        context.close()
    return findings


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_type_passes_axe_wcag_22_aa_at_320_360_and_1280_pixels(survey, language):
    problems = survey(language).axe
    assert not problems, "axe-core finds:\n" + "\n".join(problems)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_pointer_target_is_24_pixels_or_spaced_as_large(survey, language):
    problems = survey(language).small_targets
    assert not problems, "Targets too small and too close (WCAG 2.5.8):\n" + "\n".join(problems)


@pytest.mark.parametrize("language", LANGUAGES)
def test_forced_colours_keep_focus_and_the_edges_of_controls(survey, language):
    problems = survey(language).forced_colours
    assert not problems, "With forced colours:\n" + "\n".join(problems)


@pytest.mark.parametrize("language", LANGUAGES)
def test_nothing_moves_when_the_reader_asks_for_reduced_motion(survey, language):
    problems = survey(language).motion
    assert not problems, "With reduced motion:\n" + "\n".join(problems)


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_page_scrolls_sideways_at_320_pixels(survey, language):
    wide = survey(language).sideways
    assert not wide, "These pages scroll sideways at 320 px:\n" + "\n".join(wide)


@pytest.mark.parametrize("language", LANGUAGES)
def test_increased_text_spacing_at_320_pixels_neither_scrolls_sideways_nor_clips_text(
    survey, language
):
    problems = survey(language).text_spacing
    assert not problems, "With the text spacing of WCAG 1.4.12:\n" + "\n".join(problems)


# A 1280 × 900 window zoomed to 200 % lays pages out in 640 × 450 CSS pixels, each drawn with
# 2 × 2 device pixels.
ZOOMED = {"width": 640, "height": 450, "device_scale_factor": 2}


@pytest.mark.parametrize("spacing", [False, True], ids=["200 % zoom", "text spacing at 200 % zoom"])
def test_200_percent_zoom_with_or_without_text_spacing_neither_scrolls_sideways_nor_clips_text(
    site, new_page, spacing
):
    page = new_page(**ZOOMED)
    problems = []

    def check(name):
        if spacing:
            set_text_spacing(page)
        if scrolls_sideways(page):
            problems.append(f"{name} scrolls sideways: {', '.join(sticking_out(page))}")
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
        resize(page, NARROWEST, 640)
        if scrolls_sideways(page):
            problems.append(f"{state} scrolls sideways at 320 px: {', '.join(sticking_out(page))}")
        resize(page, 1280, 900)
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
