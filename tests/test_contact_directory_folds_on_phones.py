"""The footer's directory of departments and services folds on a phone: each contact point
shows its name and today's hours, the rest (phones, e-mail, address, all hours) opens on a tap,
without JavaScript; a wide screen shows every point. The contact help (the footer's "Contact
us", first in the footer, after the page's content) is in the same place on every page type
(WCAG 2.2, 3.2.6 Consistent Help).

Measured at 360 x 740 on the violence victims' programme before the directory folded: the
footer 3,675 px tall (the directory 2,510 px), the page 20,980 px."""

import pytest
from django.urls import reverse
from wagtail.models import Locale

from enrolment.models import EnrolmentFormPage
from home.models import HomePage
from programmes.models import ProgrammePage

from .browser import fill_in_application, resize, send_form
from .enrolment_helpers import edition, open_enrolment

pytestmark = [pytest.mark.django_db, pytest.mark.demo]

FOOTER_AT_MOST = 2_400  # px at 360 wide: was 3,675

# What the footer offers, in order: its headings, and the switchboard's phone and e-mail.
_FOOTER_ORDER = """() => {
    const footer = document.querySelector("body > footer, footer.site-footer");
    const main = document.querySelector("main");
    return {
        after_main: !!(main && footer
            && (main.compareDocumentPosition(footer) & Node.DOCUMENT_POSITION_FOLLOWING)),
        headings: [...footer.querySelectorAll("h2")].map(h => h.id),
        contact: [...footer.querySelectorAll("#footer-contact-heading ~ * a")]
            .map(a => a.getAttribute("href")).filter(h => /^(tel|mailto):/.test(h)),
    };
}"""


@pytest.fixture(scope="module")
def site(demo_server):
    open_enrolment(edition("KomPAS", 2))
    return demo_server


def _paths():
    locale = Locale.objects.get(language_code="pl")
    programme = ProgrammePage.objects.get(locale=locale, eu_project__name="KomPAS")
    form = EnrolmentFormPage.objects.child_of(programme).live().get()
    return HomePage.objects.get(locale=locale).url, programme.url, form.url


def _points(page):
    return page.locator(".contact-points .contact-point")


def test_each_contact_point_shows_its_name_and_todays_hours_and_opens_the_rest_on_a_tap(
    site, chromium
):
    home, programme, _ = _paths()
    context = chromium.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    try:
        for path in (home, programme):
            page.goto(site.url + path)
            points = _points(page)
            assert points.count() >= 5, "the demo's directory is missing"
            for index in range(points.count()):
                point = points.nth(index)
                assert point.locator("h3").is_visible()
                if point.locator(".hours-today").count():
                    assert point.locator(".hours-today").is_visible()
                details = point.locator("details address")
                if details.count():
                    assert not details.is_visible(), f"{point.locator('h3').inner_text()} is open"
            first = points.first
            first.locator("summary").click()
            assert first.locator("details address").is_visible()
            assert first.locator("details a.phone").first.is_visible()
        # The programme page (the tallest) ends with a short footer.
        footer = page.evaluate("document.querySelector('.site-footer').offsetHeight")
        assert footer < FOOTER_AT_MOST, f"the footer is {footer} px tall at 360 px"

        resize(page, 1280, 900)
        for index in range(_points(page).count()):
            point = _points(page).nth(index)
            assert point.locator("h3").is_visible()
            # Chromium has ::details-content: the cards show everything, with no summary to tap.
            if point.locator("details address").count():
                assert point.locator("details address").is_visible()
                assert not point.locator("summary").is_visible()
    finally:
        context.close()


def test_contact_help_is_in_the_same_place_on_every_page_type(site, chromium):
    home, programme, form = _paths()
    with_query = reverse("search") + "?query=KomPAS"
    context = chromium.new_context(viewport={"width": 360, "height": 740})
    context.set_default_timeout(10_000)
    page = context.new_page()
    seen = {}
    try:
        for name, path in [
            ("home page", home),
            ("programme page", programme),
            ("search results", with_query),
            ("page not found", "/no-such-page/"),
            ("enrolment form", form),
        ]:
            page.goto(site.url + path)
            seen[name] = page.evaluate(_FOOTER_ORDER)
        send_form(page)
        assert page.locator(".error-summary").is_visible()
        seen["form with errors"] = page.evaluate(_FOOTER_ORDER)
        fill_in_application(page)
        send_form(page)
        assert page.url.endswith("/confirmation/"), page.url
        seen["confirmation"] = page.evaluate(_FOOTER_ORDER)
    finally:
        context.close()
    expected = seen["home page"]
    assert expected["after_main"]
    assert expected["headings"][0] == "footer-contact-heading"
    assert [href[:4] for href in expected["contact"]][:2] == ["tel:", "mail"]
    different = {name: found for name, found in seen.items() if found != expected}
    assert not different, f"home page: {expected}\nelsewhere: {different}"
