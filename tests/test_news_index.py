"""The news list: every update a reader may see in the language, newest first, ten to a page,
and the updates of one programme chosen with a plain form that works without JavaScript."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from programmes.models import NewsIndexPage, UpdatePage

from .page_text import sections, visible_text
from .update_builders import make_update, restrict_with_password

pytestmark = [pytest.mark.django_db, pytest.mark.demo]

PER_PAGE = 10


@pytest.fixture
def news_index(db):
    return NewsIndexPage.objects.get(locale__language_code="pl")


def results(client, news_index, **params):
    response = client.get(news_index.url, params)
    assert response.status_code == 200
    html = response.content.decode()
    return html, sections(html)["results-heading"]


def listed_items(html):
    """The visible text of each update in the list, in order."""
    return [
        visible_text(item)
        for item in re.findall(r'(?s)<article class="update-summary".*?</article>', html)
    ]


def listed_titles(html):
    titles = re.findall(r'class="update-summary__title"[^>]*>(.*?)</h3>', html)
    return [visible_text(title) for title in titles]


def counted(html):
    """The number of updates the list's heading announces."""
    return int(re.search(r'<h2 id="results-heading">(\d+) ', html).group(1))


def polish_updates():
    return UpdatePage.objects.filter(locale__language_code="pl").live()


def test_the_list_shows_the_updates_of_the_news_list_and_of_every_programme_newest_first(
    client, news_index
):
    html, _ = results(client, news_index)

    updates = sorted(polish_updates(), key=lambda update: update.date, reverse=True)
    titles = listed_titles(html)
    assert len(titles) == min(len(updates), PER_PAGE)
    assert {update.title for update in updates[:PER_PAGE]} == set(titles)
    listing = html.split('<ul class="update-list">', 1)[1].split("</ul>", 1)[0]
    dates = re.findall(r'<time datetime="(\d{4}-\d{2}-\d{2})"', listing)
    assert dates == sorted(dates, reverse=True)
    parents = {update.get_parent().specific_class.__name__ for update in updates}
    assert parents == {"NewsIndexPage", "ProgrammePage"}


def test_each_update_in_the_list_names_its_programme(client, news_index, lesnica_programme):
    update = make_update(lesnica_programme, date=datetime.date(2030, 1, 1))
    html, _ = results(client, news_index)
    item = next(item for item in listed_items(html) if update.title in item)
    assert lesnica_programme.title in item


def test_drafts_and_updates_under_a_view_restriction_are_not_listed(
    client, news_index, violence_programme
):
    draft = make_update(news_index, date=datetime.date(2030, 1, 1), publish=False)
    private = make_update(violence_programme, date=datetime.date(2030, 1, 2))
    restrict_with_password(private)

    _, section = results(client, news_index)

    assert draft.title not in section
    assert private.title not in section


def test_the_list_comes_in_pages_of_ten_with_a_navigation_between_them(client, news_index):
    created = [
        make_update(news_index, date=datetime.date(2030, 1, 1) + datetime.timedelta(days=day))
        for day in range(PER_PAGE + 2)
    ]
    total = polish_updates().count()
    pages = -(-total // PER_PAGE)

    first_html, first = results(client, news_index)
    second_html, _ = results(client, news_index, page=2)

    assert listed_titles(first_html) == [update.title for update in reversed(created)][:PER_PAGE]
    assert listed_titles(second_html)[:2] == [created[1].title, created[0].title]
    assert counted(first_html) == total  # every update, not only this page's
    nav = re.search(r'<nav class="pagination" aria-label="[^"]+">(.*?)</nav>', first_html, re.S)
    assert nav, "no pagination navigation"
    assert 'href="?page=2" rel="next"' in nav.group(1)
    assert 'href="?page=1" aria-current="page"' in nav.group(1)
    assert re.search(rf"<title>[^<]*\(\D*2\D*{pages}\D*\)", second_html)
    assert 'rel="prev"' in second_html


@pytest.mark.parametrize("page", ["999", "0", "-1", "dwa", "1.5"])
def test_a_page_of_the_list_that_does_not_exist_is_not_found(client, news_index, page):
    assert client.get(news_index.url, {"page": page}).status_code == 404


def test_choosing_a_programme_shows_only_its_updates(
    client, news_index, lesnica_programme, violence_programme
):
    html, section = results(client, news_index, programme=lesnica_programme.slug)

    wanted = UpdatePage.objects.child_of(lesnica_programme).live()
    assert set(listed_titles(html)) == {update.title for update in wanted}
    for update in UpdatePage.objects.child_of(violence_programme).live():
        assert update.title not in section
    assert f'<option value="{lesnica_programme.slug}" selected>' in html
    assert f'href="{lesnica_programme.url}feed/"' in html  # the programme's own feed


def test_the_chosen_programme_stays_chosen_on_the_next_page(client, news_index, violence_programme):
    for day in range(PER_PAGE + 1):
        make_update(violence_programme, date=datetime.date(2030, 1, 1 + day))

    html, _ = results(client, news_index, programme=violence_programme.slug)

    assert f'href="?programme={violence_programme.slug}&amp;page=2" rel="next"' in html
    html, _ = results(client, news_index, programme=violence_programme.slug, page=2)
    programmes_updates = {
        update.title for update in UpdatePage.objects.child_of(violence_programme).live()
    }
    assert listed_titles(html)  # more of the programme's updates
    assert set(listed_titles(html)) <= programmes_updates


def test_the_filter_is_a_plain_form_with_a_label(client, news_index):
    html, _ = results(client, news_index)
    form = re.search(
        r'<form method="get" action="([^"]+)" class="filter-form">(.*?)</form>', html, re.S
    )
    assert form and form.group(1) == news_index.url
    assert '<label for="id_programme">' in form.group(2)
    assert '<button type="submit">' in form.group(2)


def test_an_unknown_programme_is_explained_and_every_update_still_shown(client, news_index):
    html, _ = results(client, news_index, programme="nie-ma-takiego")

    assert 'class="error-summary"' in html
    assert 'href="#id_programme"' in html
    assert len(listed_titles(html)) == min(polish_updates().count(), PER_PAGE)


@pytest.mark.parametrize("language", ["en", "uk"])
def test_the_list_shows_only_updates_in_its_language(client, news_index, language):
    page = news_index.get_translation(Locale.objects.get(language_code=language))

    html, section = results(client, page)

    assert f'<html lang="{language}">' in html
    translated = UpdatePage.objects.filter(locale__language_code=language).live()
    assert set(listed_titles(html)) <= {update.title for update in translated}
    assert listed_titles(html)
    for polish in polish_updates():
        if polish.title not in {update.title for update in translated}:
            assert polish.title not in section


def test_the_whole_list_is_kept_and_a_new_update_shows_on_the_next_view(client, news_index):
    """The list asked for without choices is kept as HTML (it costs a warm view no query of
    its own); publishing an update shows it on the next view."""
    for _ in range(2):
        results(client, news_index)
    with CaptureQueriesContext(connection) as captured:
        results(client, news_index)
    own = [query["sql"] for query in captured if 'FROM "wagtailcore_site"' not in query["sql"]]
    assert own == []  # Wagtail's site lookup only

    make_update(
        news_index, title="Nowa wiadomość po zachowaniu listy", date=datetime.date(2031, 1, 1)
    )
    html, _ = results(client, news_index)
    assert listed_titles(html)[0] == "Nowa wiadomość po zachowaniu listy"
