"""Whoever planted a session cookie in an applicant's browser (or copied it) cannot read the
confirmation afterwards: it would tell them that this person applied, and to what."""

import pytest
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.test import Client

from enrolment.models import Application

from .enrolment_helpers import submit, valid_answers
from .enrolment_world import open_enrolment_form

pytestmark = pytest.mark.django_db


def test_a_planted_session_cannot_read_the_applicants_confirmation():
    page, chosen = open_enrolment_form()
    planted = SessionStore()
    planted["planted"] = True
    planted.create()
    planter, applicant = Client(), Client()
    for browser in (planter, applicant):
        browser.cookies[settings.SESSION_COOKIE_NAME] = planted.session_key

    response = submit(applicant, page, valid_answers(page, chosen))
    reference = Application.objects.get().reference
    confirmation_url = response["Location"]

    assert applicant.cookies[settings.SESSION_COOKIE_NAME].value != planted.session_key
    assert reference in applicant.get(confirmation_url).content.decode()
    seen_by_planter = planter.get(confirmation_url)
    assert seen_by_planter.status_code == 302  # back to the form: nothing to confirm
    assert reference not in planter.get(confirmation_url, follow=True).content.decode()
    assert not SessionStore().exists(planted.session_key)
