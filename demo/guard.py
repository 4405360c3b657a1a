"""The demo is built only where it can harm nothing: never under the production settings (they do
not install this app, so its commands do not exist there), and never over content it did not
build, unless the operator says so (--force): a copy of a live database under the development
settings is refused.

Run on a live site, the demo would point the default site at its own home page and overwrite
the pages, snippets and settings that bear its names. So it recognises its own databases: the
first build writes an entry "Demo site built" to the root page's history (the audit log), and a
database is the demo's when it has that entry, or when it is still empty: nothing in the page
tree but the root and Wagtail's welcome page, and no uploaded image or document. Transactional
tests empty the database between tests and build the demo again from nothing.
"""

from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.log_actions import log
from wagtail.models import Page, PageLogEntry

BUILT_ACTION = "home.demo_site_built"
EXAMPLES_SHOWN = 3


class DemoRefused(Exception):
    """Why the demo is not built here, in words for the operator."""


def register_log_action(actions):
    """For the `register_log_actions` hook: the entry is shown in the root page's history."""
    actions.register_action(
        BUILT_ACTION, _("Demo site built"), _("Demo content built by build_demo_site")
    )


def check_database(force=False):
    """Refuse a database with content the demo did not build, unless `force` is given."""
    if force or was_built_by_demo():
        return
    pages = list(foreign_pages().order_by("path").values_list("url_path", flat=True))
    images = get_image_model().objects.count()
    documents = get_document_model().objects.count()
    if not (pages or images or documents):
        return
    found = []
    if pages:
        examples = ", ".join(pages[:EXAMPLES_SHOWN])
        found.append(f"{len(pages)} pages (e.g. {examples})")
    if images:
        found.append(f"{images} images")
    if documents:
        found.append(f"{documents} documents")
    raise DemoRefused(
        f"Refused: this database holds content that build_demo_site did not build: "
        f"{', '.join(found)}. On a live site the demo would point the default site at its own "
        "home page and overwrite the pages, snippets and settings that bear its names. If this "
        "is a development database, run `manage.py build_demo_site --force`: the demo is then "
        "built beside what is there (it deletes nothing it did not make), and later runs need "
        "no --force."
    )


def was_built_by_demo():
    return PageLogEntry.objects.filter(action=BUILT_ACTION).exists()


def foreign_pages():
    """Pages other than the tree's root and Wagtail's welcome page (plain pages at the top)."""
    plain_page = ContentType.objects.get_for_model(Page)
    return Page.objects.filter(depth__gte=2).exclude(depth=2, content_type=plain_page)


def record_build():
    """Mark the database as the demo's, once, in the root page's history."""
    if not was_built_by_demo():
        log(Page.get_first_root_node(), BUILT_ACTION)
