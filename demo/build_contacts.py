"""The institution, its desks and notices (snippets), and its settings for the site: contact
details and the legal pages its footer links."""

from home.models import (
    ContactPoint,
    Institution,
    InstitutionSettings,
    LegalLinksSettings,
    Notice,
)

from . import institution as data
from .sync import CREATED, UNCHANGED, UPDATED, assign, upsert

# Gaps between positions leave room for an editor to slot a desk in between.
SORT_ORDER_STEP = 10


def build_institution(locale, tally):
    return upsert(
        Institution,
        {"locale": locale},
        data.INSTITUTION,
        tally,
        children={"opening_hours": data.INSTITUTION_HOURS},
        locale=locale,
    )


def build_contact_points(locale, tally):
    points = []
    for position, point in enumerate(data.CONTACT_POINTS, start=1):
        values = {
            "street_address": point.get("street_address", ""),
            "room": point.get("room", ""),
            "email": point.get("email", ""),
            "note": point.get("note", ""),
            "sort_order": position * SORT_ORDER_STEP,
        }
        children = {"phones": point.get("phones", []), "opening_hours": point.get("hours", [])}
        points.append(
            upsert(
                ContactPoint,
                {"locale": locale, "name": point["name"]},
                values,
                tally,
                children=children,
                locale=locale,
            )
        )
    return points


def build_notices(locale, tally):
    notices = []
    for notice in data.NOTICES:
        values = {key: value for key, value in notice.items() if key != "title"}
        notices.append(upsert(Notice, {"locale": locale, "title": notice["title"]}, values, tally))
    return notices


def build_settings(site, tally):
    return _update_setting(InstitutionSettings, site, data.SETTINGS, tally)


def build_legal_links(site, pages, tally):
    """`pages`: the privacy, cookies and "how to hide a visit" pages (Polish), by field name."""
    return _update_setting(LegalLinksSettings, site, pages, tally)


def _update_setting(model, site, values, tally):
    # From the database, not `for_site`: that answers from the cache (home.cached_settings).
    setting = model.objects.filter(site=site).first()
    created = setting is None
    if created:
        setting = model(site=site)
    changed = assign(setting, values)
    if created or changed:
        setting.full_clean()
        setting.save()
    tally.record(setting, CREATED if created else UPDATED if changed else UNCHANGED)
    return setting
