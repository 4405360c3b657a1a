"""People's data rights (RODO art. 15-17): one person's applications found across teams, exported
for an access request, and erased; and the erasures made again after a restore from a backup.

Finding
    By e-mail (compared case-insensitively), phone (digits only, with or without the +48 or 0048
    prefix) or name (words in any order, case and Polish letters ignored: "kowalska anna" finds
    "Anna Kowalská" and "Anna Maria Kowalska"), across every team. Answers are JSON, and their
    keys differ by form, so they are compared here rather than in SQL: the same on SQLite and
    PostgreSQL, and a question of an editor's that asks for an e-mail or a phone is searched too.
    A name is compared with the applicant's name only, and must have at least two words (first
    name and surname: one word would list everyone who shares it). Applications whose data was
    already removed are not searched (they hold none).

    Each match says what matched and where (`Match`): the applicant's own e-mail, phone or name,
    or an answer to one of the form's own questions (an editor's: "other parent's phone",
    "contact person"), which may well be someone else's data. The results page shows this on
    every row and ticks nothing: the officer ticks the applications of the person who asked.
    The search keeps no terms; what matched (the kind and the question's key, no value) is
    logged with the search, for the results page to show.

The access export
    A response under RODO art. 15: the controller (the institution's name and address in the
    default language, and the data protection officer's contact), then every answer with its
    question, the status and dates, and the notifications (without their addresses), and at the
    end what art. 15(1) requires besides the data: the applicants' privacy notice (purposes,
    legal basis, recipients, retention, rights, complaint), in the applications' language or the
    default one, and where the data came from. The team's notes are left out unless the officer
    asks for them: they are written by staff and often describe other people (a partner, a
    child, a neighbour), and a copy given under RODO art. 15(3) must not adversely affect the
    rights and freedoms of others (art. 15(4)). The export says so in a sentence. With the
    notes, they come under a heading of their own, for the officer to read and redact before
    the export is sent.

Erasing
    Each application in its own transaction, the edition locked first and then the application
    (the order the form and status changes use): an application holding a place withdraws from
    it first, so the waiting list moves up (`enrolment.waiting_list`); then the answers are
    emptied, the submission token cleared, the notes and notifications deleted, the sessions
    whose confirmation page carries its reference deleted, the erasure recorded (reference and
    time only, in the table and the append-only file, see `enrolment.retention.record_erased`)
    and logged with the reason of the request. The application itself stays, without personal
    data, for the statistics: reference, programme, edition, team, status (withdrawn, if it held
    a place). `erase_application` says what it did (`Erasure`): whether the application was
    withdrawn and which applications moved up into its place, for the admin to tell.

Replaying
    `replay()` reads the erasures from the file and the table (a restored database may have lost
    some, the file never does), puts each back where it is missing, and erases again every
    listed application that holds data again.
"""

import re
import unicodedata
from dataclasses import dataclass, field
from importlib import import_module

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy
from wagtail.log_actions import log, registry as log_actions
from wagtail.models import Locale

from home.models import Institution

from . import audit, waiting_list
from .admin_views.answers import AnswerLabels
from .models import Application, ApplicationStatus, ErasureRecord, PrivacyNotice
from .models.form_page import CONFIRMATION_SESSION_KEY
from .retention import (
    append_to_erasure_log,
    read_erasure_log,
    record_erased,
    require_logged_action,
)
from .submission import lock_edition

DATA_PROTECTION_OFFICERS = "Data protection officers"
PERMISSION = "enrolment.handle_data_requests"

EMAIL = "email"
PHONE = "phone"
NAME = "name"
NAME_KEY = "applicant_name"
# Why an application was erased, as stored in the audit log.
REQUEST = "request"
REPLAY = "replay"


def may_handle_data_requests(user):
    """The data protection role and superusers; coordinators and editors may not."""
    return bool(user.is_active and (user.is_superuser or user.has_perm(PERMISSION)))


# Finding.


def normalised_email(value):
    return value.strip().casefold() if isinstance(value, str) else ""


def phone_digits(value):
    """The digits of a phone number, without the Polish prefix (+48, 0048)."""
    if not isinstance(value, str):
        return ""
    digits = re.sub(r"\D", "", value)
    if digits.startswith("00"):
        digits = digits[2:]
    if digits.startswith("48") and len(digits) == 11:
        digits = digits[2:]
    return digits


