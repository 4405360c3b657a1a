"""The JSON-LD of a programme page says how many places are left in each edition, as the page
does: `remainingAttendeeCapacity` on the edition's Event and `availability` on its Offer
(InStock, or SoldOut once applications go to the waiting list), in every language, counted on
the Polish edition, following each application at once; nothing where the page says nothing
(enrolment closed, or nobody counting). Read with extruct, as in
tests/test_programme_structured_data.py."""

import re

import extruct
import pytest

from enrolment import waiting_list
from enrolment.models import ApplicationStatus
from programmes import edition_annotations
from programmes.models.edition_facts import editions_of

from .builders import enrolment_closed_yesterday, publish_polish_edition
from .enrolment_world import programme_in_every_language, stored_application
from .once_per_module import built_once
from .page_text import visible_text

pytestmark = pytest.mark.django_db

IN_STOCK = "https://schema.org/InStock"
SOLD_OUT = "https://schema.org/SoldOut"


# Built once for the class below, and rolled back after its last test: not kept for the whole
# module, as its site takes the default site's place, and the demo's pages would have no address.
def two_places_in_every_language():
    """A programme whose one edition has 2 places and open enrolment, in pl, en and uk (no
    application yet)."""
    return programme_in_every_language(places=2)


kept_world, two_places = built_once(two_places_in_every_language, name="two_places", scope="class")


def service_and_html(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    html = response.content.decode()
    items = extruct.extract(html, base_url="http://localhost/", syntaxes=["json-ld"])["json-ld"]
    (service,) = [item for item in items if item.get("@type") == "GovernmentService"]
    return service, html


def offers_by_edition(service):
    return {
        int(offer["itemOffered"]["@id"].rsplit("#edition-", 1)[1]): offer
        for offer in service["offers"]
    }


def places_left_shown(html, edition):
    """The places left the edition's own "Places left" row shows (0 when none), or None."""
    start = html.index(f'aria-labelledby="edition-{edition.pk}"')
    article = html[start : html.index("</article>", start)]
    row = re.search(r'(?s)<div class="places-left">(.*?)</div>', article)
    if row is None:
        return None
    numbers = re.findall(r"\d+", visible_text(row[1]).split("(")[0])
    return int(numbers[0]) if numbers else 0


def assert_described(client, pages, edition, left):
    for page in pages:
        service, html = service_and_html(client, page)
        offer = offers_by_edition(service)[edition.pk]
        assert offer["itemOffered"]["remainingAttendeeCapacity"] == left, page.url
        assert offer["availability"] == (IN_STOCK if left else SOLD_OUT), page.url
        assert offer["itemOffered"]["maximumAttendeeCapacity"] == edition.places
        assert places_left_shown(html, edition) == left, page.url  # what the page itself says


class TestAProgrammeWithTwoPlaces:
    """A programme of the tests' own, built once for the class (`two_places`): a class, so that
    it is gone before the demo test below reads the demo's pages."""

    def test_the_json_ld_follows_each_application_in_every_language(self, client, two_places):
        site, pages = two_places
        assert_described(client, pages, site.edition, 2)
        first = stored_application(site)
        assert_described(client, pages, site.edition, 1)
        stored_application(site)
        assert_described(client, pages, site.edition, 0)  # sold out: the waiting list takes them
        assert stored_application(site).status == ApplicationStatus.WAITING_LIST
        assert_described(client, pages, site.edition, 0)

        waiting_list.change_status(first, ApplicationStatus.WITHDRAWN)  # the one waiting moves up
        assert_described(client, pages, site.edition, 0)

    def test_rejected_and_withdrawn_applications_free_their_place_in_the_json_ld(
        self, client, two_places
    ):
        site, pages = two_places
        first, second = stored_application(site), stored_application(site)
        waiting_list.change_status(first, ApplicationStatus.REJECTED)
        assert_described(client, pages, site.edition, 1)
        waiting_list.change_status(second, ApplicationStatus.WITHDRAWN)
        assert_described(client, pages, site.edition, 2)

    def test_no_places_left_are_published_once_enrolment_has_closed(self, client, two_places):
        site, pages = two_places
        stored_application(site)
        publish_polish_edition(site.programme, **enrolment_closed_yesterday())
        for page in pages:
            service, html = service_and_html(client, page)
            offer = offers_by_edition(service)[site.edition.pk]
            assert "remainingAttendeeCapacity" not in offer["itemOffered"]
            assert "availability" not in offer
            assert places_left_shown(html, site.edition) is None

    def test_without_anyone_counting_no_places_left_are_published(
        self, client, two_places, monkeypatch
    ):
        site, pages = two_places
        stored_application(site)
        monkeypatch.setattr(edition_annotations, "_ANNOTATIONS", {})
        for page in pages:
            service, _html = service_and_html(client, page)
            offer = offers_by_edition(service)[site.edition.pk]
            assert "remainingAttendeeCapacity" not in offer["itemOffered"]
            assert "availability" not in offer
            assert offer["itemOffered"]["maximumAttendeeCapacity"] == 2


@pytest.mark.demo
def test_every_demo_programme_page_publishes_the_places_left_it_shows(
    client, lesnica_programme, violence_programme
):
    shown_somewhere = False
    for polish in (lesnica_programme, violence_programme):
        counted = {edition.pk: edition for edition in editions_of(polish)}
        for page in [polish, *polish.get_translations().live().specific()]:
            service, html = service_and_html(client, page)
            for pk, offer in offers_by_edition(service).items():
                edition = counted[pk]
                left = places_left_shown(html, edition)
                assert offer["itemOffered"].get("remainingAttendeeCapacity") == left, page.url
                if left is not None:
                    shown_somewhere = True
                    assert left == edition_annotations.places_left(edition)
    assert shown_somewhere, "the demo's example editions are open for enrolment"
