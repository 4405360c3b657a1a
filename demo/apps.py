from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """Demo content and the commands for local use only (build_demo_site, create_local_admin,
    export_demo_strings). Installed by the development, test and benchmark settings, never by
    production: there its commands do not exist."""

    name = "demo"
    verbose_name = _("Demo content")
