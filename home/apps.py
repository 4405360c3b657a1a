from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Site and institution")

    def ready(self):
        # What editors change reaches readers at once: the cached site-wide parts are read
        # afresh, and the caching proxy's copies of the pages that show the change are purged.
        from . import frontend_cache, image_metadata, site_wide_parts, versioned_cache
        from .site_address import apply_configured_site_address

        site_wide_parts.connect_signals()
        # After every migrate (a release, a restored backup), what the versioned cache keeps is
        # read afresh: it holds pickled pages and models of the code that kept them.
        post_migrate.connect(versioned_cache.forget, sender=self, dispatch_uid="forget-on-migrate")
        # After every migrate, the Site answers at the configured address (SITE_BASE_URL).
        post_migrate.connect(apply_configured_site_address, sender=self)
        frontend_cache.connect_signals()
        # Uploaded images are stored without their EXIF, GPS, XMP and IPTC data.
        image_metadata.connect_signals()
