"""Erasures survive a restore of an older backup: `purge_applications --replay` erases again what
the restored copy brought back, from the erasure file kept outside the database."""

import io
import json

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.core.management import call_command

from enrolment import audit, data_rights
from enrolment.models import (
    Application,
    ApplicationLogEntry,
    ApplicationNote,
    DataRequest,
    ErasureRecord,
    Notification,
    NotificationKind,
)
from enrolment.models.form_page import CONFIRMATION_SESSION_KEY

from .admin_helpers import make_application, make_superuser
from .enrolment_world import small_site

pytestmark = pytest.mark.django_db

ANSWERS = {"applicant_name": "Anna Kowalska", "phone": "600 123 456", "email": "anna@example.org"}
BACKED_UP = [
    "enrolment.application",
    "enrolment.applicationnote",
    "enrolment.notification",
    "enrolment.erasurerecord",
    "sessions.session",
]


@pytest.fixture(autouse=True)
def erasure_log(settings, tmp_path):
    settings.ENROLMENT_ERASURE_LOG = tmp_path / "var" / "erasures.jsonl"
    return settings.ENROLMENT_ERASURE_LOG


@pytest.fixture
def anna():
    """An application with a note, notifications and the applicant's confirmation session."""
    application = make_application(small_site().edition, form_data=dict(ANSWERS))
    ApplicationNote.objects.create(application=application, text="Prosi o telefon po 16.")
    Notification.objects.create(
        application=application, kind=NotificationKind.TEAM, recipients=["ztps@example.org"]
    )
    Notification.objects.create(application=application, kind=NotificationKind.APPLICANT)
    session = SessionStore()
    session[CONFIRMATION_SESSION_KEY] = {"page": 1, "reference": application.reference}
    session.create()
    return application


@pytest.fixture
def kept():
    """Someone else's application, which nothing here may touch."""
    return make_application(small_site().edition, form_data={"applicant_name": "Jan Nowak"})


def back_up(path):
    """What a nightly pg_dump would hold of these tables, taken now."""
    call_command("dumpdata", *BACKED_UP, output=str(path), verbosity=0)


def restore(path):
    """The database put back as the backup had it: rows erased since come back, records of
    erasures made since are gone."""
    ErasureRecord.objects.all().delete()
    call_command("loaddata", str(path), verbosity=0)


def erase(*applications):
    data_request = DataRequest.objects.create(
        reason="żądanie usunięcia, pismo 7/2026", handled_by=make_superuser()
    )
    return data_rights.erase_applications(
        [application.reference for application in applications],
        user=data_request.handled_by,
        data_request=data_request,
    )


def replay():
    out = io.StringIO()
    call_command("purge_applications", "--replay", stdout=out)
    return out.getvalue()


def holds_personal_data(application):
    stored = Application.objects.get(pk=application.pk)
    return bool(
        stored.form_data
        or ApplicationNote.objects.filter(application=stored).exists()
        or Notification.objects.filter(application=stored).exists()
        or any(
            SessionStore().decode(s.session_data).get(CONFIRMATION_SESSION_KEY)
            for s in SessionStore.get_model_class().objects.all()
        )
    )


def test_replay_erases_again_what_a_restored_backup_brought_back(anna, kept, tmp_path):
    backup = tmp_path / "backup.json"
    back_up(backup)
    assert erase(anna) == [anna.reference]
    assert not holds_personal_data(anna)

    restore(backup)
    assert Application.objects.get(pk=anna.pk).form_data == ANSWERS
    assert not ErasureRecord.objects.exists()

    output = replay()

    assert not holds_personal_data(anna)
    assert Application.objects.get(pk=anna.pk).is_anonymised
    assert ErasureRecord.objects.filter(reference=anna.reference).exists()
    assert Application.objects.get(pk=kept.pk).form_data == {"applicant_name": "Jan Nowak"}
    assert f"{anna.reference}: erasure record put back in the database" in output
    assert f"{anna.reference}: held data again, erased again" in output
    assert "Erased again 1 application." in output
    replayed = ApplicationLogEntry.objects.filter(action=audit.ERASE, data__reason="replay")
    assert [entry.object_id for entry in replayed] == [str(anna.pk)]


def test_a_second_replay_has_nothing_to_do(anna, tmp_path):
    backup = tmp_path / "backup.json"
    back_up(backup)
    erase(anna)
    restore(backup)
    replay()
    output = replay()
    assert "Erased again 0 applications." in output
    assert ApplicationLogEntry.objects.filter(action=audit.ERASE).count() == 2


def test_the_file_is_appended_to_and_written_back_when_it_was_lost(anna, erasure_log):
    erase(anna)
    (line,) = erasure_log.read_text().splitlines()
    assert json.loads(line)["reference"] == anna.reference
    assert set(json.loads(line)) == {"reference", "erased_at"}  # nothing personal
    # Only the site's own user reads it: nginx passes through its folder (deploy/README.md).
    assert erasure_log.stat().st_mode & 0o077 == 0

    erasure_log.unlink()
    output = replay()
    assert f"{anna.reference}: written to the file, which lacked it" in output
    assert json.loads(erasure_log.read_text())["reference"] == anna.reference


def test_a_damaged_line_is_reported_and_the_others_still_replayed(anna, tmp_path, erasure_log):
    backup = tmp_path / "backup.json"
    back_up(backup)
    erase(anna)
    with open(erasure_log, "a", encoding="utf-8") as log_file:
        log_file.write('{"reference": "half a line\n')
    restore(backup)
    err = io.StringIO()
    call_command("purge_applications", "--replay", stdout=io.StringIO(), stderr=err)
    assert "1 damaged line(s)" in err.getvalue()
    assert not holds_personal_data(anna)


def test_an_erasure_by_the_command_is_replayed_too(anna, tmp_path):
    backup = tmp_path / "backup.json"
    back_up(backup)
    call_command("purge_applications", "--erase", anna.reference, stdout=io.StringIO())
    restore(backup)
    assert Application.objects.get(pk=anna.pk).form_data == ANSWERS
    replay()
    assert not holds_personal_data(anna)


def test_replay_takes_no_other_option():
    with pytest.raises(Exception, match="--replay takes no other option"):
        call_command("purge_applications", "--replay", "--delete", stdout=io.StringIO())
