from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EnrolmentConfig(AppConfig):
    name = "enrolment"
    verbose_name = _("Enrolment")

    def ready(self):
        # Registers the system checks, gives every new team its coordinators' group, and keeps a
        # deleted edition's end on its applications (retention).
        from home.site_wide_parts import forget_when_saved

        from . import checks, places_left, retention, signals, waiting_list  # noqa: F401
        from .models import EnrolmentFormField, PrivacyNotice

        # The form pages show the privacy notice, and their questions to visitors, from the
        # site-wide versioned cache.
        forget_when_saved([PrivacyNotice, EnrolmentFormField])
        # Programme pages show each edition's places left, counted in the query for its
        # editions (programmes.edition_annotations).
        places_left.register()
