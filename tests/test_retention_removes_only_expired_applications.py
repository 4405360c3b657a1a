"""The retention command removes applicants' data exactly when it is due, and logs each removal.

Retention is 12 months here: on 1 December 2028 (Polish time) the cut-off is 1 December 2027, so
an application to an edition that ended on 30 November 2027 goes and one that ended on
1 December 2027 stays.
"""

import datetime
import io
import itertools
import zoneinfo

import pytest
import time_machine
from django.core.management import CommandError, call_command

from enrolment.models import (
    Application,
    ApplicationLogEntry,
    ApplicationNote,
    ApplicationStatus,
    ErasureRecord,
    Notification,
    NotificationKind,
)

from .builders import make_edition
from .enrolment_world import small_site
from .once_per_module import built_once

pytestmark = pytest.mark.django_db

WARSAW = zoneinfo.ZoneInfo("Europe/Warsaw")
MONTHS = 12
ANSWERS = {"applicant_name": "Anna Kowalska", "phone": "600 123 456", "email": "anna@example.org"}
_references = itertools.count(1)


def warsaw(*args):
    return datetime.datetime(*args, tzinfo=WARSAW)


# Just after and just before midnight in Poland (in UTC both are still 30 November).
AFTER_THE_BOUNDARY = warsaw(2028, 12, 1, 0, 30)
BEFORE_THE_BOUNDARY = warsaw(2028, 11, 30, 23, 30)


@pytest.fixture(autouse=True)
def retention_months(settings):
    settings.ENROLMENT_RETENTION_MONTHS = MONTHS


def make_application(edition, *, sent=None, edition_deleted=False, with_extras=True):
    application = Application.objects.create(
        page=None,
        form_data=dict(ANSWERS),
        reference=f"TEST-{next(_references):04d}",
        programme=edition.programme,
        edition=edition,
        edition_number=edition.number,
        team=edition.team,
        status=ApplicationStatus.NEW,
        language="pl",
    )
    sent = sent or warsaw(2026, 12, 1, 10, 0)
    Application.objects.filter(pk=application.pk).update(
        submit_time=sent, edition=None if edition_deleted else edition
    )
    if with_extras:
        ApplicationNote.objects.create(application=application, text="Dzwoniłam, oddzwoni jutro.")
        Notification.objects.create(
            application=application, kind=NotificationKind.TEAM, recipients=["ztps@example.org"]
        )
        Notification.objects.create(
            application=application,
            kind=NotificationKind.APPLICANT,
            last_error="SMTPRecipientsRefused: anna@example.org",
        )
    application.refresh_from_db()
    return application


def ending_on(programme, day):
    return make_edition(programme, starts_on=day - datetime.timedelta(days=300), ends_on=day)


def build_world():
    """Applications on both sides of the boundary, by edition end and (edition deleted) by date."""
    programme = small_site().programme
    ended_before = ending_on(programme, datetime.date(2027, 11, 30))
    ended_on_cutoff = ending_on(programme, datetime.date(2027, 12, 1))
    running = ending_on(programme, datetime.date(2029, 6, 30))
    return {
        "expired": make_application(ended_before),
        "kept": make_application(ended_on_cutoff),
        "running": make_application(running),
        # The edition was deleted: the day it was sent (Polish time) counts instead.
        "expired_orphan": make_application(
            ended_before, sent=warsaw(2027, 11, 30, 23, 30), edition_deleted=True
        ),
        "kept_orphan": make_application(
            ended_before, sent=warsaw(2027, 12, 1, 0, 30), edition_deleted=True
        ),
    }


kept_world, applications = built_once(build_world, name="applications")


def purge(*args, at=AFTER_THE_BOUNDARY):
    out = io.StringIO()
    with time_machine.travel(at, tick=False):
        call_command("purge_applications", *args, stdout=out)
    return out.getvalue()


def anonymised(application):
    return Application.objects.get(pk=application.pk).is_anonymised


def log_entries(action=None):
    entries = ApplicationLogEntry.objects.filter(action__startswith="enrolment.")
    entries = entries.exclude(action__in=["enrolment.view", "enrolment.export"])
    return entries.filter(action=action) if action else entries


def assert_untouched(application):
    stored = Application.objects.get(pk=application.pk)
    assert stored.form_data == ANSWERS
    assert stored.anonymised_at is None
    assert stored.notes.count() == 1
    assert not stored.notifications.filter(abandoned=True).exists()


def test_anonymises_exactly_the_applications_past_their_date(applications):
    output = purge()

    for name in ("expired", "expired_orphan"):
        stored = Application.objects.get(pk=applications[name].pk)
        assert stored.form_data == {}
        assert stored.anonymised_at == AFTER_THE_BOUNDARY
        assert stored.notes.count() == 0
        to_applicant = stored.notifications.get(kind=NotificationKind.APPLICANT)
        assert to_applicant.abandoned and to_applicant.last_error == ""
        assert not stored.notifications.get(kind=NotificationKind.TEAM).abandoned
        # What statistics need stays.
        assert stored.reference == applications[name].reference
        assert stored.team_id == applications[name].team_id
        assert stored.status == ApplicationStatus.NEW
    for name in ("kept", "running", "kept_orphan"):
        assert_untouched(applications[name])
    assert "Anonymised 2 applications." in output


def test_an_edition_deleted_later_still_holds_its_applications_until_its_end(applications):
    # Sent long before the boundary, to an edition that ends on it: kept until then.
    programme = applications["kept"].programme
    application = make_application(ending_on(programme, datetime.date(2027, 12, 1)))
    # An editor's revision without the edition is published (however: a moderator's approval,
    # a schedule), and the edition is deleted.
    application.edition.delete()

    purge()

    assert_untouched(application)
    assert Application.objects.get(pk=application.pk).edition_ended_on == datetime.date(2027, 12, 1)


