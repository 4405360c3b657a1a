"""A resident or a social worker subscribes to a programme's calendar, or the whole site's, in
their language: the iCalendar feeds hold every edition's dates and enrolment window as all-day
events with stable UIDs, follow new dates in every language without re-syncing translations,
are linked from the pages, cached like pages and purged with them, and never list drafts or
private programmes."""

import datetime

import icalendar
import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from django.utils.translation import gettext
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.models import Locale

from home.frontend_cache import pages_showing
from programmes.models.edition_facts import editions_of

from .builders import publish_polish_edition
from .enrolment_world import hidden_programme, programme_in_every_language, small_site
from .factories import ProgrammePageFactory

pytestmark = pytest.mark.django_db

LANGUAGES = ["pl", "en", "uk"]
NEW_START = datetime.date(2041, 3, 2)
NEW_END = datetime.date(2042, 6, 30)
NEW_OPENS = datetime.date(2040, 11, 3)
NEW_CLOSES = datetime.date(2041, 1, 20)
DAY = datetime.timedelta(days=1)


def calendar_of(client, page):
    response = client.get(page.url + "calendar/")
    assert response.status_code == 200, (page.url, response.status_code)
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def events_of(feed):
    """{UID: (SUMMARY, first day, day after the last, URL)} of the feed's events."""
    return {
        str(event["UID"]): (
            str(event["SUMMARY"]),
            event.decoded("DTSTART"),
            event.decoded("DTEND"),
            str(event["URL"]),
        )
        for event in feed.walk("VEVENT")
    }


def in_every_language(page):
    return [
        page.get_translation(Locale.objects.get(language_code=code)).specific for code in LANGUAGES
    ]


def expected_events(page):
    """What a feed in the page's language must hold for the programme: each edition's run and
    its enrolment window, dates from the source language, words from the page's."""
    found = {}
    for edition in editions_of(page):
        run = f"{edition.translation_key}-edition-{page.locale.language_code}@localhost"
        found[run] = (edition.starts_on, edition.ends_on + DAY)
        if edition.enrolment_opens_on:
            window = f"{edition.translation_key}-enrolment-{page.locale.language_code}@localhost"
            found[window] = (edition.enrolment_opens_on, edition.enrolment_closes_on + DAY)
    return found


def dates_of(events):
    return {uid: (first, after) for uid, (_summary, first, after, _url) in events.items()}


# The demo -----------------------------------------------------------------------------------


@pytest.mark.demo
def test_each_demo_programme_calendar_holds_its_editions_and_enrolments_in_every_language(
    client, lesnica_programme, violence_programme
):
    for polish in (lesnica_programme, violence_programme):
        for page in in_every_language(polish):
            feed = calendar_of(client, page)
            assert page.title in str(feed["X-WR-CALNAME"])
            events = events_of(feed)
            assert dates_of(events) == expected_events(page), page.url
            for summary, _first, _after, url in events.values():
                assert page.title in summary  # in the feed's language
                assert url.startswith(page.full_url + "#edition-")
            for event in feed.walk("VEVENT"):
                assert "DTSTAMP" in event
                # All-day events: dates, not times.
                assert type(event.decoded("DTSTART")) is datetime.date


@pytest.mark.demo
def test_the_demo_enrolment_windows_are_in_the_calendars(
    client, lesnica_programme, programme_index
):
    """The demo's example edition is open for enrolment from the day it was built."""
    windows = [
        edition
        for edition in editions_of(lesnica_programme)
        if edition.is_enrolment_open(timezone.localdate())
    ]
    assert windows
    for page in in_every_language(lesnica_programme):
        events = events_of(calendar_of(client, page))
        for edition in windows:
            uid = f"{edition.translation_key}-enrolment-{page.locale.language_code}@localhost"
            assert events[uid][1:3] == (
                edition.enrolment_opens_on,
                edition.enrolment_closes_on + DAY,
            )
    for index in in_every_language(programme_index):
        events = events_of(calendar_of(client, index))
        for edition in windows:
            assert (
                f"{edition.translation_key}-enrolment-{index.locale.language_code}@localhost"
                in (events)
            )


