"""A data protection officer finds one person's applications across teams, exports them for an
access request and erases them (RODO art. 15-17); coordinators cannot; every step is in the
audit log with its reason and without the search terms."""

import json

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from wagtail.models import ModelLogEntry

from enrolment import audit
from enrolment.models import (
    Application,
    ApplicationLogEntry,
    ApplicationNote,
    ApplicationStatus,
    DataRequest,
    ErasureRecord,
    Notification,
    NotificationKind,
)

from .admin_factories import another_programme
from .admin_helpers import make_application, make_coordinator, make_superuser, make_user, signed_in
from .enrolment_helpers import submit, valid_answers
from .enrolment_world import small_site

pytestmark = pytest.mark.django_db

SEARCH_URL = "/admin/data-requests/"
REASON = "wniosek o dostęp, pismo nr 12/2026 z 3 grudnia 2026"
ANSWER = "Chcę wrócić do pracy po przerwie."
NOTE = "Oddzwoniła, prosi o kontakt po 16."


@pytest.fixture(autouse=True)
def erasure_log(settings, tmp_path):
    settings.ENROLMENT_ERASURE_LOG = tmp_path / "erasures.jsonl"
    return settings.ENROLMENT_ERASURE_LOG


@pytest.fixture
def world():
    """Anna applied online to one team's programme and by phone to another team's; Jan, someone
    else, applied too."""
    site = small_site(sensitive=False)
    other = another_programme(site.programme_index)
    question = site.form.get_form_fields()[0]
    browser = Client()
    submit(
        browser,
        site.form,
        valid_answers(
            site.form,
            site.edition,
            applicant_name="Anna Kowalska",
            phone="600 123 456",
            email="Anna.Kowalska@example.org",
            **{question.clean_name: ANSWER},
        ),
    )
    online = Application.objects.get()
    ApplicationNote.objects.create(application=online, text=NOTE)
    by_phone = make_application(
        other,
        channel="phone",
        form_data={"applicant_name": "KOWALSKA  Anna", "phone": "+48 600-123-456"},
    )
    accented = make_application(
        other, form_data={"applicant_name": "Łucja Żółć", "email": "lucja@example.org"}
    )
    someone_else = make_application(
        site.edition,
        form_data={
            "applicant_name": "Jan Nowak",
            "phone": "601 000 000",
            "email": "jan@example.org",
        },
    )
    return {
        "site": site,
        "other": other,
        "question": question,
        "applicant": browser,
        "online": online,
        "by_phone": by_phone,
        "accented": accented,
        "someone_else": someone_else,
    }


def officer():
    return make_user(groups=[Group.objects.get(name="Data protection officers")])


def search(client, **terms):
    """The results page's data request, after a search with `terms` and the reason."""
    response = client.post(SEARCH_URL, {"reason": REASON, **terms})
    assert response.status_code == 302, response.content.decode()[:2000]
    return DataRequest.objects.get(pk=int(response["Location"].rstrip("/").split("/")[-1]))


def results_page(client, data_request):
    response = client.get(reverse("enrolment_data_request", args=[data_request.pk]))
    assert response.status_code == 200
    return response.content.decode()


def references(*applications):
    return {application.reference for application in applications}


def test_the_role_may_enter_the_admin_and_handle_data_requests_and_nothing_else():
    group = Group.objects.get(name="Data protection officers")
    assert {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()} == {
        "wagtailadmin.access_admin",
        "enrolment.handle_data_requests",
    }


def test_search_by_email_ignores_case_and_crosses_teams(world):
    data_request = search(signed_in(officer()), email="anna.KOWALSKA@Example.org")
    assert set(data_request.references) == references(world["online"])
    assert data_request.handled_by is not None


def test_search_by_phone_compares_digits_only_across_teams(world):
    client = signed_in(officer())
    data_request = search(client, phone="0048 600123456")
    assert set(data_request.references) == references(world["online"], world["by_phone"])
    page = results_page(client, data_request)
    # Both teams' applications, with what tells the officer whose they are.
    assert world["site"].edition.team.name in page
    assert world["other"].team.name in page
    assert world["online"].reference in page and world["by_phone"].reference in page
    assert world["someone_else"].reference not in page


