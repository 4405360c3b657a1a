"""An application reaches the coordinator and the address of the team that runs the edition,
and no one else; the e-mails carry the reference number and nothing the applicant typed."""

import pytest
from django.core import mail
from hypothesis import HealthCheck, given, settings, strategies as st

from enrolment.models import Application, NotificationKind

from .enrolment_helpers import open_enrolment, run_queued_notifications, submit, valid_answers
from .enrolment_world import programme_with_form, small_site
from .factories import EditionFactory
from .once_per_module import built_once

pytestmark = pytest.mark.django_db

# A title that would tell whoever reads the applicant's mailbox what she applied to.
TELLING_TITLE = "Wsparcie dla osób doznających przemocy"


def build_world():
    """Three editions, each run by a team (and a person) of its own: two of one programme,
    one of another programme; and a sensitive programme whose title tells what it is about."""
    site = small_site()
    second = EditionFactory(programme=site.programme)
    other_form, other = programme_with_form(site.programme_index)
    return {
        "site": site,
        "editions": {
            "first": (site.form, site.edition),
            "second": (site.form, second),
            "another programme's": (other_form, other),
        },
        "telling": programme_with_form(site.programme_index, sensitive=True, title=TELLING_TITLE),
    }


kept_world, world = built_once(build_world)


@pytest.fixture
def site(world):
    return world["site"]


@pytest.fixture
def editions(world):
    return world["editions"]


@pytest.fixture
def open_form(site):
    return site.form, site.edition


def apply(client, django_capture_on_commit_callbacks, form, chosen, **overrides):
    open_enrolment(chosen)
    with django_capture_on_commit_callbacks(execute=True):
        response = submit(client, form, valid_answers(form, chosen, **overrides))
    assert response.status_code == 302, response.content.decode()[:2000]
    run_queued_notifications()
    return Application.objects.latest("submit_time")


@pytest.mark.parametrize("chosen", ["first", "second", "another programme's"])
def test_application_notifies_only_the_team_running_the_edition(
    client, django_capture_on_commit_callbacks, editions, chosen
):
    form, edition = editions[chosen]
    application = apply(client, django_capture_on_commit_callbacks, form, edition)

    assert application.team == edition.team
    (message,) = mail.outbox
    assert sorted(message.to) == sorted([edition.responsible_person.email, edition.team.email])
    assert not message.cc and not message.bcc
    assert application.reference in message.subject
    assert application.reference in message.body
    assert "/admin/" in message.body


def test_the_notification_is_marked_delivered(
    client, django_capture_on_commit_callbacks, open_form
):
    application = apply(client, django_capture_on_commit_callbacks, *open_form)
    notification = application.notifications.get(kind=NotificationKind.TEAM)
    assert notification.delivered_at is not None
    assert notification.attempts == 1


def test_applicant_who_asks_gets_a_confirmation_with_the_reference_only(
    client, django_capture_on_commit_callbacks, world
):
    form, edition = world["telling"]
    application = apply(
        client,
        django_capture_on_commit_callbacks,
        form,
        edition,
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


def test_no_confirmation_is_sent_unless_asked(
    client, django_capture_on_commit_callbacks, open_form
):
    apply(client, django_capture_on_commit_callbacks, *open_form, email="anna.k@example.net")
    assert all(message.to != ["anna.k@example.net"] for message in mail.outbox)


# Every generated value starts with a marker that no message of ours holds: a value of letters
# alone may also be one of the message's own words (hypothesis once typed "applications", which
# the team's link to the admin holds), which would prove nothing about the applicant's data.
MARKER = "Zq9"

typed_text = st.text(
    alphabet=st.characters(whitelist_categories=("Lu", "Ll", "Nd")), min_size=9, max_size=60
).map(lambda text: MARKER + text)


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    name=typed_text,
    safe_contact=typed_text,
    local_part=st.from_regex(r"[a-z]{10,20}", fullmatch=True).map(lambda text: "zq9" + text),
)
def test_emails_never_contain_what_the_applicant_typed(
    client, django_capture_on_commit_callbacks, open_form, name, safe_contact, local_part
):
    mail.outbox.clear()
    email = f"{local_part}@example.net"
    apply(
        client,
        django_capture_on_commit_callbacks,
        *open_form,
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
