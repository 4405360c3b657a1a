"""Which of the programmes' pages readers may see: not those under a view restriction."""

from home.view_restrictions import site_has_view_restrictions


def public_only(pages):
    """`pages.public()`, without its query of every view restriction while the site has none
    (which the cache knows)."""
    return pages.public() if site_has_view_restrictions() else pages
