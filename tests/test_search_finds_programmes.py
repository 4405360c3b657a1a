import pytest

pytestmark = pytest.mark.django_db


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
