"""The institution, its desks and notices (snippets), and its contact settings for the site."""

from home.models import ContactPoint, Institution, InstitutionSettings, Notice

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
    existed = InstitutionSettings.objects.filter(site=site).exists()
    settings = InstitutionSettings.for_site(site)
    changed = assign(settings, data.SETTINGS)
    if changed:
        settings.full_clean()
        settings.save()
    tally.record(settings, UPDATED if changed else UNCHANGED)
    if not existed:
        tally.record(settings, CREATED)
    return settings
