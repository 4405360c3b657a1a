"""The accessibility statement, the easy-to-read and sign-language pages, how to hide a visit, and
the setting that links the privacy, cookies and hide-a-visit pages from every page's footer."""

from home.models import AccessibilityStatementPage, ContentPage, EasyReadPage, SignLanguagePage

from . import legal_pages as data, pages
from .build_contacts import build_legal_links
from .sync import upsert_page


def build_legal_pages(home, site, tally):
    """Under the home page, after the content pages (build_pages); the statement last, so that it
    can link to the others.

    The statement covers the default site: its address is the site's root URL.
    """
    easy_read = upsert_page(
        home,
        EasyReadPage,
        data.EASY_READ_SLUG,
        data.EASY_READ,
        tally,
        streams={"body": data.easy_read_body()},
    )
    # The demo has no recording yet: the page shows its transcript and says so.
    sign_language = upsert_page(
        home,
        SignLanguagePage,
        data.SIGN_LANGUAGE_SLUG,
        {
            **data.SIGN_LANGUAGE,
            "transcript": data.sign_language_transcript(),
            "video": None,
            "captions": None,
        },
        tally,
    )
    hide_visit = upsert_page(
        home,
        ContentPage,
        data.HIDE_VISIT_SLUG,
        data.HIDE_VISIT,
        tally,
        streams={"body": data.hide_visit_body()},
    )
    statement = upsert_page(
        home,
        AccessibilityStatementPage,
        data.STATEMENT_SLUG,
        data.statement(f"{site.root_url}/", easy_read.pk, sign_language.pk, hide_visit.pk),
        tally,
    )
    build_legal_links(
        site,
        {
            "privacy_page": _content_page(home, pages.PRIVACY_SLUG),
            "cookies_page": _content_page(home, pages.COOKIES_SLUG),
            "hide_visit_page": hide_visit,
        },
        tally,
    )
    return {
        "statement": statement,
        "easy_read": easy_read,
        "sign_language": sign_language,
        "hide_visit": hide_visit,
    }


def _content_page(home, slug):
    """One of the demo's content pages, built before (build_pages.build_content_pages)."""
    return home.get_children().get(slug=slug)
