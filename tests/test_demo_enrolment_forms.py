"""The demo lets a newcomer apply at once: a live form under each programme, open example
editions (the violence-victims programme has one for team no. 4 as well), and the seed editions
left exactly as the sources give them."""

import datetime

import pytest
import time_machine
from django.apps import apps
from django.conf import settings
from django.utils import timezone
from wagtail.contrib.forms.utils import get_field_clean_name

from demo.build import build_demo_site
from enrolment.forms import SYSTEM_FIELD_NAMES
from enrolment.models import EnrolmentFormPage, PrivacyNotice
from programmes.models import Edition

pytestmark = [pytest.mark.django_db, pytest.mark.demo]

EXAMPLE_TITLE = "przykładowa edycja do wypróbowania formularza"

# (number, starts_on, ends_on, places, team number, responsible person), as the sources give them.
SEED_EDITIONS = {
    "KomPAS": [
        (1, "2021-05-01", "2022-04-30", 10, 4, "Jolanta Orszulak"),
        (2, "2022-05-01", "2023-06-30", 10, 6, "Katarzyna Kopycka"),
    ],
    "PAS-ja": [
        (1, "2018-09-01", "2019-07-31", 11, 2, "Magdalena Lejkam"),
        (2, "2019-08-01", "2020-06-30", 11, 2, "Magdalena Lejkam"),
    ],
}
# (number, places, team number, responsible person) of each programme's example editions.
EXAMPLES = {
    "KomPAS": [(3, 10, 6, "Katarzyna Kopycka"), (4, 10, 4, "Jolanta Orszulak")],
    "PAS-ja": [(3, 11, 2, "Magdalena Lejkam")],
}


@pytest.fixture(params=["KomPAS", "PAS-ja"])
def project(request):
    return request.param


@pytest.fixture
def programme(project, violence_programme, lesnica_programme):
    return {"KomPAS": violence_programme, "PAS-ja": lesnica_programme}[project]


def form_page(programme):
    return EnrolmentFormPage.objects.child_of(programme).live().get()


def example(programme, number=3):
    return Edition.objects.get(programme=programme, title=EXAMPLE_TITLE, number=number)


def local_noon(day):
    return datetime.datetime.combine(day, datetime.time(12), tzinfo=timezone.get_default_timezone())


def test_each_programme_has_a_live_form_with_editor_questions(programme):
    page = form_page(programme)
    questions = list(page.form_fields.all())
    assert len(questions) >= 3
    assert page.intro and page.next_steps and page.closed_text
    assert all(question.locale_id == programme.locale_id for question in questions)


def test_no_question_takes_the_name_of_a_system_field(programme):
    for question in form_page(programme).form_fields.all():
        assert question.clean_name == get_field_clean_name(question.label)
        assert question.clean_name not in SYSTEM_FIELD_NAMES


def test_the_only_open_editions_are_the_examples_run_by_their_teams(project, programme):
    today = timezone.localdate()
    open_editions = list(
        Edition.objects.filter(programme=programme).enrolment_open(today).order_by("number")
    )
    found = [
        (edition.number, edition.places, edition.team.number, edition.responsible_person.name)
        for edition in open_editions
    ]
    assert found == EXAMPLES[project]
    assert all(edition.title == EXAMPLE_TITLE for edition in open_editions)
    assert form_page(programme).open_editions(today) == open_editions


def test_the_example_edition_starts_after_its_enrolment_and_lasts_ten_months(programme):
    edition = example(programme)
    # The demo opens it on the day it is built: today, or yesterday for a test session that
    # built its demo before midnight.
    days_since_built = (timezone.localdate() - edition.enrolment_opens_on).days
    assert days_since_built in (0, 1)
    assert edition.enrolment_closes_on - edition.enrolment_opens_on == datetime.timedelta(days=60)
    assert edition.starts_on.day == 1
    assert edition.starts_on > edition.enrolment_closes_on
    assert (edition.starts_on - edition.enrolment_closes_on).days <= 31
    assert (edition.ends_on + datetime.timedelta(days=1)).day == 1  # the last day of a month
    months = (edition.ends_on.year - edition.starts_on.year) * 12
    assert months + edition.ends_on.month - edition.starts_on.month + 1 == 10


def test_the_seed_editions_are_unchanged(project, programme):
    editions = Edition.objects.filter(programme=programme).exclude(title=EXAMPLE_TITLE)
    found = [
        (
            edition.number,
            edition.starts_on.isoformat(),
            edition.ends_on.isoformat(),
            edition.places,
            edition.team.number,
            edition.responsible_person.name,
        )
        for edition in editions.order_by("number")
    ]
    assert found == SEED_EDITIONS[project]
    assert all(edition.title == "" for edition in editions)
    assert all(edition.enrolment_opens_on is None for edition in editions)
    assert all(edition.enrolment_closes_on is None for edition in editions)


def test_only_the_violence_victims_programme_is_sensitive(violence_programme, lesnica_programme):
    assert violence_programme.is_sensitive
    assert not lesnica_programme.is_sensitive


def test_the_privacy_notice_states_the_retention_period_and_the_supervisory_authority():
    notice = PrivacyNotice.objects.get(locale__language_code="pl")
    assert f"{settings.ENROLMENT_RETENTION_MONTHS} miesi" in notice.retention
    assert "art. 9 ust. 2" in notice.legal_basis
    assert "Prezesa Urzędu Ochrony Danych Osobowych" in notice.complaint
    assert "ul. Stawki 2, 00-193 Warszawa" in notice.complaint


def test_each_form_page_opens(client, programme):
    response = client.get(form_page(programme).url)
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"


def count_objects():
    return {
        model._meta.label: model.objects.count()
        for app in ["enrolment", "programmes", "wagtailcore"]
        for model in apps.get_app_config(app).get_models()
        if model._meta.model_name not in {"revision", "pagelogentry", "modellogentry"}
    }


def test_a_second_run_on_the_same_day_changes_nothing():
    before = count_objects()
    assert not build_demo_site().changed()
    assert count_objects() == before


def test_a_later_run_keeps_the_dates_while_enrolment_is_open(violence_programme):
    edition = example(violence_programme)
    before = count_objects()
    last_open_day = edition.enrolment_closes_on
    with time_machine.travel(local_noon(last_open_day), tick=False):
        assert not build_demo_site().changed()
    assert example(violence_programme).enrolment_opens_on == edition.enrolment_opens_on
    assert count_objects() == before


def test_a_run_after_enrolment_closed_opens_it_again_from_that_day(violence_programme):
    edition = example(violence_programme)
    before = count_objects()
    later = edition.enrolment_closes_on + datetime.timedelta(days=1)
    with time_machine.travel(local_noon(later), tick=False):
        build_demo_site()
    moved = example(violence_programme)
    assert moved.pk == edition.pk
    assert moved.enrolment_opens_on == later
    assert moved.enrolment_closes_on == later + datetime.timedelta(days=60)
    assert moved.starts_on > moved.enrolment_closes_on
    assert count_objects() == before
