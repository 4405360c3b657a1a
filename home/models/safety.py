"""Settings on which a reader's safety depends, changed by moderators only.

The "Leave this page" button on sensitive programmes (read by victims of domestic violence) opens
this address at once. Whoever could change it could send a reader to a page that tells someone
watching what they were reading, or back into this site: so it is kept apart from the contact
details that editors change (Wagtail gives one change permission per setting model), given to
moderators only (home.roles), and every change is in the audit log (home.settings_audit).
"""

import contextlib
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Site

from home.cached_settings import CachedSiteSettingMixin
from home.settings_audit import AuditedSettingMixin

DEFAULT_QUICK_EXIT_URL = "https://www.google.com/"


def own_host_names():
    """The host names this site answers to: its Wagtail sites, Django's ALLOWED_HOSTS (a leading
    dot stands for the domain and its subdomains) and the admin's address."""
    names = {hostname.lower() for hostname in Site.objects.values_list("hostname", flat=True)}
    names.update(host.lower() for host in settings.ALLOWED_HOSTS if host != "*")
    admin_host = urlsplit(getattr(settings, "WAGTAILADMIN_BASE_URL", "") or "").hostname
    if admin_host:
        names.add(admin_host)
    return {name.strip("[]") for name in names}


def as_browsers_read(hostname):
    """The host name as a browser resolves it: IDNA mapping turns look-alikes (full-width
    letters, a soft hyphen, circled letters) into the plain name they stand for."""
    hostname = hostname.rstrip(".")
    with contextlib.suppress(UnicodeError):  # not a name IDNA can read: compared as given
        hostname = hostname.encode("idna").decode("ascii")
    return hostname.lower().rstrip(".")


def is_this_site(hostname):
    hostname = as_browsers_read(hostname)
    for name in own_host_names():
        domain = as_browsers_read(name.lstrip("."))
        if hostname == domain:
            return True
        if name.startswith(".") and hostname.endswith("." + domain):
            return True
    return False


@register_setting(icon="warning")
class SafetySettings(CachedSiteSettingMixin, AuditedSettingMixin, BaseSiteSetting):
    quick_exit_url = models.URLField(
        _("page the exit button opens"),
        default=DEFAULT_QUICK_EXIT_URL,
        validators=[URLValidator(schemes=["http", "https"])],
        help_text=_(
            "A neutral page on another site (a search engine, the weather). The 'Leave this page' "
            "button at the top of every page opens it at once."
        ),
    )

    panels = [FieldPanel("quick_exit_url")]

    class Meta:
        verbose_name = _("safety settings")
        verbose_name_plural = _("safety settings")

    def clean(self):
        super().clean()
        try:
            address = urlsplit(self.quick_exit_url or "")
        except ValueError:
            return  # the field's own validator has said why
        if address.username is not None or address.password is not None:
            # "https://www.google.com@other.example/" opens other.example.
            raise ValidationError(
                {"quick_exit_url": _("Give the address without a user name or password.")}
            )
        if address.hostname and is_this_site(address.hostname):
            raise ValidationError(
                {
                    "quick_exit_url": _(
                        "Choose a page on another site: this address is on this site, "
                        "which the reader is trying to leave."
                    )
                }
            )
