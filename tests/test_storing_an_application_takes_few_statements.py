"""Storing an application costs few statements, whatever it carries: when an enrolment opens and
a district applies at once, each application holds the edition's lock for as long as its
transaction runs, so every statement in it is paid by everyone waiting behind it."""

from unittest import mock

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django_tasks_db.models import DBTaskResult

from enrolment import submission
from enrolment.models import Application, Notification
from enrolment.tasks import deliver_notification, store_with_deliveries

from .enrolment_helpers import run_queued_notifications, submit, valid_answers
from .enrolment_world import open_enrolment_form

# The storing transaction (BEGIN and COMMIT not counted): the edition's lock, the places taken and
# the token looked for in one query, then one INSERT each for the application, its notifications
# and their delivery tasks: 5. The budget is 6; each statement more holds the edition's
# lock longer for every applicant waiting behind it.
MAX_STATEMENTS_TO_STORE = 6

# The whole POST, from the form's validation to the redirect to the confirmation, every BEGIN
# and COMMIT included, on a warm cache (the form was shown once): what it cost when this was
# written, so that a statement added anywhere on the way is seen. 23 on SQLite and PostgreSQL
# alike (47 before the storing transaction was cut from 17 statements to 5 and a Polish form's
# questions were read once; 27 before an applicant who brought no session got one new session in
# one transaction, not a second key and then an update; 24 before the view and the form looked
# for the sent token's application once between them). Of the 23: 10 before storing (routing,
# the form's questions, editions and locale read before validation, the token looked for), 7 for
# the storing transaction with its BEGIN and COMMIT, 2 for the confirmation's address (the test
# empties the cache before each POST, as it holds the limit on submissions per address), and 4
# for the new session (its key checked unused, then stored).
MAX_STATEMENTS_PER_POST = 23

pytestmark = pytest.mark.django_db(transaction=True)


def statements_of(captured):
    return [query["sql"] for query in captured.captured_queries]


def storing_transaction(statements):
    """The statements between the BEGIN and the COMMIT of the transaction that stored the
    application."""
    begun = None
    for index, sql in enumerate(statements):
        if sql.startswith("BEGIN"):
            begun = index
        elif sql == "COMMIT" and begun is not None:
            inside = statements[begun + 1 : index]
            if any(s.startswith('INSERT INTO "enrolment_application"') for s in inside):
                return inside
            begun = None
    raise AssertionError("No transaction stored an application:\n" + "\n".join(statements))


def send_form(client, page, edition, **answers):
    """The statements of one POST of the form, the applicant having opened it first."""
    client.get(page.url)  # caches warm, session started, as for an applicant who read the form
    sent = valid_answers(page, edition, **answers)
    with CaptureQueriesContext(connection) as captured:
        response = submit(client, page, sent)
    assert response.status_code == 302, response.status_code
    return statements_of(captured)


def store(edition, page, **kwargs):
    return submission.store_application(
        edition=edition, page=page, form_data={"applicant_name": "Anna"}, language="pl", **kwargs
    )


TEAM = "zespol@example.org"
TEAM_ONLY = {}
WITH_CONFIRMATION = {"email": "anna@example.org", "email_confirmation": "on"}


@pytest.mark.parametrize(
    "answers", [TEAM_ONLY, WITH_CONFIRMATION], ids=["team notified", "applicant notified too"]
)
def test_storing_an_application_takes_at_most_six_statements(client, answers):
    page, edition = open_enrolment_form()
    statements = storing_transaction(send_form(client, page, edition, **answers))

    assert len(statements) <= MAX_STATEMENTS_TO_STORE, "\n".join(statements)
    application = Application.objects.get()
    expected = 2 if answers else 1
    assert application.notifications.count() == expected
    assert DBTaskResult.objects.filter(backend_name="notifications").count() == expected


