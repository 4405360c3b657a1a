"""Teams, people, partners, target groups and EU projects: edited once, reused by programmes."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from home.email_addresses import NormalisedEmailMixin
from home.phone_numbers import validate_phone_number


class Team(NormalisedEmailMixin, TranslatableMixin, index.Indexed, models.Model):
    """A field social-work team (ZTPS): a branch with its own address that runs programmes."""

    name = models.CharField(
        _("name"), max_length=200, help_text=_("For example: Field Social Work Team no. 2.")
    )
    short_name = models.CharField(
        _("short name"), max_length=40, help_text=_("For example: ZTPS 2.")
    )
    number = models.PositiveSmallIntegerField(_("number"))
    street_address = models.CharField(_("street and number"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    phone = models.CharField(
        _("phone"), max_length=40, blank=True, validators=[validate_phone_number]
    )
    email = models.EmailField(
        _("e-mail"),
        help_text=_("The team's address: it receives the notifications of applications."),
    )

    coordinators_group = models.ForeignKey(
        "auth.Group",
        verbose_name=_("coordinators' group"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="teams",
        help_text=_("Its members see and handle this team's applications."),
    )

    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    # Where residents call and write is the same in every language: a translator cannot
    # redirect it (nor applications' notifications, which go to the team's address).
    override_translatable_fields = [
        SynchronizedField("phone", overridable=False),
        SynchronizedField("postal_code", overridable=False),
        SynchronizedField("email", overridable=False),
    ]

    panels = [
        FieldPanel("name"),
        FieldPanel("short_name"),
        FieldPanel("number"),
        MultiFieldPanel(
            [FieldPanel("street_address"), FieldPanel("postal_code"), FieldPanel("city")],
            heading=_("Address"),
        ),
        FieldPanel("phone"),
        FieldPanel("email"),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["number"]
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        constraints = [
            models.UniqueConstraint(
                fields=["locale", "number"], name="unique_team_number_per_locale"
            )
        ]

    def __str__(self):
        return self.name


class Person(NormalisedEmailMixin, TranslatableMixin, index.Indexed, models.Model):
    """Someone responsible for an edition: their role and how to reach them at work."""

    name = models.CharField(_("full name"), max_length=200)
    role = models.CharField(
        _("role"), max_length=200, help_text=_("For example: deputy manager of the team.")
    )
    team = models.ForeignKey(
        Team,
        verbose_name=_("team"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="people",
    )
    phone = models.CharField(
        _("phone"), max_length=40, blank=True, validators=[validate_phone_number]
    )
    email = models.EmailField(_("e-mail"))

    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    # A person's name is the same in every language; a translator may transliterate it.
    override_translatable_fields = [
        SynchronizedField("name", overridable=True),
        SynchronizedField("phone", overridable=False),
        SynchronizedField("email", overridable=False),
    ]

    panels = [
        FieldPanel("name"),
        FieldPanel("role"),
        FieldPanel("team"),
        FieldPanel("phone"),
        FieldPanel("email"),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self):
        return self.name


class Partner(TranslatableMixin, index.Indexed, models.Model):
    """An institution that works with the centre on a programme: a school, a culture centre…"""

    name = models.CharField(_("name"), max_length=255)
    url = models.URLField(_("website"), blank=True)

    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]
    # Institutions keep their Polish names unless a translator gives one; their website is the
    # same in every language.
    override_translatable_fields = [
        SynchronizedField("name", overridable=True),
        SynchronizedField("url", overridable=False),
    ]
    panels = [FieldPanel("name"), FieldPanel("url")]

    class Meta(TranslatableMixin.Meta):
        ordering = ["name"]
        verbose_name = _("partner institution")
        verbose_name_plural = _("partner institutions")

    def __str__(self):
        return self.name


class TargetGroup(TranslatableMixin, models.Model):
    """Who a programme is for; readers filter the programme list by it."""

    name = models.CharField(_("name"), max_length=200)

    panels = [FieldPanel("name")]

    class Meta(TranslatableMixin.Meta):
        ordering = ["name"]
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")

    def __str__(self):
        return self.name


class EUProject(TranslatableMixin, index.Indexed, models.Model):
    """An EU-funded project under which programmes run, with its mandatory funding marks."""

    name = models.CharField(_("name"), max_length=200, help_text=_("For example: KomPAS."))
    fund = models.CharField(
        _("fund"), max_length=200, help_text=_("For example: the European Social Fund.")
    )
    operational_programme = models.CharField(
        _("operational programme"),
        max_length=255,
        help_text=_("For example: the Regional Operational Programme of Lower Silesia 2014–2020."),
    )
    starts_on = models.DateField(_("project start"), null=True, blank=True)
    ends_on = models.DateField(_("project end"), null=True, blank=True)
    funding_statement = RichTextField(
        _("funding statement"),
        features=["bold", "italic", "link"],
        help_text=_("The sentence the funding agreement requires on every programme page."),
    )
    logo_strip = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo strip"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The mandatory set of logos: EU funds mark, Polish flag, region, EU emblem."),
    )
    logo_strip_alt_text = models.CharField(
        _("logo strip alternative text"),
        max_length=300,
        blank=True,
        help_text=_("What the logos say, for people who cannot see them."),
    )

    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    panels = [
        FieldPanel("name"),
        FieldPanel("fund"),
        FieldPanel("operational_programme"),
        MultiFieldPanel([FieldPanel("starts_on"), FieldPanel("ends_on")], heading=_("Period")),
        FieldPanel("funding_statement"),
        MultiFieldPanel(
            [FieldPanel("logo_strip"), FieldPanel("logo_strip_alt_text")], heading=_("Logos")
        ),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["name"]
        verbose_name = _("EU-funded project")
        verbose_name_plural = _("EU-funded projects")

    def __str__(self):
        return self.name

    def clean(self):
        errors = {}
        if self.logo_strip_id and not self.logo_strip_alt_text:
            errors["logo_strip_alt_text"] = _("Describe the logos for people who cannot see them.")
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = _("The end cannot be before the start.")
        if errors:
            raise ValidationError(errors)
