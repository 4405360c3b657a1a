"""Every answer of the HSDS API on the demo site, in Polish, English and Ukrainian, is what the
standard's OpenAPI describes for its path, checked with jsonschema against the HSDS 3.0 schemas
in ../shared/standards/hsds-3.0/schema (each file registered under its address in the
standard's repository, so that the OpenAPI's and the schemas' `$ref`s resolve to the local
copies)."""

import datetime
import json
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

pytestmark = [pytest.mark.django_db, pytest.mark.demo]

STANDARD = Path(__file__).resolve().parents[2] / "shared" / "standards" / "hsds-3.0" / "schema"
# Where the OpenAPI says its schemas are.
UPSTREAM = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/"
# The OpenAPI's answers for one service or organization name compiled variants that the folder
# leaves out (its README): the plain schemas, whose `$ref`s name the same objects, stand in.
LEFT_OUT = {
    "compiled/service.json": "service.json",
    "compiled/organization.json": "organization.json",
}
PREFIXES = {"pl": "", "en": "/en", "uk": "/uk"}
PAGE_KEYS = {
    "total_items",
    "total_pages",
    "page_number",
    "size",
    "first_page",
    "last_page",
    "empty",
    "contents",
}


def _registry():
    if not STANDARD.is_dir():
        pytest.fail(f"The HSDS 3.0 schemas are missing: {STANDARD}")
    documents = {
        path.relative_to(STANDARD).as_posix(): json.loads(path.read_text(encoding="utf-8"))
        for path in STANDARD.rglob("*.json")
    }
    documents |= {name: {"$ref": UPSTREAM + plain} for name, plain in LEFT_OUT.items()}
    return Registry().with_resources(
        (UPSTREAM + name, Resource.from_contents(contents, default_specification=DRAFT202012))
        for name, contents in documents.items()
    )


REGISTRY = _registry()
FORMATS = FormatChecker()


@FORMATS.checks("uri")
def _is_absolute_uri(value):
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


@FORMATS.checks("date-time", raises=ValueError)
def _is_date_time_with_zone(value):
    return datetime.datetime.fromisoformat(value).tzinfo is not None


def assert_valid(instance, schema_uri):
    validator = Draft202012Validator(
        {"$ref": schema_uri}, registry=REGISTRY, format_checker=FORMATS
    )
    errors = sorted(validator.iter_errors(instance), key=lambda error: list(error.path))
    assert not errors, "\n".join(
        f"{'/'.join(map(str, error.path))}: {error.message}" for error in errors[:10]
    )


def openapi_answer(path):
    """The OpenAPI's schema of a 200 answer to GET `path` (a path of the OpenAPI)."""
    pointer = path.replace("~", "~0").replace("/", "~1")
    answer = "get/responses/200/content/application~1json/schema"
    return f"{UPSTREAM}openapi.json#/paths/{pointer}/{answer}"


def schema(name):
    return UPSTREAM + name


def read(client, language, path, **params):
    response = client.get(PREFIXES[language] + "/api/hsds" + path, params)
    assert response.status_code == 200, (path, response.status_code, response.content[:300])
    assert response["Content-Type"] == "application/json"
    return response.json()


def assert_dates(record):
    """The standard's dates (datapackage_type date) and times of day are ISO 8601."""
    for schedule in record.get("schedules", []):
        for name in ("valid_from", "valid_to"):
            if name in schedule:
                datetime.date.fromisoformat(schedule[name])
        for name in ("opens_at", "closes_at"):
            if name in schedule:
                datetime.time.fromisoformat(schedule[name])


@pytest.fixture(params=list(PREFIXES))
def language(request):
    return request.param


def test_the_api_root_names_the_standard_version(client, language):
    answer = read(client, language, "/")
    assert_valid(answer, openapi_answer("/"))
    assert answer["version"] == "3.0"


def test_every_service_list_and_service_is_valid_hsds(client, language):
    listing = read(client, language, "/services")
    assert_valid(listing, openapi_answer("/services"))
    assert set(listing) >= PAGE_KEYS
    # Both demo programmes, in every language.
    assert listing["total_items"] == 2 == len(listing["contents"])

    full = read(client, language, "/services", full="true")
    assert_valid(full, openapi_answer("/services"))
    for item in full["contents"]:
        assert_valid(item, schema("service.json"))

    for item in listing["contents"]:
        service = read(client, language, f"/services/{item['id']}")
        assert_valid(service, openapi_answer("/services/{id}"))
        assert_valid(service, schema("service.json"))
        assert_dates(service)
        # What the programme page publishes is there: editions, people, offices, languages.
        assert service["schedules"] and service["contacts"] and service["service_at_locations"]
        assert {language["code"] for language in service["languages"]} == {"pl", "en", "uk"}
        assert service["funding"] and service["eligibility_description"]
        for at_location in service["service_at_locations"]:
            assert_valid(at_location, schema("service_at_location.json"))


def test_the_organization_is_valid_hsds(client, language):
    listing = read(client, language, "/organizations")
    assert_valid(listing, openapi_answer("/organizations"))
    assert listing["total_items"] == 1
    assert_valid(
        read(client, language, "/organizations", full="true"), openapi_answer("/organizations")
    )

    organization_id = listing["contents"][0]["id"]
    for params in ({}, {"full_service": "true"}):
        organization = read(client, language, f"/organizations/{organization_id}", **params)
        assert_valid(organization, openapi_answer("/organizations/{id}"))
        assert_valid(organization, schema("organization.json"))
        for location in organization["locations"]:
            assert_dates(location)
        assert organization["phones"] and organization["contacts"] and organization["locations"]
        assert len(organization["services"]) == 2
    for service in organization["services"]:
        assert_valid(service, schema("service.json"))


def test_every_service_at_location_is_valid_hsds(client, language):
    for params in ({}, {"full": "true"}):
        listing = read(client, language, "/service_at_locations", **params)
        assert_valid(listing, openapi_answer("/service_at_locations"))
        # Three teams' offices: PAL's team 2, KomPAS's teams 4 and 6.
        assert listing["total_items"] == 3
    for item in listing["contents"]:
        at_location = read(client, language, f"/service_at_locations/{item['id']}")
        # The OpenAPI describes this answer as "fully nested service_at_location" but names the
        # service's schema: the description is followed, and checked against its schema.
        assert_valid(at_location, schema("service_at_location.json"))
        assert_valid(at_location["location"], schema("location.json"))
        assert at_location["service"]["id"] == at_location["service_id"]


def test_ids_are_the_same_in_every_language(client):
    def ids(language):
        return (
            [item["id"] for item in read(client, language, "/services")["contents"]],
            [item["id"] for item in read(client, language, "/service_at_locations")["contents"]],
            [item["id"] for item in read(client, language, "/organizations")["contents"]],
        )

    assert ids("pl") == ids("en") == ids("uk")


def test_the_check_itself_refuses_what_the_standard_refuses():
    """The schemas are really applied: a service without a status, a schedule with an id that
    is no UUID, a list whose items lack names all fail."""
    service = {"id": "7d0f5c36-4b6a-4c1e-9a57-0f1f9d8e2b10", "name": "Program"}
    with pytest.raises(AssertionError, match="status"):
        assert_valid(service, openapi_answer("/services/{id}"))
    service |= {"status": "active", "schedules": [{"id": "not-a-uuid"}]}
    with pytest.raises(AssertionError, match="uuid"):
        assert_valid(service, schema("service.json"))
    with pytest.raises(AssertionError, match="name"):
        assert_valid({"contents": [{"id": service["id"]}]}, openapi_answer("/services"))
