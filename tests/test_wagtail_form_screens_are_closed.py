"""Wagtail's own form-submission screens and their CSV and XLSX exports are closed, superusers
included: applications are read in the applications section, which checks the team, writes the
audit log and neutralises its exports. Tried through the real admin as a superuser."""

import pytest
from django.urls import reverse

from enrolment.models import Application

from .admin_helpers import APPLICATIONS_URL, export_rows, make_application, make_superuser
from .factories import SmallSite

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("http://evil.example","Kliknij")'
ANSWERS = {"applicant_name": FORMULA, "phone": "600\x01123\x1f456", "safe_contact": "@SUM(A1)"}


@pytest.fixture
def site():
    return SmallSite.build()


@pytest.fixture
def form_page(site):
    return site.form


@pytest.fixture
def application(site):
    return make_application(site.edition, page=site.form, form_data=dict(ANSWERS))


@pytest.fixture
def superuser_client(client):
    client.force_login(make_superuser())
    return client


def wagtail_forms_addresses(page):
    submissions = reverse("wagtailforms:list_submissions", args=[page.pk])
    return [
        (reverse("wagtailforms:index"), {}),
        (reverse("wagtailforms:index_results"), {}),
        (submissions, {}),
        (submissions, {"export": "csv"}),
        (submissions, {"export": "xlsx"}),
        (reverse("wagtailforms:list_submissions_results", args=[page.pk]), {}),
    ]


def body(response):
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def test_a_superuser_gets_404_and_no_answer_from_every_forms_screen_and_export(
    superuser_client, form_page, application
):
    for url, params in wagtail_forms_addresses(form_page):
        response = superuser_client.get(url, params)
        assert response.status_code == 404, (url, params, response.status_code)
        content = body(response)
        assert b"HYPERLINK" not in content, (url, params)
        assert application.reference.encode() not in content, (url, params)


def test_a_superuser_cannot_delete_applications_through_wagtails_forms_screen(
    superuser_client, form_page, application
):
    url = reverse("wagtailforms:delete_submissions", args=[form_page.pk])
    selection = {"selected-submissions": [application.pk]}
    assert superuser_client.get(url, selection).status_code == 404
    assert superuser_client.post(url + f"?selected-submissions={application.pk}").status_code == 404
    assert Application.objects.filter(pk=application.pk).exists()


def test_the_admin_menu_offers_no_forms_item_even_to_a_superuser(superuser_client, application):
    menu = superuser_client.get(reverse("wagtailadmin_home")).content.decode()
    assert f'"{reverse("wagtailforms:index")}"' not in menu
    assert APPLICATIONS_URL in menu


def test_the_superuser_reads_the_same_submissions_neutralised_in_the_applications_section(
    superuser_client, application
):
    params = {"programme": application.programme_id}
    for export_format in ("csv", "xlsx"):
        rows = export_rows(superuser_client, export_format, **params)
        row = next(row for row in rows[1:] if row[0] == application.reference)
        assert "'" + FORMULA in row
        assert FORMULA not in [cell for cell in row if isinstance(cell, str)]
        assert "600\ufffd123\ufffd456" in row
