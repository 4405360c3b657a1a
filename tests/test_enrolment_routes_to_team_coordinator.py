"""An application reaches the coordinator and the address of the team that runs the edition,
and no one else; the e-mails carry the reference number and nothing the applicant typed."""

import pytest
from django.core import mail
from hypothesis import HealthCheck, given, settings, strategies as st

from enrolment.models import Application, NotificationKind

from .enrolment_helpers import (
    edition,
    form_page,
    open_enrolment,
    programme,
    run_queued_notifications,
    submit,
    valid_answers,
)

pytestmark = pytest.mark.django_db


def apply(client, django_capture_on_commit_callbacks, project, number, **overrides):
    chosen = edition(project, number)
    open_enrolment(chosen)
    page = form_page(programme(project))
    with django_capture_on_commit_callbacks(execute=True):
        response = submit(client, page, valid_answers(page, chosen, **overrides))
    assert response.status_code == 302, response.content.decode()[:2000]
    run_queued_notifications()
    return Application.objects.latest("submit_time")


def team_messages():
    return [message for message in mail.outbox if "admin" in message.body]


@pytest.mark.parametrize(
    ("project", "number", "team", "person"),
    [
        ("KomPAS", 1, 4, "jolanta.orszulak@example.org"),
        ("KomPAS", 2, 6, "katarzyna.kopycka@example.org"),
        ("PAS-ja", 1, 2, "magdalena.lejkam@example.org"),
    ],
)
def test_application_notifies_only_the_team_running_the_edition(
    client, django_capture_on_commit_callbacks, project, number, team, person
):
    application = apply(client, django_capture_on_commit_callbacks, project, number)

    assert application.team.number == team
    (message,) = mail.outbox
    assert sorted(message.to) == sorted([person, f"ztps{team}@example.org"])
    assert not message.cc and not message.bcc
    assert application.reference in message.subject
    assert application.reference in message.body
    assert "/admin/" in message.body


def test_the_notification_is_marked_delivered(client, django_capture_on_commit_callbacks):
    application = apply(client, django_capture_on_commit_callbacks, "KomPAS", 2)
    notification = application.notifications.get(kind=NotificationKind.TEAM)
    assert notification.delivered_at is not None
    assert notification.attempts == 1


def test_applicant_who_asks_gets_a_confirmation_with_the_reference_only(
    client, django_capture_on_commit_callbacks
):
    application = apply(
        client,
        django_capture_on_commit_callbacks,
        "KomPAS",
        2,
        email="anna.k@example.net",
        email_confirmation="on",
    )
    confirmation = next(message for message in mail.outbox if message.to == ["anna.k@example.net"])
    assert application.reference in confirmation.body
    assert "Anna" not in confirmation.body
    # Whoever reads the applicant's mailbox must not learn which programme she applied to.
    assert application.programme.title not in confirmation.body
    assert (
        "przemoc" not in confirmation.body.lower() and "przemoc" not in confirmation.subject.lower()
    )


def test_no_confirmation_is_sent_unless_asked(client, django_capture_on_commit_callbacks):
    apply(client, django_capture_on_commit_callbacks, "KomPAS", 2, email="anna.k@example.net")
    assert all(message.to != ["anna.k@example.net"] for message in mail.outbox)


typed_text = st.text(
    alphabet=st.characters(whitelist_categories=("Lu", "Ll", "Nd")), min_size=12, max_size=60
)


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    name=typed_text,
    safe_contact=typed_text,
    local_part=st.from_regex(r"[a-z]{10,20}", fullmatch=True),
)
def test_emails_never_contain_what_the_applicant_typed(
    client, django_capture_on_commit_callbacks, name, safe_contact, local_part
):
    mail.outbox.clear()
    email = f"{local_part}@example.net"
    apply(
        client,
        django_capture_on_commit_callbacks,
        "KomPAS",
        2,
        applicant_name=name,
        safe_contact=safe_contact,
        email=email,
        email_confirmation="on",
        phone="600 987 654",
    )
    assert len(mail.outbox) == 2
    for message in mail.outbox:
        content = message.subject + message.body
        for value in (name, safe_contact, "600 987 654"):
            assert value not in content
        if message.to != [email]:
            assert local_part not in content
