"""Every page can be found: sitemap, robots.txt, canonical address and description."""

import pytest

pytestmark = pytest.mark.django_db


def test_sitemap_lists_the_programme_pages(client, lesnica_programme, violence_programme):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    body = response.content.decode()
    assert lesnica_programme.full_url in body
    assert violence_programme.full_url in body


def test_robots_txt_points_to_the_sitemap_and_keeps_robots_out_of_the_admin(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert "Disallow: /admin/" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body


@pytest.mark.parametrize("page_fixture", ["home_page", "programme_index", "lesnica_programme"])
def test_each_page_has_a_canonical_address_and_a_description(client, request, page_fixture):
    page = request.getfixturevalue(page_fixture)
    html = client.get(page.url).content.decode()
    assert f'<link rel="canonical" href="{page.full_url}">' in html
    assert '<meta name="description" content="' in html
