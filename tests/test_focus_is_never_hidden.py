"""WCAG 2.2's 2.4.11 Focus Not Obscured, on a phone (360 x 740): the sticky "Leave this page" bar
never covers what has focus, whether the reader tabs to it, the page puts focus there (the error
summary of a form sent empty) or an in-page link leads there (the skip link, the table of
contents, the error summary's links to their fields). The bar stays one line high.

A script compares, after each step, the focused element's (or the link target's) rectangle with
that of every sticky or fixed element, and asks the browser which of the two is drawn on top
where they overlap."""

import pytest
from wagtail.models import Page

from enrolment.models import EnrolmentFormPage

from .browser import fill_in_application, send_form, wait_for_focus
from .enrolment_helpers import edition, open_enrolment, programme

pytestmark = [pytest.mark.django_db, pytest.mark.demo]

PHONE = {"width": 360, "height": 740}
BAR_AT_MOST = 48

# What covers the element (the focused one, or the one `selector` names): "" if nothing does,
# null when focus has come back round (or left the page). Waits for scrolling to end.
_COVERED = """async selector => {
    let last = -1, still = 0;
    for (let frame = 0; frame < 90 && still < 2; frame++) {
        await new Promise(done => requestAnimationFrame(done));
        still = window.scrollY === last ? still + 1 : 0;
        last = window.scrollY;
    }
    const element = selector ? document.querySelector(selector) : document.activeElement;
    if (!element || element === document.body) return null;
    if (!selector) {
        window.seen = window.seen || new Set();
        if (window.seen.has(element)) return null;
        window.seen.add(element);
    }
    const name = element.tagName.toLowerCase() + (element.id ? "#" + element.id : "")
        + (element.className && typeof element.className === "string"
            ? "." + element.className.trim().split(/\\s+/).join(".") : "")
        + ` "${(element.textContent || "").trim().slice(0, 40)}"`;
    // Found once per page: what stays on screen while the page scrolls.
    const sticky = window.sticky = window.sticky || [...document.querySelectorAll("body *")]
        .filter(el => ["sticky", "fixed"].includes(getComputedStyle(el).position));
    const box = element.getBoundingClientRect();
    for (const bar of sticky) {
        if (bar.contains(element)) continue;
        const over = bar.getBoundingClientRect();
        const top = Math.max(box.top, over.top), bottom = Math.min(box.bottom, over.bottom);
        const left = Math.max(box.left, over.left), right = Math.min(box.right, over.right);
        if (bottom - top < 1 || right - left < 1) continue;
        const drawn = document.elementFromPoint((left + right) / 2, (top + bottom) / 2);
        if (drawn && bar.contains(drawn) && !element.contains(drawn)) {
            return `${name} is under ${bar.className} (${Math.round(bottom - top)} px)`;
        }
    }
    return "";
}"""

_IN_PAGE_LINKS = """() => [...document.querySelectorAll("a[href^='#']")]
    .filter(link => link.getAttribute("href").length > 1 && link.getClientRects().length)
    .map(link => link.getAttribute("href"))"""


@pytest.fixture(scope="module")
def site(demo_server):
    """The live server, with the violence victims' programme taking applications today."""
    open_enrolment(edition("KomPAS", 2))
    return demo_server


@pytest.fixture
def phone(chromium):
    # Scrolling without animation (the reader's "reduce motion"): the same positions, sooner.
    context = chromium.new_context(viewport=PHONE, locale="pl-PL", reduced_motion="reduce")
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


def tabbing_hides(page):
    """Tab from the top of the page through every focusable element; what got covered."""
    page.evaluate("() => { window.seen = new Set(); }")
    # The skip link comes first: focused there, Tab goes on from the top of the page.
    page.focus(".skip-link")
    covered, steps = [], 0
    while True:
        found = page.evaluate(_COVERED, None)
        if found is None:
            break
        steps += 1
        if found:
            covered.append(found)
        page.keyboard.press("Tab")
        assert steps < 500, "Tab never came back round"
    assert steps > 10, f"only {steps} elements took focus"
    return covered


def in_page_links_hide(page):
    """Follow every in-page link (by keyboard: focus it, press Enter); what target got covered."""
    covered = []
    hrefs = page.evaluate(_IN_PAGE_LINKS)
    for href in hrefs:
        page.evaluate(
            "href => document.querySelector(`a[href='${href}']`).focus({preventScroll: false})",
            href,
        )
        page.keyboard.press("Enter")
        found = page.evaluate(_COVERED, f"[id='{href[1:]}']")
        if found:
            covered.append(f"{href}: {found}")
    return hrefs, covered


def bar_height(page):
    return page.evaluate("document.querySelector('.quick-exit').getBoundingClientRect().height")


def test_the_programme_page_keeps_focus_and_link_targets_clear_of_the_bar(site, phone):
    phone.goto(site.url + programme("KomPAS").url)
    assert bar_height(phone) <= BAR_AT_MOST

    assert tabbing_hides(phone) == []
    hrefs, covered = in_page_links_hide(phone)
    assert "#main-content" in hrefs, "the skip link"
    assert len(hrefs) > 2, "the table of contents"
    assert covered == []


def test_the_form_sent_empty_shows_its_errors_clear_of_the_bar(site, phone):
    form = EnrolmentFormPage.objects.child_of(programme("KomPAS")).live().get()
    phone.goto(site.url + Page.objects.get(pk=form.pk).url)
    # Scrolled down, as after reading the form, then sent empty.
    phone.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    send_form(phone)
    wait_for_focus(phone, "el => el.classList.contains('error-summary')", "the error summary")
    assert phone.evaluate(_COVERED, None) == ""

    assert tabbing_hides(phone) == []
    hrefs, covered = in_page_links_hide(phone)
    assert any(href.startswith("#id_") for href in hrefs), "the error summary's links"
    assert covered == []

    # And the confirmation after the form is filled in.
    fill_in_application(phone)
    send_form(phone)
    assert phone.url.endswith("/confirmation/"), phone.url
    assert bar_height(phone) <= BAR_AT_MOST
    assert tabbing_hides(phone) == []
    assert in_page_links_hide(phone)[1] == []
