"""A directory (another site's script, a 211 network's importer) reads the HSDS API: it may only
read (GET, HEAD, OPTIONS), from any origin (CORS), pages through the lists as the standard's
OpenAPI says, gets a clear JSON answer for a bad parameter or an unknown id and never a 5xx,
and every reader without a session gets the same copy from the caching proxy."""

import pytest
from django.conf import settings
from django.test import Client

from home.models import Institution

from .builders import make_programme
from .factories import InstitutionFactory, SmallSite
from .once_per_module import built_once

pytestmark = pytest.mark.django_db

API = "/api/hsds"
EVERY_PATH = ["/", "/services", "/organizations", "/service_at_locations"]


def build_world():
    """A small site of the module's own with three programmes, and the institution."""
    site = SmallSite.build()
    InstitutionFactory()
    for _ in range(2):
        make_programme(site.programme_index)
    return site


# Each test reads its own copy of the module's small site: the API only reads it.
kept_world, site = built_once(build_world, name="site")


def service_path(site):
    return f"{API}/services/{site.programme.translation_key}"


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_only_reading_is_answered(site, method):
    client = Client(enforce_csrf_checks=True)
    for path in [*(API + path for path in EVERY_PATH), service_path(site)]:
        response = getattr(client, method)(path, data="{}", content_type="application/json")
        assert response.status_code == 405, (method, path)
        assert response["Allow"] == "GET, HEAD, OPTIONS"
        assert response.json()["status"] == 405
        assert response["Access-Control-Allow-Origin"] == "*"


def test_head_answers_like_get_without_a_body(client, site):
    response = client.head(service_path(site))
    assert response.status_code == 200
    assert response.content == b""
    assert response["Content-Type"] == "application/json"


def test_any_origin_may_read(client, site):
    for path in [*(API + path for path in EVERY_PATH), service_path(site)]:
        response = client.get(path, HTTP_ORIGIN="https://katalog.example.org")
        assert response.status_code == 200, path
        assert response["Access-Control-Allow-Origin"] == "*"


def test_a_directory_polling_an_answer_unchanged_gets_a_304(client, site):
    for path in [API + "/services", service_path(site)]:
        first = client.get(path)
        assert first.status_code == 200 and first["ETag"], path

        again = client.get(path, HTTP_IF_NONE_MATCH=first["ETag"], HTTP_ORIGIN="https://k.example")

        assert again.status_code == 304, path
        assert again.content == b""
        assert again["Access-Control-Allow-Origin"] == "*"
    # Another answer has another tag.
    assert client.get(API + "/organizations")["ETag"] != client.get(API + "/services")["ETag"]


def test_a_preflight_is_answered_with_the_methods_allowed(client, site):
    response = client.options(
        service_path(site),
        HTTP_ORIGIN="https://katalog.example.org",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="Accept, X-Requested-With",
    )
    assert response.status_code == 204
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"
    assert response["Access-Control-Allow-Headers"] == "Accept, X-Requested-With"
    assert response["Allow"] == "GET, HEAD, OPTIONS"


def test_the_caching_proxy_may_keep_the_answers(client, site):
    shared = f"s-maxage={settings.CACHE_CONTROL_SHARED_MAX_AGE}"
    for path in [*(API + path for path in EVERY_PATH), service_path(site), f"{API}/services/x"]:
        response = client.get(path)
        cache_control = response["Cache-Control"]
        assert "public" in cache_control and shared in cache_control, (path, cache_control)
        assert "Set-Cookie" not in response, path


def test_a_signed_in_editors_answers_are_not_kept(admin_client, site):
    response = admin_client.get(f"{API}/services")
    assert response.status_code == 200
    assert "public" not in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]


def test_the_lists_are_paged_as_the_openapi_says(client, site):
    everything = client.get(f"{API}/services", {"per_page": 100}).json()
    total = everything["total_items"]
    assert total >= 3 and len(everything["contents"]) == total

    seen, page = [], 1
    while True:
        answer = client.get(f"{API}/services", {"page": page, "per_page": 2}).json()
        assert answer["page_number"] == page
        assert answer["total_items"] == total
        assert answer["total_pages"] == (total + 1) // 2
        assert answer["first_page"] == (page == 1)
        assert answer["size"] == len(answer["contents"])
        seen += [item["id"] for item in answer["contents"]]
        if answer["last_page"]:
            break
        page += 1
    assert seen == [item["id"] for item in everything["contents"]]


@pytest.mark.parametrize("page", ["2", "99", "999999999"])
def test_a_page_past_the_end_is_an_empty_page(client, site, page):
    response = client.get(f"{API}/organizations", {"page": page})
    assert response.status_code == 200
    answer = response.json()
    assert answer["contents"] == [] and answer["empty"] is True and answer["size"] == 0
    assert answer["last_page"] is True and answer["first_page"] is False
    assert answer["total_items"] == 1


