"""iCalendar feeds (RFC 5545) of the editions' dates and enrolment windows, served by the pages
themselves at `<page>/calendar/`: a programme's own, and the programme list's for every live,
public programme under it (drafts and view-restricted programmes are not in it).

A resident or a social worker adds the address to a calendar app as a subscription; the app
fetches it again now and then (REFRESH-INTERVAL / X-PUBLISHED-TTL), so a change of dates shows
there without anyone visiting the site. A feed is in the language of the page that serves it:
names, summaries and descriptions in its words, dates and places from the source-language
editions (programmes.models.edition_facts), as on the pages. Each edition gives two all-day
events: its run (from its first to its last day) and, when it has one, its enrolment window.
Their UIDs are built from the edition's translation key, the kind of event and the language,
so they stay the same when dates, titles or the edition's position change (a calendar app
updates the event in place instead of adding another).

The responses are cached like pages (mops_site.cache_headers) and purged with the page that
serves them: the pages name these addresses in `get_cached_paths` (home.frontend_cache).

No models are imported here: the pages pass their programmes and editions in (programmes.models
imports this module).
"""

import datetime
from urllib.parse import urlsplit

import icalendar
from django.http import HttpResponse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext, ngettext
from wagtail.models import Page

from home import site_wide_parts

CONTENT_TYPE = "text/calendar; charset=utf-8"
# How often a subscribed calendar app should fetch the feed again.
REFRESH_INTERVAL = datetime.timedelta(hours=6)
ROUTE = "calendar/"


def programme_calendar(request, programme, editions):
    """The feed of one programme (a ProgrammePage) and its editions as its page shows them."""
    with translation.override(programme.locale.language_code):
        name = calendar_name(programme.title)
        return _response(request, programme, name, [(programme, editions)])


def site_calendar(request, index_page, programmes):
    """The feed of every programme listed under `index_page` (each with `editions_shown`)."""
    with translation.override(index_page.locale.language_code):
        institution = site_wide_parts.parts_for(request, index_page.locale_id).institution
        site_name = (institution.short_name or institution.name) if institution else ""
        name = calendar_name(f"{index_page.title} – {site_name}" if site_name else index_page.title)
        pairs = [(programme, programme.editions_shown) for programme in programmes]
        return _response(request, index_page, name, pairs)


def calendar_name(name):
    """The name a calendar app shows for the feed (also the pages' <link> title)."""
    return gettext("Dates and enrolments: %(name)s") % {"name": name}


def _response(request, page, name, programmes):
    feed = build_calendar(request, page, name, programmes)
    response = HttpResponse(feed.to_ical(), content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'inline; filename="{page.slug}.ics"'
    return response


def build_calendar(request, page, name, programmes):
    """An icalendar.Calendar: `programmes` is a list of (programme page, editions)."""
    language = translation.get_language()
    feed = icalendar.Calendar()
    feed.add("prodid", f"-//MOPS programmes//{language}")
    feed.add("version", "2.0")
    feed.add("calscale", "GREGORIAN")
    feed.add("method", "PUBLISH")
    feed.add("x-wr-calname", name)
    if getattr(page, "lead", ""):
        feed.add("x-wr-caldesc", page.lead)
    feed.add("refresh-interval", REFRESH_INTERVAL, parameters={"VALUE": "DURATION"})
    # An X- property has no known type: given as a duration, or it is written as "6:00:00".
    feed.add("x-published-ttl", icalendar.vDuration(REFRESH_INTERVAL))
    stamps = _last_published(programmes)
    for programme, editions in programmes:
        page_url = programme.get_full_url(request)
        if not page_url:
            continue
        host = urlsplit(page_url).hostname or "localhost"
        for edition in editions:
            stamp = stamps.get(_source_page_id(edition)) or timezone.now()
            for event in edition_events(edition, programme, page_url, host, language, stamp):
                feed.add_component(event)
    return feed


def edition_events(edition, programme, page_url, host, language, stamp):
    """The edition's run and, when it has one, its enrolment window, as all-day events."""
    edition_url = f"{page_url}#edition-{edition.pk}"
    places = ngettext("%(counter)s place", "%(counter)s places", edition.places) % {
        "counter": edition.places
    }
    enrolment = ""
    if edition.enrolment_opens_on and edition.enrolment_closes_on:
        enrolment = "{}: {} – {}".format(
            gettext("Enrolment"),
            formats.date_format(edition.enrolment_opens_on, "DATE_FORMAT"),
            formats.date_format(edition.enrolment_closes_on, "DATE_FORMAT"),
        )
    title = f"{programme.title} – {edition.label}"
    details = "\n".join(part for part in [title, edition.period, places, enrolment] if part)
    events = [
        _all_day_event(
            uid=f"{edition.translation_key}-edition-{language}@{host}",
            summary=title,
            description=f"{details}\n{edition_url}",
            first_day=edition.starts_on,
            last_day=edition.ends_on,
            url=edition_url,
            stamp=stamp,
        )
    ]
    if enrolment:
        events.append(
            _all_day_event(
                uid=f"{edition.translation_key}-enrolment-{language}@{host}",
                summary=gettext("Enrolment: %(programme)s – %(edition)s")
                % {"programme": programme.title, "edition": edition.label},
                description=f"{details}\n{edition_url}",
                first_day=edition.enrolment_opens_on,
                last_day=edition.enrolment_closes_on,
                url=edition_url,
                stamp=stamp,
            )
        )
    return events


def _all_day_event(*, uid, summary, description, first_day, last_day, url, stamp):
    event = icalendar.Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("last-modified", stamp)
    event.add("summary", summary)
    event.add("description", description)
    event.add("url", url)
    # All-day: DATE values, the end being the day after the last day (RFC 5545, 3.6.1).
    event.add("dtstart", first_day)
    event.add("dtend", last_day + datetime.timedelta(days=1))
    event.add("class", "PUBLIC")
    # A span of weeks is not time the subscriber is busy.
    event.add("transp", "TRANSPARENT")
    return event


def _source_page_id(edition):
    return getattr(edition, "source_page_id", None) or edition.programme_id


def _last_published(programmes):
    """When each page whose editions are shown was last published (the events' DTSTAMP): the
    source-language pages, whose editions carry the facts. One query."""
    ids = {_source_page_id(edition) for _programme, editions in programmes for edition in editions}
    if not ids:
        return {}
    return {
        pk: published.astimezone(datetime.UTC) if published else None
        for pk, published in Page.objects.filter(pk__in=ids).values_list("pk", "last_published_at")
    }
