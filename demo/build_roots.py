"""What Wagtail's migrations create and a flushed database lacks: the default locale, the root
page and the root collection. Transactional tests flush the database between tests and then
build the demo again; on a migrated database these are found and left alone."""

from django.conf import settings
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Collection, Locale, Page

from .sync import CREATED


def ensure_default_locale(tally):
    language_code = get_supported_content_language_variant(settings.LANGUAGE_CODE)
    locale, created = Locale.objects.get_or_create(language_code=language_code)
    if created:
        tally.record(locale, CREATED)
    return locale


def ensure_tree_roots(locale, tally):
    if Page.get_first_root_node() is None:
        root = Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
        tally.record(root, CREATED)
    if Collection.get_first_root_node() is None:
        tally.record(Collection.add_root(name="Root"), CREATED)
