"""The HSDS API publishes what the programme pages publish and nothing else: never a draft, a
programme a reader cannot open (unpublished, under an unpublished page, behind a view
restriction), an application or an applicant; and, as on the pages ("One truth in three
languages"), an edition's new dates published on the Polish page show at once in the Polish,
English and Ukrainian API, without re-syncing the translations."""

import datetime
import json

import pytest
from wagtail.models import Locale, PageViewRestriction

from enrolment.models import Application
from programmes.models import ProgrammePage

from .admin_factories import translate
from .enrolment_helpers import submit, valid_answers
from .enrolment_world import hidden_programme, small_site
from .once_per_module import built_once

pytestmark = pytest.mark.django_db

API = "/api/hsds"
PREFIXES = {"pl": "", "en": "/en", "uk": "/uk"}
NEW_START = datetime.date(2041, 3, 2)
NEW_END = datetime.date(2042, 6, 30)
NEW_OPENS = datetime.date(2040, 11, 3)
NEW_CLOSES = datetime.date(2041, 1, 20)


def build_world():
    """A small site of the module's own whose ordinary programme takes applications."""
    return small_site(sensitive=False)


# Each test gets its own copy of the site: what a test changes in it is gone before the next test.
kept_world, site = built_once(build_world, name="site")


def everything_published(client, prefix=""):
    """Every answer of the API in one language, as one text."""
    answers = []
    for path in ["/services", "/organizations", "/service_at_locations"]:
        answers.append(client.get(f"{prefix}{API}{path}", {"full": "true"}).json())
    for service in answers[0]["contents"]:
        answers.append(client.get(f"{prefix}{API}/services/{service['id']}").json())
    return json.dumps(answers, ensure_ascii=False)


def service_ids(client, prefix=""):
    contents = client.get(f"{prefix}{API}/services", {"per_page": 100}).json()["contents"]
    return {item["id"] for item in contents}


def status_of_service(client, programme, prefix=""):
    return client.get(f"{prefix}{API}/services/{programme.translation_key}").status_code


def test_a_draft_is_not_published_until_it_is(client, site):
    programme = ProgrammePage.objects.get(pk=site.programme.pk)
    programme.title = "Nowy tytuł w szkicu"
    programme.lead = "Opis, którego nikt jeszcze nie zatwierdził."
    edition = programme.editions.first()
    edition.places = 77
    programme.editions = [edition]
    programme.save_revision()

    published = everything_published(client)
    assert site.programme.title in published
    assert "Nowy tytuł w szkicu" not in published
    assert "nikt jeszcze nie zatwierdził" not in published
    assert "77 miejsc" not in published

    ProgrammePage.objects.get(pk=programme.pk).get_latest_revision().publish()
    published = everything_published(client)
    assert "Nowy tytuł w szkicu" in published and "77 miejsc" in published


def test_programmes_a_reader_cannot_open_are_not_published(client, site):
    index = site.programme_index

    hidden = [hidden_programme(index, how) for how in ("draft", "withdrawn", "login", "password")]

    listed = service_ids(client)
    published = everything_published(client)
    assert str(site.programme.translation_key) in listed
    for programme in hidden:
        assert str(programme.translation_key) not in listed, programme.title
        assert programme.title not in published, programme.title
        assert status_of_service(client, programme) == 404, programme.title


def test_programmes_under_a_hidden_list_are_not_published(client, site):
    key = str(site.programme.translation_key)
    assert key in service_ids(client)

    restriction = PageViewRestriction.objects.create(
        page=site.programme_index, restriction_type=PageViewRestriction.LOGIN
    )
    assert key not in service_ids(client)
    assert status_of_service(client, site.programme) == 404

    restriction.delete()
    site.programme_index.unpublish()
    assert key not in service_ids(client)
    assert status_of_service(client, site.programme) == 404


def test_applications_and_applicants_are_never_published(client, site):
    answers = valid_answers(
        site.form,
        site.edition,
        applicant_name="Zofia Niewidoczna",
        phone="600 987 654",
        email="zofia.niewidoczna@example.org",
    )
    response = submit(client, site.form, answers)
    assert response.status_code == 302
    application = Application.objects.get()

    published = everything_published(client)
    for private_fact in ("Niewidoczna", "600 987 654", "zofia.niewidoczna", application.reference):
        assert private_fact not in published
    # What the page publishes about the edition is there: its person and the form's address.
    assert site.edition.responsible_person.name in published
    assert site.form.url in published


def test_new_edition_dates_show_at_once_in_every_language(client, site):
    for code in ["en", "uk"]:
        translate(site.programme, code)
        translate(site.form, code)
    key = str(site.programme.translation_key)

    # What an editor does: change the Polish page's edition, publish the page; translations
    # are left as they were.
    programme = ProgrammePage.objects.get(pk=site.programme.pk)
    edition = programme.editions.get()
    edition.starts_on, edition.ends_on = NEW_START, NEW_END
    edition.enrolment_opens_on, edition.enrolment_closes_on = NEW_OPENS, NEW_CLOSES
    programme.editions = [edition]
    programme.save_revision().publish()

    for code, prefix in PREFIXES.items():
        response = client.get(f"{prefix}{API}/services/{key}")
        assert response.status_code == 200, code
        service = response.json()
        assert service["url"].endswith(
            site.programme.get_translation(Locale.objects.get(language_code=code)).url
        )
        windows = {
            (schedule["valid_from"], schedule["valid_to"]) for schedule in service["schedules"]
        }
        assert windows == {
            (NEW_START.isoformat(), NEW_END.isoformat()),
            (NEW_OPENS.isoformat(), NEW_CLOSES.isoformat()),
        }, code
        # The same schedule ids in every language: a directory updates, never duplicates.
        assert {schedule["id"] for schedule in service["schedules"]} == {
            schedule["id"] for schedule in client.get(f"{API}/services/{key}").json()["schedules"]
        }


def test_a_language_is_named_only_while_its_page_can_be_read(client, site):
    english = translate(site.programme, "en")
    key = str(site.programme.translation_key)
    assert "en" in codes_of_languages(client, key)

    # The English programme list is taken off the site: the English page with it.
    english.get_parent().specific.unpublish()

    assert codes_of_languages(client, key) == ["pl"]


def codes_of_languages(client, key):
    return [
        language["code"] for language in client.get(f"{API}/services/{key}").json()["languages"]
    ]
