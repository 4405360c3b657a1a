"""Who the centre is and how to reach it.

Values that are the same in every language (phones, e-mail, links) are a site setting; words
(name, address, remarks) live in translatable snippets, because site settings cannot be translated.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Locale, Orderable, TranslatableMixin
from wagtail_localize.fields import SynchronizedField

from home.cached_settings import CachedSiteSettingMixin
from home.phone_numbers import tel_href, validate_phone_number
from home.settings_audit import AuditedSettingMixin

from .opening_hours import AbstractOpeningHours, OpeningHoursMixin


@register_setting(icon="site")
class InstitutionSettings(CachedSiteSettingMixin, AuditedSettingMixin, BaseSiteSetting):
    """Changed by editors; every change is in the audit log. The leave-this-page address is a
    moderator's (SafetySettings)."""

    phone = models.CharField(
        _("switchboard phone"), max_length=40, blank=True, validators=[validate_phone_number]
    )
    fax = models.CharField(_("fax"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    bip_url = models.URLField(
        _("BIP address"),
        blank=True,
        help_text=_("The centre's Public Information Bulletin (Biuletyn Informacji Publicznej)."),
    )
    facebook_url = models.URLField(_("Facebook page"), blank=True)
    data_protection_officer_email = models.EmailField(
        _("data protection officer's e-mail"), blank=True
    )
    data_protection_officer_phone = models.CharField(
        _("data protection officer's phone"),
        max_length=40,
        blank=True,
        validators=[validate_phone_number],
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("phone"), FieldPanel("fax"), FieldPanel("email")], heading=_("Contact")
        ),
        MultiFieldPanel([FieldPanel("bip_url"), FieldPanel("facebook_url")], heading=_("Links")),
        MultiFieldPanel(
            [
                FieldPanel("data_protection_officer_email"),
                FieldPanel("data_protection_officer_phone"),
            ],
            heading=_("Data protection officer"),
        ),
    ]

    class Meta:
        verbose_name = _("institution contact details")
        verbose_name_plural = _("institution contact details")


class LocalizedSingletonQuerySet(models.QuerySet):
    def for_locale(self, locale):
        """The object in the given language, or the default language's if not translated."""
        found = self.filter(locale=locale).first()
        return found or self.filter(locale=Locale.get_default()).first() or self.first()


class Institution(TranslatableMixin, OpeningHoursMixin, ClusterableModel):
    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=40, help_text=_("For example: MOPS."))
    street_address = models.CharField(_("street and number"), max_length=200)
    postal_code = models.CharField(_("postal code"), max_length=10)
    city = models.CharField(_("city"), max_length=100)
    hours_note = models.CharField(
        _("remark on opening hours"),
        max_length=255,
        blank=True,
        help_text=_("For example, that some offices keep other hours."),
    )

    objects = LocalizedSingletonQuerySet.as_manager()

    override_translatable_fields = [SynchronizedField("postal_code", overridable=False)]

    panels = [
        FieldPanel("name"),
        FieldPanel("short_name"),
        MultiFieldPanel(
            [FieldPanel("street_address"), FieldPanel("postal_code"), FieldPanel("city")],
            heading=_("Address"),
        ),
        InlinePanel("opening_hours", heading=_("General opening hours"), label=_("hours")),
        FieldPanel("hours_note"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("institution")
        verbose_name_plural = _("institution")

    def __str__(self):
        return self.name


class InstitutionOpeningHours(AbstractOpeningHours, Orderable):
    institution = ParentalKey(Institution, related_name="opening_hours", on_delete=models.CASCADE)

    class Meta(Orderable.Meta):
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")


class ContactPoint(TranslatableMixin, OpeningHoursMixin, ClusterableModel):
    """A department or service with its own phones and sometimes its own desk and hours."""

    name = models.CharField(_("name"), max_length=200, help_text=_("For example: Cash desks."))
    street_address = models.CharField(
        _("address"),
        max_length=200,
        blank=True,
        help_text=_("Only if it differs from the institution's address."),
    )
    room = models.CharField(
        _("floor and room"),
        max_length=100,
        blank=True,
        help_text=_("For example: 3rd floor, room 316."),
    )
    email = models.EmailField(_("e-mail"), blank=True)
    note = models.CharField(_("remark"), max_length=255, blank=True)
    sort_order = models.PositiveSmallIntegerField(
        _("position"), default=0, help_text=_("Lower numbers are shown first.")
    )

    objects = LocalizedSingletonQuerySet.as_manager()

    # Where residents write is the same in every language: a translator cannot redirect it.
    override_translatable_fields = [SynchronizedField("email", overridable=False)]

    panels = [
        FieldPanel("name"),
        InlinePanel("phones", heading=_("Phones"), label=_("phone")),
        FieldPanel("email"),
        MultiFieldPanel([FieldPanel("street_address"), FieldPanel("room")], heading=_("Desk")),
        InlinePanel("opening_hours", heading=_("Opening hours"), label=_("hours")),
        FieldPanel("note"),
        FieldPanel("sort_order"),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order", "name"]
        verbose_name = _("contact point")
        verbose_name_plural = _("contact points")

    def __str__(self):
        return self.name


class ContactPointPhone(TranslatableMixin, Orderable):
    contact_point = ParentalKey(ContactPoint, related_name="phones", on_delete=models.CASCADE)
    number = models.CharField(_("number"), max_length=40, validators=[validate_phone_number])
    label = models.CharField(
        _("label"), max_length=100, blank=True, help_text=_("Optional, for example: payments.")
    )

    override_translatable_fields = [SynchronizedField("number", overridable=False)]

    panels = [FieldPanel("number"), FieldPanel("label")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("phone")
        verbose_name_plural = _("phones")

    def __str__(self):
        return self.number

    @property
    def tel_href(self):
        return tel_href(self.number)


class ContactPointOpeningHours(AbstractOpeningHours, Orderable):
    contact_point = ParentalKey(
        ContactPoint, related_name="opening_hours", on_delete=models.CASCADE
    )

    class Meta(Orderable.Meta):
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")