@pytest.mark.demo
def test_the_site_calendar_holds_every_demo_programme_in_each_language(
    client, programme_index, lesnica_programme, violence_programme
):
    for index in in_every_language(programme_index):
        code = index.locale.language_code
        feed = calendar_of(client, index)
        expected = {}
        for polish in (lesnica_programme, violence_programme):
            expected.update(expected_events(polish.get_translation(index.locale).specific))
        assert dates_of(events_of(feed)) == expected, code
        assert index.title in str(feed["X-WR-CALNAME"])


@pytest.mark.demo
def test_the_pages_link_to_their_calendars(client, programme_index, lesnica_programme):
    for page in in_every_language(lesnica_programme) + in_every_language(programme_index):
        html = client.get(page.url).content.decode()
        address = page.url + "calendar/"
        assert '<link rel="alternate" type="text/calendar"' in html
        assert f'href="{address}"' in html
        assert f'<a href="{address}" type="text/calendar">' in html  # visible


# Cached like pages, purged with them --------------------------------------------------------


def test_a_calendar_is_cached_like_a_page_and_purged_with_its_programme(client):
    site = small_site(sensitive=False)
    response = client.get(site.programme.url + "calendar/")
    assert response["Cache-Control"] == client.get(site.programme.url)["Cache-Control"]
    assert "public" in response["Cache-Control"]

    batch = PurgeBatch()
    batch.add_pages(pages_showing(site.programme))
    assert site.programme.full_url + "calendar/" in batch.urls
    assert site.programme_index.full_url + "calendar/" in batch.urls


# New dates in every language ----------------------------------------------------------------


def test_new_dates_show_in_every_language_with_the_same_uids(client):
    site, pages = programme_in_every_language()
    lists = [page.get_parent().specific for page in pages]
    before = {page.url: events_of(calendar_of(client, page)) for page in pages + lists}

    publish_polish_edition(
        site.programme,
        starts_on=NEW_START,
        ends_on=NEW_END,
        enrolment_opens_on=NEW_OPENS,
        enrolment_closes_on=NEW_CLOSES,
    )

    for page in pages + lists:  # no translation was synchronised again
        after = events_of(calendar_of(client, page))
        assert set(after) == set(before[page.url]), page.url  # the same events, updated
        dates = {(first, day_after) for _summary, first, day_after, _url in after.values()}
        assert dates == {(NEW_START, NEW_END + DAY), (NEW_OPENS, NEW_CLOSES + DAY)}, page.url


# Only what readers may see ------------------------------------------------------------------


def test_drafts_and_private_programmes_are_not_in_the_site_calendar(client):
    site = small_site(sensitive=False)
    index = site.programme_index

    hidden_programme(index, "draft")
    private = hidden_programme(index, "login")

    summaries = [summary for summary, *_rest in events_of(calendar_of(client, index)).values()]
    assert summaries
    assert all(site.programme.title in summary for summary in summaries), summaries

    response = client.get(private.url + "calendar/")
    assert response.status_code == 302  # to the sign-in page
    assert not response["Content-Type"].startswith("text/calendar")


def test_a_draft_programme_has_no_calendar(client):
    site = small_site(sensitive=False)
    site.programme.unpublish()
    response = client.get(f"{site.programme_index.url}{site.programme.slug}/calendar/")
    assert response.status_code == 404


def test_no_programme_can_take_the_calendar_address():
    site = small_site(sensitive=False)
    programme = ProgrammePageFactory.build(title="Kalendarz", slug="calendar")
    with pytest.raises(ValidationError) as refused:
        site.programme_index.add_child(instance=programme)
    with translation.override("pl"):  # the editors' language
        expected = gettext("This address is taken by the calendar of editions. Choose another.")
    assert refused.value.message_dict["slug"] == [expected]
