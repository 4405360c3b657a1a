"""On an application's page the status comes right after the facts of the application, before
the answers; an application whose personal data was removed can only be closed, takes no
notes, and says why; a status changed by a colleague while the page was open is not silently
undone; the message about a place freed links to the application moved up; and the e-mail
about a place offered on a sensitive programme reminds the team to read the safe-contact
instructions before calling."""

import re

import pytest
from django.conf import settings
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from enrolment.messages import build_message
from enrolment.models import Application, Notification, NotificationKind

from .admin_helpers import make_application, make_coordinator
from .enrolment_world import an_edition
from .test_admin_speaks_polish import set_admin_language

pytestmark = pytest.mark.django_db

SAFE_CONTACT_REMINDER = (
    "Before you call or write, read the safe-contact instructions at the top of the "
    "application: this programme is for people who may be in danger."
)


@pytest.fixture
def edition():
    return an_edition(places=1)


@pytest.fixture
def coordinator_client(client, edition):
    coordinator = make_coordinator(edition.team)
    set_admin_language(coordinator, "en")
    client.force_login(coordinator)
    return client


def inspect_url(application):
    return reverse("enrolment_application:inspect", args=[application.pk])


def detail(client, application):
    response = client.get(inspect_url(application))
    assert response.status_code == 200
    return response.content.decode()


def test_the_status_comes_after_the_application_and_before_the_answers(coordinator_client, edition):
    markup = detail(coordinator_client, make_application(edition))
    positions = [
        markup.index(f'id="{panel}-section"')
        for panel in ("application-routing", "application-status", "application-answers")
    ]
    assert positions == sorted(positions)
    assert 'name="status"' in markup


def status_choices(markup):
    select = re.search(r'<select name="status".*?</select>', markup, re.DOTALL).group(0)
    return re.findall(r'<option value="(\w+)"', select)


def test_an_erased_application_still_waiting_can_only_be_closed(coordinator_client, edition):
    erased = make_application(
        edition, form_data={}, anonymised_at=timezone.now(), status="waiting_list"
    )
    markup = detail(coordinator_client, erased)
    assert status_choices(markup) == ["waiting_list", "rejected", "withdrawn"]

    response = coordinator_client.post(
        reverse("enrolment_application:change_status", args=[erased.pk]),
        {"status": "withdrawn", "seen_status": "waiting_list"},
    )
    assert response.status_code == 302
    erased.refresh_from_db()
    assert erased.status == "withdrawn"


def test_an_erased_and_closed_application_offers_no_status_or_note_form_and_says_why(
    coordinator_client, edition
):
    erased = make_application(
        edition, form_data={}, anonymised_at=timezone.now(), status="withdrawn"
    )
    markup = detail(coordinator_client, erased)
    assert 'name="status"' not in markup
    assert 'name="text"' not in markup
    assert "The status cannot be changed: the applicant's personal data was removed" in (
        markup.replace("&#x27;", "'")
    )
    assert "Notes cannot be added: the applicant's personal data was removed" in (
        markup.replace("&#x27;", "'")
    )
    # An application with its data keeps both forms.
    kept = detail(coordinator_client, make_application(edition))
    assert 'name="status"' in kept and 'name="text"' in kept


def test_the_message_about_a_freed_place_links_to_the_application_moved_up(
    coordinator_client, edition
):
    holding = make_application(edition)
    waiting = make_application(edition, status="waiting_list")
    response = coordinator_client.post(
        reverse("enrolment_application:change_status", args=[holding.pk]),
        {"status": "withdrawn"},
    )
    assert response.status_code == 302
    waiting.refresh_from_db()
    assert waiting.status == "place_offered"
    (moved_up,) = [
        str(message)
        for message in get_messages(response.wsgi_request)
        if "A place freed" in str(message)
    ]
    assert f'href="{inspect_url(waiting)}"' in moved_up
    assert f"Open application {waiting.reference}" in moved_up


def place_offered_body(sensitive):
    application = make_application(an_edition(sensitive=sensitive), status="place_offered")
    notification = Notification.objects.create(
        application=application,
        kind=NotificationKind.PLACE_OFFERED,
        recipients=["team@example.org"],
    )
    application = Application.objects.select_related("programme").get(pk=application.pk)
    notification.application = application
    return build_message(notification).body


def test_the_place_offered_e_mail_of_a_sensitive_programme_says_to_read_the_safe_contact_first():
    with translation.override(settings.LANGUAGE_CODE):
        reminder = gettext(SAFE_CONTACT_REMINDER)
    assert reminder in place_offered_body(sensitive=True)
    assert reminder not in place_offered_body(sensitive=False)


def test_a_status_a_colleague_changed_meanwhile_is_not_silently_undone(coordinator_client, edition):
    application = make_application(edition)
    # The coordinator opens the page while the application is new …
    assert 'name="seen_status" value="new"' in detail(coordinator_client, application)
    # … a colleague records the applicant's call: withdrawn.
    Application.objects.filter(pk=application.pk).update(status="withdrawn")

    response = coordinator_client.post(
        reverse("enrolment_application:change_status", args=[application.pk]),
        {"status": "qualified", "seen_status": "new"},
    )

    application.refresh_from_db()
    assert application.status == "withdrawn"
    [message] = [str(message) for message in get_messages(response.wsgi_request)]
    assert "someone changed it to “Withdrawn”" in message
