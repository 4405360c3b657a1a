"""A translated enrolment form asks what its Polish source programme asks for, even before the
translation is synced, and reads dates as the Polish one does; a programme or form written in
one other language only takes applications like any other."""

import pytest
from django.test import Client
from wagtail.models import Locale

from enrolment.admin_views.listing import enrolment_outlook
from enrolment.admin_views.record import recordable_editions
from enrolment.dashboard import team_summaries
from enrolment.field_names import question_key
from enrolment.models import Application
from programmes.models import Edition

from .admin_factories import translate
from .admin_helpers import APPLICATIONS_URL, make_coordinator
from .enrolment_helpers import submit, valid_answers
from .enrolment_world import days_from_today, small_site, with_question
from .factories import EditionFactory, EnrolmentFormPageFactory, ProgrammePageFactory, publish
from .update_builders import make_update

pytestmark = pytest.mark.django_db

SAFE_CONTACT = 'name="system-safe_contact"'


def test_a_programme_marked_sensitive_in_polish_is_sensitive_in_every_language_at_once(client):
    site = small_site(sensitive=False)
    ukrainian_form = translate(site.form, "uk")
    ukrainian_programme = ukrainian_form.get_parent().specific
    ukrainian_update = translate(make_update(site.programme), "uk")
    assert SAFE_CONTACT not in client.get(ukrainian_form.url).content.decode()

    # An editor ticks "sensitive programme" on the Polish page; nobody syncs the translation.
    site.programme.is_sensitive = True
    publish(site.programme)
    ukrainian_programme.refresh_from_db()
    assert not ukrainian_programme.is_sensitive  # the translation's own copy of the box

    # The victim reading in Ukrainian can say when it is safe to call her.
    assert SAFE_CONTACT in client.get(ukrainian_form.url).content.decode()
    answers = valid_answers(ukrainian_form, site.edition, safe_contact="Tylko rano, SMS")
    assert submit(client, ukrainian_form, answers).status_code == 302
    assert Application.objects.get().form_data["safe_contact"] == "Tylko rano, SMS"
    # And no link on the programme's page, nor on its updates, names it to other sites.
    assert client.get(ukrainian_programme.url)["Referrer-Policy"] == "no-referrer"
    assert client.get(ukrainian_update.url)["Referrer-Policy"] == "no-referrer"


def ukrainian_only_programme(**edition_fields):
    """A programme with its edition and form written in Ukrainian only (no Polish page):
    (form, edition)."""
    site = small_site(sensitive=False)
    ukrainian_index = translate(site.programme_index, "uk")
    ukrainian = Locale.objects.get(language_code="uk")
    programme = ProgrammePageFactory(
        parent=ukrainian_index, locale=ukrainian, title="Лише українською"
    )
    edition = EditionFactory(programme=programme, locale=ukrainian, **edition_fields)
    programme = publish(programme)
    form = publish(EnrolmentFormPageFactory(parent=programme, locale=ukrainian))
    return form, edition


def test_a_programme_with_its_form_written_only_in_ukrainian_takes_applications(client):
    form, edition = ukrainian_only_programme()
    programme = form.get_parent().specific

    response = submit(client, form, valid_answers(form, edition))

    assert response.status_code == 302  # its confirmation, not a server error
    application = Application.objects.get()
    assert (application.page_id, application.edition_id) == (form.pk, edition.pk)
    assert application.team_id == edition.team_id

    # The team's coordinator finds it by its programme and edition, and sees the edition open.
    coordinator = Client()
    coordinator.force_login(make_coordinator(edition.team))
    for chosen in ({"programme": programme.pk}, {"edition": edition.pk}):
        html = coordinator.get(APPLICATIONS_URL, chosen).content.decode()
        assert application.reference in html, chosen
        (pk,) = chosen.values()
        assert f'<option value="{pk}" selected>' in html, chosen  # a choice the filter offers
    assert edition in enrolment_outlook(make_coordinator(edition.team)).open_editions


@pytest.mark.parametrize("typed", ["05/12/1980", "5.12.1980", "05-12-1980", "1980-12-05"], ids=str)
def test_a_date_typed_on_the_english_form_is_read_day_first(client, typed):
    site = small_site(sensitive=False)
    form = with_question(site.form, "Data urodzenia", "date", required=True)
    english_form = translate(form, "en")
    html = client.get(english_form.url).content.decode()
    assert "For example: 31.12.1980." in html  # the form says how to write it

    question = question_key(form.get_form_fields().get(label="Data urodzenia").clean_name)
    answers = valid_answers(english_form, site.edition, **{question: typed})
    assert submit(client, english_form, answers).status_code == 302
    assert "1980-12-05" in {str(value) for value in Application.objects.get().form_data.values()}


def test_a_date_in_the_american_order_is_refused_not_misread(client):
    site = small_site(sensitive=False)
    form = with_question(site.form, "Data urodzenia", "date", required=True)
    english_form = translate(form, "en")
    question = question_key(form.get_form_fields().get(label="Data urodzenia").clean_name)
    answers = valid_answers(english_form, site.edition, **{question: "12/31/1980"})
    assert submit(client, english_form, answers).status_code == 200  # a form error
    assert not Application.objects.exists()


def test_more_places_for_a_programme_written_only_in_ukrainian_go_to_its_waiting_list(client):
    form, edition = ukrainian_only_programme(places=1)
    for name in ("Олена", "Ірина"):
        submit(client, form, valid_answers(form, edition, applicant_name=name))
    waiting = Application.objects.get(status="waiting_list")

    # An editor gives the edition a second place and publishes the programme.
    Edition.objects.filter(pk=edition.pk).update(places=2)
    form.get_parent().specific.save_revision().publish()

    waiting.refresh_from_db()
    assert waiting.status == "place_offered"


def test_a_coordinator_records_a_phone_application_for_a_programme_written_only_in_ukrainian():
    _form, edition = ukrainian_only_programme()
    assert edition in recordable_editions(make_coordinator(edition.team))


def test_the_coordinators_outlook_announces_an_enrolment_written_only_in_ukrainian():
    _form, edition = ukrainian_only_programme(
        enrolment_opens_on=days_from_today(3), enrolment_closes_on=days_from_today(10)
    )
    [summary] = team_summaries(make_coordinator(edition.team))
    assert [upcoming.edition for upcoming in summary.editions] == [edition]
