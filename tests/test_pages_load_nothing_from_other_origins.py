"""No page makes a request to another origin (no web fonts, scripts or images from third parties),
and the site sets no cookie that is not strictly necessary: none on an anonymous visit to a page
without a form, only the CSRF cookie on the enrolment form. So the site needs no consent banner,
and a reader who is watched leaves no trace with anyone else.

The sweeps over every page of every type read the demo site (marked `demo`); the other tests
build a small site of their own."""

import re

import pytest
from django.test import Client
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from wagtail.models import Page

from enrolment.models import EnrolmentFormPage
from programmes.models import ProgrammePage

from .browser import fill_in_application, send_form
from .enrolment_helpers import edition, open_enrolment
from .enrolment_world import translated
from .factories import publish
from .security_factories import ContentPageFactory, site_home, small_site

pytestmark = pytest.mark.django_db

LANGUAGES = ["pl", "en", "uk"]


def every_page():
    """Every published page of every type in every language."""
    return Page.objects.live().public().filter(depth__gt=1).specific().order_by("path")


def search_paths(query="KomPAS"):
    paths = []
    for language in LANGUAGES:
        with translation.override(language):
            search = reverse("search")
        paths += [search, f"{search}?query={query}", f"{search}?query=zzzyxw"]
    return paths


def is_form(page):
    return isinstance(page, EnrolmentFormPage)


def assert_sets_no_cookie(client, paths):
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        assert not response.cookies, f"{path} sets {list(response.cookies)}"
        assert "Set-Cookie" not in response.headers, path


# Requests made by a browser --------------------------------------------------------------------


@pytest.fixture(scope="module")
def site(demo_server):
    open_enrolment(edition("KomPAS", 2))
    return demo_server


@pytest.mark.demo  # every page type, as the demo has them all
def test_every_page_type_requests_only_its_own_origin(site, chromium):
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    page = context.new_page()
    requests = []
    page.on("request", lambda request: requests.append((page.url, request.url)))
    try:
        paths = [shown.url for shown in every_page() if not is_form(shown)] + search_paths()
        for path in paths:
            page.goto(site.url + path)
        assert context.cookies() == [], "a page without a form sets a cookie"

        programme = ProgrammePage.objects.get(locale__language_code="pl", eu_project__name="KomPAS")
        form = EnrolmentFormPage.objects.child_of(programme).live().get()
        page.goto(site.url + form.url)
        assert {cookie["name"] for cookie in context.cookies()} == {"csrftoken"}
        send_form(page)  # empty: the form again, with its errors
        fill_in_application(page)
        send_form(page)
        assert page.url.endswith("/confirmation/")
        # The session carries the reference from the form to the confirmation page, and ends
        # when the browser closes: an applicant who may be watched leaves no lasting trace.
        cookies = {cookie["name"]: cookie for cookie in context.cookies()}
        assert set(cookies) <= {"csrftoken", "sessionid"}
        assert cookies["sessionid"]["expires"] == -1
    finally:
        context.close()

    assert len(requests) > 30
    elsewhere = sorted(
        {(url, on) for on, url in requests if not url.startswith(site.url + "/")},
        key=str,
    )
    assert not elsewhere, "Requests to other origins:\n" + "\n".join(
        f"{url} (from {on})" for url, on in elsewhere
    )


# Cookies set on an anonymous visit ----------------------------------------------------------


@pytest.mark.demo  # every page type in every language, as the demo has them all
def test_no_page_of_the_demo_without_a_form_sets_a_cookie(client):
    pages = [page for page in every_page() if not is_form(page)]
    assert {type(page).__name__ for page in pages} >= {
        "HomePage",
        "ProgrammeIndexPage",
        "ProgrammePage",
        "ContentPage",
    }
    paths = [page.url for page in pages] + search_paths()
    programme_list = next(page for page in pages if type(page).__name__ == "ProgrammeIndexPage")
    paths.append(programme_list.url + "?status=running")  # the list's filters are a GET form
    assert_sets_no_cookie(client, paths)


def test_no_page_without_a_form_sets_a_cookie(client):
    site = small_site()
    content_page = publish(ContentPageFactory(parent=site.home))
    pages = [site.home, site.programme_index, site.programme, content_page]
    paths = [page.url for page in pages] + search_paths(site.programme.title)
    paths.append(site.programme_index.url + "?status=running")  # a GET form's filters
    assert_sets_no_cookie(client, paths)


def test_the_enrolment_form_sets_only_the_csrf_cookie(client):
    polish_form = small_site().form
    forms = [polish_form] + [translated(polish_form, code) for code in LANGUAGES[1:]]
    assert {form.locale.language_code for form in forms} == set(LANGUAGES)
    for form in forms:
        response = client.get(form.url)
        assert response.status_code == 200, form.url
        assert 'name="csrfmiddlewaretoken"' in response.content.decode(), form.url
        assert set(response.cookies) == {"csrftoken"}, form.url
        client.cookies.clear()


def test_searching_needs_no_csrf_token_and_the_search_forms_send_none():
    strict = Client(enforce_csrf_checks=True)
    home = strict.get(site_home().url).content.decode()
    search_form = re.search(r'<form class="search-form".*?</form>', home, re.S).group(0)
    assert 'method="get"' in search_form
    assert "csrfmiddlewaretoken" not in search_form
    response = strict.get("/search/", {"query": "WenDo"})
    assert response.status_code == 200
    assert not response.cookies


def test_the_language_switcher_is_links_not_djangos_set_language_form(client):
    with pytest.raises(NoReverseMatch):
        reverse("set_language")  # the i18n view that would store the choice in a cookie
    home = site_home()
    for code in LANGUAGES[1:]:
        translated(home, code)
    html = client.get(home.url).content.decode()
    switcher = re.search(r'<nav class="language-links".*?</nav>', html, re.S).group(0)
    assert "<form" not in switcher
    assert switcher.count("<a href=") == len(LANGUAGES)
