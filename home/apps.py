from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Site and institution")

    def ready(self):
        # What editors change reaches readers at once: the cached site-wide parts are read
        # afresh, and the caching proxy's copies of the pages that show the change are purged.
        from . import frontend_cache, image_metadata, site_wide_parts

        site_wide_parts.connect_signals()
        frontend_cache.connect_signals()
        # Uploaded images are stored without their EXIF, GPS, XMP and IPTC data.
        image_metadata.connect_signals()
