"""The form a coordinator fills in during a call goes in the order of the call: how the
application came, the privacy notice read out and the consent, who the applicant is and how to
reach them (the safe way first on a sensitive programme), the programme's questions, the e-mail
confirmation. A screen reader hears each group of radio buttons or checkboxes with its question
(a fieldset and its legend) and its help text; the edition to record for is chosen with short
links ("in Polish") that the row's edition describes; the list's date filter has labels. In
Chromium, axe-core finds nothing to fault on these pages."""

import html
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from enrolment.models import EnrolmentFormField, Notification, NotificationKind

from .admin_helpers import APPLICATIONS_URL, make_application, make_coordinator, signed_in
from .browser import axe_violations
from .enrolment_world import open_enrolment_form
from .test_admin_speaks_polish import set_admin_language

RADIO_HELP = "For example, from a social worker's help or a benefit."
PASSWORD = "x"  # tests/admin_helpers.make_user


def with_group_questions(form):
    """The form with a required yes/no question with help text, and a checkbox group."""
    for order, (label, field_type, choices, help_text) in enumerate(
        [
            ("Do you use the centre's support now?", "radio", "Yes\nNo", RADIO_HELP),
            ("What would you like to work on?", "checkboxes", "Work\nHealth\nFamily", ""),
        ],
        start=form.form_fields.count(),
    ):
        EnrolmentFormField.objects.create(
            page=form,
            sort_order=order,
            label=label,
            field_type=field_type,
            required=field_type == "radio",
            choices=choices,
            help_text=help_text,
        )
    return form


@pytest.fixture
def sensitive():
    form, edition = open_enrolment_form(sensitive=True)
    with_group_questions(form)
    coordinator = make_coordinator(edition.team)
    set_admin_language(coordinator, "en")
    return edition, coordinator


def record_url(edition):
    return reverse("enrolment_application:record_form", args=[edition.pk])


def page_of(user, url, data=None):
    client = signed_in(user)
    response = client.post(url, data) if data is not None else client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def field_names_in_order(markup):
    form = markup.split('id="w-editor-form"', 1)[1]
    names = []
    for name in re.findall(r'<(?:input|textarea|select)[^>]*name="([^"]+)"', form):
        if name not in names and name not in ("csrfmiddlewaretoken",):
            names.append(name)
    return names


@pytest.mark.django_db
def test_the_form_goes_in_the_order_of_a_call(sensitive):
    edition, coordinator = sensitive
    markup = page_of(coordinator, record_url(edition))
    visible = [
        name
        for name in field_names_in_order(markup)
        if name not in ("system-edition", "system-submission_token")
    ]
    questions = [name for name in visible if not name.startswith(("system-", "record-"))]
    assert {"do_you_use_the_centres_support_now", "what_would_you_like_to_work_on"} <= set(
        questions
    )
    assert visible == [
        "record-channel",
        "system-privacy_consent",
        "system-safe_contact",
        "system-applicant_name",
        "system-phone",
        "system-email",
        *questions,
        "system-email_confirmation",
    ]
    # The notice to read out stands right before the box that confirms the consent.
    after_notice = markup.split('id="read-out-heading"', 1)[1].split("</section>", 1)[1]
    assert "name=" not in after_notice.split('name="system-privacy_consent"', 1)[0]


@pytest.mark.django_db
def test_on_a_programme_that_is_not_sensitive_the_name_follows_the_consent():
    form, edition = open_enrolment_form(sensitive=False)
    coordinator = make_coordinator(edition.team)
    names = field_names_in_order(page_of(coordinator, record_url(edition)))
    assert "system-safe_contact" not in names
    consent = names.index("system-privacy_consent")
    assert names[consent + 1 : consent + 4] == [
        "system-applicant_name",
        "system-phone",
        "system-email",
    ]


def fieldsets(markup):
    """{legend text: (the fieldset's opening tag, its content)}."""
    found = {}
    for tag, body in re.findall(r"(<fieldset[^>]*>)(.*?)</fieldset>", markup, re.S):
        legend = re.search(r"<legend[^>]*>(.*?)</legend>", body, re.S)
        if legend:
            text = html.unescape(re.sub(r"<[^>]+>", "", legend.group(1))).replace("*", "").strip()
            found[text] = (tag, body)
    return found


@pytest.mark.django_db
def test_each_group_of_choices_is_a_fieldset_named_by_its_question_and_described_by_its_help(
    sensitive,
):
    edition, coordinator = sensitive
    markup = page_of(coordinator, record_url(edition))
    groups = fieldsets(markup)
    assert {
        "How did the application come?",
        "Do you use the centre's support now?",
        "What would you like to work on?",
    } <= set(groups)
    tag, body = groups["Do you use the centre's support now?"]
    described_by = re.search(r'aria-describedby="([^"]+)"', tag).group(1).split()
    (help_id,) = described_by
    help_text = re.search(rf'id="{help_id}"[^>]*>\s*<div class="help">([^<]*)</div>', body)
    assert html.unescape(help_text.group(1)) == RADIO_HELP
    assert body.count('type="radio"') == 2
    assert fieldsets(markup)["What would you like to work on?"][1].count('type="checkbox"') == 3
    # No field label is left that names no input.
    for label in re.findall(r'<label class="w-field__label[^"]*"[^>]*>', markup):
        assert 'for="' in label, label


