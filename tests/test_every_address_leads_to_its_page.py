"""Every published page is found at its address in every language, a page's own sub-addresses
(a feed, a form's confirmation) still answer, and an address that leads nowhere is a 404."""

import pytest
from django.test import RequestFactory
from django.utils import translation
from wagtail.models import Page, Site

from enrolment.models import EnrolmentFormPage

pytestmark = [pytest.mark.django_db, pytest.mark.demo]


def route(path, language="pl"):
    """The page and view arguments Wagtail's routing finds for an address."""
    request = RequestFactory().get(path)
    with translation.override(language):
        return Page.route_for_request(request, path)


def test_every_live_page_is_found_at_its_address(client):
    pages = Page.objects.live().filter(depth__gt=1).specific()
    assert len(pages) > 30
    for page in pages:
        url = page.get_url()
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.context["page"].pk == page.pk, url


def test_a_routed_page_is_specific_and_knows_the_rest_of_its_address(lesnica_programme):
    page, args, _kwargs = route(lesnica_programme.url)
    assert type(page) is type(lesnica_programme) and page.pk == lesnica_programme.pk
    if args:  # a routable page says which of its own views answers
        assert args[0].__name__ == "index_route"


def test_sub_addresses_of_routable_pages_still_answer(client, lesnica_programme):
    feed = client.get(lesnica_programme.url + "feed/")
    assert feed.status_code == 200
    assert feed["Content-Type"].startswith("application/atom+xml")
    form = EnrolmentFormPage.objects.child_of(lesnica_programme).live().first()
    # Without an application in the session the confirmation sends the reader back to the form.
    confirmation = client.get(form.url + "confirmation/")
    assert confirmation.status_code == 302
    assert confirmation["Location"] == form.url


@pytest.mark.parametrize(
    "path",
    [
        "/nie-ma-takiej/",
        "/programy/nie-ma-takiego/",
        "/programy/pal-lesnica/nie-ma-takiej/",
        "/programy/pal-lesnica/feed/nie-ma/",
        "/en/programy/nie-ma-takiego/",
    ],
)
def test_an_address_that_leads_nowhere_is_not_found(client, path):
    assert client.get(path).status_code == 404


def test_a_draft_page_is_not_found_but_its_live_parent_is(client, lesnica_programme):
    lesnica_programme.unpublish()
    assert client.get(lesnica_programme.url).status_code == 404
    assert client.get(lesnica_programme.get_parent().url).status_code == 200
    assert Site.objects.get(is_default_site=True).root_page.live
