"""The coordinators' daily digest: who wants it, and which teams' digests went out on which day."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CoordinatorPreferences(models.Model):
    """A coordinator's own choices; a coordinator without a row gets the defaults."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="coordinator_preferences",
    )
    daily_digest = models.BooleanField(
        _("daily digest by e-mail"),
        default=True,
        help_text=_(
            "Each morning, for each of your teams: how many applications are new or waiting, "
            "notifications not delivered, and enrolments that open or close soon. No "
            "applicant's data is in it."
        ),
    )

    class Meta:
        verbose_name = _("coordinator's preferences")
        verbose_name_plural = _("coordinators' preferences")

    def __str__(self):
        return str(self.user)


class TeamDigest(models.Model):
    """A team's digest of one day, recorded when it was handed to the mail server: the scheduler
    may run many times a day, and a team gets at most one digest a day."""

    team = models.ForeignKey("programmes.Team", on_delete=models.CASCADE, related_name="+")
    day = models.DateField(_("day"))
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)
    recipients = models.PositiveSmallIntegerField(_("recipients"), default=0)

    class Meta:
        ordering = ["-day"]
        verbose_name = _("team digest")
        verbose_name_plural = _("team digests")
        constraints = [
            models.UniqueConstraint(fields=["team", "day"], name="one_digest_per_team_per_day")
        ]

    def __str__(self):
        return f"{self.team_id} {self.day}"