def test_one_notification_or_two_cost_the_same_statements(client):
    page, edition = open_enrolment_form()
    team_only = storing_transaction(send_form(client, page, edition))
    both = storing_transaction(send_form(client, page, edition, **WITH_CONFIRMATION))
    assert len(both) == len(team_only)


def test_an_application_to_the_waiting_list_takes_as_few(client):
    page, edition = open_enrolment_form(places=1)
    store(edition, page)
    statements = storing_transaction(send_form(client, page, edition, **WITH_CONFIRMATION))

    assert len(statements) <= MAX_STATEMENTS_TO_STORE, "\n".join(statements)
    assert Application.objects.filter(status="waiting_list").count() == 1


def test_an_application_recorded_by_phone_takes_as_few():
    """The same function stores it. (The coordinators' view runs it inside its own transaction,
    with the audit log's entry: a savepoint around these statements and one INSERT more.)"""
    page, edition = open_enrolment_form()
    with CaptureQueriesContext(connection) as captured:
        _application, created = store(
            edition, page, channel="phone", confirm_to_applicant=True, submission_token="t" * 43
        )
    assert created
    statements = storing_transaction(statements_of(captured))
    assert len(statements) <= MAX_STATEMENTS_TO_STORE, "\n".join(statements)


def test_the_whole_post_stays_within_its_budget(client):
    page, edition = open_enrolment_form()
    statements = send_form(client, page, edition, **WITH_CONFIRMATION)
    assert len(statements) <= MAX_STATEMENTS_PER_POST, "\n".join(statements)


def test_a_reference_drawn_twice_is_drawn_again_and_nothing_of_the_first_try_stays():
    """The reference's uniqueness is the database's to check (no SELECT before the INSERT): a
    reference already given undoes the transaction, and the application is stored once under a
    new one."""
    page, edition = open_enrolment_form()
    first, _created = store(edition, page)
    drawn = iter([first.reference, "K7QM-4XPD"])

    with mock.patch.object(submission, "new_reference", side_effect=lambda: next(drawn)):
        second, created = store(edition, page, confirm_to_applicant=True)

    assert created and second.reference == "K7QM-4XPD"
    assert Application.objects.count() == 2
    assert Notification.objects.filter(application=second).count() == 2
    assert DBTaskResult.objects.filter(backend_name="notifications").count() == 3


def test_delivery_tasks_stored_together_are_what_enqueue_stores_and_are_delivered(mailoutbox):
    """django-tasks has no bulk enqueue: `store_with_deliveries` stores the tasks as the
    backend's `enqueue` does. If an upgrade changes what `enqueue` stores, this fails."""
    page, edition = open_enrolment_form()
    application, _created = store(edition, page)
    with transaction.atomic():
        (stored,) = store_with_deliveries(
            [Notification(application=application, kind="place_offered", recipients=[TEAM])]
        )
    queued_together = DBTaskResult.objects.get(pk=stored.task_id)
    enqueued = deliver_notification.enqueue(stored.pk).db_result

    def as_stored(task):
        task.refresh_from_db()
        return {
            field.attname: getattr(task, field.attname)
            for field in DBTaskResult._meta.concrete_fields
            if field.attname not in {"id", "enqueued_at"}
        }

    assert as_stored(queued_together) == as_stored(enqueued)
    assert queued_together.args_kwargs == {"args": [stored.pk], "kwargs": {}}

    run_queued_notifications()
    stored.refresh_from_db()
    assert stored.delivered_at is not None
    assert [message.to for message in mailoutbox].count([TEAM]) == 1


def test_notifications_are_never_stored_apart_from_their_tasks():
    page, edition = open_enrolment_form()
    application, _created = store(edition, page)
    before = Notification.objects.count(), DBTaskResult.objects.count()

    with pytest.raises(transaction.TransactionManagementError):
        store_with_deliveries([Notification(application=application, kind="place_offered")])

    assert (Notification.objects.count(), DBTaskResult.objects.count()) == before
