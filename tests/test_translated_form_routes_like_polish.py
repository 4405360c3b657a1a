"""An application sent from the Ukrainian form of a programme's edition notifies the edition's
team exactly as the Polish one does, and lands in the same list."""

import pytest
from django.core import mail

from enrolment.models import Application
from programmes.models import Edition

from .admin_helpers import make_coordinator
from .enrolment_helpers import run_queued_notifications, submit, valid_answers
from .enrolment_world import NO_ENROLMENT, small_site, translated

pytestmark = pytest.mark.django_db


def test_ukrainian_application_is_routed_and_listed_with_polish_ones(
    client, django_capture_on_commit_callbacks
):
    site = small_site()
    polish_form, polish_edition = site.form, site.edition
    ukrainian_form = translated(polish_form, "uk")
    # Only the Polish edition is open: enrolment follows it, whatever the translation's copy says.
    copies = Edition.objects.filter(programme=ukrainian_form.get_parent())
    assert copies.update(**NO_ENROLMENT) == 1

    for form in (polish_form, ukrainian_form):
        with django_capture_on_commit_callbacks(execute=True):
            response = submit(client, form, valid_answers(form, polish_edition))
        assert response.status_code == 302, response.content.decode()[:1000]
    run_queued_notifications()

    polish, from_ukrainian = Application.objects.order_by("submit_time")
    assert from_ukrainian.language == "uk"
    assert from_ukrainian.edition == polish.edition == polish_edition
    assert from_ukrainian.team == polish.team == polish_edition.team
    assert from_ukrainian.page_id == polish_form.pk
    assert from_ukrainian.programme_id == polish.programme_id
    team_addresses = sorted([polish_edition.responsible_person.email, polish_edition.team.email])
    recipients = [sorted(message.to) for message in mail.outbox]
    assert recipients == [team_addresses] * 2

    coordinator = make_coordinator(polish.team)
    client.force_login(coordinator)
    listing = client.get("/admin/applications/").content.decode()
    assert polish.reference in listing and from_ukrainian.reference in listing
