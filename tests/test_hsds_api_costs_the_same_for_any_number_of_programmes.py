"""A directory polls the HSDS API for every programme: answering costs the database the same few
queries whether the centre publishes one programme or many (their editions, enrolment forms,
partners and languages are each read once for all of them)."""

import pytest

from bench.counting import counting

from .builders import make_programme
from .factories import EnrolmentFormPageFactory, InstitutionFactory, SmallSite, publish

pytestmark = pytest.mark.django_db

LISTS = [
    "/api/hsds/services?full=true",
    "/api/hsds/organizations?full=true&full_service=true",
    "/api/hsds/service_at_locations?full=true",
]


def warm_cost(client, path):
    for _ in range(2):  # the site's own parts (institution, contact points) are kept after this
        assert client.get(path).status_code == 200
    with counting() as cost:
        response = client.get(path)
    assert response.status_code == 200
    return cost.query_count, response.json()


def services_in(answer):
    """How many programmes (services) the answer names."""
    ids = set()
    for item in answer["contents"]:
        if "services" in item:  # an organization, with its services
            ids.update(service["id"] for service in item["services"])
        elif "service" in item:  # a service at a location (one per team running it)
            ids.add(item["service"]["id"])
        else:
            ids.add(item["id"])
    return len(ids)


@pytest.mark.parametrize("path", LISTS)
def test_a_list_reads_as_much_after_three_more_programmes(client, path):
    site = SmallSite.build()
    InstitutionFactory()
    queries_before, answer = warm_cost(client, path)
    services_before = services_in(answer)

    for _ in range(3):
        programme = make_programme(site.programme_index, editions=2, partners=2, support_forms=1)
        publish(EnrolmentFormPageFactory(parent=programme))
    queries_after, answer = warm_cost(client, path)

    assert services_in(answer) == services_before + 3
    assert queries_after == queries_before