# Letters that do not decompose into a base letter and an accent.
_UNDECOMPOSED = str.maketrans({"ł": "l", "đ": "d", "ø": "o", "ß": "ss"})


def name_words(value):
    """A name's words, case, accents and punctuation ignored."""
    if not isinstance(value, str):
        return frozenset()
    text = unicodedata.normalize("NFKD", value.casefold().translate(_UNDECOMPOSED))
    text = "".join(char for char in text if not unicodedata.combining(char))
    return frozenset(re.findall(r"\w+", text))


# The applicant's own answers, by what they hold; any other answer is to a question of the form.
OWN_KEYS = {EMAIL: "email", PHONE: "phone", NAME: NAME_KEY}
MIN_NAME_WORDS = 2


@dataclass(frozen=True)
class Match:
    """What matched (EMAIL, PHONE, NAME) and in which answer (its key)."""

    what: str
    key: str

    @property
    def own(self):
        """True for the applicant's own e-mail, phone or name; False for an answer to a question
        of the form, which may be about someone else."""
        return OWN_KEYS.get(self.what) == self.key

    def as_data(self):
        return [self.what, self.key]

    @classmethod
    def from_data(cls, data):
        what, key = data
        return cls(what, key)


@dataclass(frozen=True)
class Criteria:
    email: str = ""
    phone: str = ""
    name: frozenset = frozenset()

    @classmethod
    def of(cls, *, email="", phone="", name=""):
        return cls(normalised_email(email), phone_digits(phone), name_words(name))

    def __bool__(self):
        return bool(self.email or self.phone or self.name)

    def matches(self, answers):
        """What in `answers` (an application's form_data) matches, and where: `Match`es."""
        matched = []
        for key, value in answers.items():
            if not isinstance(value, str):
                continue
            if self.email and normalised_email(value) == self.email:
                matched.append(Match(EMAIL, key))
            if self.phone and phone_digits(value) == self.phone:
                matched.append(Match(PHONE, key))
        if self.name and self.name <= name_words(answers.get(NAME_KEY)):
            matched.append(Match(NAME, NAME_KEY))
        # The applicant's own answers first.
        return sorted(matched, key=lambda match: not match.own)


@dataclass
class Found:
    application: Application
    matched_by: list  # of Match


def find_applications(criteria):
    """Every application, of any team, whose answers match `criteria`, newest first."""
    if not criteria:
        return []
    matched = {}
    answers = Application.objects.filter(anonymised_at__isnull=True).values_list("pk", "form_data")
    for pk, form_data in answers.iterator(chunk_size=500):
        if isinstance(form_data, dict) and (how := criteria.matches(form_data)):
            matched[pk] = how
    applications = with_details(Application.objects.filter(pk__in=matched))
    return [Found(application, matched[application.pk]) for application in applications]


def logged_matches(found):
    """What the search log keeps of `found` (Found items): reference -> [[what, key], ...]."""
    return {
        item.application.reference: [match.as_data() for match in item.matched_by] for item in found
    }


def matches_of(data_request):
    """reference -> the `Match`es its search found, as logged with the search; empty lists for
    a request logged before matches were."""
    search = (
        log_actions.get_logs_for_instance(data_request)
        .filter(action=audit.DATA_REQUEST_SEARCH)
        .order_by("timestamp", "pk")
        .first()
    )
    logged = ((search.data or {}).get("matched") or {}) if search else {}
    return {
        reference: [Match.from_data(match) for match in logged.get(reference, [])]
        for reference in data_request.references
    }


def with_details(applications):
    return applications.select_related("programme", "edition", "team").order_by(
        "-submit_time", "-pk"
    )


# The access export.


def _when(value):
    return timezone.localtime(value) if value else None


def _choice(value, label):
    return {"value": value, "label": str(label)}


def _edition(application):
    edition = application.edition
    if edition is None:
        return {"number": application.edition_number}
    return {
        "number": edition.number,
        "label": str(edition.label),
        "starts_on": edition.starts_on,
        "ends_on": edition.ends_on,
    }


def _notification_state(notification):
    if notification.delivered_at:
        return "delivered"
    if notification.abandoned:
        return "abandoned"
    if notification.failed_at:
        return "failed"
    return "waiting"


