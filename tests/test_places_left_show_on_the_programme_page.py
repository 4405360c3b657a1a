"""A resident reading a programme page sees how many of an edition's places are left while its
enrolment is open or yet to open ("Places left: 2 of 3", as of when), in every language, counted
on the Polish edition that applications point at; a full edition says that applications go to
the waiting list. Withdrawn and rejected applications free their place; waiting ones take none.
The number is never kept in a fragment across applications, is the one query a warm page makes
about its editions, and the caching proxy's copy of the page is purged when the last place is
taken or a place frees in a full edition, and only then (the proxy is tests/recording_proxy.py)."""

import datetime
import re
from urllib.parse import urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from django.utils.translation import gettext

from enrolment import waiting_list
from enrolment.models import Application, ApplicationStatus
from programmes import edition_annotations

from .builders import enrolment_closed_yesterday, publish_polish_edition
from .enrolment_world import programme_in_every_language, stored_application
from .once_per_module import built_once
from .page_text import visible_text

pytestmark = pytest.mark.django_db

LANGUAGES = ["pl", "en", "uk"]


def build_world():
    """A programme whose one edition has 3 places and open enrolment, in pl, en and uk (the
    translations made with wagtail-localize, as a translator makes them): (site, pages)."""
    return programme_in_every_language(places=3)


# The module's programme with 3 places (a copy of the test's own; no application yet).
kept_world, three_places = built_once(build_world, name="three_places")


