"""The form's own input rules: consent is given only by ticking the box, a honeypot with anything
in it (even blanks) stops a bot, a field sent many times is one answer, and text is as long as
the browser counts it."""

import re

import pytest

from enrolment.field_names import question_key
from enrolment.models import Application, EnrolmentFormField, NotificationKind

from .enrolment_helpers import submit, valid_answers
from .enrolment_world import open_enrolment_form
from .once_per_module import built_once

pytestmark = pytest.mark.django_db

CONSENT = "system-privacy_consent"


# (the enrolment form, its open edition) of a small site, built once for the module; each test
# gets its own copy.
kept_world, open_form = built_once(open_enrolment_form, name="open_form")


def test_the_consent_box_sends_the_value_that_counts(client, open_form):
    page, _chosen = open_form
    html = client.get(page.url).content.decode()
    box = re.search(rf'<input[^>]*name="{CONSENT}"[^>]*>', html).group(0)
    assert 'type="checkbox"' in box and 'value="on"' in box


@pytest.mark.parametrize("sent", ["false", "0", "", "off", "no", "1", "true", "ON", " on"])
def test_consent_counts_only_when_the_boxs_own_value_is_sent(client, open_form, sent):
    page, chosen = open_form
    response = submit(client, page, valid_answers(page, chosen, privacy_consent=sent))
    assert response.status_code == 200
    assert f'<a href="#id_{CONSENT}">' in response.content.decode()
    assert not Application.objects.exists()


def test_the_ticked_consent_box_sends_the_application(client, open_form):
    page, chosen = open_form
    assert (
        submit(client, page, valid_answers(page, chosen, privacy_consent="on")).status_code == 302
    )
    assert Application.objects.get().form_data["privacy_consent"] is True


def test_an_e_mail_confirmation_is_sent_only_when_its_box_was_ticked(client, open_form):
    page, chosen = open_form
    answers = valid_answers(page, chosen, email="anna@example.org", email_confirmation="0")
    submit(client, page, answers)
    application = Application.objects.get()
    assert application.form_data["email_confirmation"] is False
    assert not application.notifications.filter(kind=NotificationKind.APPLICANT).exists()


@pytest.mark.parametrize("filled", [" ", "\t", "\r\n", "\u00a0", "x"])
def test_a_honeypot_holding_anything_even_blanks_stops_the_application(client, open_form, filled):
    page, chosen = open_form
    response = submit(client, page, valid_answers(page, chosen, website=filled))
    assert response.status_code == 200
    assert not Application.objects.exists()


def test_a_person_whose_browser_filled_the_hidden_field_reads_why_and_can_send_again(
    client, open_form
):
    page, chosen = open_form
    answers = valid_answers(page, chosen, website="https://anna.example.org")
    response = submit(client, page, answers)
    html = response.content.decode()
    start = html.index('class="error-summary"')
    summary = html[start : html.index("</ul>", start)]
    assert "pole formularza" in summary  # the summary says why, where the person reads it
    assert "https://anna.example.org" not in html  # the hidden field comes back empty

    # Sent again from the page as it came back, with the hidden field empty.
    assert submit(client, page, {**answers, "system-website": ""}).status_code == 302
    assert Application.objects.count() == 1


def test_a_field_sent_twice_is_stored_as_one_answer(client, open_form):
    page, chosen = open_form
    answers = valid_answers(page, chosen)
    answers["system-phone"] = ["600 111 111", "600 222 222"]
    assert submit(client, page, answers).status_code == 302
    phone = Application.objects.get().form_data["phone"]
    assert phone in {"600 111 111", "600 222 222"}


@pytest.mark.parametrize("field_type", ["checkboxes", "multiselect"])
def test_a_choice_sent_twice_is_stored_once(client, open_form, field_type):
    page, chosen = open_form
    EnrolmentFormField.objects.create(
        page=page,
        label="Co cię interesuje?",
        clean_name="co_cie_interesuje",
        field_type=field_type,
        choices="Warsztaty\nWyjazdy\nRozmowy",
        required=False,
    )
    sent = ["Wyjazdy", "Warsztaty", "Wyjazdy", "Wyjazdy"]
    answers = valid_answers(page, chosen, co_cie_interesuje=sent)
    assert submit(client, page, answers).status_code == 302
    assert Application.objects.get().form_data["co_cie_interesuje"] == ["Wyjazdy", "Warsztaty"]


def test_an_editors_checkbox_question_also_needs_its_own_value(client, open_form):
    page, chosen = open_form
    EnrolmentFormField.objects.create(
        page=page,
        label="Zgoda na zdjęcia",
        clean_name="zgoda_na_zdjecia",
        field_type="checkbox",
        required=False,
    )
    submit(client, page, valid_answers(page, chosen, zgoda_na_zdjecia="0"))
    submit(client, page, valid_answers(page, chosen, zgoda_na_zdjecia="on"))
    stored = [a.form_data["zgoda_na_zdjecia"] for a in Application.objects.order_by("pk")]
    assert stored == [False, True]


def typed_lines(count, length):
    """Lines of text as a browser sends a text area's: each break as CR LF, which it counts as
    one character against the area's `maxlength`."""
    return "\r\n".join("ł" * length for _ in range(count))


def test_text_as_long_as_the_browser_lets_one_type_is_accepted_line_breaks_and_all(
    client, open_form
):
    page, chosen = open_form
    question = question_key(page.get_form_fields()[0].clean_name)
    answer = typed_lines(20, 99)  # 1,999 characters as counted; the limit is 2,000
    safe_contact = typed_lines(10, 49)  # 499; the limit is 500
    answers = valid_answers(page, chosen, **{question: answer, "safe_contact": safe_contact})

    assert submit(client, page, answers).status_code == 302

    stored = Application.objects.get().form_data
    assert stored["safe_contact"] == safe_contact.replace("\r\n", "\n")
    assert answer.replace("\r\n", "\n") in stored.values()


def test_text_longer_than_the_limit_is_still_refused(client, open_form):
    page, chosen = open_form
    question = question_key(page.get_form_fields()[0].clean_name)
    answers = valid_answers(page, chosen, **{question: typed_lines(2, 1000)})  # 2,001
    response = submit(client, page, answers)
    assert response.status_code == 200
    assert "2001" in response.content.decode()  # the count the reader's browser shows
    assert not Application.objects.exists()
