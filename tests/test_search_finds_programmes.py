import pytest

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
    return [page.title for page in response.context["results"]]


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
    more = [page.title for page in second.context["results"]]
    assert not set(titles) & set(more)
