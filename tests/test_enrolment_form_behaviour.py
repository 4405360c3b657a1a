"""What an applicant sees: errors that keep what was typed, a waiting list when places run out,
closed editions that cannot be chosen, and a confirmation without personal data."""

import datetime
import logging
import re
from unittest import mock
from urllib.error import HTTPError, URLError

import pytest
import time_machine
from django.test import Client, override_settings
from django.utils import timezone
from django_recaptcha.client import RecaptchaResponse

from enrolment.models import Application, ApplicationStatus
from programmes.models import Edition

from .enrolment_helpers import submit, valid_answers
from .enrolment_world import (
    NO_ENROLMENT,
    coordinator,
    days_from_today,
    finished_edition,
    programme_with_form,
    small_site,
)
from .factories import EditionFactory
from .once_per_module import built_once

pytestmark = pytest.mark.django_db

RECAPTCHA_KEYS = {"RECAPTCHA_PUBLIC_KEY": "site-key", "RECAPTCHA_PRIVATE_KEY": "secret-key"}
VERIFY = "django_recaptcha.fields.client.submit"


def build_world():
    """A sensitive programme (as the violence-victims one is) taking applications, with an
    edition that has finished; beside it an ordinary programme with its own open form."""
    site = small_site(sensitive=True)
    return {
        "site": site,
        "closed_edition": finished_edition(site.programme),
        "other_programme": programme_with_form(site.programme_index, sensitive=False),
    }


kept_world, world = built_once(build_world)


@pytest.fixture
def site(world):
    return world["site"]


@pytest.fixture
def open_form(site):
    return site.form, site.edition


@pytest.fixture
def closed_edition(world):
    return world["closed_edition"]


def test_form_lists_only_editions_open_for_enrolment(client, open_form, closed_edition):
    page, chosen = open_form
    html = client.get(page.url).content.decode()
    assert f'value="{chosen.pk}"' in html
    assert f'value="{closed_edition.pk}"' not in html


def test_sensitive_programme_asks_when_it_is_safe_to_contact(client, open_form):
    page, _chosen = open_form
    assert 'name="system-safe_contact"' in client.get(page.url).content.decode()


def test_other_programmes_do_not_ask_when_it_is_safe_to_contact(client, world):
    page, _chosen = world["other_programme"]
    html = client.get(page.url).content.decode()
    assert 'name="system-applicant_name"' in html
    assert 'name="system-safe_contact"' not in html


def test_invalid_input_shows_a_summary_and_keeps_everything_typed(client, open_form):
    page, chosen = open_form
    answers = valid_answers(
        page, chosen, phone="abc", privacy_consent=None, safe_contact="Tylko rano, bez SMS-ów"
    )
    response = submit(client, page, answers)
    html = response.content.decode()

    assert response.status_code == 200
    assert 'class="error-summary"' in html
    assert '<a href="#id_system-phone">' in html
    assert '<a href="#id_system-privacy_consent">' in html
    assert re.search(r"<title>\S+: ", html)  # "Błąd: …" while errors are shown
    assert 'value="Anna Kowalska"' in html
    assert 'value="abc"' in html
    assert "Tylko rano, bez SMS-ów" in html
    assert f'value="{chosen.pk}" ' in html and "checked" in html
    assert not Application.objects.exists()


def test_phone_or_email_is_required(client, open_form):
    page, chosen = open_form
    response = submit(client, page, valid_answers(page, chosen, phone=None))
    assert response.status_code == 200
    assert '<a href="#id_system-phone">' in response.content.decode()


def test_success_redirects_to_a_confirmation_with_the_reference_and_no_personal_data(
    client, open_form
):
    page, chosen = open_form
    response = submit(client, page, valid_answers(page, chosen))
    assert response.status_code == 302
    confirmation_url = response["Location"]
    application = Application.objects.get()
    assert application.reference not in confirmation_url
    assert str(application.pk) not in confirmation_url.rstrip("/").rsplit("/", 1)[-1]

    confirmation = client.get(confirmation_url)
    html = confirmation.content.decode()
    assert application.reference in html
    assert "Anna Kowalska" not in html and "600 123 456" not in html
    assert confirmation["Cache-Control"] == "no-store"


def test_the_confirmation_cannot_be_opened_again_after_half_an_hour(client, open_form):
    # Someone who picks up the applicant's phone later finds nothing in its history.
    page, chosen = open_form
    confirmation_url = submit(client, page, valid_answers(page, chosen))["Location"]
    reference = Application.objects.get().reference
    assert reference in client.get(confirmation_url).content.decode()

    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=31)):
        response = client.get(confirmation_url)

    assert response.status_code == 302 and response["Location"] == page.url
    assert reference not in client.get(confirmation_url, follow=True).content.decode()


