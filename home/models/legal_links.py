"""Which pages the footer of every page links as the privacy policy, the cookies page and how to
hide a visit (home.legal_links).

Chosen by editors rather than recognised by their slugs, so that a renamed or moved page keeps
its link. The three legal page types (accessibility statement, easy-read, sign language) need
no choosing: each exists once under the home page.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from home.cached_settings import CachedSiteSettingMixin
from home.settings_audit import AuditedSettingMixin


def _linked_page(verbose_name, help_text):
    return models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=verbose_name,
        help_text=help_text,
        null=True,
        blank=True,
        # A deleted page drops its link rather than the setting.
        on_delete=models.SET_NULL,
        related_name="+",
    )


@register_setting(icon="doc-full")
class LegalLinksSettings(CachedSiteSettingMixin, AuditedSettingMixin, BaseSiteSetting):
    """Changed by editors; every change is in the audit log (home.settings_audit)."""

    privacy_page = _linked_page(
        _("privacy policy"),
        _("The page on how the centre processes personal data."),
    )
    cookies_page = _linked_page(
        _("cookies page"),
        _("The page on the cookies this site stores."),
    )
    hide_visit_page = _linked_page(
        _("how to hide a visit"),
        _(
            "The page that tells a reader in danger how to leave no trace of their visit in "
            "the browser."
        ),
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("privacy_page"),
                FieldPanel("cookies_page"),
                FieldPanel("hide_visit_page"),
            ],
            heading=_("Links in the footer of every page"),
            help_text=_(
                "Choose the Polish pages: every language links to its own translation of the "
                "page, or to the Polish page until it is translated. Leave a field empty to "
                "show no link."
            ),
        ),
    ]

    class Meta:
        verbose_name = _("legal links")
        verbose_name_plural = _("legal links")