@pytest.mark.django_db
def test_an_error_in_a_group_describes_the_group_and_the_consent_error_is_one_sentence(sensitive):
    edition, coordinator = sensitive
    markup = page_of(coordinator, record_url(edition), {"record-channel": "phone"})
    tag, body = fieldsets(markup)["Do you use the centre's support now?"]
    described_by = re.search(r'aria-describedby="([^"]+)"', tag).group(1).split()
    assert len(described_by) == 2
    errors_id = next(id_ for id_ in described_by if id_.endswith("-errors"))
    assert re.search(rf'id="{errors_id}"[^>]*>\s*<svg', body)
    summary = markup.split('id="record-errors"', 1)[1].split("</ul>", 1)[0]
    consent = (
        "The applicant has to hear the privacy notice and agree – without their consent the "
        "application cannot be recorded."
    )
    assert f'">{consent}</a>' in summary


@pytest.mark.django_db
def test_the_editions_links_say_the_language_and_the_row_says_the_edition(sensitive):
    edition, coordinator = sensitive
    markup = page_of(coordinator, reverse("enrolment_application:record"))
    headers = re.findall(r'<th scope="col">(.*?)</th>', markup, re.S)
    assert "Record the application" not in headers
    row_header = re.search(r'<th scope="row" id="([^"]+)">(.*?)</th>', markup, re.S)
    assert f"Edition {edition.number}" in row_header.group(2)
    assert edition.programme.title in row_header.group(2)
    links = re.findall(
        r'<a href="[^"]*/record/\d+/[^"]*" aria-describedby="([^"]+)">([^<]+)</a>', markup
    )
    assert links == [(row_header.group(1), "in Polish")]


@pytest.mark.django_db
def test_the_lists_date_filter_inputs_have_labels(sensitive):
    edition, coordinator = sensitive
    make_application(edition)
    markup = page_of(coordinator, APPLICATIONS_URL)
    inputs = re.findall(r'<input[^>]*name="submit_time_(?:from|to)"[^>]*>', markup)
    assert len(inputs) == 2
    for tag in inputs:
        id_ = re.search(r'id="([^"]+)"', tag).group(1)
        label = re.search(rf'<label[^>]*for="{id_}"[^>]*>([^<]+)</label>', markup)
        assert label and label.group(1).startswith("Received"), tag


# In Chromium.


@pytest.mark.django_db(transaction=True)
def test_the_record_form_the_edition_choice_and_the_list_pass_axe(live_server, browser_page):
    form, edition = open_enrolment_form(sensitive=True)
    with_group_questions(form)
    coordinator = make_coordinator(edition.team)
    make_application(edition, form_data={"applicant_name": "Anna Nowak", "phone": "600 1"})
    browser = browser_page
    browser.goto(live_server.url + "/admin/login/")
    browser.fill("input[name='username']", coordinator.get_username())
    browser.fill("input[name='password']", PASSWORD)
    with browser.expect_navigation():
        browser.keyboard.press("Enter")

    problems = []
    for name, path in [
        ("list", APPLICATIONS_URL),
        ("list, searched", APPLICATIONS_URL + "?q=nowak"),
        ("edition choice", reverse("enrolment_application:record")),
        ("record form", record_url(edition)),
    ]:
        browser.goto(live_server.url + path)
        problems += [f"{name}: {rule}" for rule in axe_violations(browser)]
    # And the form shown again with its errors.
    with browser.expect_navigation():
        browser.click("form#w-editor-form button[type=submit]")
    assert browser.locator("#record-errors").is_visible()
    problems += [f"record form with errors: {rule}" for rule in axe_violations(browser)]
    assert not problems, "axe-core finds:\n" + "\n".join(problems)


@pytest.mark.django_db(transaction=True)
def test_the_one_notifications_menu_item_is_not_cut_off_in_polish(live_server, browser_page):
    """At 1280 px the sidebar shows the label whole, with the number of failed notifications."""
    edition = open_enrolment_form()[1]
    coordinator = make_coordinator(edition.team)
    Notification.objects.create(
        application=make_application(edition),
        kind=NotificationKind.TEAM,
        failed_at=timezone.now(),
    )
    browser = browser_page
    browser.goto(live_server.url + "/admin/login/")
    browser.fill("input[name='username']", coordinator.get_username())
    browser.fill("input[name='password']", PASSWORD)
    with browser.expect_navigation():
        browser.keyboard.press("Enter")
    item = browser.locator(f"a[href='{reverse('enrolment_notifications')}']")
    assert item.inner_text().strip() == "Powiadomienia (1)"
    cut = item.evaluate(
        """link => [link, ...link.querySelectorAll("*")].filter(
            el => el.scrollWidth > el.clientWidth + 1).map(el => el.className)"""
    )
    assert cut == []