def test_reference_numbers_are_readable_and_not_the_database_id(client, open_form):
    page, chosen = open_form
    submit(client, page, valid_answers(page, chosen))
    reference = Application.objects.get().reference
    assert re.fullmatch(r"[0-9A-Z]{4}-[0-9A-Z]{4}", reference)
    assert not set(reference) & set("ILOU")


def test_form_responses_are_never_stored_by_caches(client, open_form):
    page, chosen = open_form
    assert client.get(page.url)["Cache-Control"] == "no-store"
    assert (
        submit(client, page, valid_answers(page, chosen, phone="x"))["Cache-Control"] == "no-store"
    )


def test_application_is_stored_with_its_edition_team_and_status(client, open_form):
    page, chosen = open_form
    submit(client, page, valid_answers(page, chosen))
    application = Application.objects.get()
    assert application.edition == chosen
    assert application.team == chosen.team
    assert application.status == ApplicationStatus.NEW
    assert application.form_data["applicant_name"] == "Anna Kowalska"
    assert "website" not in application.form_data and "edition" not in application.form_data


def test_a_full_edition_puts_the_applicant_on_its_waiting_list(client, open_form):
    page, chosen = open_form
    for _ in range(chosen.places):
        assert submit(client, page, valid_answers(page, chosen)).status_code == 302
    response = submit(client, page, valid_answers(page, chosen))
    latest = Application.objects.latest("submit_time")
    assert latest.status == ApplicationStatus.WAITING_LIST
    assert Application.objects.filter(status=ApplicationStatus.NEW).count() == chosen.places
    html = client.get(response["Location"]).content.decode()
    assert 'class="notice-inline"' in html


def test_a_closed_edition_cannot_be_chosen_even_by_a_forged_request(
    client, open_form, closed_edition
):
    page, _chosen = open_form
    response = submit(client, page, valid_answers(page, closed_edition))
    assert response.status_code == 200
    assert '<a href="#id_system-edition_0">' in response.content.decode()
    assert not Application.objects.exists()


def test_an_edition_of_another_programme_cannot_be_chosen(client, world, open_form):
    page, _chosen = open_form
    _other_form, other = world["other_programme"]  # open for enrolment
    submit(client, page, valid_answers(page, other))
    assert not Application.objects.exists()


def test_a_post_without_the_csrf_token_is_refused_with_a_way_back_to_the_form(open_form):
    page, chosen = open_form
    response = Client(enforce_csrf_checks=True).post(page.url, valid_answers(page, chosen))
    assert response.status_code == 403
    assert not Application.objects.exists()
    html = response.content.decode()
    assert "Twoje zgłoszenie NIE zostało wysłane" in html  # not Django's page in English
    assert f'<a href="{page.url}">' in html
    assert "data-quick-exit" in html


def test_the_honeypot_rejects_and_logs_without_the_body(client, open_form, caplog):
    page, chosen = open_form
    with caplog.at_level(logging.INFO):
        response = submit(client, page, valid_answers(page, chosen, website="http://spam"))
    assert response.status_code == 200
    assert not Application.objects.exists()
    assert "honeypot" in caplog.text
    assert "Anna Kowalska" not in caplog.text and "600 123 456" not in caplog.text


@override_settings(ENROLMENT_RATE_LIMIT=(3, 600))
def test_the_rate_limit_refuses_further_posts_keeps_the_answers_and_logs_without_the_body(
    client, open_form, caplog
):
    page, chosen = open_form
    submit(client, page, valid_answers(page, chosen))  # clears the counter, then counts 1
    client.post(page.url, valid_answers(page, chosen))
    client.post(page.url, valid_answers(page, chosen))
    with caplog.at_level(logging.INFO):
        response = client.post(page.url, valid_answers(page, chosen))
    assert response.status_code == 429
    assert 'value="Anna Kowalska"' in response.content.decode()
    assert Application.objects.count() == 3
    assert "rate limit" in caplog.text
    assert "Anna Kowalska" not in caplog.text


def test_a_form_with_no_open_edition_says_when_the_next_enrolment_is_and_whom_to_call(client, site):
    Edition.objects.filter(pk=site.edition.pk).update(
        responsible_person=coordinator("Magda Testowa", "71 300 20 10"), **NO_ENROLMENT
    )
    html = client.get(site.form.url).content.decode()
    assert 'name="system-applicant_name"' not in html
    assert "71 300 20 10" in html  # the coordinator's phone