@pytest.mark.parametrize(
    ("parameter", "value"),
    [
        ("page", "0"),
        ("page", "-1"),
        ("page", "x"),
        ("page", "1.5"),
        ("page", ""),
        ("page", "１"),  # a full-width digit
        ("page", "1" * 5000),
        ("per_page", "0"),
        ("per_page", "101"),
        ("full", "maybe"),
        ("modified_after", "yesterday"),
        ("format", "xml"),
    ],
)
def test_a_bad_parameter_gets_a_clear_400(client, site, parameter, value):
    for path in ["/services", "/service_at_locations"]:
        response = client.get(API + path, {parameter: value})
        assert response.status_code == 400, (path, parameter, value)
        answer = response.json()
        assert answer["parameter"] == parameter
        assert parameter in answer["message"]
        assert response["Access-Control-Allow-Origin"] == "*"


def test_an_unknown_id_is_a_json_404(client, site):
    key = str(site.programme.translation_key)
    for path in [
        "/services/7d0f5c36-4b6a-4c1e-9a57-0f1f9d8e2b10",
        "/services/not-an-id",
        f"/services/{key.upper()}",
        "/organizations/7d0f5c36-4b6a-4c1e-9a57-0f1f9d8e2b10",
        f"/service_at_locations/{key}",
    ]:
        response = client.get(API + path)
        assert response.status_code == 404, path
        assert response.json()["status"] == 404
        assert response["Access-Control-Allow-Origin"] == "*"


def test_filters_of_the_openapi_narrow_the_services(client, site):
    organization_id = client.get(f"{API}/organizations").json()["contents"][0]["id"]
    all_services = client.get(f"{API}/services").json()["total_items"]
    assert (
        client.get(f"{API}/services", {"organization_id": organization_id}).json()["total_items"]
        == all_services
    )
    other = "7d0f5c36-4b6a-4c1e-9a57-0f1f9d8e2b10"
    assert client.get(f"{API}/services", {"organization_id": other}).json()["total_items"] == 0
    found = client.get(f"{API}/services", {"search": site.programme.title.upper()}).json()
    assert [item["id"] for item in found["contents"]] == [str(site.programme.translation_key)]
    assert client.get(f"{API}/services", {"modified_after": "2999-01-01"}).json()["empty"]
    assert (
        client.get(f"{API}/services", {"modified_after": "2000-01-01"}).json()["total_items"]
        == all_services
    )


@pytest.mark.parametrize(
    "path",
    ["/taxonomies", "/services/", "/nothing", "/organizations/x/services", "//services"],
)
def test_an_address_the_api_does_not_have_is_its_json_404(client, site, path):
    """Not the site's HTML page, nor a redirect adding a slash: a script reads why, from any
    origin, with the headers of the API's other 404s."""
    unknown_id = client.get(f"{API}/services/x")
    for prefix in ["", "/en", "/uk"]:
        response = client.get(prefix + API + path, HTTP_ORIGIN="https://katalog.example.org")
        assert response.status_code == 404, (prefix, path)
        assert response.json()["status"] == 404
        for header in ["Content-Type", "Access-Control-Allow-Origin", "Cache-Control"]:
            assert response[header] == unknown_id[header], header


@pytest.mark.parametrize(
    ("path", "parameter"),
    [
        ("/services", "taxonomy_term_id"),
        ("/services", "taxonomy_id"),
        ("/services", "minimal"),
        ("/service_at_locations", "taxonomy_term_id"),
        ("/service_at_locations", "postcode"),
        ("/service_at_locations", "proximity"),
        ("/services", "serach"),
        ("/organizations", "organization_id"),
        ("/", "search"),
        ("/services/{id}", "full"),
    ],
)
def test_a_parameter_the_address_does_not_apply_gets_a_400_not_every_record(
    client, site, path, parameter
):
    """A directory asking for one kind of programme must not take every programme for it."""
    path = path.format(id=site.programme.translation_key)
    response = client.get(API + path, {parameter: "7d0f5c36-4b6a-4c1e-9a57-0f1f9d8e2b10"})
    assert response.status_code == 400, (path, parameter)
    answer = response.json()
    assert answer["parameter"] == parameter
    assert parameter in answer["message"]
    assert response["Access-Control-Allow-Origin"] == "*"


def test_every_parameter_of_the_api_together_is_still_read(client, site):
    everything = {"format": "json", "page": 1, "per_page": 10, "full": "true"}
    filters = {"organization_id": "", "modified_after": "2000-01-01", "search": ""}
    for path in ["/services", "/service_at_locations"]:
        assert client.get(API + path, everything | filters).status_code == 200, path
    organizations = client.get(
        f"{API}/organizations", everything | {"full_service": "true", "search": ""}
    )
    assert organizations.status_code == 200
    organization_id = organizations.json()["contents"][0]["id"]
    answer = client.get(
        f"{API}/organizations/{organization_id}", {"format": "json", "full_service": "true"}
    )
    assert answer.status_code == 200
    for path in ["/", f"/services/{site.programme.translation_key}"]:
        assert client.get(API + path, {"format": "json"}).status_code == 200, path


def test_organizations_are_searched_by_their_names(client, site):
    # The module's centre, or the demo's once a test of this worker has put the demo in.
    centre = Institution.objects.get(locale__language_code="pl")
    for words in ["ośrodek pomocy", "OPS"]:
        found = client.get(f"{API}/organizations", {"search": words}).json()
        assert [item["name"] for item in found["contents"]] == [centre.name]
    nothing = client.get(f"{API}/organizations", {"search": "Ogród zoologiczny"}).json()
    assert nothing["total_items"] == 0 and nothing["empty"]
