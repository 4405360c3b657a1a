"""Pages read without a session may be kept by browsers for a minute and by the caching proxy for
five; anything personal (a signed-in editor, an applicant's session, a form, the admin) never."""

import pytest
from django.conf import settings
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils.cache import get_max_age

from enrolment.models import EnrolmentFormPage
from mops_site.cache_headers import CacheControlMiddleware

pytestmark = [pytest.mark.django_db, pytest.mark.demo]


def directives(response):
    return {part.strip() for part in response["Cache-Control"].split(",")}


def is_shared(response):
    return "public" in directives(response)


def is_never_stored(response):
    found = directives(response)
    return "no-store" in found and "public" not in found


@pytest.fixture
def form_url():
    return EnrolmentFormPage.objects.filter(locale__language_code="pl").live().first().url


@pytest.mark.parametrize("url", ["/", "/en/", "/uk/", "/programy/", "/search/?query=kurs"])
def test_a_public_page_may_be_kept_briefly_by_browsers_and_longer_by_the_proxy(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert is_shared(response)
    assert get_max_age(response) == settings.CACHE_CONTROL_MAX_AGE == 60
    assert f"s-maxage={settings.CACHE_CONTROL_SHARED_MAX_AGE}" in directives(response)


def test_a_programme_page_is_shared_and_carries_no_nonce(client, lesnica_programme):
    response = client.get(lesnica_programme.url)
    assert is_shared(response)
    # A nonce in a shared copy would be the same for every reader: public pages have none.
    assert "'nonce-" not in response["Content-Security-Policy"]


def test_an_address_that_leads_nowhere_is_shared_too(client):
    response = client.get("/nie-ma-takiej-strony/")
    assert response.status_code == 404
    assert is_shared(response)


def test_a_signed_in_editor_gets_pages_nobody_keeps(admin_client, lesnica_programme):
    assert is_never_stored(admin_client.get("/"))
    assert is_never_stored(admin_client.get(lesnica_programme.url))


def test_a_visitor_with_a_session_gets_pages_nobody_keeps(client, lesnica_programme):
    client.cookies[settings.SESSION_COOKIE_NAME] = "an-applicants-session"
    assert is_never_stored(client.get(lesnica_programme.url))


def test_form_pages_and_the_admin_are_never_kept(client, form_url):
    assert is_never_stored(client.get(form_url))
    assert is_never_stored(client.get("/admin/login/"))


def test_a_response_that_sets_a_cookie_or_carries_a_nonce_is_never_shared():
    def view_setting_a_cookie(request):
        response = HttpResponse("")
        response.set_cookie("csrftoken", "token")
        return response

    def view_with_a_nonce(request):
        response = HttpResponse("")
        response["Content-Security-Policy"] = "script-src 'self' 'nonce-abc'"
        return response

    request = RequestFactory().get("/")
    for view in (view_setting_a_cookie, view_with_a_nonce):
        assert is_never_stored(CacheControlMiddleware(view)(request))


def test_a_view_that_says_how_it_may_be_kept_keeps_its_word():
    def view(request):
        response = HttpResponse("")
        response["Cache-Control"] = "max-age=31536000, immutable"
        return response

    response = CacheControlMiddleware(view)(RequestFactory().get("/static/css/site.css"))
    assert response["Cache-Control"] == "max-age=31536000, immutable"
