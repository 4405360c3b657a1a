from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AdminSecurityConfig(AppConfig):
    name = "mops_site.admin_security"
    label = "admin_security"
    verbose_name = _("Admin sign-in security")

    def ready(self):
        # Registers the deploy checks, and the signal receivers of a sign-in (the idle time
        # starts, own failures are forgotten, a pending authenticator's secret too).
        from . import checks, devices, idle_sessions, lockout  # noqa: F401
