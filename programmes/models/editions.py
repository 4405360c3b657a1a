"""Editions: the runs of a programme, each with its dates, places, team and responsible person."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import Orderable, TranslatableMixin

from programmes.dates import month_range


class ProgrammeStatus(models.TextChoices):
    """Computed from the editions' dates, never typed by hand."""

    ENROLMENT_OPEN = "enrolment_open", _("Enrolment open")
    RUNNING = "running", _("Running")
    UPCOMING = "upcoming", _("Coming soon")
    FINISHED = "finished", _("Finished")


class EditionQuerySet(models.QuerySet):
    def enrolment_open(self, today=None):
        today = today or timezone.localdate()
        return self.filter(enrolment_opens_on__lte=today, enrolment_closes_on__gte=today)

    def running(self, today=None):
        today = today or timezone.localdate()
        return self.filter(starts_on__lte=today, ends_on__gte=today)

    def upcoming(self, today=None):
        today = today or timezone.localdate()
        return self.filter(starts_on__gt=today)

    def finished(self, today=None):
        today = today or timezone.localdate()
        return self.filter(ends_on__lt=today)


class Edition(TranslatableMixin, Orderable):
    programme = ParentalKey(
        "programmes.ProgrammePage", related_name="editions", on_delete=models.CASCADE
    )
    number = models.PositiveSmallIntegerField(_("number"), help_text=_("1 for the first edition."))
    title = models.CharField(
        _("title"),
        max_length=200,
        blank=True,
        help_text=_("Optional. Shown after the number, e.g. to mark an example edition."),
    )
    starts_on = models.DateField(
        _("start"), help_text=_("Give the first day of the month if only the month is known.")
    )
    ends_on = models.DateField(
        _("end"), help_text=_("Give the last day of the month if only the month is known.")
    )
    places = models.PositiveSmallIntegerField(_("places"), help_text=_("How many participants."))
    team = models.ForeignKey(
        "programmes.Team",
        verbose_name=_("responsible team"),
        on_delete=models.PROTECT,
        related_name="editions",
        help_text=_("The team that runs this edition and receives its applications."),
    )
    responsible_person = models.ForeignKey(
        "programmes.Person",
        verbose_name=_("responsible person"),
        on_delete=models.PROTECT,
        related_name="editions",
        help_text=_("The coordinator shown as the contact; they are notified of applications."),
    )
    enrolment_opens_on = models.DateField(_("enrolment opens"), null=True, blank=True)
    enrolment_closes_on = models.DateField(_("enrolment closes"), null=True, blank=True)

    objects = EditionQuerySet.as_manager()

    panels = [
        FieldRowPanel([FieldPanel("number"), FieldPanel("title")]),
        FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")], heading=_("Dates")),
        FieldPanel("places"),
        FieldRowPanel([FieldPanel("team"), FieldPanel("responsible_person")]),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("enrolment_opens_on"), FieldPanel("enrolment_closes_on")])],
            heading=_("Enrolment"),
        ),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("edition")
        verbose_name_plural = _("editions")

    def __str__(self):
        return f"{self.programme.title} – {self.label}"

    @property
    def label(self):
        if self.title:
            return gettext("Edition %(number)s (%(title)s)") % {
                "number": self.number,
                "title": self.title,
            }
        return gettext("Edition %(number)s") % {"number": self.number}

    @property
    def period(self):
        return month_range(self.starts_on, self.ends_on)

    def clean(self):
        errors = {}
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = _("The end cannot be before the start.")
        enrolment_error = self._enrolment_dates_error()
        if enrolment_error:
            errors["enrolment_closes_on"] = enrolment_error
        if self.places == 0:
            errors["places"] = ValidationError(
                _(
                    "An edition needs at least one place: with none, every applicant would go "
                    "to the waiting list."
                ),
                code="no_places",
            )
        if (
            self.responsible_person_id
            and self.team_id
            and self.responsible_person.team_id not in (None, self.team_id)
        ):
            errors["responsible_person"] = _(
                "The responsible person belongs to another team. Choose the team's person, "
                "or change the person's team first."
            )
        if errors:
            raise ValidationError(errors)

    def _enrolment_dates_error(self):
        if (self.enrolment_opens_on is None) != (self.enrolment_closes_on is None):
            return _("Give both enrolment dates, or neither.")
        if not self.enrolment_opens_on:
            return None
        if self.enrolment_closes_on < self.enrolment_opens_on:
            return _("Enrolment cannot close before it opens.")
        # Otherwise a finished edition would still say "Enrolment open" and the form offer it.
        if self.ends_on and self.enrolment_closes_on > self.ends_on:
            return ValidationError(
                _(
                    "Enrolment cannot close after the edition ends. Close it on the edition's "
                    "last day at the latest."
                ),
                code="closes_after_the_end",
            )
        return None

    def status(self, today=None):
        today = today or timezone.localdate()
        if self.is_enrolment_open(today):
            return ProgrammeStatus.ENROLMENT_OPEN
        if self.starts_on <= today <= self.ends_on:
            return ProgrammeStatus.RUNNING
        if today < self.starts_on:
            return ProgrammeStatus.UPCOMING
        return ProgrammeStatus.FINISHED

    def is_enrolment_open(self, today=None):
        today = today or timezone.localdate()
        return bool(
            self.enrolment_opens_on and self.enrolment_opens_on <= today <= self.enrolment_closes_on
        )
