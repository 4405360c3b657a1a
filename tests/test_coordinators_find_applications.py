"""A coordinator finds an application in the list the way a caller gives it: the reference read out
without its dash, in small letters or with O for 0 and I or L for 1; the phone number in any
format, with or without +48; the e-mail address or a part of it; the name without Polish letters
and with the words in any order. Only among the applications of the coordinator's own teams, and
for the same number of queries however many applications there are."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from enrolment.references import ALPHABET

from .admin_factories import another_edition
from .admin_helpers import APPLICATIONS_URL, make_application, make_coordinator
from .factories import SmallSite
from .once_per_module import built_once
from .test_admin_speaks_polish import set_admin_language

pytestmark = pytest.mark.django_db


def build_world():
    """A small site; three applicants of one team and one erased application, another team's
    applicant as like ours as can be; a coordinator of the first team who reads the admin in
    English."""
    site = SmallSite.build()
    edition = site.edition
    people = {
        "elzbieta": make_application(
            edition,
            reference="MZ8W-JH62",
            form_data={
                "applicant_name": "Elżbieta Łęcka",
                "phone": "+48 600-000-030",
                "email": "Ela.Lecka@Example.org",
            },
        ),
        "hanna": make_application(
            edition,
            reference="K10Q-4XP0",
            form_data={"applicant_name": "Hanna Testowa", "phone": "(22) 111 22 33"},
        ),
        "olena": make_application(
            edition,
            reference="R7TD-2W9B",
            form_data={"applicant_name": "Олена Коваль", "email": "olena@example.org"},
        ),
        "erased": make_application(
            edition, reference="9QWE-RTY7", form_data={}, anonymised_at=timezone.now()
        ),
        # Another team's applicant, as like ours as can be.
        "other": make_application(
            another_edition(site.programme),
            reference="MZ8W-JH63",
            form_data={
                "applicant_name": "Elżbieta Łęcka",
                "phone": "600 000 030",
                "email": "ela.lecka@example.org",
            },
        ),
    }
    coordinator = make_coordinator(people["elzbieta"].team)
    set_admin_language(coordinator, "en")
    return {"site": site, "people": people, "coordinator": coordinator}


kept_world, copied = built_once(build_world, name="copied")


@pytest.fixture
def site(copied):
    return copied["site"]


@pytest.fixture
def people(copied):
    return copied["people"]


@pytest.fixture
def coordinator_client(client, copied):
    client.force_login(copied["coordinator"])
    return client


def found(client, query):
    response = client.get(APPLICATIONS_URL, {"q": query})
    assert response.status_code == 200
    return {application.reference for application in response.context["object_list"]}


@pytest.mark.parametrize(
    "query",
    ["MZ8W-JH62", "mz8w-jh62", "MZ8WJH62", "mz8w jh62", "M Z 8 W – J H 6 2", " MZ8W JH62 "],
)
def test_the_reference_as_read_out_or_typed(coordinator_client, query):
    assert found(coordinator_client, query) == {"MZ8W-JH62"}


def test_the_letters_a_reference_never_holds_are_read_as_the_digits_they_look_like(
    coordinator_client,
):
    assert not {"O", "I", "L"} & set(ALPHABET)
    assert found(coordinator_client, "kioq-4xpo") == {"K10Q-4XP0"}
    assert found(coordinator_client, "KLOQ4XPO") == {"K10Q-4XP0"}


@pytest.mark.parametrize(
    "query", ["600 000 030", "600000030", "600-000-030", "+48 600 000 030", "0048600000030"]
)
def test_the_phone_number_in_any_format(coordinator_client, query):
    assert found(coordinator_client, query) == {"MZ8W-JH62"}


def test_a_landline_with_its_area_code_and_a_part_of_a_number(coordinator_client):
    assert found(coordinator_client, "22 111 22 33") == {"K10Q-4XP0"}
    assert found(coordinator_client, "111 22 33") == {"K10Q-4XP0"}


@pytest.mark.parametrize("query", ["ela.lecka@example.org", "ELA.LECKA", "olena@"])
def test_the_e_mail_address_or_a_part_of_it(coordinator_client, people, query):
    expected = {"R7TD-2W9B"} if query == "olena@" else {"MZ8W-JH62"}
    assert found(coordinator_client, query) == expected


@pytest.mark.parametrize(
    "query, expected",
    [
        ("Elzbieta", {"MZ8W-JH62"}),
        ("lecka elzbieta", {"MZ8W-JH62"}),
        ("ŁĘCKA", {"MZ8W-JH62"}),
        ("Testowa Hanna", {"K10Q-4XP0"}),
        ("hann", {"K10Q-4XP0"}),
        ("олена", {"R7TD-2W9B"}),
        ("КОВАЛЬ олена", {"R7TD-2W9B"}),
        ("Hanna Łęcka", set()),
    ],
)
def test_the_name_without_polish_letters_and_in_any_order(coordinator_client, query, expected):
    assert found(coordinator_client, query) == expected


def test_an_erased_application_is_found_by_its_reference_only(coordinator_client):
    assert found(coordinator_client, "9qwe rty7") == {"9QWE-RTY7"}


def test_another_teams_applicant_is_never_found(coordinator_client, people):
    other = people["other"].reference
    for query in ("600 000 030", "ela.lecka@example.org", "Elzbieta Lecka", other, "MZ8W JH63"):
        assert other not in found(coordinator_client, query), query


def test_the_search_box_says_what_it_finds(coordinator_client):
    page = coordinator_client.get(APPLICATIONS_URL).content.decode()
    assert 'placeholder="Search: reference, name, phone, e-mail"' in page


def test_the_search_costs_the_same_queries_for_three_applications_as_for_thirty(
    coordinator_client, people, site
):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            found(coordinator_client, "osoba")
        return len(captured)

    for number in range(3):
        make_application(site.edition, form_data={"applicant_name": f"Osoba {number}"})
    few = queries()
    for number in range(27):
        make_application(site.edition, form_data={"applicant_name": f"Osoba {number + 3}"})
    assert len(found(coordinator_client, "osoba")) == 30
    assert queries() == few
