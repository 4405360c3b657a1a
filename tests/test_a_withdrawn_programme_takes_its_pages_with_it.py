"""An editor who unpublishes a programme (or whose programme's expiry date passes) takes its
enrolment form and its updates off the site with it, although Wagtail leaves them live: nobody
applies to a withdrawn programme, and search and the sitemap no longer show its pages."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from enrolment.models import Application

from .enrolment_helpers import submit, valid_answers
from .factories import SmallSite
from .update_builders import make_update

pytestmark = pytest.mark.django_db


def withdraw(programme, how):
    if how == "unpublished":
        programme.unpublish()  # "Unpublish" without ticking its subpages
    else:
        programme.expire_at = timezone.now() - datetime.timedelta(minutes=1)
        programme.save_revision().publish()
        programme.expire_at = timezone.now() - datetime.timedelta(minutes=1)
        programme.save(update_fields=["expire_at"])
        call_command("publish_scheduled")  # the scheduler run beside the site
    programme.refresh_from_db()
    assert not programme.live


@pytest.mark.parametrize("how", ["unpublished", "expired"])
def test_the_form_of_a_withdrawn_programme_takes_no_application(client, how):
    site = SmallSite.build()
    answers = valid_answers(site.form, site.edition)
    update = make_update(site.programme)
    assert client.get(site.form.url).status_code == 200

    withdraw(site.programme, how)

    assert client.get(site.form.url).status_code == 404
    assert submit(client, site.form, answers).status_code == 404
    assert not Application.objects.exists()
    assert client.get(update.url).status_code == 404


def test_search_and_the_sitemap_leave_out_the_pages_of_a_withdrawn_programme(client):
    site = SmallSite.build()
    update = make_update(site.programme, title="Zmiana godzin zajęć w ośrodku")
    assert update.title in client.get("/search/", {"query": "zajęć"}).content.decode()
    assert site.form.url in client.get("/sitemap.xml").content.decode()

    site.programme.unpublish()

    assert update.title not in client.get("/search/", {"query": "zajęć"}).content.decode()
    sitemap = client.get("/sitemap.xml").content.decode()
    assert site.form.url not in sitemap and update.url not in sitemap


def test_a_programme_list_taken_off_the_site_takes_its_programmes_off_the_home_page(client):
    site = SmallSite.build()
    update = make_update(site.programme, title="Nowe terminy spotkań grupy")
    home = client.get(site.home.url).content.decode()
    assert site.programme.title in home and update.title in home

    site.programme_index.unpublish()  # its programmes stay live in Wagtail's eyes

    home = client.get(site.home.url).content.decode()
    assert site.programme.title not in home and update.title not in home