def test_just_before_midnight_in_poland_nothing_is_due_yet(applications):
    output = purge(at=BEFORE_THE_BOUNDARY)
    assert not any(anonymised(application) for application in applications.values())
    assert "Anonymised 0 applications." in output
    assert not log_entries().exists()


def test_each_application_handled_gets_one_audit_entry_without_personal_data(applications):
    purge()
    entries = list(log_entries())
    assert sorted(entry.object_id for entry in entries) == sorted(
        str(applications[name].pk) for name in ("expired", "expired_orphan")
    )
    for entry in entries:
        assert entry.action == "enrolment.anonymise"
        assert entry.data["reason"] == "retention"
        assert entry.data["retention_months"] == MONTHS
        recorded = f"{entry.label} {entry.data}"
        assert not any(value in recorded for value in ANSWERS.values())
        assert "Dzwoniłam" not in recorded


def test_a_second_run_finds_nothing_more_to_do(applications):
    purge()
    output = purge()
    assert "Anonymised 0 applications." in output
    assert log_entries().count() == 2


def test_the_months_option_overrides_the_setting(applications):
    purge("--months", "13")
    assert not any(anonymised(application) for application in applications.values())
    purge("--months", "0")
    assert anonymised(applications["kept"])
    assert not anonymised(applications["running"])


def test_delete_removes_the_applications_with_their_notes_and_notifications(applications):
    expired = [applications["expired"].pk, applications["expired_orphan"].pk]
    output = purge("--delete")
    assert not Application.objects.filter(pk__in=expired).exists()
    assert not ApplicationNote.objects.filter(application_id__in=expired).exists()
    assert not Notification.objects.filter(application_id__in=expired).exists()
    for name in ("kept", "running", "kept_orphan"):
        assert_untouched(applications[name])
    entries = log_entries("enrolment.delete")
    assert sorted(int(entry.object_id) for entry in entries) == sorted(expired)
    assert all(entry.deleted for entry in entries)
    assert log_entries().count() == 2
    assert "Deleted 2 applications." in output


def test_delete_also_removes_applications_already_anonymised(applications):
    purge()
    purge("--delete")
    assert not Application.objects.filter(pk=applications["expired"].pk).exists()
    assert log_entries("enrolment.delete").count() == 2


def test_dry_run_lists_and_changes_nothing(applications):
    output = purge("--dry-run")
    assert applications["expired"].reference in output
    assert applications["kept"].reference not in output
    assert "would anonymise 2 applications" in output
    for name in ("expired", "kept", "running", "expired_orphan", "kept_orphan"):
        assert_untouched(applications[name])
    assert not log_entries().exists()

    purge("--delete", "--dry-run")
    assert Application.objects.filter(pk=applications["expired"].pk).exists()
    assert not log_entries().exists()


def test_erase_removes_one_application_on_request_whatever_its_dates(applications):
    running = applications["running"]
    output = purge("--erase", running.reference.lower())
    stored = Application.objects.get(pk=running.pk)
    assert stored.form_data == {} and stored.is_anonymised
    # As an erasure in the admin's "Personal data requests": the place it held is freed, its
    # notes and notifications go, and the erasure is recorded for `--replay`.
    assert not stored.takes_a_place
    assert not stored.notes.exists() and not stored.notifications.exists()
    assert ErasureRecord.objects.filter(reference=running.reference).exists()
    for name in ("expired", "kept", "expired_orphan", "kept_orphan"):
        assert_untouched(applications[name])
    (entry,) = log_entries("enrolment.erase")
    assert entry.object_id == str(running.pk)
    assert entry.data["reason"] == "request"
    assert "Anonymised 1 application." in output


def test_erase_with_delete_erases_then_deletes_that_application_only(applications):
    kept = applications["kept"]
    output = purge("--erase", kept.reference, "--delete")
    assert not Application.objects.filter(pk=kept.pk).exists()
    assert not ApplicationNote.objects.filter(application_id=kept.pk).exists()
    assert not Notification.objects.filter(application_id=kept.pk).exists()
    assert Application.objects.filter(pk=applications["running"].pk).exists()
    # The erasure of the admin's "Personal data requests" (its place given up, the erasure
    # recorded for --replay), then the deletion.
    assert ErasureRecord.objects.filter(reference=kept.reference).exists()
    assert list(log_entries().order_by("pk").values_list("action", flat=True)) == [
        "enrolment.status_change",
        "enrolment.erase",
        "enrolment.delete",
    ]
    assert log_entries("enrolment.delete").get().deleted
    assert "Deleted 1 application." in output


def test_erase_with_delete_dry_run_changes_nothing(applications):
    output = purge("--erase", applications["kept"].reference, "--delete", "--dry-run")
    assert "would delete" in output
    assert_untouched(applications["kept"])
    assert not log_entries().exists()
    assert not ErasureRecord.objects.exists()


def test_erase_dry_run_changes_nothing(applications):
    output = purge("--erase", applications["running"].reference, "--dry-run")
    assert "would anonymise" in output
    assert_untouched(applications["running"])
    assert not log_entries().exists()


def test_erase_of_an_unknown_reference_is_an_error(applications):
    with pytest.raises(CommandError):
        purge("--erase", "NONE-0000")
    assert not log_entries().exists()


def test_nothing_is_removed_when_the_audit_log_cannot_record_it(applications, monkeypatch):
    def failing_log(*args, **kwargs):
        raise RuntimeError("audit log unavailable")

    monkeypatch.setattr("enrolment.retention.log", failing_log)
    for args in ([], ["--delete"]):
        with pytest.raises(RuntimeError):
            purge(*args)
        for application in applications.values():
            assert_untouched(application)
