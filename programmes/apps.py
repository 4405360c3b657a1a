from django.apps import AppConfig, apps
from django.utils.translation import gettext_lazy as _


class ProgrammesConfig(AppConfig):
    name = "programmes"
    verbose_name = _("Programmes")

    def ready(self):
        # Modules that use models are imported once the apps are ready (Django's convention).
        from home.frontend_cache import also_purge
        from home.site_wide_parts import forget_when_saved

        from .hsds.purging import api_urls_for
        from .programme_parts import MODELS

        # The programme pages' parts are kept in the site-wide versioned cache: saving any of
        # their models makes every server read them afresh.
        forget_when_saved([apps.get_model(label) for label in MODELS])
        # The open-data API's answers are purged from the caching proxy with the pages they
        # mirror (home.frontend_cache decides which pages a change shows on).
        also_purge(api_urls_for)
