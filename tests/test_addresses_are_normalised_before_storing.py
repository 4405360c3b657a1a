"""An e-mail address reaches a mail header: the applicant's and the team's are stored as exactly
one address, in one spelling, or refused with a message (never a crash when sending)."""

import pytest

from enrolment.models import Application, Notification, NotificationKind
from programmes.models import Person

from .enrolment_helpers import submit, valid_answers
from .enrolment_world import open_enrolment_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def open_form():
    return open_enrolment_form()


def test_the_applicants_address_is_stored_trimmed_with_its_domain_in_lower_case(client, open_form):
    page, chosen = open_form
    response = submit(client, page, valid_answers(page, chosen, email="  Anna.K@Example.ORG "))
    assert response.status_code == 302
    assert Application.objects.get().form_data["email"] == "Anna.K@example.org"


@pytest.mark.parametrize(
    "typed", ["anna@example.org, ewa@example.org", "anna@example.org;ewa@example.org"]
)
def test_two_addresses_in_the_applicants_field_are_refused_with_the_answers_kept(
    client, open_form, typed
):
    page, chosen = open_form
    response = submit(client, page, valid_answers(page, chosen, email=typed))
    assert response.status_code == 200
    assert not Application.objects.exists()
    assert "Anna Kowalska" in response.content.decode()


def test_a_team_address_stored_before_validation_is_left_out_not_sent_to(client, open_form):
    page, chosen = open_form
    # Written past validation, as an old row or a hand-made import would be.
    Person.objects.filter(pk=chosen.responsible_person_id).update(
        email="kopycka@example.org\nBcc: someone@example.net"
    )
    response = submit(client, page, valid_answers(page, chosen))
    assert response.status_code == 302
    team = Notification.objects.get(kind=NotificationKind.TEAM)
    assert team.recipients == [chosen.team.email]
