"""Snippets not yet translated (the privacy notice, the departments, the institution) show in
Polish on English and Ukrainian pages, their words marked lang="pl", so that a screen reader
reads them with a Polish voice (WCAG 3.1.2); translated ones carry no such mark."""

import re

import pytest
from wagtail.models import Locale

from enrolment.models import EnrolmentFormPage, PrivacyNotice
from home.models import ContactPoint, Institution

pytestmark = [pytest.mark.django_db, pytest.mark.demo]


def english_form_url(lesnica_programme):
    english = lesnica_programme.get_translation(Locale.objects.get(language_code="en"))
    return EnrolmentFormPage.objects.child_of(english).live().get().url


def test_polish_snippets_on_an_english_page_are_marked_polish(client, lesnica_programme):
    url = english_form_url(lesnica_programme)
    english = Locale.objects.get(language_code="en")
    PrivacyNotice.objects.filter(locale=english).delete()
    ContactPoint.objects.filter(locale=english).delete()
    Institution.objects.filter(locale=english).delete()
    polish_notice = PrivacyNotice.objects.get(locale__language_code="pl")
    polish_point = ContactPoint.objects.filter(locale__language_code="pl").first()

    html = client.get(url).content.decode()

    first_line = polish_notice.purpose.splitlines()[0]
    assert re.search(r'<dd lang="pl">' + re.escape(first_line), html), "the privacy notice"
    assert f'"contact-point-{polish_point.pk}" lang="pl">' in html, "a department's name"
    assert '<html lang="en"' in html


def test_translated_snippets_carry_no_mark(client, lesnica_programme):
    html = client.get(english_form_url(lesnica_programme)).content.decode()
    assert ' lang="pl"' not in html.replace('<span lang="pl">Polski</span>', "")
