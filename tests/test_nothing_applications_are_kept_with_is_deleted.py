"""An editor cannot delete a programme, its form, a page above them or a team while
applications are kept with them: the admin says why and what to do instead (unpublish), and
the applications keep their programme (its retention period, its "sensitive" mark) and team."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from wagtail.models import Page

from enrolment.models import Application
from programmes.models import ProgrammePage, Team

from .admin_helpers import make_superuser
from .enrolment_world import programme_with_form, stored_application
from .factories import SmallSite
from .once_per_module import built_once

pytestmark = pytest.mark.django_db


def site_with_an_application():
    site = SmallSite.build()
    stored_application(site)
    return site


kept_world, site = built_once(site_with_an_application, name="site")


@pytest.fixture
def editor(client):
    client.force_login(make_superuser())
    return client


def delete_page(client, page):
    url = reverse("wagtailadmin_pages:delete", args=[page.pk])
    return client.get(url), client.post(url)


def error_messages(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.mark.parametrize("which", ["programme", "form", "programme_index"])
def test_a_page_with_applications_under_it_is_not_deleted_and_the_editor_reads_why(
    editor, site, which
):
    page = getattr(site, which)
    shown, sent = delete_page(editor, page)

    assert shown.status_code == sent.status_code == 302
    assert shown.url == sent.url == reverse("wagtailadmin_pages:edit", args=[page.pk])
    # The editor's admin speaks Polish: the page, how many applications, what to do instead.
    message = error_messages(sent)[-1]
    assert f"„{page.title}”" in message and " 1 " in message and "cofnij publikację" in message
    assert Page.objects.filter(pk=page.pk).exists()
    application = Application.objects.get()
    assert (application.programme_id, application.page_id) == (site.programme.pk, site.form.pk)


def test_a_programme_without_applications_is_deleted(editor, site):
    form, _edition = programme_with_form(site.programme_index)
    programme = form.get_parent()

    _shown, sent = delete_page(editor, programme)

    assert sent.status_code == 302
    assert not ProgrammePage.objects.filter(pk=programme.pk).exists()


def test_a_programme_with_applications_is_not_deleted_among_others_chosen_in_the_list(editor, site):
    other, _edition = programme_with_form(site.programme_index)
    chosen = [site.programme.pk, other.get_parent().pk]
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "delete"))
    query = "&".join(f"id={pk}" for pk in chosen)

    response = editor.post(f"{url}?{query}")

    assert response.status_code == 302
    assert f"„{site.programme.title}”" in error_messages(response)[-1]
    assert ProgrammePage.objects.filter(pk__in=chosen).count() == 2


def test_a_team_with_applications_is_not_deleted_and_the_editor_reads_why(editor, site):
    team = site.edition.team
    url = reverse("wagtailsnippets_programmes_team:delete", args=[team.pk])

    shown, sent = editor.get(url), editor.post(url)

    assert shown.status_code == sent.status_code == 302
    assert f"„{team.name}”" in error_messages(sent)[-1]
    assert Team.objects.filter(pk=team.pk).exists()
