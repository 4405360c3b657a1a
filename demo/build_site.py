"""The home page in place of Wagtail's welcome page, and the default site pointing at it."""

from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page, Site

from home.models import HomePage

from . import pages as data
from .sync import CREATED, DELETED, UNCHANGED, UPDATED, assign, upsert_page

SITE_NAME = "MOPS Wrocław"


def home_values():
    return {"title": data.HOME["title"], "lead": data.HOME["lead"]}


def ensure_home_page(locale, tally):
    root = Page.get_first_root_node()
    home = HomePage.objects.filter(locale=locale).order_by("pk").first()
    if home is not None:
        return upsert_page(root, HomePage, home.slug, home_values(), tally)
    slug = data.HOME["slug"]
    # Wagtail's welcome page also has the slug "home": move it aside. It is deleted once the
    # site points at the new home page (deleting it first would delete the site with it).
    for page in root.get_children().filter(slug=slug):
        Page.objects.filter(pk=page.pk).update(slug=f"{slug}-{page.pk}")
    return upsert_page(root, HomePage, slug, home_values(), tally)


def point_default_site(home, tally):
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site.objects.create(
            hostname="localhost",
            port=80,
            site_name=SITE_NAME,
            root_page=home,
            is_default_site=True,
        )
        tally.record(site, CREATED)
        return site
    changed = assign(site, {"root_page": home, "site_name": SITE_NAME})
    if changed:
        site.save()
    tally.record(site, UPDATED if changed else UNCHANGED)
    return site


def delete_welcome_pages(tally):
    """Remove Wagtail's welcome page: a plain page at the top of the tree that no site uses.

    Only one without pages under it: deleting a page deletes everything below it, and what is
    below a page the demo did not make is not the demo's to delete.
    """
    plain_page = ContentType.objects.get_for_model(Page)
    site_roots = Site.objects.values_list("root_page_id", flat=True)
    for page in Page.objects.filter(depth=2, content_type=plain_page).exclude(pk__in=site_roots):
        if page.get_children().exists():
            continue
        tally.record(page, DELETED)
        page.delete()


def set_key_links(home, linked_pages, tally):
    streams = {"key_links": [data.key_link(page.pk) for page in linked_pages]}
    root = home.get_parent()
    return upsert_page(root, HomePage, home.slug, home_values(), tally, streams=streams)
