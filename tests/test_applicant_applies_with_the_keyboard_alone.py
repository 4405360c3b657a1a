"""In a real browser, an applicant fills in an enrolment form (a sensitive programme's, with a
required choice and a free-text question of the editor's) with the keyboard alone and reaches
the confirmation page."""

import pytest

from enrolment.models import Application

from .enrolment_world import open_enrolment_form, with_question


@pytest.mark.django_db(transaction=True)
def test_applicant_fills_in_the_form_with_the_keyboard_and_reaches_the_confirmation(
    live_server, browser_page
):
    page, chosen = open_enrolment_form(sensitive=True)
    page = with_question(
        page,
        "Czy korzystasz obecnie ze wsparcia MOPS?",
        "radio",
        required=True,
        choices=["Tak", "Nie", "Nie wiem"],
    )
    browser = browser_page
    browser.goto(live_server.url + page.url)

    def tab_to(selector):
        """Press Tab until the element is focused, as a keyboard user does."""
        for _ in range(80):
            browser.keyboard.press("Tab")
            if browser.evaluate(
                "selector => document.activeElement === document.querySelector(selector)", selector
            ):
                return
        raise AssertionError(f"{selector} cannot be reached with Tab")

    # The first Tab reaches the skip link.
    browser.keyboard.press("Tab")
    assert browser.evaluate("document.activeElement.classList.contains('skip-link')")

    tab_to(f"input[name='system-edition'][value='{chosen.pk}']")
    browser.keyboard.press("Space")
    for field in browser.query_selector_all("form.form [required], form.form textarea"):
        name = field.get_attribute("name")
        kind = field.get_attribute("type")
        system = {"system-edition", "system-privacy_consent", "system-website"}
        if name in system or kind in {"radio", "checkbox"}:
            continue
        tab_to(f"[name='{name}']")
        browser.keyboard.type("Odpowiedź")
    for name, text in (
        ("system-applicant_name", "Anna Kowalska"),
        ("system-phone", "600 123 456"),
    ):
        tab_to(f"[name='{name}']")
        browser.keyboard.press("Control+A")
        browser.keyboard.type(text)
    for radio_group in {
        element.get_attribute("name")
        for element in browser.query_selector_all("form.form input[type=radio][required]")
    } - {"system-edition"}:
        tab_to(f"input[name='{radio_group}']")
        browser.keyboard.press("Space")
    tab_to("input[name='system-privacy_consent']")
    browser.keyboard.press("Space")
    tab_to("form.form button[type=submit]")
    with browser.expect_navigation():
        browser.keyboard.press("Enter")

    application = Application.objects.get()
    assert browser.url.endswith("/confirmation/")
    assert application.reference in browser.inner_text("main")
    assert browser.locator("h1").count() == 1
