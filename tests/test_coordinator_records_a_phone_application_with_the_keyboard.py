"""In a real browser, a coordinator signs in to the admin and records an application taken in
person with the keyboard alone: from the applications list to the reference to read out."""

import pytest

from enrolment.models import Application

from .admin_helpers import make_coordinator
from .enrolment_world import open_enrolment_form

PASSWORD = "x"  # tests/admin_helpers.make_user


@pytest.mark.django_db(transaction=True)
def test_coordinator_records_an_application_with_the_keyboard_and_reads_the_reference(
    live_server, browser_page
):
    form, edition = open_enrolment_form(sensitive=True)
    coordinator = make_coordinator(edition.team)
    browser = browser_page

    def focused(selector):
        return browser.evaluate(
            "selector => document.activeElement === document.querySelector(selector)", selector
        )

    def tab_to(selector):
        """Press Tab until the element is focused, as a keyboard user does."""
        for _ in range(200):
            if focused(selector):
                return
            browser.keyboard.press("Tab")
        raise AssertionError(f"{selector} cannot be reached with Tab")

    def follow(selector):
        tab_to(selector)
        with browser.expect_navigation():
            browser.keyboard.press("Enter")

    browser.goto(live_server.url + "/admin/login/")
    tab_to("input[name='username']")
    browser.keyboard.type(coordinator.get_username())
    tab_to("input[name='password']")
    browser.keyboard.type(PASSWORD)
    with browser.expect_navigation():
        browser.keyboard.press("Enter")

    browser.goto(live_server.url + "/admin/applications/")
    follow("a[href='/admin/applications/record/']")
    follow(f"a[href='/admin/applications/record/{edition.pk}/']")

    # The channel: phone is chosen; the arrow key moves to "in person".
    tab_to("input[name='record-channel'][value='phone']")
    browser.keyboard.press("ArrowDown")
    assert focused("input[name='record-channel'][value='in_person']")
    # The order of a call: the notice read out and the consent confirmed first, then the safe
    # way to reach the applicant (a sensitive programme), the name and the phone number. Each
    # Tab moves forward only.
    assert browser.locator("#read-out-heading").is_visible()
    tab_to("input[name='system-privacy_consent']")
    browser.keyboard.press("Space")
    for name, text in (
        ("system-safe_contact", "Tylko rano"),
        ("system-applicant_name", "Barbara Osobista"),
        ("system-phone", "600 444 555"),
    ):
        browser.keyboard.press("Tab")
        assert focused(f"[name='{name}']"), name
        browser.keyboard.type(text)
    follow("form#w-editor-form button[type=submit]")

    application = Application.objects.get()
    assert application.channel == "in_person"
    assert application.recorded_by_id == coordinator.pk
    assert application.form_data["applicant_name"] == "Barbara Osobista"
    first, second = application.reference.split("-")
    shown = browser.inner_text("#recorded-reference")
    assert " ".join(first) in shown and " ".join(second) in shown
    follow(f"a[href='/admin/applications/{application.pk}/']")
    assert application.reference in browser.inner_text("main")
