"""Every site gets its legal links setting, filled with the pages its footer linked until now: the
default language's pages with these slugs right under the home page (home.legal_links found
them so). A live site keeps its links; from now on a renamed page keeps its link too."""

from django.conf import settings
from django.db import migrations
from django.utils.translation import get_supported_language_variant

# The slugs by which the footer recognised the pages before this setting existed.
FIELD_SLUGS = {
    "privacy_page": "polityka-prywatnosci",
    "cookies_page": "pliki-cookies",
    "hide_visit_page": "jak-ukryc-wizyte",
}
HOME_PAGE_DEPTH = 3  # a home page's children: the root is 1, a home page 2


def _page_with_slug(Page, slug, language, site_root_path):
    """The page the footer linked: under the site's home page if there is one there."""
    candidates = list(
        Page.objects.filter(
            locale__language_code=language, depth=HOME_PAGE_DEPTH, slug=slug
        ).order_by("path")
    )
    under_site = [page for page in candidates if page.path.startswith(site_root_path)]
    return (under_site or candidates or [None])[0]


def fill_from_slugs(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    LegalLinksSettings = apps.get_model("home", "LegalLinksSettings")
    language = get_supported_language_variant(settings.LANGUAGE_CODE)
    for site in Site.objects.select_related("root_page"):
        if LegalLinksSettings.objects.filter(site=site).exists():
            continue
        LegalLinksSettings.objects.create(
            site=site,
            **{
                field: _page_with_slug(Page, slug, language, site.root_page.path)
                for field, slug in FIELD_SLUGS.items()
            },
        )


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0012_legal_links_settings"),
    ]

    operations = [migrations.RunPython(fill_from_slugs, migrations.RunPython.noop)]