def access_record(applications, *, include_notes=False):
    """What the centre holds about a person in `applications`: one dict per application, for
    the printable page and the JSON file alike (times local, dates and times as objects).
    Labels are in the active language; notifications are given without their addresses (the
    team's); notes, only with `include_notes` (see the module's docstring), without their
    authors (staff)."""
    labels = AnswerLabels()
    record = []
    for application in applications:
        answers = [
            {
                "key": answer.name,
                "question": str(answer.label),
                "answer": answer.value,
                "as_answered": answer.as_answered,
            }
            for answer in labels.answers(application)
        ]
        record.append(
            {
                "reference": application.reference,
                "programme": application.programme.title if application.programme else None,
                "edition": _edition(application),
                "team": application.team.name,
                "status": _choice(application.status, application.get_status_display()),
                "channel": _choice(application.channel, application.get_channel_display()),
                "language": application.language,
                "submitted": _when(application.submit_time),
                "consent_given_orally": _when(application.oral_consent_at),
                "place_offered": _when(application.place_offered_at),
                "personal_data_removed": _when(application.anonymised_at),
                "answers": answers,
                "notes_included": include_notes,
                "notifications": [
                    {
                        "kind": _choice(notification.kind, notification.get_kind_display()),
                        "created": _when(notification.created_at),
                        "delivered": _when(notification.delivered_at),
                        "state": _notification_state(notification),
                    }
                    for notification in application.notifications.order_by("created_at", "pk")
                ],
            }
        )
        if include_notes:
            record[-1]["notes"] = [
                {"added": _when(note.created_at), "text": note.text}
                for note in application.notes.order_by("created_at", "pk")
            ]
    return record


# Where the data came from (RODO art. 15(1)(g)), for the end of the access export.
SOURCE_OF_THE_DATA = gettext_lazy(
    "The answers come from the applications themselves: sent on the form on our website, or "
    "given by phone or in person and typed in by the team (see “How it was made” under each "
    "application). The status, the dates and the notifications were recorded by the centre."
)


@dataclass
class Controller:
    """Who answers the request (RODO art. 4(7)): the institution, in the default language."""

    institution: Institution | None
    officer_email: str = ""
    officer_phone: str = ""

    @classmethod
    def of(cls, institution_settings):
        """`institution_settings`: the site's `home.InstitutionSettings` (the officer's
        contact), or None."""
        return cls(
            Institution.objects.for_locale(Locale.get_default()),
            getattr(institution_settings, "data_protection_officer_email", ""),
            getattr(institution_settings, "data_protection_officer_phone", ""),
        )

    def as_data(self):
        institution = self.institution
        return {
            "name": institution.name if institution else "",
            "street_address": institution.street_address if institution else "",
            "postal_code": institution.postal_code if institution else "",
            "city": institution.city if institution else "",
            "data_protection_officer": {"email": self.officer_email, "phone": self.officer_phone},
        }


def privacy_notice_for(applications):
    """The applicants' privacy notice in the language of `applications` when they share one,
    else (or if it is not translated) in the default language; None if none is written."""
    languages = {application.language for application in applications}
    locale = None
    if len(languages) == 1:
        locale = Locale.objects.filter(language_code=languages.pop()).first()
    return PrivacyNotice.objects.select_related("locale").for_locale(locale or Locale.get_default())


def privacy_notice_data(notice):
    if notice is None:
        return None
    return {
        "language": notice.locale.language_code,
        "purpose": notice.purpose,
        "legal_basis": notice.legal_basis,
        "recipients": notice.recipients,
        "retention": notice.retention,
        "rights": notice.rights,
        "complaint": notice.complaint,
    }


# Erasing.


def _session_store():
    return import_module(settings.SESSION_ENGINE).SessionStore


def confirmation_sessions(references):
    """reference -> keys of the sessions whose confirmation page carries it. Sessions kept in
    the database only (the site's engine); a session engine without a table has none to find.
    """
    references = set(references)
    store = _session_store()
    if not references or not hasattr(store, "get_model_class"):
        return {}
    found = {}
    sessions = store.get_model_class().objects.values_list("session_key", "session_data")
    for session_key, session_data in sessions.iterator(chunk_size=500):
        confirmation = store().decode(session_data).get(CONFIRMATION_SESSION_KEY)
        reference = confirmation.get("reference") if isinstance(confirmation, dict) else None
        if reference in references:
            found.setdefault(reference, []).append(session_key)
    return found


def holds_data(application, sessions=None):
    """True while anything personal is left of the application."""
    return bool(
        application.form_data
        or application.anonymised_at is None
        or application.submission_token
        or application.notes.exists()
        or application.notifications.exists()
        or (sessions or {}).get(application.reference)
    )


