"""A phone number a resident can tap to call is one number: the admin refuses, on the field and
with an example, "tel. 71 782 23 00" or "brak" (a link that dials nothing) and two numbers in one
(a link that dials eighteen digits), for people, teams, contact points and the centre's own
numbers. A value stored before the check is shown as text, never as a link that reloads the page."""

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from wagtail.models import Site

from home.models import ContactPoint, ContactPointPhone
from programmes.models import Person

from .admin_forms import form_data
from .admin_helpers import make_superuser
from .builders import make_contact_point
from .factories import PersonFactory, SmallSite, TeamFactory, polish

pytestmark = pytest.mark.django_db

EDITOR_FORM = "w-editor-form"
NOT_ONE_NUMBER = ["tel. 71 782 23 00", "brak", "71 782 23 00 / 71 782 23 01", "71 782 23"]
ONE_NUMBER = [
    "71 782 23 00",
    "(071) 78-22-405",
    "+48 71 782 23 00",
    "71 782 23 00 wew. 12",
    "116 123",
    "+380 44 123 45 67",
    "",
]


def save_in_the_admin(client, url, **changes):
    client.force_login(make_superuser())
    data = form_data(client.get(url).content.decode(), EDITOR_FORM, **changes)
    return client.post(url, data)


def error_codes(form, field):
    return [error.code for error in form.errors.as_data().get(field, [])]


def save_person(client, phone):
    person = PersonFactory()
    url = reverse("wagtailsnippets_programmes_person:edit", args=[person.pk])
    return save_in_the_admin(client, url, phone=[phone]), person


@pytest.mark.parametrize("phone", NOT_ONE_NUMBER)
def test_a_persons_phone_that_is_not_one_number_is_refused_with_an_example(client, phone):
    response, person = save_person(client, phone)

    assert response.status_code == 200
    assert error_codes(response.context["form"], "phone") == ["not_one_phone_number"]
    assert "71 782 23 00 wew. 12" in response.content.decode()
    person.refresh_from_db()
    assert person.phone == ""


@pytest.mark.parametrize("phone", ONE_NUMBER)
def test_a_persons_single_number_is_saved(client, phone):
    response, person = save_person(client, phone)
    assert response.status_code == 302
    assert Person.objects.get(pk=person.pk).phone == phone


def test_a_teams_phone_with_two_numbers_is_refused(client):
    team = TeamFactory()
    url = reverse("wagtailsnippets_programmes_team:edit", args=[team.pk])
    response = save_in_the_admin(client, url, phone=["71 782 23 00 / 71 782 23 01"])
    assert error_codes(response.context["form"], "phone") == ["not_one_phone_number"]


def test_a_contact_points_phone_that_is_not_a_number_is_refused_on_that_phone(client):
    point = make_contact_point(locale=polish())
    ContactPointPhone.objects.create(contact_point=point, number="71 782 23 00", locale=polish())
    url = reverse("wagtailsnippets_home_contactpoint:edit", args=[point.pk])

    response = save_in_the_admin(client, url, **{"phones-0-number": ["brak"]})

    assert response.status_code == 200
    phone_form = response.context["form"].formsets["phones"].forms[0]
    assert error_codes(phone_form, "number") == ["not_one_phone_number"]
    assert [phone.number for phone in ContactPoint.objects.get(pk=point.pk).phones.all()] == [
        "71 782 23 00"
    ]


def test_the_centres_switchboard_phone_that_is_not_a_number_is_refused(client):
    SmallSite.build()  # its home page is the default site's root
    site = Site.objects.get(is_default_site=True)
    url = reverse("wagtailsettings:edit", args=["home", "institutionsettings", site.pk])
    response = save_in_the_admin(client, url, phone=["centrala 71 782 23 00"])
    assert error_codes(response.context["form"], "phone") == ["not_one_phone_number"]


@pytest.mark.parametrize("stored", ["brak", "tel. 71 782 23 00", "71 782 23 00 / 01"])
def test_a_stored_value_that_dials_nothing_is_shown_as_text(stored):
    html = render_to_string("includes/phone_link.html", {"number": stored})
    assert html == stored


def test_a_stored_number_is_still_a_link_that_dials_it():
    html = render_to_string("includes/phone_link.html", {"number": "71 782 23 00"})
    assert html == '<a class="phone" href="tel:+48717822300">71 782 23 00</a>'


def test_the_programme_page_shows_a_coordinators_stored_brak_without_an_empty_link(client):
    site = SmallSite.build()
    Person.objects.filter(pk=site.edition.responsible_person_id).update(phone="brak")

    html = client.get(site.programme.url).content.decode()

    assert "brak" in html
    assert 'href=""' not in html


def test_a_departments_stored_brak_is_shown_without_an_empty_link(client):
    site = SmallSite.build()
    point = make_contact_point(locale=polish())
    ContactPointPhone.objects.bulk_create(  # stored before numbers were checked
        [ContactPointPhone(contact_point=point, number="brak", locale=polish())]
    )

    html = client.get(site.home.url).content.decode()

    assert point.name in html and "brak" in html
    assert 'href=""' not in html
