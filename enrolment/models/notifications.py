"""E-mails about applications, each with its own delivery state so that none is lost."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from enrolment.delivery_errors import explain

from .applications import Application


class NotificationKind(models.TextChoices):
    TEAM = "team", _("To the responsible team")
    APPLICANT = "applicant", _("Confirmation to the applicant")
    # To the team, when a freed place was offered to this applicant from the waiting list.
    PLACE_OFFERED = "place_offered", _("To the team: a place offered from the waiting list")


# One of each of these per application; a place may be offered to the same applicant again.
ONE_PER_APPLICATION = [NotificationKind.TEAM, NotificationKind.APPLICANT]
# Sent to the team's addresses (stored in `recipients`), never to the applicant.
TO_THE_TEAM = [NotificationKind.TEAM, NotificationKind.PLACE_OFFERED]


class FailureReason(models.TextChoices):
    REFUSED = "refused", _("Refused by the mail server")
    INVALID_ADDRESS = "invalid_address", _("Invalid address")
    TOO_MANY_ATTEMPTS = "too_many_attempts", _("Too many attempts")


class NotificationQuerySet(models.QuerySet):
    def undelivered(self):
        """Still to be sent: neither delivered, nor given up for nobody to send it to."""
        return self.filter(delivered_at__isnull=True, abandoned=False)

    def failed(self):
        """Refused for good or out of attempts: waits for someone to send it again."""
        return self.undelivered().filter(failed_at__isnull=False)

    def waiting(self):
        """Still being tried: the worker will send it when the mail server takes it."""
        return self.undelivered().filter(failed_at__isnull=True)


class Notification(models.Model):
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=NotificationKind.choices)
    # Team notifications name their recipients; an applicant's address is read from the
    # application when sending, so that erasing the application erases it too.
    recipients = models.JSONField(_("recipients"), default=list, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    last_attempt_at = models.DateTimeField(_("last attempt"), null=True, blank=True)
    last_error = models.CharField(_("last error"), max_length=255, blank=True)
    delivered_at = models.DateTimeField(_("delivered"), null=True, blank=True)
    failed_at = models.DateTimeField(_("failed"), null=True, blank=True)
    failure_reason = models.CharField(
        _("reason of failure"), max_length=30, choices=FailureReason.choices, blank=True
    )
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    # The delivery task queued last (django-tasks-db's result id): recovery re-queues a
    # notification whose task is neither waiting nor running.
    task_id = models.UUIDField(_("delivery task"), null=True, blank=True, editable=False)
    abandoned = models.BooleanField(
        _("abandoned"),
        default=False,
        help_text=_("Set when there is nobody left to send it to, e.g. after erasure."),
    )

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "kind"],
                condition=models.Q(kind__in=ONE_PER_APPLICATION),
                name="one_notification_of_each_kind",
            )
        ]

    def __str__(self):
        return f"{self.application.reference} – {self.get_kind_display()}"

    @property
    def is_to_the_team(self):
        return self.kind in TO_THE_TEAM

    @property
    def is_delivered(self):
        return self.delivered_at is not None

    @property
    def is_failed(self):
        return self.failed_at is not None and not self.is_delivered

    @property
    def last_error_explained(self):
        """The last error as a plain sentence for coordinators (`last_error` stays technical)."""
        return explain(self.last_error, given_up=self.failed_at is not None)
