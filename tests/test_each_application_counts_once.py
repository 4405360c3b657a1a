"""A double click or a resend after a network error stores one application, takes one place and
shows the applicant the confirmation of the application that was stored."""

import re
from unittest import mock

import pytest
from django.test import Client

from enrolment import submission
from enrolment.models import Application, Notification
from enrolment.submission_tokens import FIELD_NAME as TOKEN, token_from
from programmes.models import Edition

from .enrolment_helpers import submit, valid_answers
from .enrolment_world import open_enrolment_form
from .once_per_module import built_once

pytestmark = pytest.mark.django_db


# (the enrolment form, its open edition) of a small site, built once for the module; each test
# gets its own copy.
kept_world, open_form = built_once(open_enrolment_form, name="open_form")


def confirmation_reference(client, response):
    assert response.status_code == 302, response.status_code
    html = client.get(response["Location"]).content.decode()
    return next(
        application.reference
        for application in Application.objects.all()
        if application.reference in html
    )


def rendered_token(client, page):
    html = client.get(page.url).content.decode()
    return re.search(rf'name="{TOKEN}" value="([^"]+)"', html).group(1)


def test_each_rendered_form_carries_its_own_token(client, open_form):
    page, _chosen = open_form
    first, second = rendered_token(client, page), rendered_token(client, page)
    assert first != second
    assert token_from({TOKEN: first}) and token_from({TOKEN: second})


def test_sending_the_same_form_twice_stores_one_application_and_shows_its_confirmation(
    client, open_form
):
    page, chosen = open_form
    answers = valid_answers(page, chosen)
    first = submit(client, page, answers)
    again = submit(client, page, answers)

    application = Application.objects.get()
    assert confirmation_reference(client, first) == application.reference
    assert confirmation_reference(client, again) == application.reference
    assert Notification.objects.filter(application=application).count() == 1


def test_a_resend_from_another_connection_still_counts_once(client, open_form):
    """A resend after a network error may come without the first answer's cookie."""
    page, chosen = open_form
    answers = valid_answers(page, chosen)
    submit(client, page, answers)
    other_connection = Client()
    response = submit(other_connection, page, answers)
    assert confirmation_reference(other_connection, response) == Application.objects.get().reference


def test_a_resend_after_enrolment_closed_shows_the_confirmation_not_the_closed_page(
    client, open_form
):
    page, chosen = open_form
    answers = valid_answers(page, chosen)
    submit(client, page, answers)
    Edition.objects.filter(pk=chosen.pk).update(enrolment_opens_on=None, enrolment_closes_on=None)
    response = submit(client, page, answers)
    assert confirmation_reference(client, response) == Application.objects.get().reference


def test_two_forms_sent_by_two_applicants_are_two_applications(client, open_form):
    page, chosen = open_form
    submit(client, page, valid_answers(page, chosen))
    submit(client, page, valid_answers(page, chosen, applicant_name="Beata"))
    assert Application.objects.count() == 2


def test_a_double_click_on_the_last_place_takes_one_place(client, open_form):
    page, chosen = open_form
    for _ in range(chosen.places - 1):
        submit(client, page, valid_answers(page, chosen))
    last = valid_answers(page, chosen)
    submit(client, page, last)
    submit(client, page, last)
    assert Application.objects.count() == chosen.places
    assert not Application.objects.filter(status="waiting_list").exists()


def test_when_the_same_form_arrives_twice_at_once_the_slower_one_finds_the_first(client, open_form):
    """The interleaving of a race: the first request's application is committed after the
    second has looked for it and before it stores its own. The second meets the unique token
    in a savepoint and answers with the first one's confirmation, never a server error."""
    page, chosen = open_form
    answers = valid_answers(page, chosen)
    submit(client, page, answers)
    first = Application.objects.get()
    looked_up = []

    def not_yet_committed(token):
        looked_up.append(token)
        return None if len(looked_up) == 1 else Application.objects.get(submission_token=token)

    with (
        mock.patch("enrolment.models.form_page.EnrolmentFormPage._sent_before", return_value=None),
        mock.patch.object(submission, "sent_with", side_effect=not_yet_committed),
    ):
        response = submit(client, page, answers)

    assert looked_up == [token_from(answers)] * 2  # missed, then found after the conflict
    assert confirmation_reference(client, response) == first.reference
    assert Application.objects.count() == 1


def test_a_form_without_its_token_is_not_sent_and_keeps_the_answers(client, open_form):
    page, chosen = open_form
    answers = valid_answers(page, chosen, applicant_name="Celina Bez-Tokenu")
    del answers[TOKEN]
    response = submit(client, page, answers)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="error-summary"' in html
    assert 'value="Celina Bez-Tokenu"' in html
    assert not Application.objects.exists()
    # The form shown again has a token of its own: sending it again works.
    resent = {**answers, TOKEN: response.context["form"].signed_submission_token}
    assert submit(client, page, resent).status_code == 302
    assert Application.objects.count() == 1


@pytest.mark.parametrize("forged", ["", "abc", "x" * 43, "abc:def"])
def test_a_token_the_site_did_not_issue_is_refused_with_the_answers_kept(client, open_form, forged):
    page, chosen = open_form
    response = submit(client, page, valid_answers(page, chosen, **{TOKEN: forged}))
    assert response.status_code == 200
    assert 'value="Anna Kowalska"' in response.content.decode()
    assert not Application.objects.exists()


def test_a_form_shown_again_after_an_error_keeps_its_token(client, open_form):
    page, chosen = open_form
    answers = valid_answers(page, chosen, phone="abc")
    response = submit(client, page, answers)
    assert response.status_code == 200
    assert response.context["form"].signed_submission_token == answers[TOKEN]
    assert f'value="{answers[TOKEN]}"' in response.content.decode()
