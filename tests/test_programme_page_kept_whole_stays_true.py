"""A programme page is kept as HTML for its readers (home.templatetags.fragment_cache), its
editions and contacts included, and still says what is true now: a new count of places taken
shows on the next view in every language, a coordinator's new phone number or a team's new name
on the next view of the page, and "places left, as of" moves on with the clock while the count
stays. A reader within the same minute gets the kept page, and nothing is rendered twice for
them."""

import datetime
import re
from unittest import mock

import pytest
import time_machine
from django.utils import timezone

from home.templatetags import fragment_cache
from home.versioned_cache import cached
from programmes.programme_parts import parts_of

from .enrolment_world import programme_in_every_language, stored_application
from .once_per_module import built_once
from .page_text import visible_text

pytestmark = pytest.mark.django_db

kept_world, programme = built_once(lambda: programme_in_every_language(places=5), name="programme")


def html_of(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    return response.content.decode()


def as_of_times(html):
    """When each "places left" row says it counted."""
    return re.findall(r'places-left__as-of">[^<]*<time datetime="([^"]+)">', html)


def test_a_new_count_of_places_shows_on_the_next_view_in_every_language(client, programme):
    site, pages = programme
    for page in pages:
        assert "5" in visible_text(html_of(client, page).split('class="places-left"')[1])
    stored_application(site)
    for page in pages:
        row = visible_text(html_of(client, page).split('class="places-left"')[1])
        assert "4" in row and "5" in row, (page.url, row)


def test_a_coordinators_new_phone_and_a_teams_new_name_show_at_once(client, programme):
    site, pages = programme
    for page in pages * 2:  # kept (a new site's first view makes its settings' row, which
        html_of(client, page)  # forgets everything kept before it)
    person = site.edition.responsible_person
    person.phone = "+48 71 555 01 99"
    person.save()
    team = site.edition.team
    team.name = "Zespół po zmianie nazwy"
    team.save()
    # The Polish page shows the Polish person and team (translations are their own rows).
    text = visible_text(html_of(client, pages[0]))
    assert "71 555 01 99" in text
    assert "Zespół po zmianie nazwy" in text


def test_places_left_as_of_moves_on_with_the_clock_and_is_kept_within_the_minute(
    client, programme, monkeypatch
):
    site, _pages = programme
    page = site.programme
    read = []
    render = fragment_cache.CachedHtmlNode.render

    def noting_the_name(node, context):
        read.append(node.key_parts[0].token.strip('"'))
        return render(node, context)

    # A new site's first view makes its settings' row, which forgets everything kept.
    html_of(client, page)
    monkeypatch.setattr(fragment_cache.CachedHtmlNode, "render", noting_the_name)
    start = timezone.localtime().replace(second=5, microsecond=0)
    with time_machine.travel(start, tick=False):
        first = as_of_times(html_of(client, page))
        read.clear()
        again = as_of_times(html_of(client, page))
    assert first and again == first
    # The kept content was read whole: the sections inside it were not rendered again.
    assert "programme-content" in read and "programme-introduction" not in read

    with time_machine.travel(start + datetime.timedelta(minutes=2), tick=False):
        later = as_of_times(html_of(client, page))
    assert later and later != first
    assert all(datetime.datetime.fromisoformat(at) >= start for at in later)


def test_a_kept_page_reads_neither_its_parts_nor_its_form_nor_its_updates(client, programme):
    """A reader of the kept page gets it without the parts, the form and the updates it was
    built from being read again (each a copy unpickled on every view, for nothing)."""
    _site, pages = programme
    for _ in range(2):  # kept
        html_of(client, pages[0])
    with (
        mock.patch("programmes.programme_parts.parts_of", wraps=parts_of) as parts,
        mock.patch("programmes.models.pages.news_index_read_for") as news_index,
        mock.patch("programmes.models.pages.cached", wraps=cached) as kept_reads,
    ):
        html = html_of(client, pages[0])
    assert pages[0].title in html
    parts.assert_not_called()
    news_index.assert_not_called()
    # The form and the updates under the programme are kept under "programme-children".
    assert not [call for call in kept_reads.call_args_list if "programme-children" in call.args[1]]
