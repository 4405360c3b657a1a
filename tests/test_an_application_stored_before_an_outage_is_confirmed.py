"""The database goes away after an application was stored but before the confirmation could be
kept in the session: the applicant reads that the application was received, with its reference
number, and is told not to send it again; never that it was NOT sent."""

import contextlib

import pytest
from django.db import OperationalError, connection
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext

from enrolment.models import Application

from .enrolment_helpers import submit, valid_answers
from .factories import SmallSite

pytestmark = pytest.mark.django_db


def in_polish(message):
    with translation.override("pl"):
        return gettext(message)


@contextlib.contextmanager
def database_gone_before_the_session_is_saved():
    """Every write to the session table fails as on a database that has just gone away (the
    session read at the start, and the application's own statements, went through)."""

    def refuse_sessions(execute, sql, params, many, context):
        if "django_session" in sql and not sql.lstrip().upper().startswith("SELECT"):
            raise OperationalError("server closed the connection unexpectedly")
        return execute(sql, params, many, context)

    with connection.execute_wrapper(refuse_sessions):
        yield


def test_the_applicant_reads_the_reference_not_that_nothing_was_sent():
    site = SmallSite.build()
    answers = valid_answers(site.form, site.edition, applicant_name="Zofia Przerwana")
    client = Client(raise_request_exception=False)

    with database_gone_before_the_session_is_saved():
        response = submit(client, site.form, answers)

    application = Application.objects.get()
    assert application.form_data["applicant_name"] == "Zofia Przerwana"
    assert response.status_code == 503
    html = response.content.decode()
    assert application.reference in html
    assert in_polish("Thank you, your application has been sent") in html
    assert in_polish("Your application was NOT sent") not in html
    assert in_polish("Send again") not in html
    # Stored by no cache, the browser's included, like the confirmation itself.
    assert "no-store" in response["Cache-Control"]
    assert response["Referrer-Policy"] == "same-origin"


def test_an_application_the_outage_kept_from_being_stored_is_still_not_sent():
    site = SmallSite.build()
    answers = valid_answers(site.form, site.edition, applicant_name="Zofia Niewysłana")
    client = Client(raise_request_exception=False)

    def refuse_everything(execute, sql, params, many, context):
        if sql.lstrip().upper().startswith("INSERT"):
            raise OperationalError("server closed the connection unexpectedly")
        return execute(sql, params, many, context)

    with connection.execute_wrapper(refuse_everything):
        response = submit(client, site.form, answers)

    assert not Application.objects.exists()
    assert response.status_code == 503
    assert in_polish("Your application was NOT sent") in response.content.decode()
