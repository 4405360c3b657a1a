"""A translated enrolment form asks what its Polish source programme asks for, even before the
translation is synced, and reads dates as the Polish one does; a programme or form written in
one other language only takes applications like any other."""

import pytest
from django.test import Client
from wagtail.models import Locale

from enrolment.admin_views.listing import enrolment_outlook
from enrolment.field_names import question_key
from enrolment.models import Application

from .admin_factories import translate
from .admin_helpers import APPLICATIONS_URL, make_coordinator
from .enrolment_helpers import submit, valid_answers
from .enrolment_world import small_site, with_question
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


def test_a_programme_with_its_form_written_only_in_ukrainian_takes_applications(client):
    site = small_site(sensitive=False)
    ukrainian_index = translate(site.programme_index, "uk")
    ukrainian = Locale.objects.get(language_code="uk")
    programme = ProgrammePageFactory(
        parent=ukrainian_index, locale=ukrainian, title="Лише українською"
    )
    edition = EditionFactory(programme=programme, locale=ukrainian)
    programme = publish(programme)
    form = publish(EnrolmentFormPageFactory(parent=programme, locale=ukrainian))

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