def test_search_by_name_ignores_order_case_and_polish_letters(world):
    client = signed_in(officer())
    data_request = search(client, name="kowalska anna")
    assert set(data_request.references) == references(world["online"], world["by_phone"])
    data_request = search(client, name="LUCJA zolc")
    assert set(data_request.references) == references(world["accented"])


def test_a_search_needs_a_reason_and_something_to_look_for(world):
    client = signed_in(officer())
    response = client.post(SEARCH_URL, {"reason": "", "email": "jan@example.org"})
    assert response.status_code == 200
    response = client.post(SEARCH_URL, {"reason": REASON})
    assert response.status_code == 200
    assert not DataRequest.objects.exists()


def test_a_coordinator_or_an_editor_gets_403_everywhere_and_no_menu_item(world):
    data_request = search(signed_in(make_superuser()), email="anna.kowalska@example.org")
    reference = world["online"].reference
    urls = [
        SEARCH_URL,
        reverse("enrolment_data_request", args=[data_request.pk]),
        reverse("enrolment_data_request_export", args=[data_request.pk])
        + f"?reference={reference}&format=json",
        reverse("enrolment_data_request_erase", args=[data_request.pk]) + f"?reference={reference}",
    ]
    coordinator = make_coordinator(world["site"].edition.team)
    for user in (coordinator, make_user(groups=[Group.objects.get(name="Editors")])):
        client = signed_in(user)
        for url in urls:
            assert client.get(url).status_code == 403, url
        assert client.post(SEARCH_URL, {"reason": REASON, "name": "Anna"}).status_code == 403
        erase_url = reverse("enrolment_data_request_erase", args=[data_request.pk])
        assert client.post(erase_url, {"reference": reference}).status_code == 403
        assert SEARCH_URL not in client.get("/admin/").content.decode()
    assert Application.objects.get(pk=world["online"].pk).form_data
    assert DataRequest.objects.count() == 1
    assert SEARCH_URL in signed_in(officer()).get("/admin/").content.decode()


def export(client, data_request, export_format, *applications):
    url = reverse("enrolment_data_request_export", args=[data_request.pk])
    response = client.get(
        url, {"format": export_format, "reference": [a.reference for a in applications]}
    )
    assert response.status_code == 200
    return response


def test_the_access_export_holds_every_answer_with_its_question_in_html_and_json(world):
    client = signed_in(officer())
    data_request = search(client, phone="600 123 456")
    online, by_phone = world["online"], world["by_phone"]

    page = export(client, data_request, "html", online, by_phone).content.decode()
    assert page.startswith("<!DOCTYPE html>")
    for text in (
        world["question"].label,
        ANSWER,
        "Anna Kowalska",
        "Anna.Kowalska@example.org",
        "KOWALSKA  Anna",
        world["site"].programme.title,
        world["other"].programme.title,
        world["site"].edition.team.name,
        world["other"].team.name,
        NOTE,
        online.reference,
        by_phone.reference,
    ):
        assert text in page, text

    response = export(client, data_request, "json", online, by_phone)
    assert response["Content-Disposition"].startswith("attachment;")
    exported = {item["reference"]: item for item in json.loads(response.content)["applications"]}
    assert set(exported) == references(online, by_phone)
    for application in (online, by_phone):
        stored = Application.objects.get(pk=application.pk).form_data
        answers = {
            answer["key"]: answer["answer"] for answer in exported[application.reference]["answers"]
        }
        for key, value in stored.items():
            if isinstance(value, str) and value:
                assert answers[key] == value, key
    assert exported[online.reference]["notes"][0]["text"] == NOTE
    kinds = {n["kind"]["value"] for n in exported[online.reference]["notifications"]}
    assert NotificationKind.TEAM in kinds
    assert exported[by_phone.reference]["channel"]["value"] == "phone"
    assert exported[online.reference]["team"] == world["site"].edition.team.name


def test_an_export_covers_only_what_the_request_found(world):
    client = signed_in(officer())
    data_request = search(client, email="anna.kowalska@example.org")
    response = export(client, data_request, "json", world["online"], world["someone_else"])
    exported = [item["reference"] for item in json.loads(response.content)["applications"]]
    assert exported == [world["online"].reference]