@dataclass
class Erasure:
    """One application erased: whether it gave up a place (its status became "withdrawn"), and
    the applications moved up from the waiting list into that place."""

    reference: str
    withdrawn: bool = False
    moved_up: list = field(default_factory=list)  # of Application


def erase_application(
    reference, *, user=None, reason=REQUEST, data_request=None, sessions=None, delete=False
):
    """Erase one application (see the module's docstring), and with `delete` delete it then:
    an `Erasure`, or None if there is none with this reference. `sessions` (from
    `confirmation_sessions`) saves a scan of the sessions."""
    require_logged_action(audit.ERASE)
    if delete:
        require_logged_action(audit.DELETE)
    if sessions is None:
        sessions = confirmation_sessions([reference])
    with transaction.atomic():
        found = Application.objects.filter(reference=reference)
        edition_id = found.values_list("edition", flat=True).first()
        if edition_id is not None:
            lock_edition(edition_id)
        application = found.select_for_update(of=("self",)).first()
        if application is None:
            return None
        erasure = Erasure(reference)
        if application.takes_a_place:
            change = waiting_list.change_status(application, ApplicationStatus.WITHDRAWN, user)
            erasure.withdrawn = change.changed
            erasure.moved_up = change.moved_up
        application.form_data = {}
        application.submission_token = None
        application.anonymised_at = application.anonymised_at or timezone.now()
        application.save(update_fields=["form_data", "submission_token", "anonymised_at"])
        application.notes.all().delete()
        application.notifications.all().delete()
        store = _session_store()
        for session_key in sessions.get(reference, ()):
            store(session_key).delete()
        record_erased(reference, write_file=reason != REPLAY)
        # The request's id only: its reason is free text, and the team reads this history.
        log_data = {"reason": reason, "team": application.team_id}
        if data_request is not None:
            log_data["data_request"] = data_request.pk
        log(application, audit.ERASE, user=user, data=log_data)
        if delete:
            # Logged first: the entry needs the application's id.
            log(application, audit.DELETE, user=user, data=log_data, deleted=True)
            application.delete()
    return erasure


def erasures_for_request(references, *, user, data_request):
    """Erase each application in its own transaction; an `Erasure` for each one erased."""
    sessions = confirmation_sessions(references)
    erased = (
        erase_application(reference, user=user, data_request=data_request, sessions=sessions)
        for reference in references
    )
    return [erasure for erasure in erased if erasure is not None]


def erase_applications(references, *, user, data_request):
    """Erase each application in its own transaction; the references erased."""
    return [
        erasure.reference
        for erasure in erasures_for_request(references, user=user, data_request=data_request)
    ]


# Replaying after a restore.


@dataclass
class ReplayOutcome:
    listed: int = 0
    erased: list = field(default_factory=list)
    records_restored: list = field(default_factory=list)
    file_restored: list = field(default_factory=list)
    damaged_lines: int = 0


def recorded_erasures():
    """reference -> first time erased, from the file and the table together; and what each
    of them lacks, and the number of damaged lines in the file."""
    from_file, damaged = read_erasure_log()
    from_table = dict(ErasureRecord.objects.values_list("reference", "erased_at"))
    erasures = {**from_table}
    for reference, erased_at in from_file.items():
        if reference not in erasures or erased_at < erasures[reference]:
            erasures[reference] = erased_at
    return erasures, set(erasures) - set(from_table), set(erasures) - set(from_file), damaged


def replay():
    """Make every recorded erasure again (see the module's docstring)."""
    require_logged_action(audit.ERASE)
    erasures, not_in_table, not_in_file, damaged = recorded_erasures()
    outcome = ReplayOutcome(listed=len(erasures), damaged_lines=damaged)
    for reference in sorted(erasures, key=lambda reference: (erasures[reference], reference)):
        erased_at = erasures[reference]
        if reference in not_in_table:
            ErasureRecord.objects.get_or_create(
                reference=reference, defaults={"erased_at": erased_at}
            )
            outcome.records_restored.append(reference)
        if reference in not_in_file:
            append_to_erasure_log(reference, erased_at)
            outcome.file_restored.append(reference)
    sessions = confirmation_sessions(erasures)
    for application in Application.objects.filter(reference__in=erasures).order_by("pk"):
        if holds_data(application, sessions) and erase_application(
            application.reference, reason=REPLAY, sessions=sessions
        ):
            outcome.erased.append(application.reference)
    return outcome
