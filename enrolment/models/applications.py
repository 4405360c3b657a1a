"""Applications: what an applicant sent, where it was routed, and how it is being handled."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _, pgettext_lazy
from wagtail.contrib.forms.models import AbstractFormSubmission
from wagtail.models import Page


class ApplicationStatus(models.TextChoices):
    NEW = "new", pgettext_lazy("application status", "New")
    # Moved up from the waiting list when a place freed: the place is kept for this applicant.
    PLACE_OFFERED = "place_offered", _("Place offered")
    CONTACTED = "contacted", _("Contacted")
    QUALIFIED = "qualified", _("Qualified")
    WAITING_LIST = "waiting_list", _("Waiting list")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# The one place that says which statuses hold one of the edition's places. The others do not:
# waiting list (waits for a place), rejected and withdrawn (free the place they held).
STATUSES_TAKING_A_PLACE = [
    ApplicationStatus.NEW,
    ApplicationStatus.PLACE_OFFERED,
    ApplicationStatus.CONTACTED,
    ApplicationStatus.QUALIFIED,
]


class ApplicationChannel(models.TextChoices):
    """How the application reached the centre."""

    # With a context: "Phone" alone labels a number in the footer and on contact cards.
    ONLINE = "online", pgettext_lazy("application channel", "Online")
    PHONE = "phone", pgettext_lazy("application channel", "Phone")
    IN_PERSON = "in_person", pgettext_lazy("application channel", "In person")


class ApplicationQuerySet(models.QuerySet):
    def for_user(self, user):
        """What a user may see: everything for superusers, their own teams' otherwise."""
        if user.is_superuser:
            return self
        return self.filter(team__coordinators_group__user=user).distinct()

    def taking_a_place(self):
        return self.filter(status__in=STATUSES_TAKING_A_PLACE)


class Application(AbstractFormSubmission):
    """A form submission routed to the team that runs the chosen edition.

    Routing fields always point at the default-language objects, so that applications sent from
    a translated form land in the same list as Polish ones.
    """

    # Overrides the form builder's CASCADE: removing a form page must not delete applications.
    page = models.ForeignKey(
        Page, verbose_name=_("form page"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reference = models.CharField(_("reference number"), max_length=20, unique=True)
    programme = models.ForeignKey(
        "programmes.ProgrammePage",
        verbose_name=_("programme"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    edition = models.ForeignKey(
        "programmes.Edition",
        verbose_name=_("edition"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="applications",
    )
    edition_number = models.PositiveSmallIntegerField(_("edition number"))
    # The edition's last day, kept when the edition is deleted (a revision published without it):
    # the retention period still counts from it (enrolment.retention).
    edition_ended_on = models.DateField(_("edition ended"), null=True, blank=True, editable=False)
    team = models.ForeignKey(
        "programmes.Team",
        verbose_name=_("team"),
        on_delete=models.PROTECT,
        related_name="applications",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ApplicationStatus.choices, default=ApplicationStatus.NEW
    )
    language = models.CharField(_("language of the form"), max_length=10)
    spam_check_skipped = models.BooleanField(
        _("spam check unavailable"),
        default=False,
        help_text=_("reCAPTCHA could not be reached when this application was sent."),
    )
    channel = models.CharField(
        _("channel"),
        max_length=20,
        choices=ApplicationChannel.choices,
        default=ApplicationChannel.ONLINE,
    )
    # For an application taken by phone or in person: the staff member who recorded it, and
    # when the applicant, having heard the privacy notice, agreed orally (the online form's
    # consent box, given by voice).
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    oral_consent_at = models.DateTimeField(_("consent given orally"), null=True, blank=True)
    # When a freed place was offered to this applicant from the waiting list.
    place_offered_at = models.DateTimeField(_("place offered"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("personal data removed"), null=True, blank=True)
    # The one-time token of the rendered form this application was sent from: a second POST of
    # the same form (a double click, a resend after a network error) finds this application
    # instead of storing another. Cleared with the personal data.
    submission_token = models.CharField(
        _("submission token"), max_length=64, unique=True, null=True, blank=True, editable=False
    )

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["-submit_time"]
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        indexes = [
            # The places taken, counted on every view of a programme page (and of a form page
            # whose editions are not kept yet) and in every application's transaction, read only
            # the rows holding a place: not the thousands on the waiting list after an opening.
            models.Index(fields=["edition", "status"], name="enrolment_app_edition_status"),
        ]
        permissions = [
            ("export_application", "Can export applications"),
            # Requests under RODO art. 15-17: find one person's applications across teams,
            # export them for an access request, erase them.
            ("handle_data_requests", "Can find, export and erase a person's applications"),
        ]

    def __str__(self):
        return self.reference

    @property
    def is_anonymised(self):
        return self.anonymised_at is not None

    @property
    def takes_a_place(self):
        return self.status in STATUSES_TAKING_A_PLACE


class ApplicationNote(models.Model):
    """A coordinator's note on an application; notes are added, never edited."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(_("note"), max_length=2000)
    created_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("note")
        verbose_name_plural = _("notes")

    def __str__(self):
        return self.text[:50]


class ErasureRecord(models.Model):
    """An application erased at a person's request: the reference and the day only, so that
    erasures can be repeated after a restore from a backup taken before them
    (`purge_applications --replay`)."""

    reference = models.CharField(_("reference number"), max_length=20, unique=True)
    erased_at = models.DateTimeField(_("erased"))

    class Meta:
        ordering = ["erased_at"]
        verbose_name = _("erasure record")
        verbose_name_plural = _("erasure records")

    def __str__(self):
        return self.reference