def test_a_form_sent_after_the_enrolment_closed_says_it_was_not_sent_and_shows_what_was_typed(
    client, site, open_form
):
    page, chosen = open_form
    answers = valid_answers(
        page, chosen, applicant_name="Anna", safe_contact="Tylko rano,\r\nbez SMS-ów"
    )
    # The applicant was typing while the enrolment closed.
    Edition.objects.filter(programme=site.programme).update(**NO_ENROLMENT)

    html = submit(client, page, answers).content.decode()

    assert not Application.objects.exists()
    assert "Twoje zgłoszenie NIE zostało wysłane" in html  # "Your application was NOT sent"
    assert "<dd>Anna</dd>" in html
    assert f"<dd>{chosen.label}, {chosen.period}</dd>" in html  # the edition by name, not its id
    assert "<dd>Tylko rano,<br>bez SMS-ów</dd>" in html
    assert "on" not in re.findall(r"<dd>(.*?)</dd>", html)  # not the consent box's value
    assert "NIE zostało wysłane" not in client.get(page.url).content.decode()  # only after a post


def test_the_closed_form_names_the_next_enrolment_date(client, site):
    Edition.objects.filter(programme=site.programme).update(**NO_ENROLMENT)
    soon = days_from_today(20)
    EditionFactory(
        programme=site.programme,
        number=9,
        enrolment_opens_on=soon,
        enrolment_closes_on=soon + datetime.timedelta(days=10),
        responsible_person=site.edition.responsible_person,
    )
    html = client.get(site.form.url).content.decode()
    assert str(soon.year) in html and str(soon.day) in html


@override_settings(**RECAPTCHA_KEYS)
def test_a_failed_recaptcha_is_a_form_error_not_a_server_error(client, open_form):
    page, chosen = open_form
    answers = valid_answers(page, chosen, **{"g-recaptcha-response": "token"})
    with mock.patch(VERIFY, return_value=RecaptchaResponse(is_valid=False)):
        response = submit(client, page, answers)
    assert response.status_code == 200
    assert 'value="Anna Kowalska"' in response.content.decode()
    assert not Application.objects.exists()


@pytest.mark.parametrize(
    "failure",
    [
        URLError("connection refused"),
        TimeoutError("timed out"),
        HTTPError("https://www.google.com/recaptcha/api/siteverify", 503, "down", {}, None),
        HTTPError("https://www.google.com/recaptcha/api/siteverify", 429, "slow down", {}, None),
    ],
    ids=["cannot-connect", "timeout", "http-error", "throttled"],
)
@override_settings(**RECAPTCHA_KEYS)
def test_when_google_cannot_be_asked_the_application_is_kept_and_marked(client, open_form, failure):
    page, chosen = open_form
    answers = valid_answers(page, chosen, **{"g-recaptcha-response": "token"})
    with mock.patch(VERIFY, side_effect=failure):
        response = submit(client, page, answers)
    assert response.status_code == 302
    assert Application.objects.get().spam_check_skipped


@pytest.mark.parametrize(
    ("token", "failure"),
    [
        ("token", HTTPError("https://www.google.com/recaptcha/api/siteverify", 400, "", {}, None)),
        ("x" * 5000, None),
    ],
    ids=["google-refuses-to-read-it", "longer-than-google-issues"],
)
@override_settings(**RECAPTCHA_KEYS)
def test_a_token_no_browser_sends_is_refused_not_passed_as_unavailable(
    client, open_form, token, failure
):
    page, chosen = open_form
    answers = valid_answers(page, chosen, **{"g-recaptcha-response": token})
    with mock.patch(VERIFY, side_effect=failure) as verify:
        response = submit(client, page, answers)
    assert response.status_code == 200  # the form again, answers kept
    assert not Application.objects.exists()
    assert verify.called == (failure is not None)


@override_settings(**RECAPTCHA_KEYS)
def test_without_javascript_the_form_says_the_check_needs_it_and_to_call_instead(client, open_form):
    page, chosen = open_form
    html = client.get(page.url).content.decode()
    notes = re.findall(r"<noscript>(.*?)</noscript>", html, re.S)
    assert any("reCAPTCHA" in note and "zadzwoń do nas" in note for note in notes)
    # Sent anyway (as a bot posting the form directly also sends it): refused, answers kept.
    answers = valid_answers(page, chosen)
    assert "g-recaptcha-response" not in answers
    with mock.patch(VERIFY) as verify:
        response = submit(client, page, answers)
    assert response.status_code == 200
    assert 'value="Anna Kowalska"' in response.content.decode()
    assert not Application.objects.exists()
    verify.assert_not_called()


def test_without_recaptcha_keys_the_form_has_no_such_note(client, open_form):
    page, _chosen = open_form
    assert "reCAPTCHA" not in client.get(page.url).content.decode()


@override_settings(**RECAPTCHA_KEYS)
def test_a_verified_recaptcha_lets_the_application_through(client, open_form):
    page, chosen = open_form
    answers = valid_answers(page, chosen, **{"g-recaptcha-response": "token"})
    with mock.patch(VERIFY, return_value=RecaptchaResponse(is_valid=True)):
        response = submit(client, page, answers)
    assert response.status_code == 302
    assert not Application.objects.get().spam_check_skipped
