"""sitemap.xml with every live, public page in every language, each naming its translations.

Wagtail's own sitemap walks the default site's root only, so the English and Ukrainian trees
(siblings of the Polish home page) were missing. Search engines expect each address of a
multilingual site to list its alternates (`xhtml:link rel="alternate" hreflang`), the
source-language page standing as `x-default`.
"""

from collections import defaultdict
from functools import cached_property

from django.conf import settings
from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Page

from .unpublished_branches import outside_unpublished_branches


class MultilingualSitemap(Sitemap):
    def items(self):
        # Every language's copy of the site's root and everything under it: also a page that
        # exists in one language only.
        root = self.get_wagtail_site().root_page
        under_a_root = Q()
        for translated_root in Page.objects.filter(translation_key=root.translation_key):
            under_a_root |= Q(path__startswith=translated_root.path)
        return (
            outside_unpublished_branches(Page.objects.live().public())
            .filter(under_a_root, alias_of__isnull=True)
            .select_related("locale")
            .order_by("path")
            .defer_streamfields()
            .specific()
        )

    def _urls(self, page, protocol, domain):
        urls = super()._urls(page, protocol, domain)
        for url in urls:
            url["alternates"] = self._alternates.get(url["location"], [])
        return urls

    @cached_property
    def _alternates(self):
        """Location → the alternates of its page: every language's address and x-default."""
        by_key = defaultdict(list)
        for page in self.items():
            location = page.get_full_url(self.request)
            if location:
                by_key[page.translation_key].append((page.locale.language_code, location))
        default_code = get_supported_content_language_variant(settings.LANGUAGE_CODE)
        alternates = {}
        for translations in by_key.values():
            links = [{"lang_code": code, "location": url} for code, url in translations]
            links += [
                {"lang_code": "x-default", "location": url}
                for code, url in translations
                if code == default_code
            ]
            for _code, url in translations:
                alternates[url] = links
        return alternates
