"""A directory polls the HSDS API for every programme: answering costs the database the same few
queries whether the centre publishes one programme or many (their editions, enrolment forms,
partners and languages are each read once for all of them)."""

import pytest
from wagtail.models import PageViewRestriction

from bench.counting import counting

from .builders import make_programme
from .factories import EnrolmentFormPageFactory, InstitutionFactory, SmallSite, publish
from .update_builders import make_update

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


def test_each_service_names_its_own_form_never_an_update_nor_a_closed_form(client):
    """Read for all programmes at once, each form still belongs to its programme: the first
    live child a reader may open that is not an update, as the programme page finds it."""
    site = SmallSite.build()
    with_update_first = make_programme(site.programme_index)
    update = make_update(with_update_first)
    its_form = publish(EnrolmentFormPageFactory(parent=with_update_first))
    closed = make_programme(site.programme_index)
    closed_form = publish(EnrolmentFormPageFactory(parent=closed))
    PageViewRestriction.objects.create(
        page=closed_form, restriction_type=PageViewRestriction.PASSWORD, password="tajne"
    )

    answer = client.get("/api/hsds/services?full=true").json()
    processes = {
        service["name"]: service.get("application_process", "") for service in answer["contents"]
    }

    assert f"/{site.form.slug}/" in processes[site.programme.title]
    assert f"/{its_form.slug}/" in processes[with_update_first.title]
    assert update.slug not in processes[with_update_first.title]
    assert closed_form.slug not in processes[closed.title]
    forms = [site.form.slug, its_form.slug]
    assert sum(slug in text for text in processes.values() for slug in forms) == 2