def test_erasure_asks_first_then_removes_answers_notes_notifications_and_sessions(
    world, erasure_log
):
    client = signed_in(officer())
    data_request = search(client, phone="600123456")
    online, by_phone = world["online"], world["by_phone"]
    confirmation_url = world["site"].form.url + "confirmation/"
    assert online.reference in world["applicant"].get(confirmation_url).content.decode()
    erase_url = reverse("enrolment_data_request_erase", args=[data_request.pk])
    chosen = {"reference": [online.reference, by_phone.reference]}

    confirm = client.get(erase_url, chosen)
    assert confirm.status_code == 200
    assert online.reference in confirm.content.decode()
    assert Application.objects.get(pk=online.pk).form_data  # nothing erased yet

    response = client.post(erase_url, chosen)
    assert response.status_code == 302
    for application in (online, by_phone):
        stored = Application.objects.get(pk=application.pk)
        assert stored.form_data == {}
        assert stored.is_anonymised
        assert stored.submission_token is None
        assert not ApplicationNote.objects.filter(application=stored).exists()
        assert not Notification.objects.filter(application=stored).exists()
        assert ErasureRecord.objects.filter(reference=stored.reference).exists()
        # What statistics need stays.
        assert stored.team_id == application.team_id
    # The applicant's confirmation page no longer names the application.
    assert world["applicant"].get(confirmation_url).status_code == 302
    # The erasures are in the file outside the database.
    lines = [json.loads(line) for line in erasure_log.read_text().splitlines()]
    assert {line["reference"] for line in lines} == references(online, by_phone)
    # Everyone else's data stays.
    assert Application.objects.get(pk=world["someone_else"].pk).form_data["phone"] == "601 000 000"
    assert Application.objects.get(pk=world["accented"].pk).form_data


def test_an_erased_application_frees_its_place_for_the_waiting_list(world):
    edition = world["site"].edition
    edition.places = 2  # Anna's place and Jan's
    edition.save()
    waiting = make_application(edition, status=ApplicationStatus.WAITING_LIST)
    client = signed_in(officer())
    data_request = search(client, email="anna.kowalska@example.org")
    erase_url = reverse("enrolment_data_request_erase", args=[data_request.pk])
    client.post(erase_url, {"reference": world["online"].reference})
    assert Application.objects.get(pk=world["online"].pk).status == ApplicationStatus.WITHDRAWN
    assert Application.objects.get(pk=waiting.pk).status == ApplicationStatus.PLACE_OFFERED


def test_every_step_is_logged_with_its_reason_and_without_the_search_terms(world):
    client = signed_in(officer())
    terms = {"email": "anna.kowalska@example.org", "phone": "600 123 456", "name": "Anna Kowalska"}
    data_request = search(client, **terms)
    online = world["online"]
    export(client, data_request, "html", online)
    erase_url = reverse("enrolment_data_request_erase", args=[data_request.pk])
    client.post(erase_url, {"reference": online.reference})

    steps = ModelLogEntry.objects.filter(action__startswith="enrolment.data_request")
    assert set(steps.values_list("action", flat=True)) == {
        audit.DATA_REQUEST_SEARCH,
        audit.DATA_REQUEST_EXPORT,
        audit.DATA_REQUEST_ERASE,
    }
    for step in steps:
        assert step.data["reason"] == REASON
        assert online.reference in step.data["references"]
    (erased,) = ApplicationLogEntry.objects.filter(action=audit.ERASE)
    assert erased.object_id == str(online.pk)
    assert erased.data["request_reason"] == REASON
    assert erased.data["reason"] == "request"
    assert ApplicationLogEntry.objects.filter(action=audit.EXPORT, object_id=str(online.pk))

    everything = [*steps, *ApplicationLogEntry.objects.all()]
    written = " ".join(f"{entry.label} {json.dumps(entry.data)}" for entry in everything).lower()
    for term in ("anna", "kowalska", "example.org", "600", "123 456", ANSWER.lower()):
        assert term not in written, term
