from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EnrolmentConfig(AppConfig):
    name = "enrolment"
    verbose_name = _("Enrolment")

    def ready(self):
        # Registers the system checks, and gives every new team its coordinators' group.
        from . import checks, signals, waiting_list  # noqa: F401
