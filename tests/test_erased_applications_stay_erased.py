"""Once a person's data is erased, nothing brings it back into play: the application cannot take
or wait for a place again, is never offered one, and no note can be added to it, not even by a
coordinator whose page was loaded before the erasure."""

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from enrolment import data_rights, waiting_list
from enrolment.admin_views.forms import NoteForm
from enrolment.models import Application, ApplicationNote, Notification, NotificationKind

from .admin_helpers import make_application, make_coordinator, signed_in
from .enrolment_world import an_edition

pytestmark = pytest.mark.django_db


@pytest.fixture
def edition():
    return an_edition(places=1)


@pytest.fixture
def coordinator_client(edition):
    return signed_in(make_coordinator(edition.team))


def erased(application):
    data_rights.erase_application(application.reference)
    return Application.objects.get(pk=application.pk)


def change_status(client, application, status):
    return client.post(
        reverse("enrolment_application:change_status", args=[application.pk]), {"status": status}
    )


@pytest.mark.parametrize("status", ["new", "qualified", "waiting_list", "place_offered"])
def test_an_erased_application_cannot_take_or_await_a_place(coordinator_client, edition, status):
    application = erased(make_application(edition, status="new"))
    assert application.status == "withdrawn"

    # Sent from a page loaded before the erasure, which still offered every status.
    response = change_status(coordinator_client, application, status)

    application.refresh_from_db()
    assert application.status == "withdrawn"
    # The page again, saying why: it offers no status to choose now.
    assert response.status_code == 200
    assert response.context["status_form"] is None
    with translation.override("pl"):  # the coordinator's admin speaks Polish
        why = gettext(
            "The status cannot be changed: the applicant's personal data was removed, so there "
            "is nobody to offer a place to or to keep on the waiting list."
        )
    assert why in response.content.decode()
    # And whatever calls the change itself is refused as well.
    with pytest.raises(waiting_list.DataRemoved):
        waiting_list.change_status(application, status)


def test_an_erased_application_may_still_be_marked_rejected(coordinator_client, edition):
    application = erased(make_application(edition, status="new"))
    change_status(coordinator_client, application, "rejected")
    application.refresh_from_db()
    assert application.status == "rejected"


def test_an_erased_application_on_the_waiting_list_is_never_offered_a_place(
    coordinator_client, edition
):
    holder = make_application(edition, status="new")
    waiting = make_application(edition, status="waiting_list")
    # Anonymised while waiting (e.g. by the retention command, which leaves the status).
    Application.objects.filter(pk=waiting.pk).update(form_data={}, anonymised_at=timezone.now())

    change_status(coordinator_client, holder, "withdrawn")

    waiting.refresh_from_db()
    assert waiting.status == "waiting_list"
    assert not Notification.objects.filter(kind=NotificationKind.PLACE_OFFERED).exists()


def test_a_note_written_while_the_data_was_being_erased_is_not_kept(
    coordinator_client, edition, monkeypatch
):
    application = make_application(edition, status="new")
    is_valid = NoteForm.is_valid

    def erased_meanwhile(form):
        # The coordinator's page was loaded before the erasure; it commits as the note is sent.
        data_rights.erase_application(application.reference)
        return is_valid(form)

    monkeypatch.setattr(NoteForm, "is_valid", erased_meanwhile)
    coordinator_client.post(
        reverse("enrolment_application:add_note", args=[application.pk]),
        {"text": "Anna Nowak: mąż odbiera telefon, dzwonić tylko rano."},
    )

    assert not ApplicationNote.objects.filter(application=application).exists()