def page_html(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    return response.content.decode()


def edition_article(html, edition):
    start = html.index(f'aria-labelledby="edition-{edition.pk}"')
    return html[start : html.index("</article>", start)]


def places_left_rows(html):
    """The visible text of every "Places left" row of the page (at a glance, then each edition)."""
    rows = re.findall(r'(?s)<div class="places-left">(.*?)</div>', html)
    return [visible_text(row) for row in rows]


def words(language, left, places):
    """What the row says in `language`: its label, then "2 of 3" or that none are left."""
    with translation.override(language):
        if left:
            said = gettext("%(left)s of %(places)s") % {"left": left, "places": places}
        else:
            said = gettext("No places left: applications go to the waiting list.")
        return gettext("Places left"), said


def assert_shows(client, pages, left, places):
    for page in pages:
        html = page_html(client, page)
        label, said = words(page.locale.language_code, left, places)
        rows = places_left_rows(html)
        assert len(rows) == 2, (page.url, rows)  # at a glance, and the edition itself
        for row in rows:
            assert row.startswith(f"{label} {said}"), (page.url, row)


# What the page shows --------------------------------------------------------------------------


def test_places_left_fall_with_each_application_in_every_language(client, three_places):
    site, pages = three_places
    assert_shows(client, pages, 3, 3)  # every page seen once: its fragments are kept

    stored_application(site)
    assert_shows(client, pages, 2, 3)
    stored_application(site)
    assert_shows(client, pages, 1, 3)


def test_a_visitor_of_the_form_leaves_the_programme_page_its_places_left(client, three_places):
    """The form shows no places left and reads none (its editions are kept without them): the
    programme page read after it, from the same kept editions, still counts them."""
    site, pages = three_places
    assert_shows(client, pages, 3, 3)
    stored_application(site)
    for _ in range(2):  # the second view reads the form's editions as kept
        with CaptureQueriesContext(connection) as queries:
            response = client.get(site.form.url)
        assert response.status_code == 200
        assert places_left_rows(response.content.decode()) == []
    assert not [q["sql"] for q in queries if "enrolment_application" in q["sql"]]
    assert_shows(client, pages, 2, 3)


def test_a_translated_page_counts_the_polish_editions_applications(client, three_places):
    """Applications point at the Polish edition; the translation's copy of it has none."""
    site, pages = three_places
    stored_application(site)
    copies = {page.locale.language_code: page.editions.get() for page in pages[1:]}
    assert not Application.objects.filter(edition__in=copies.values()).exists()
    for page in pages:
        (edition,) = page.get_editions()
        assert edition.pk == site.edition.pk
        assert edition_annotations.places_left(edition) == 2


def test_a_full_edition_says_applications_go_to_the_waiting_list(client, three_places):
    site, pages = three_places
    for _ in range(3):
        stored_application(site)
    assert_shows(client, pages, 0, 3)

    late = stored_application(site)
    assert late.status == ApplicationStatus.WAITING_LIST
    assert_shows(client, pages, 0, 3)  # never below none
    for page in pages:
        article = visible_text(edition_article(page_html(client, page), site.edition))
        assert words(page.locale.language_code, 0, 3)[1] in article


def test_withdrawn_and_rejected_applications_free_their_place(client, three_places):
    site, pages = three_places
    first, second, _third = (
        stored_application(site),
        stored_application(site),
        stored_application(site),
    )
    assert_shows(client, pages, 0, 3)

    waiting_list.change_status(first, ApplicationStatus.WITHDRAWN)
    assert_shows(client, pages, 1, 3)
    waiting_list.change_status(second, ApplicationStatus.REJECTED)
    assert_shows(client, pages, 2, 3)


def test_a_place_freed_goes_to_the_waiting_list_and_the_edition_stays_full(client, three_places):
    site, pages = three_places
    first, _second, _third = (
        stored_application(site),
        stored_application(site),
        stored_application(site),
    )
    waiting = stored_application(site)
    waiting_list.change_status(first, ApplicationStatus.WITHDRAWN)
    waiting.refresh_from_db()
    assert waiting.status == ApplicationStatus.PLACE_OFFERED
    assert_shows(client, pages, 0, 3)


def test_the_page_says_when_it_counted(client, three_places):
    site, _pages = three_places
    before = timezone.now().replace(microsecond=0)
    html = page_html(client, site.programme)
    row = re.findall(r'(?s)<div class="places-left">(.*?)</div>', html)[-1]
    counted_at = datetime.datetime.fromisoformat(re.search(r'<time datetime="([^"]+)"', row)[1])
    assert before <= counted_at <= timezone.now()
    assert f"{timezone.localtime(counted_at):%H:%M}" in visible_text(row)


def test_places_left_are_shown_while_enrolment_is_yet_to_open(client, three_places):
    site, pages = three_places
    today = timezone.localdate()
    publish_polish_edition(
        site.programme,
        enrolment_opens_on=today + datetime.timedelta(days=5),
        enrolment_closes_on=today + datetime.timedelta(days=20),
    )
    assert_shows(client, pages, 3, 3)


def test_nothing_is_said_of_places_left_once_enrolment_has_closed(client, three_places):
    site, pages = three_places
    stored_application(site)
    publish_polish_edition(site.programme, **enrolment_closed_yesterday())
    for page in pages:
        html = page_html(client, page)
        assert places_left_rows(html) == []
        with translation.override(page.locale.language_code):
            assert gettext("Places") in visible_text(edition_article(html, site.edition))


def test_without_enrolment_nothing_is_said_of_places_left(client, three_places, monkeypatch):
    """Where no app counts the places taken, they are unknown: not shown as all free."""
    site, pages = three_places
    monkeypatch.setattr(edition_annotations, "_ANNOTATIONS", {})
    for page in pages:
        assert places_left_rows(page_html(client, page)) == []


# What it costs ----------------------------------------------------------------------------------


def queries_to_render(client, page):
    for _ in range(2):  # caches warm, as for the readers after the first ones
        client.get(page.url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(page.url).status_code == 200
    return [query["sql"] for query in captured]


def test_counting_places_left_is_the_one_query_a_warm_page_makes_about_its_editions(
    client, three_places
):
    """The editions themselves are kept until one is saved (programmes.models.edition_facts);
    their places taken are counted afresh for every reader, in one query for them all."""
    site, pages = three_places
    for _ in range(4):
        stored_application(site)
    for page in pages:
        about_editions = [sql for sql in queries_to_render(client, page) if "edition" in sql]
        assert len(about_editions) == 1, about_editions
        assert "enrolment_application" in about_editions[0]


# What the caching proxy is told ------------------------------------------------------------------


def paths_of(pages):
    return {urlsplit(page.full_url).path for page in pages}


def test_the_proxy_forgets_the_page_when_the_last_place_is_taken_and_only_then(
    proxy, three_places, django_capture_on_commit_callbacks
):
    site, pages = three_places
    proxy.purged.clear()
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            stored_application(site)
    assert proxy.paths() == set(), "places were left: the proxy keeps its copy a few minutes"

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        stored_application(site)
        assert proxy.paths() == set(), "not before the commit"
    assert callbacks
    assert proxy.paths() == paths_of(pages)

    proxy.purged.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert stored_application(site).status == ApplicationStatus.WAITING_LIST
    assert proxy.paths() == set(), "full before, full after"


def test_the_proxy_forgets_the_page_when_a_place_frees_in_a_full_edition(
    proxy, three_places, django_capture_on_commit_callbacks
):
    site, pages = three_places
    first, second, third = (
        stored_application(site),
        stored_application(site),
        stored_application(site),
    )
    waiting = stored_application(site)
    proxy.purged.clear()

    # The freed place goes to the one waiting: the edition stays full.
    with django_capture_on_commit_callbacks(execute=True):
        waiting_list.change_status(first, ApplicationStatus.WITHDRAWN)
    waiting.refresh_from_db()
    assert waiting.status == ApplicationStatus.PLACE_OFFERED
    assert proxy.paths() == set()

    # Nobody is waiting now: the place stays free, and the page says so at once.
    with django_capture_on_commit_callbacks(execute=True):
        waiting_list.change_status(second, ApplicationStatus.REJECTED)
    assert proxy.paths() == paths_of(pages)

    # One more place free in an edition that was not full: the proxy keeps its copy.
    proxy.purged.clear()
    with django_capture_on_commit_callbacks(execute=True):
        waiting_list.change_status(third, ApplicationStatus.WITHDRAWN)
    assert proxy.paths() == set()

    # A coordinator giving a place back fills the edition again: purged.
    with django_capture_on_commit_callbacks(execute=True):
        waiting_list.change_status(third, ApplicationStatus.CONTACTED)
    assert proxy.paths() == set()
    with django_capture_on_commit_callbacks(execute=True):
        waiting_list.change_status(second, ApplicationStatus.NEW)
    assert proxy.paths() == paths_of(pages)


def test_places_freed_together_in_a_full_edition_purge_its_page(
    proxy, three_places, django_capture_on_commit_callbacks
):
    site, pages = three_places
    first, second, _third = (
        stored_application(site),
        stored_application(site),
        stored_application(site),
    )
    waiting = stored_application(site)
    # Two places freed at once (deleted together, say), then the waiting list is looked at.
    Application.objects.filter(pk__in=[first.pk, second.pk]).delete()
    proxy.purged.clear()

    with django_capture_on_commit_callbacks(execute=True):
        moved_up = waiting_list.offer_places_of(site.edition.pk)

    assert moved_up == [waiting]
    # It was full and now has a place left: the page must say so at once.
    assert proxy.paths() == paths_of(pages)
