"""The error pages (400, 403 for a form the CSRF check refused, 500, 503) keep "Leave this page"
at the top and the contact help after the page's text, where every other page has them, and read
no database to show them: a person who may be watched can leave from an error too, and knows
whom to call."""

import pytest
from django.middleware.csrf import REASON_BAD_ORIGIN, REASON_NO_CSRF_COOKIE
from django.test import RequestFactory, override_settings
from django.urls import resolve
from wagtail.models import Site

from home.models import InstitutionSettings, SafetySettings
from home.models.safety import DEFAULT_QUICK_EXIT_URL
from mops_site.error_views import bad_request, csrf_failure, server_error, service_unavailable
from mops_site.request_checks import ControlCharacterInRequest

pytestmark = pytest.mark.django_db

FALLBACK = "71 000 00 00"


def error_pages(request_factory):
    request = request_factory.get("/programy/")

    def unexpected():
        try:
            raise ValueError("a fault in the code")
        except ValueError:
            return server_error(request)

    sent = request_factory.post("/programy/")
    return {
        "400": lambda: bad_request(request, ControlCharacterInRequest()),
        "403": lambda: csrf_failure(sent, REASON_NO_CSRF_COOKIE),
        "500": unexpected,
        "503": lambda: service_unavailable(request),
    }


def exit_and_help(response):
    html = response.content.decode()
    main_ends = html.index("</main>")
    exit_link = html.index("data-quick-exit")
    return {
        "exit before the text": exit_link < html.index("<main"),
        "help after the text": html.find('id="contact-us"', main_ends) > main_ends,
    }


@override_settings(FALLBACK_CONTACT_PHONE=FALLBACK)
def test_every_error_page_has_the_exit_and_the_help_without_the_database(
    django_assert_num_queries,
):
    for status, render in error_pages(RequestFactory()).items():
        with django_assert_num_queries(0):
            response = render()
        assert response.status_code == int(status)
        assert exit_and_help(response) == {
            "exit before the text": True,
            "help after the text": True,
        }, status
        html = response.content.decode()
        assert f'href="{DEFAULT_QUICK_EXIT_URL}"' in html, status
        assert FALLBACK in html, status


@override_settings(FALLBACK_CONTACT_PHONE=FALLBACK)
def test_error_pages_use_the_exit_and_phone_that_pages_last_read():
    site = Site.objects.get(is_default_site=True)
    safety = SafetySettings.for_site(site)
    safety.quick_exit_url = "https://pogoda.example.org/"
    safety.save()
    institution = InstitutionSettings.for_site(site)
    institution.phone = "71 782 23 00"
    institution.save()
    # A page read them (and so put them in the cache) before the fault.
    SafetySettings.for_site(site)
    InstitutionSettings.for_site(site)

    for status, render in error_pages(RequestFactory()).items():
        html = render().content.decode()
        assert 'href="https://pogoda.example.org/"' in html, status
        if status != "400":  # a refused request is answered before any cache is read
            assert "71 782 23 00" in html, status


def posted(address):
    """A POST to `address`, resolved as the CSRF check sees it (after URL resolution)."""
    request = RequestFactory().post(address)
    request.resolver_match = resolve(address)
    return request


def test_a_form_refused_for_its_missing_cookie_says_so_in_the_visitors_language():
    form_address = "/uk/programy/pal-lesnica/zgloszenie/"
    response = csrf_failure(posted(form_address), REASON_NO_CSRF_COOKIE)
    assert response.status_code == 403
    html = response.content.decode()
    assert '<html lang="uk">' in html
    assert "Вашу заявку НЕ надіслано" in html  # "Your application was NOT sent"
    assert "блокує кукі" in html  # why: the browser blocks cookies
    assert f'<a href="{form_address}">' in html  # the form again, to fill in and send
    assert "CSRF" not in html


def test_a_form_refused_for_another_reason_does_not_blame_blocked_cookies():
    response = csrf_failure(posted("/programy/"), REASON_BAD_ORIGIN)
    html = response.content.decode()
    assert "Twoje zgłoszenie NIE zostało wysłane" in html
    assert "blokuje ciasteczka" not in html  # neither as the cause nor in the advice
    assert "zostały usunięte lub zmienione" in html  # deleted or changed while open


def test_an_admin_form_refused_is_not_called_an_application():
    response = csrf_failure(posted("/admin/login/"), REASON_NO_CSRF_COOKIE)
    html = response.content.decode()
    assert "NIE zostało zapisane" in html  # "What you sent was NOT saved"
    assert "zgłoszenie" not in html
    assert 'href="/admin/login/"' not in html  # a POST-only address is not offered as a link


def test_a_refused_page_password_is_not_called_an_application():
    # Wagtail's form for a page behind a password, the public site's one other form.
    response = csrf_failure(posted("/_util/authenticate_with_password/1/2/"), REASON_BAD_ORIGIN)
    assert "NIE zostało zapisane" in response.content.decode()  # "What you sent was NOT saved"


@override_settings(FALLBACK_CONTACT_PHONE=FALLBACK)
def test_the_500_page_gives_the_exit_and_the_help_in_the_language_of_the_address():
    def unexpected(address):
        try:
            raise ValueError("a fault in the code")
        except ValueError:
            return server_error(RequestFactory().get(address)).content.decode()

    ukrainian = unexpected("/uk/programy/")
    assert '<aside class="quick-exit" aria-label="Вийти зі сторінки" lang="uk">' in ukrainian
    assert '<footer class="site-footer" id="contact-us" lang="uk">' in ukrainian
    assert "Зв’яжіться з нами" in ukrainian  # "Contact us"
    polish = unexpected("/programy/")
    assert '<aside class="quick-exit" aria-label="Wyjdź ze strony">' in polish
    assert '<html lang="pl">' in ukrainian and '<html lang="pl">' in polish  # the text's first
