"""An application sent from the Ukrainian form of edition 2 of the violence-victims programme
notifies team no. 6 exactly as the Polish one does, and lands in the same list."""

import pytest
from django.core import mail
from wagtail.models import Locale

from enrolment.models import Application, EnrolmentFormPage

from .admin_helpers import make_coordinator
from .enrolment_helpers import (
    edition,
    open_enrolment,
    programme,
    run_queued_notifications,
    submit,
    valid_answers,
)

pytestmark = pytest.mark.django_db


def ukrainian(obj):
    return obj.get_translation(Locale.objects.get(language_code="uk"))


def test_ukrainian_application_is_routed_and_listed_with_polish_ones(
    client, django_capture_on_commit_callbacks
):
    polish_edition = edition("KomPAS", 2)
    # Only the Polish edition is opened: enrolment follows it, whatever the translation's copy says.
    open_enrolment(polish_edition)
    polish_form = EnrolmentFormPage.objects.child_of(programme("KomPAS")).get()
    ukrainian_form = ukrainian(polish_form)

    for form in (polish_form, ukrainian_form):
        with django_capture_on_commit_callbacks(execute=True):
            response = submit(client, form, valid_answers(form, polish_edition))
        assert response.status_code == 302, response.content.decode()[:1000]
    run_queued_notifications()

    polish, from_ukrainian = Application.objects.order_by("submit_time")
    assert from_ukrainian.language == "uk"
    assert from_ukrainian.edition == polish.edition == polish_edition
    assert from_ukrainian.team == polish.team and polish.team.number == 6
    assert from_ukrainian.page_id == polish_form.pk
    assert from_ukrainian.programme_id == polish.programme_id
    recipients = [sorted(message.to) for message in mail.outbox]
    assert recipients == [["katarzyna.kopycka@example.org", "ztps6@example.org"]] * 2

    coordinator = make_coordinator(polish.team)
    client.force_login(coordinator)
    listing = client.get("/admin/applications/").content.decode()
    assert polish.reference in listing and from_ukrainian.reference in listing
