"""Places and the waiting list: every status change goes through here, and a freed place goes to
the first person waiting.

Which statuses hold a place is said once, in `enrolment.models.STATUSES_TAKING_A_PLACE`. A change
that would give an edition more applications holding a place than it has places is refused
(`EditionFull`). When a change frees a place, the applications waiting longest (sent first) are
moved up, one per free place: their status becomes "place offered", the time is recorded, the
audit log says so, and the team gets one e-mail per moved-up application, without personal data.

Locks are taken in the order applications are sent with: the edition first, then the
application, so that a change and an application sent at the same moment cannot both take the
last place, nor deadlock.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.dispatch import receiver
from django.utils import timezone
from wagtail.signals import page_published

from programmes.models import ProgrammePage

from . import audit
from .models import STATUSES_TAKING_A_PLACE, Application, ApplicationStatus
from .models.notifications import Notification, NotificationKind
from .places_left import purge_if_fullness_changed, purge_programme_page
from .submission import lock_edition, places_taken, team_recipients
from .tasks import store_with_deliveries

# What an application whose personal data was removed may still become: nobody is behind it to
# take a place, wait for one or be offered one.
STATUSES_AFTER_ERASURE = [ApplicationStatus.WITHDRAWN, ApplicationStatus.REJECTED]


class DataRemoved(Exception):
    """The application's personal data was removed: it can only leave, not take or await a
    place."""


class ChangedMeanwhile(Exception):
    """Someone else changed the status since the coordinator saw it: saving the one chosen
    would silently undo their change (a withdrawal reinstated, an offered place taken back)."""

    def __init__(self, status):
        super().__init__(f"The status is now {status}.")
        self.status = status


class EditionFull(Exception):
    """The change would give the edition more places than it has."""

    def __init__(self, edition):
        super().__init__(f"Edition {edition.pk} has no free place.")
        self.edition = edition


@dataclass
class StatusChange:
    application: Application
    old_status: str
    new_status: str
    moved_up: list = field(default_factory=list)

    @property
    def changed(self):
        return self.old_status != self.new_status


def change_status(application, new_status, user=None, seen_status=None):
    """Give `application` the status `new_status`, refusing to overfill its edition and offering
    any place it frees to the waiting list. Returns what happened; raises `EditionFull`, and
    `ChangedMeanwhile` when the status is no longer `seen_status` (the one the user saw)."""
    with transaction.atomic():
        edition = None
        if application.edition_id is not None:
            edition = lock_edition(application.edition_id)
            application.edition = edition
        # The status as it is now: another change may have freed or taken a place since the
        # application was loaded, and the check below depends on the status it had; and so
        # may an erasure have removed its data.
        old_status, anonymised_at = (
            Application.objects.select_for_update(of=("self",))
            .values_list("status", "anonymised_at")
            .get(pk=application.pk)
        )
        application.status, application.anonymised_at = old_status, anonymised_at
        change = StatusChange(application, old_status, new_status)
        if not change.changed:
            return change
        if seen_status and seen_status != old_status:
            raise ChangedMeanwhile(old_status)
        if anonymised_at is not None and new_status not in STATUSES_AFTER_ERASURE:
            raise DataRemoved
        takes = new_status in STATUSES_TAKING_A_PLACE
        held = old_status in STATUSES_TAKING_A_PLACE
        would_take = edition is not None and takes and not held
        if would_take:
            taken = places_taken(edition, excluding=application)
            if taken >= edition.places:
                raise EditionFull(edition)
        application.status = new_status
        application.save(update_fields=["status"])
        audit.log_status_change(application, user, old_status, new_status)
        if would_take:
            # The last place taken: the programme page says so at once.
            purge_if_fullness_changed(edition, taken, taken + 1)
        if edition is not None and held and not takes:
            change.moved_up = offer_freed_places(edition, user, skip=application)
    return change


def offer_freed_places(edition, user=None, skip=None, freed=1):
    """Move the first waiting applications up into the edition's free places, if it has any.

    Call inside a transaction in which the edition is locked (`lock_edition`). `skip` is an
    application that has just left its place for the waiting list: it does not take it back.
    `freed`: how many places the caller has just freed, None when it cannot say (several
    deletions or erasures, more places given). Nobody moves up into an edition that has ended.
    Returns the applications moved up.
    """
    if edition.ends_on and edition.ends_on < timezone.localdate():
        return []
    taken = places_taken(edition)
    free = edition.places - taken
    if free <= 0:
        return []
    waiting = (
        Application.objects.select_for_update(of=("self",))
        .filter(edition=edition, status=ApplicationStatus.WAITING_LIST, anonymised_at__isnull=True)
        .select_related("team")
        .order_by("submit_time", "pk")
    )
    if skip is not None:
        waiting = waiting.exclude(pk=skip.pk)
    moved_up = list(waiting[:free])
    now = timezone.now()
    for application in moved_up:
        application.status = ApplicationStatus.PLACE_OFFERED
        application.place_offered_at = now
        application.save(update_fields=["status", "place_offered_at"])
        audit.log_place_offered(application, user)
    if freed is None:
        # Whether it was full before is unknown: the page is purged (a coordinator's or an
        # editor's action, never an applicant's, so rare).
        purge_programme_page(edition)
    else:
        # A full edition that stays full after the moves up keeps its page.
        purge_if_fullness_changed(edition, taken + freed, taken + len(moved_up))
    # In the same transaction: the moves and the e-mails that tell the team are stored together
    # or not at all, as when an application is sent.
    store_with_deliveries(
        [
            Notification(
                application=application,
                kind=NotificationKind.PLACE_OFFERED,
                # The application's own team, should the edition have passed to another since.
                recipients=team_recipients(edition, application),
            )
            for application in moved_up
        ]
    )
    return moved_up


def offer_places_of(edition_id, user=None):
    """Lock the edition and fill its free places from its waiting list (e.g. after an
    application holding a place was deleted or erased, or the edition was given more places)."""
    with transaction.atomic():
        return offer_freed_places(lock_edition(edition_id), user, freed=None)


@receiver(page_published, sender=ProgrammePage, dispatch_uid="enrolment_places_after_publishing")
def offer_places_after_publishing(sender, instance, **kwargs):
    """An editor who gives an edition more places fills them from its waiting list at once.
    Applications point at the editions they are routed by (enrolment.default_language): a
    translation's editions have none, a programme written in one other language only has its
    own, so every page published is looked at (one query)."""
    waiting = Application.objects.filter(
        edition__programme=instance, status=ApplicationStatus.WAITING_LIST
    )
    for edition_id in waiting.values_list("edition_id", flat=True).distinct().order_by():
        offer_places_of(edition_id)
