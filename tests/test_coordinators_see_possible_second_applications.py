"""A coordinator sees which applications to an edition may be one person's second: the same
e-mail address (in any case) or phone number (in any format, with or without +48) as an earlier
application to that edition that still holds a place or waits for one. The mark is on the later
application, in the list and on its page, and links to the earlier one. Both keep their places
until the coordinator decides (a parent may apply for two children with one number), and the
applicant is told nothing: the form would otherwise tell anyone who knows a person's number
whether they applied."""

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from enrolment.models import Application

from .admin_factories import another_edition
from .admin_helpers import APPLICATIONS_URL, make_application, make_coordinator, signed_in
from .enrolment_helpers import submit, valid_answers
from .factories import SmallSite
from .page_text import visible_text
from .test_admin_speaks_polish import set_admin_language

pytestmark = pytest.mark.django_db

SAME_PHONE = "Possibly a second application: the same phone number as"
SAME_EMAIL = "Possibly a second application: the same e-mail as"
SAME_BOTH = "Possibly a second application: the same e-mail and phone number as"


@pytest.fixture
def site():
    return SmallSite.build()


@pytest.fixture
def coordinator_client(site):
    coordinator = make_coordinator(site.edition.team)
    set_admin_language(coordinator, "en")
    return signed_in(coordinator)


def apply(edition, days_ago, **answers):
    application = make_application(edition, form_data={"applicant_name": "Anna Nowak", **answers})
    Application.objects.filter(pk=application.pk).update(
        submit_time=timezone.now() - datetime.timedelta(days=days_ago)
    )
    application.refresh_from_db()
    return application


def rows(client):
    """{reference: the row's visible text} of the applications list."""
    response = client.get(APPLICATIONS_URL)
    assert response.status_code == 200
    table = response.content.decode().split('<table class="listing"', 1)[1]
    body = table.split("<tbody", 1)[1].split("</tbody>", 1)[0]
    return {(text := visible_text("<tr" + row)).split()[0]: text for row in body.split("<tr")[1:]}


def test_the_later_of_two_applications_with_one_phone_number_is_marked(site, coordinator_client):
    first = apply(site.edition, 3, phone="+48 600 100 200")
    second = apply(site.edition, 1, phone="600-100-200")

    listed = rows(coordinator_client)

    assert f"{SAME_PHONE} {first.reference}" in listed[second.reference]
    assert "Possibly" not in listed[first.reference]
    # Both keep their places until the coordinator decides.
    assert {first.status, second.status} == {"new"}


def test_the_mark_links_to_the_earlier_application(site, coordinator_client):
    first = apply(site.edition, 3, email="Anna.Nowak@Example.org")
    second = apply(site.edition, 1, email="anna.nowak@example.org")

    markup = coordinator_client.get(APPLICATIONS_URL).content.decode()

    assert f'as <a href="{APPLICATIONS_URL}{first.pk}/">{first.reference}</a>' in markup
    assert f"{SAME_EMAIL} {first.reference}" in rows(coordinator_client)[second.reference]


def test_the_applications_page_names_the_earlier_one(site, coordinator_client):
    first = apply(site.edition, 3, phone="600 100 200", email="anna@example.org")
    second = apply(site.edition, 1, phone="0048600100200", email="ANNA@example.org")

    later = coordinator_client.get(f"{APPLICATIONS_URL}{second.pk}/").content.decode()
    earlier = coordinator_client.get(f"{APPLICATIONS_URL}{first.pk}/").content.decode()

    assert f"{SAME_BOTH} {first.reference}" in visible_text(later)
    assert f'href="{APPLICATIONS_URL}{first.pk}/"' in later
    assert "Possibly a second application" not in visible_text(earlier)


@pytest.mark.parametrize(
    "earlier",
    [
        pytest.param({"status": "withdrawn"}, id="withdrawn"),
        pytest.param({"status": "rejected"}, id="rejected"),
        pytest.param({"anonymised_at": timezone.now(), "form_data": {}}, id="data removed"),
    ],
)
def test_an_earlier_application_out_of_the_running_gives_no_mark(site, coordinator_client, earlier):
    first = apply(site.edition, 3, phone="600 100 200")
    Application.objects.filter(pk=first.pk).update(**earlier)
    second = apply(site.edition, 1, phone="600 100 200")

    assert "Possibly" not in rows(coordinator_client)[second.reference]


def test_an_earlier_application_on_the_waiting_list_counts(site, coordinator_client):
    first = apply(site.edition, 3, phone="600 100 200")
    Application.objects.filter(pk=first.pk).update(status="waiting_list")
    second = apply(site.edition, 1, phone="600 100 200")

    assert f"{SAME_PHONE} {first.reference}" in rows(coordinator_client)[second.reference]


def test_the_same_number_in_another_edition_or_another_persons_gives_no_mark(
    site, coordinator_client
):
    # Another edition of the same team's: both are in the coordinator's list.
    other_edition = another_edition(site.programme, team=site.edition.team)
    elsewhere = apply(other_edition, 3, phone="600 100 200")
    someone = apply(site.edition, 2, phone="600 100 201", email="anna@example.org")
    again = apply(site.edition, 1, phone="600 100 200", email="anna.nowak@example.org")

    listed = rows(coordinator_client)

    assert {elsewhere.reference, someone.reference, again.reference} <= set(listed)
    assert not [text for text in listed.values() if "Possibly" in text]


def test_an_earlier_application_of_a_team_the_coordinator_is_not_in_gives_no_mark(
    site, coordinator_client
):
    """An edition handed to another team keeps what was sent before under the first team: its
    new coordinators are not told, by a mark, that a number applied there before."""
    first = apply(site.edition, 3, phone="600 100 200")
    Application.objects.filter(pk=first.pk).update(team=another_edition(site.programme).team)
    second = apply(site.edition, 1, phone="600 100 200")

    listed = rows(coordinator_client)
    page = coordinator_client.get(f"{APPLICATIONS_URL}{second.pk}/").content.decode()

    assert first.reference not in listed and "Possibly" not in listed[second.reference]
    assert first.reference not in page and "Possibly" not in visible_text(page)


def test_the_applicant_sending_the_form_twice_is_told_nothing_and_both_are_stored(site):
    confirmations = []
    for browser in (Client(), Client()):
        answers = valid_answers(site.form, site.edition, applicant_name="Anna Nowak")
        sent = submit(browser, site.form, answers)
        assert sent.status_code == 302
        confirmations.append(visible_text(browser.get(sent["Location"]).content.decode()))

    first, second = Application.objects.order_by("pk").values_list("reference", flat=True)
    # The second confirmation is the usual one, with its own reference and nothing of the first.
    assert second in confirmations[1] and first not in confirmations[1]


def test_the_marks_cost_one_query_however_many_applications_are_listed(site, coordinator_client):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            rows(coordinator_client)
        return len(captured)

    apply(site.edition, 5, phone="600 100 200")
    apply(site.edition, 4, phone="600 100 200")
    few = queries()
    for number in range(12):
        apply(site.edition, 3, phone=f"600 100 {number % 4:03d}")

    assert queries() == few
