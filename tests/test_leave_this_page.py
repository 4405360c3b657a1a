"""Every public page offers a way to leave at once (the home page, lists and search name the
programme for victims of violence too): a click or three presses of Shift open a neutral site,
and Back does not return to the page that was read."""

import pytest
from django.urls import reverse
from wagtail.models import Locale, Site

from enrolment.models import EnrolmentFormPage
from home.models import ContentPage, HomePage, SafetySettings
from programmes.models import NewsIndexPage, ProgrammeIndexPage

from .enrolment_helpers import edition, open_enrolment, programme
from .neutral_site import NeutralSite

# Reads the demo site (its pages in three languages).
pytestmark = pytest.mark.demo


@pytest.mark.django_db(transaction=True)
def test_leaving_by_click_or_by_shift_lands_on_the_neutral_site_and_back_does_not_return(
    live_server, chromium
):
    sensitive = programme("KomPAS")
    with NeutralSite() as neutral:
        settings = SafetySettings.for_site(Site.objects.get(is_default_site=True))
        settings.quick_exit_url = neutral.url
        settings.save()

        for leave in ("click", "shift"):
            context = chromium.new_context()
            page = context.new_page()
            page.goto(live_server.url + "/")
            page.goto(live_server.url + sensitive.url)
            if leave == "click":
                page.click("[data-quick-exit]")
            else:
                for _ in range(3):
                    page.keyboard.press("Shift")
            page.wait_for_url(neutral.url)
            assert "Pogoda" in page.inner_text("h1")

            page.go_back()
            page.wait_for_load_state()
            assert page.url != live_server.url + sensitive.url, leave
            context.close()

        # Without JavaScript the control is still a link to the neutral site.
        context = chromium.new_context(java_script_enabled=False)
        page = context.new_page()
        page.goto(live_server.url + sensitive.url)
        page.click("[data-quick-exit]")
        page.wait_for_url(neutral.url)
        context.close()


@pytest.mark.django_db
class TestWhereTheControlAppears:
    def test_on_a_sensitive_programme_and_its_form(self, client):
        chosen = edition("KomPAS", 2)
        open_enrolment(chosen)
        form = EnrolmentFormPage.objects.child_of(programme("KomPAS")).get()
        for url in (programme("KomPAS").url, form.url):
            assert "data-quick-exit" in client.get(url).content.decode(), url

    def test_on_every_other_public_page_too(self, client):
        def polish(model):
            return model.objects.live().filter(locale__language_code="pl").first().url

        for url in (
            polish(HomePage),
            polish(ProgrammeIndexPage),
            polish(NewsIndexPage),
            polish(ContentPage),
            programme("PAS-ja").url,
            reverse("search") + "?query=przemoc",
        ):
            assert "data-quick-exit" in client.get(url).content.decode(), url
        not_found = client.get("/no-such-page-here/")
        assert not_found.status_code == 404
        assert "data-quick-exit" in not_found.content.decode()

    def test_in_every_language(self, client):
        for code in ("en", "uk"):
            page = programme("KomPAS").get_translation(Locale.objects.get(language_code=code))
            assert "data-quick-exit" in client.get(page.url).content.decode()


@pytest.mark.django_db
class TestNothingTellsOtherSitesWhatWasRead:
    def test_sensitive_programme_pages_send_no_referrer(self, client):
        assert client.get(programme("KomPAS").url)["Referrer-Policy"] == "no-referrer"

    def test_form_and_confirmation_pages_send_their_address_to_no_other_site(self, client):
        chosen = edition("PAS-ja", 3)
        open_enrolment(chosen)
        form = EnrolmentFormPage.objects.child_of(programme("PAS-ja")).get()
        # "same-origin", not "no-referrer": with the latter browsers send `Origin: null` with the
        # POST and the CSRF check refuses it (the keyboard browser test submits for real).
        assert client.get(form.url)["Referrer-Policy"] == "same-origin"
        confirmation = form.url + form.reverse_subpage("confirmation")
        assert client.get(confirmation)["Referrer-Policy"] == "same-origin"
