"""Storing an application: routed to the edition's team, in one transaction, before any e-mail."""

from django.db import transaction
from django.utils.translation import get_language
from wagtail.models import Locale

from programmes.models import Edition

from .models import Application, ApplicationStatus, Notification, NotificationKind
from .references import new_reference

REFERENCE_ATTEMPTS = 5


def in_default_language(obj):
    """The default-language object of a translation: routing never depends on the language."""
    default = Locale.get_default()
    if obj.locale_id == default.pk:
        return obj
    return obj.get_translation(default)


def submit_application(page, form):
    edition = in_default_language(form.cleaned_data["edition"])
    with transaction.atomic():
        # Lock the edition so that two applicants cannot both take its last place.
        edition = (
            Edition.objects.select_for_update().select_related("team", "responsible_person")
        ).get(pk=edition.pk)
        application = Application.objects.create(
            reference=_unused_reference(),
            page=in_default_language(page),
            form_data=form.answers(),
            programme_id=edition.programme_id,
            edition=edition,
            edition_number=edition.number,
            team_id=edition.team_id,
            status=(
                ApplicationStatus.WAITING_LIST
                if _places_taken(edition) >= edition.places
                else ApplicationStatus.NEW
            ),
            language=get_language() or Locale.get_default().language_code,
            spam_check_skipped=form.spam_check_skipped,
        )
        notifications = [
            Notification.objects.create(
                application=application,
                kind=NotificationKind.TEAM,
                recipients=_team_recipients(edition),
            )
        ]
        if form.cleaned_data.get("email_confirmation") and form.cleaned_data.get("email"):
            notifications.append(
                Notification.objects.create(
                    application=application, kind=NotificationKind.APPLICANT
                )
            )
        transaction.on_commit(lambda: _enqueue(notifications))
    return application


def _places_taken(edition):
    return Application.objects.filter(edition=edition).taking_a_place().count()


def _team_recipients(edition):
    addresses = [edition.responsible_person.email, edition.team.email]
    return list(dict.fromkeys(address for address in addresses if address))


def _unused_reference():
    for _attempt in range(REFERENCE_ATTEMPTS):
        reference = new_reference()
        if not Application.objects.filter(reference=reference).exists():
            return reference
    raise RuntimeError("Could not find a free reference number.")


def _enqueue(notifications):
    from .tasks import deliver_notification

    for notification in notifications:
        deliver_notification.enqueue(notification.pk)
