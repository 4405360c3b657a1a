import re

import pytest
from wagtail.models import PageViewRestriction

from bench.counting import counting

pytestmark = [pytest.mark.django_db, pytest.mark.demo]


def search(client, query):
    response = client.get("/search/", {"query": query})
    assert response.status_code == 200
    return response.content.decode()


def test_search_finds_the_violence_victims_programme_by_a_form_of_support(
    client, violence_programme
):
    assert violence_programme.title in search(client, "WenDo")


def test_search_finds_the_lesnica_programme_by_a_partners_name(client, lesnica_programme):
    html = search(client, "Źródełko")
    assert lesnica_programme.title in html


def test_search_that_finds_nothing_says_so_and_suggests_what_to_do(client):
    html = search(client, "zzzyxw")
    assert "zzzyxw" in html
    assert 'name="query"' in html


def test_empty_search_shows_the_form(client):
    html = search(client, "")
    assert 'name="query"' in html


def ranked_titles(client, query, prefix=""):
    response = client.get(f"{prefix}/search/", {"query": query})
    assert response.status_code == 200
    return [result.page.title for result in response.context["results"]]


@pytest.mark.parametrize(
    ("query", "programme"),
    [
        ("WenDo", "violence_programme"),
        ("Leśnica", "lesnica_programme"),
        ("przemocy", "violence_programme"),
        ("PAS-ja", "lesnica_programme"),
    ],
)
def test_the_programme_a_word_describes_comes_before_news_that_mention_it(
    client, request, query, programme
):
    expected = request.getfixturevalue(programme)
    titles = ranked_titles(client, query)
    print(f"search {query!r}: {titles}")  # the ranking, for the record (pytest -s)
    assert titles and titles[0] == expected.title


def test_ranked_results_page_through_every_match_once(client):
    titles = ranked_titles(client, "programu")
    second = client.get("/search/", {"query": "programu", "page": 2})
    assert second.status_code == 200
    more = [result.page.title for result in second.context["results"]]
    assert not set(titles) & set(more)


def result_links(html):
    """The addresses the results lead to."""
    results = html.split('<ol class="search-results"', 1)
    return re.findall(r'<h3><a href="([^"]+)"', results[1]) if len(results) == 2 else []


def test_the_same_words_in_each_language_find_that_languages_pages(client, violence_programme):
    """A search's answer is kept per language (home.recent_searches): the Polish answer is not
    given to an English or Ukrainian reader who types the same words."""
    for _ in range(2):
        polish = result_links(search(client, "WenDo"))
        english = result_links(client.get("/en/search/", {"query": "WenDo"}).content.decode())
        ukrainian = result_links(client.get("/uk/search/", {"query": "WenDo"}).content.decode())

    assert violence_programme.url in polish
    assert not any(link.startswith(("/en/", "/uk/")) for link in polish)
    assert english and all(link.startswith("/en/") for link in english)
    assert ukrainian and all(link.startswith("/uk/") for link in ukrainian)


def test_a_programme_under_a_password_is_not_found_until_the_password_is_removed(
    client, lesnica_programme
):
    """Search leaves out what readers may not open; the site's view restrictions are read only
    while it has any (home.view_restrictions), and a new or removed one counts at once."""
    assert lesnica_programme.url in result_links(search(client, "Źródełko"))
    restriction = PageViewRestriction.objects.create(
        page=lesnica_programme, restriction_type=PageViewRestriction.PASSWORD, password="tajne"
    )
    assert lesnica_programme.url not in result_links(search(client, "Źródełko"))
    restriction.delete()
    assert lesnica_programme.url in result_links(search(client, "Źródełko"))


def language_links(html):
    """The header's links to the other languages."""
    nav = html.split('<nav class="language-links"', 1)[1].split("</nav>", 1)[0]
    return re.findall(r'href="([^"]+)"', nav)


def test_each_search_offers_its_own_words_in_the_other_languages(client):
    """Search keeps its header as HTML but for the language links: the second search's links
    carry its own words, not the first's."""
    search(client, "WenDo")
    links = language_links(search(client, "Źródełko"))
    assert links and all("query=%C5%B9r%C3%B3de%C5%82ko" in link for link in links), links
    assert not any("WenDo" in link for link in links)


def test_the_menu_marks_search_on_search_and_nothing_on_a_missing_page(client):
    """The kept menu of a view without a page is kept apart for search and for the others."""
    assert 'href="/search/" aria-current="page"' in search(client, "WenDo")
    missing = client.get("/no-such-page/")
    assert missing.status_code == 404
    assert 'aria-current="page"' not in missing.content.decode()
    assert 'href="/search/" aria-current="page"' in search(client, "Leśnica")


def test_a_kept_result_shows_the_title_and_address_published_since(client, violence_programme):
    """A result is kept as HTML once shown (no query reads its page again; the search's answer
    is kept too), and a published change of its title or address shows in the next search."""
    old_address = violence_programme.url
    assert old_address in result_links(search(client, "WenDo"))
    with counting() as cost:
        assert old_address in result_links(search(client, "WenDo"))
    assert cost.query_count == 0  # neither the search nor a result's page is read again
    violence_programme.title = "Zq9 Program przemianowany"
    violence_programme.slug = "zq9-przemianowany"
    violence_programme.save_revision().publish()
    html = search(client, "WenDo")
    assert "Zq9 Program przemianowany" in html
    links = result_links(html)
    assert old_address not in links
    assert any(link.endswith("/zq9-przemianowany/") for link in links), links
