"""The repeatable parts of a programme page: goals, results, competences, support, partners."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext, gettext_lazy as _, ngettext, pgettext_lazy
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, TranslatableMixin

PROGRAMME = "programmes.ProgrammePage"


class ListItem(TranslatableMixin, Orderable):
    """One point of a list on a programme page."""

    text = models.TextField(_("text"))

    panels = [FieldPanel("text")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        abstract = True

    def __str__(self):
        return self.text


class ProgrammeGoal(ListItem):
    programme = ParentalKey(PROGRAMME, related_name="goals", on_delete=models.CASCADE)

    class Meta(ListItem.Meta):
        verbose_name = _("goal")
        verbose_name_plural = _("goals")


class ExpectedResult(ListItem):
    programme = ParentalKey(PROGRAMME, related_name="expected_results", on_delete=models.CASCADE)

    class Meta(ListItem.Meta):
        verbose_name = _("expected result")
        verbose_name_plural = _("expected results")


class AccompanyingSupportItem(ListItem):
    programme = ParentalKey(
        PROGRAMME, related_name="accompanying_support", on_delete=models.CASCADE
    )

    class Meta(ListItem.Meta):
        verbose_name = _("accompanying support")
        verbose_name_plural = _("accompanying support")


class CompetenceGroup(TranslatableMixin, Orderable):
    programme = ParentalKey(PROGRAMME, related_name="competence_groups", on_delete=models.CASCADE)
    name = models.CharField(_("name"), max_length=200, help_text=_("For example: social skills."))
    examples = models.TextField(
        _("examples"), help_text=_("For example: setting boundaries, building relationships.")
    )

    panels = [FieldPanel("name"), FieldPanel("examples")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("group of competences")
        verbose_name_plural = _("groups of competences")

    def __str__(self):
        return self.name


class SupportMode(models.TextChoices):
    INDIVIDUAL = "individual", _("Individual")
    GROUP = "group", pgettext_lazy("form of support", "Group")
    RESIDENTIAL = "residential", _("Residential trip")


class HoursUnit(models.TextChoices):
    TEACHING_HOUR = "teaching_hour", _("teaching hour (45 minutes)")
    CLOCK_HOUR = "clock_hour", _("clock hour (60 minutes)")
    DAY = "day", _("day")


class HoursBasis(models.TextChoices):
    TOTAL = "total", _("in total")
    PER_PARTICIPANT = "per_participant", _("per person")
    PER_MONTH = "per_month", _("a month")
    PER_MONTH_PER_PARTICIPANT = "per_month_per_participant", _("a month per person")


class FrequencyPeriod(models.TextChoices):
    WEEK = "week", _("a week")
    MONTH = "month", _("a month")


def describe_amount(amount, unit):
    if unit == HoursUnit.TEACHING_HOUR:
        text = ngettext("%(count)s teaching hour", "%(count)s teaching hours", amount)
    elif unit == HoursUnit.CLOCK_HOUR:
        text = ngettext("%(count)s clock hour", "%(count)s clock hours", amount)
    else:
        text = ngettext("%(count)s day", "%(count)s days", amount)
    return text % {"count": amount}


def describe_basis(basis):
    return {
        HoursBasis.TOTAL: "",
        HoursBasis.PER_PARTICIPANT: gettext("per person"),
        HoursBasis.PER_MONTH: gettext("a month"),
        HoursBasis.PER_MONTH_PER_PARTICIPANT: gettext("a month per person"),
    }[basis]


def describe_frequency(times, period):
    if period == FrequencyPeriod.WEEK:
        text = ngettext("at least %(count)s time a week", "at least %(count)s times a week", times)
    else:
        text = ngettext(
            "at least %(count)s time a month", "at least %(count)s times a month", times
        )
    return text % {"count": times}


class SupportForm(TranslatableMixin, Orderable):
    """A form of support (an active-integration service) with its amount of hours."""

    programme = ParentalKey(PROGRAMME, related_name="support_forms", on_delete=models.CASCADE)
    name = models.CharField(_("name"), max_length=200)
    mode = models.CharField(_("form"), max_length=20, choices=SupportMode.choices, blank=True)
    description = RichTextField(_("description"), features=["bold", "italic", "link", "ol", "ul"])
    hours_amount = models.PositiveSmallIntegerField(
        _("amount"), null=True, blank=True, help_text=_("Leave empty if no amount is set.")
    )
    hours_unit = models.CharField(
        _("unit"), max_length=20, choices=HoursUnit.choices, default=HoursUnit.TEACHING_HOUR
    )
    hours_basis = models.CharField(
        _("counted"), max_length=30, choices=HoursBasis.choices, default=HoursBasis.TOTAL
    )
    hours_is_average = models.BooleanField(
        _("on average"), default=False, help_text=_("Tick if the amount is an average.")
    )
    frequency_times = models.PositiveSmallIntegerField(
        _("at least how many times"), null=True, blank=True
    )
    frequency_period = models.CharField(
        _("per"), max_length=10, choices=FrequencyPeriod.choices, default=FrequencyPeriod.MONTH
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("mode"),
        FieldPanel("description"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("hours_amount"), FieldPanel("hours_unit")]),
                FieldRowPanel([FieldPanel("hours_basis"), FieldPanel("hours_is_average")]),
            ],
            heading=_("Amount of support"),
        ),
        FieldRowPanel(
            [FieldPanel("frequency_times"), FieldPanel("frequency_period")],
            heading=_("Frequency (optional)"),
        ),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("form of support")
        verbose_name_plural = _("forms of support")

    def __str__(self):
        return self.name

    def clean(self):
        if self.hours_is_average and self.hours_amount is None:
            raise ValidationError({"hours_amount": _("Give the average amount.")})

    @property
    def amount_text(self):
        """ "on average 4 clock hours a month per person"; empty when no amount is set."""
        if self.hours_amount is None:
            return ""
        text = describe_amount(self.hours_amount, self.hours_unit)
        basis = describe_basis(self.hours_basis)
        if basis:
            text = f"{text} {basis}"
        if self.hours_is_average:
            text = gettext("on average %(amount)s") % {"amount": text}
        return text

    @property
    def frequency_text(self):
        if not self.frequency_times:
            return ""
        return describe_frequency(self.frequency_times, self.frequency_period)


class ProgrammePartner(TranslatableMixin, Orderable):
    programme = ParentalKey(PROGRAMME, related_name="partners", on_delete=models.CASCADE)
    partner = models.ForeignKey(
        "programmes.Partner",
        verbose_name=_("partner institution"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    panels = [FieldPanel("partner")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("partner")
        verbose_name_plural = _("partners")

    def __str__(self):
        return str(self.partner)
