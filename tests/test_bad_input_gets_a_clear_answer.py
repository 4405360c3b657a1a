"""Input the site cannot take (control characters, a body in another charset, a form over the
request limits) gets a 400 page in the site's design and the visitor's language, never a 5xx;
what people really type, and what the admin's page editor sends, still passes."""

import json
import re
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.urls import reverse
from wagtail.models import Page

from enrolment.models import Application

from .admin_forms import page_form_data
from .admin_helpers import make_superuser
from .enrolment_helpers import submit, valid_answers
from .factories import publish
from .once_per_module import built_once
from .security_factories import small_site

# Every test gets its own copy of the module's site, even a test that does not name it: once
# built it is the default site until the module ends, so the tests that only search run on it too,
# whichever test comes first.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("own_site")]

FORM = "application/x-www-form-urlencoded"
DIAGNOSIS = "<p>Pierwszy akapit diagnozy.</p><p>Drugi akapit, <b>z pogrubieniem</b>.</p>"


def build_site():
    """A small site whose programme is for people at risk: its form also asks when it is safe to
    get in touch."""
    return small_site(sensitive=True)


kept_world, own_site = built_once(build_site, name="own_site")


@pytest.fixture
def open_form(own_site):
    return own_site.form, own_site.edition


def assert_clear_refusal(response, language="pl"):
    """A 400 page that looks like the site (its styles, landmarks, a way home) in `language`."""
    html = response.content.decode()
    assert response.status_code == 400, (response.status_code, html[:500])
    assert f'<html lang="{language}">' in html
    assert '<main id="main-content"' in html
    assert "/static/css/site.css" in html
    home = "/" if language == settings.LANGUAGE_CODE else f"/{language}/"
    assert f'href="{home}"' in html
    assert re.search(r"<h1>[^<]+</h1>", html)


def text_of(html):
    return re.sub(r"<[^>]+>", "", html)


@pytest.mark.parametrize("query", ["%00", "pomoc%00", "%01", "%1B%5B31m"])
def test_a_search_with_control_characters_is_refused_clearly(client, query):
    assert_clear_refusal(client.get(f"/search/?query={query}"))


@pytest.mark.parametrize("language", ["en", "uk"])
def test_the_refusal_speaks_the_language_of_the_address(client, language):
    assert_clear_refusal(client.get(f"/{language}/search/?query=%00"), language)


def test_an_ordinary_search_still_answers(client):
    assert client.get("/search/?query=pomoc").status_code == 200


@pytest.mark.parametrize("parameter", ["status", "target_group", "page"])
def test_programme_list_filters_with_a_nul_are_refused_clearly(client, own_site, parameter):
    programme_list = own_site.programme_index.url
    assert client.get(programme_list, {"status": "open"}).status_code == 200
    assert_clear_refusal(client.get(f"{programme_list}?{parameter}=x%00"))


def test_a_nul_in_the_address_itself_is_refused_clearly(client):
    assert_clear_refusal(client.get("/program%00/"))


def test_a_control_character_in_any_field_of_the_enrolment_form_is_refused(client, open_form):
    page, chosen = open_form
    answers = valid_answers(page, chosen)
    for name, value in answers.items():
        poisoned = [f"{item}\x00" for item in value] if isinstance(value, list) else f"{value}\x00"
        assert_clear_refusal(submit(client, page, {**answers, name: poisoned}))
        assert_clear_refusal(submit(client, page, {**answers, name: value, f"{name}\x07": "1"}))
    assert not Application.objects.exists()


def test_tabs_and_line_breaks_that_people_type_are_accepted(client, open_form):
    page, chosen = open_form
    answers = valid_answers(
        page, chosen, safe_contact="Tylko rano,\r\nbez SMS-ów.\tNie zostawiać wiadomości."
    )
    assert submit(client, page, answers).status_code == 302
    assert Application.objects.count() == 1


@pytest.mark.parametrize("charset", ["utf-16", "iso-8859-1", "windows-1250", "no-such-charset"])
def test_a_form_sent_in_another_charset_is_refused_clearly(client, open_form, charset):
    page, chosen = open_form
    body = urlencode(valid_answers(page, chosen), doseq=True)
    encoding = charset if charset != "no-such-charset" else "utf-8"
    # generic(): the body goes as these bytes, not re-encoded by the test client.
    response = client.generic(
        "POST", page.url, body.encode(encoding), content_type=f"{FORM}; charset={charset}"
    )
    assert_clear_refusal(response)
    assert not Application.objects.exists()


def test_a_form_declared_in_utf8_is_taken(client, open_form):
    page, chosen = open_form
    body = urlencode(valid_answers(page, chosen), doseq=True)
    response = client.post(page.url, body.encode(), content_type=f"{FORM}; charset=UTF-8")
    assert response.status_code == 302
    assert Application.objects.count() == 1


def test_a_form_with_more_fields_than_the_limit_is_refused_clearly(client, open_form):
    page, chosen = open_form
    answers = valid_answers(page, chosen)
    padding = {f"extra{number}": "x" for number in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS)}
    assert_clear_refusal(client.post(page.url, {**answers, **padding}))


def test_a_form_larger_than_the_limit_is_refused_clearly(client, open_form):
    page, chosen = open_form
    huge = "a" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)
    assert_clear_refusal(client.post(page.url, {**valid_answers(page, chosen), "extra": huge}))


def test_a_planted_session_cookie_with_a_nul_is_ignored(client, open_form):
    page, _chosen = open_form
    client.cookies[settings.SESSION_COOKIE_NAME] = "abcdefgh\x00ijklmnop"
    assert client.get(page.url).status_code == 200
    assert not SessionStore.get_model_class().objects.filter(session_key__contains="abcd").exists()


def test_the_page_editor_still_saves_rich_text_with_line_breaks_and_tabs(client, own_site):
    programme = own_site.programme
    programme.diagnosis = DIAGNOSIS
    programme = publish(programme)
    client.force_login(make_superuser())
    url = reverse("wagtailadmin_pages:edit", args=[programme.pk])
    data = page_form_data(client, url)
    # The editor sends its rich text as indented JSON (line breaks); indented with tabs here.
    assert "\n" in data["diagnosis"][0]
    data["diagnosis"] = [json.dumps(json.loads(data["diagnosis"][0]), indent="\t")]
    data["lead"] = ["Pierwsza linia\r\nDruga linia\tz tabulatorem"]

    response = client.post(url, data)

    assert response.status_code == 302, response.content.decode()[:2000]
    draft = Page.objects.get(pk=programme.pk).specific.get_latest_revision_as_object()
    assert draft.lead.replace("\r\n", "\n") == "Pierwsza linia\nDruga linia\tz tabulatorem"
    assert text_of(draft.diagnosis) == text_of(DIAGNOSIS)


@pytest.mark.parametrize("address", ["//evil.example/", "//evil.example/en/", "/\\evil.example/"])
def test_an_address_beginning_with_two_slashes_gets_language_links_on_this_site(client, address):
    # As the web server hands it on (the test client would read "//host/" as a host).
    response = client.get("/", PATH_INFO=address)

    assert response.status_code == 404
    links = re.findall(r'<a[^>]+hreflang="[^"]+"[^>]*>', response.content.decode())
    links += re.findall(r'<link[^>]+rel="alternate"[^>]*>', response.content.decode())
    hrefs = [re.search(r'href="([^"]*)"', link).group(1) for link in links]
    assert hrefs, "no language links on the 404 page"
    for href in hrefs:
        assert href.startswith("/") and not href.startswith(("//", "/\\")), href
