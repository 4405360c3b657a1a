"""Publishing purges the caching proxy's copy of the page and of every page that lists it.

The proxy is stood in for by a small HTTP server on loopback that records the PURGE requests
Wagtail's frontend cache sends (a real Varnish gives the same requests)."""

import pytest
from wagtail.models import Page

from home.models import HomePage, Notice
from programmes.models import NewsIndexPage, ProgrammeIndexPage, ProgrammePage, UpdatePage

pytestmark = [pytest.mark.django_db, pytest.mark.demo]


def path_of(page):
    return page.get_url_parts()[2]


def in_every_language(page):
    return list(page.get_translations(inclusive=True).live())


def listing_pages(page):
    """A programme's list and home page, in every language the programme is published in."""
    pages = []
    for version in in_every_language(page):
        pages += [ProgrammeIndexPage.objects.get(locale=version.locale)]
        pages += [HomePage.objects.get(locale=version.locale)]
    return pages


def test_publishing_a_programme_purges_it_its_list_and_the_home_page_in_every_language(
    proxy, lesnica_programme, violence_programme, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        lesnica_programme.save_revision().publish()

    purged = proxy.paths()
    expected = {path_of(page) for page in in_every_language(lesnica_programme)}
    expected |= {path_of(page) for page in listing_pages(lesnica_programme)}
    assert len(in_every_language(lesnica_programme)) == 3
    assert expected <= purged
    assert {"/", "/en/", "/uk/"} <= purged
    # Only what shows the change: another programme keeps its copy.
    assert path_of(violence_programme) not in purged
    # Sent with the site's host name, which is how the proxy files its copies.
    assert {host for host, _path in proxy.purged} == {lesnica_programme.get_site().hostname}


def test_purges_are_sent_only_after_the_commit(proxy, lesnica_programme):
    lesnica_programme.save_revision().publish()
    # Inside the test's transaction nothing has been committed, so nothing may be purged yet:
    # the proxy would fetch the old version again.
    assert proxy.purged == []


def test_publishing_an_update_purges_its_programme_the_news_list_and_the_home_page(
    proxy, lesnica_programme, violence_programme, django_capture_on_commit_callbacks
):
    update = UpdatePage(title="Nowy termin zajęć", slug="nowy-termin-zajec", lead="Zmiana.")
    lesnica_programme.add_child(instance=update)
    with django_capture_on_commit_callbacks(execute=True):
        update.save_revision().publish()

    purged = proxy.paths()
    news_list = NewsIndexPage.objects.get(locale__language_code="pl")
    assert {path_of(update), path_of(lesnica_programme), path_of(news_list), "/"} <= purged
    assert path_of(violence_programme) not in purged


def test_deleting_an_update_purges_its_address_and_its_programme(
    proxy, lesnica_programme, django_capture_on_commit_callbacks
):
    update = UpdatePage(title="Zajęcia odwołane", slug="zajecia-odwolane", lead="Odwołane.")
    lesnica_programme.add_child(instance=update)
    update.save_revision().publish()
    address = path_of(update)
    with django_capture_on_commit_callbacks(execute=True):
        Page.objects.get(pk=update.pk).delete()

    assert {address, path_of(lesnica_programme)} <= proxy.paths()


def test_unpublishing_a_programme_purges_it_its_subpages_and_the_pages_that_listed_it(
    proxy, violence_programme, django_capture_on_commit_callbacks
):
    expected = {path_of(page) for page in listing_pages(violence_programme)}
    expected.add(path_of(violence_programme))
    # Its form and updates go off the site with it (home.unpublished_branches).
    subpages = violence_programme.get_descendants().live()
    assert subpages.exists()
    expected |= {path_of(page) for page in subpages}
    with django_capture_on_commit_callbacks(execute=True):
        violence_programme.unpublish()

    assert expected <= proxy.paths()


def test_a_new_slug_purges_the_old_address_too(
    proxy, lesnica_programme, django_capture_on_commit_callbacks
):
    old_path = path_of(lesnica_programme)
    lesnica_programme.slug = "pal-lesnica-nowy-adres"
    with django_capture_on_commit_callbacks(execute=True):
        lesnica_programme.save_revision().publish()

    purged = proxy.paths()
    assert old_path in purged
    assert path_of(ProgrammePage.objects.get(pk=lesnica_programme.pk)) in purged


def test_publishing_a_notice_purges_every_page(proxy, django_capture_on_commit_callbacks):
    notice = Notice(title="Awaria telefonów", body="<p>Dzwoń pod inny numer.</p>", live=False)
    notice.save()
    with django_capture_on_commit_callbacks(execute=True):
        revision = notice.save_revision()
    assert proxy.purged == []  # a draft shows nowhere
    with django_capture_on_commit_callbacks(execute=True):
        revision.publish()

    every_page = {path_of(page) for page in Page.objects.live().filter(depth__gt=1)}
    assert every_page <= proxy.paths()


def test_a_partner_purges_the_programmes_that_name_it(
    proxy, lesnica_programme, violence_programme, django_capture_on_commit_callbacks
):
    partner = lesnica_programme.partners.first().partner
    partner.name = "Centrum Kultury Wrocław-Zachód (nowa nazwa)"
    with django_capture_on_commit_callbacks(execute=True):
        partner.save()

    purged = proxy.paths()
    assert path_of(lesnica_programme) in purged
    assert path_of(violence_programme) not in purged
