from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AdminSecurityConfig(AppConfig):
    name = "mops_site.admin_security"
    label = "admin_security"
    verbose_name = _("Admin sign-in security")

    def ready(self):
        from . import checks  # noqa: F401 - registers the deploy checks
