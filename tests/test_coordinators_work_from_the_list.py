"""A coordinator works from the applications list: who applied, to which edition, in what state,
how and when, with a mark where the applicant said how it is safe to reach them; every column
sorts, every fact filters, the downloads sit in the header and keep the filters, an empty list
says what to do next, and nothing of another team shows anywhere on the page or in a download.
"""

import datetime
import html
import re

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import formats, timezone, translation

from enrolment.models import Application, Notification, NotificationKind

from .admin_factories import another_edition, another_programme
from .admin_helpers import (
    APPLICATIONS_URL,
    export_rows,
    make_application,
    make_coordinator,
)
from .builders import make_team
from .factories import EditionFactory, SmallSite
from .once_per_module import built_once
from .page_text import visible_text
from .test_admin_speaks_polish import set_admin_language

pytestmark = pytest.mark.django_db

SAFE_CONTACT = "Tylko SMS po 18:00, nigdy w weekend"
OTHER_NAME = "Obca Wnioskodawczyni"
OTHER_PROGRAMME = "Program Zupełnie Innego Zespołu"


def received(application, days_ago):
    when = timezone.now() - datetime.timedelta(days=days_ago)
    Application.objects.filter(pk=application.pk).update(submit_time=when)
    application.refresh_from_db()
    return application


def build_world():
    """A sensitive programme's site; three applications of one team (one of them anonymised), one
    of another team's; a coordinator of the first team who reads the admin in English."""
    site = SmallSite.build(sensitive=True)
    edition = site.edition
    offered_at = timezone.now() - datetime.timedelta(days=2)
    applications = {
        "safe": received(
            make_application(
                edition,
                form_data={
                    "applicant_name": "Zofia Abacka",
                    "phone": "600 111 222",
                    "safe_contact": SAFE_CONTACT,
                },
            ),
            days_ago=1,
        ),
        "offered": received(
            make_application(
                edition,
                form_data={"applicant_name": "Barbara Cebula", "email": "b.cebula@example.org"},
                status="place_offered",
                place_offered_at=offered_at,
                channel="phone",
            ),
            days_ago=20,
        ),
        "removed": received(
            make_application(
                edition, form_data={}, anonymised_at=timezone.now(), status="withdrawn"
            ),
            days_ago=40,
        ),
    }
    other_edition = another_programme(site.programme_index, title=OTHER_PROGRAMME)
    applications["other"] = make_application(
        other_edition,
        form_data={"applicant_name": OTHER_NAME, "safe_contact": "Obca instrukcja"},
    )
    coordinator = make_coordinator(applications["safe"].team)
    set_admin_language(coordinator, "en")
    return {"site": site, "applications": applications, "coordinator": coordinator}


kept_world, copied = built_once(build_world, name="copied")


@pytest.fixture
def site(copied):
    return copied["site"]


@pytest.fixture
def world(copied):
    return copied["applications"]


@pytest.fixture
def coordinator(copied):
    return copied["coordinator"]


@pytest.fixture
def coordinator_client(client, coordinator):
    client.force_login(coordinator)
    return client


def list_page(client, **params):
    response = client.get(APPLICATIONS_URL, params)
    assert response.status_code == 200
    return response.content.decode()


def rows(markup):
    """{reference: the row's visible text}, in the list's order (none for an empty list)."""
    if '<table class="listing"' not in markup:
        return {}
    table = markup.split('<table class="listing"', 1)[1]
    body = table.split("<tbody", 1)[1].split("</tbody>", 1)[0]
    found = {}
    for row in body.split("<tr")[1:]:
        text = visible_text("<tr" + row)
        found[text.split()[0]] = text
    return found


def listed(client, **params):
    return list(rows(list_page(client, **params)))


def references(*applications):
    return [application.reference for application in applications]


def leaks(world, markup):
    other = world["other"]
    return [
        text
        for text in (OTHER_NAME, OTHER_PROGRAMME, other.reference, other.team.short_name)
        if text in markup
    ]


# What the list shows.


def test_each_row_says_who_applied_to_which_edition_in_what_state_how_and_when(
    coordinator_client, world, site
):
    shown = rows(list_page(coordinator_client))
    assert list(shown) == references(world["safe"], world["offered"], world["removed"])
    edition = f"{site.programme.title}, edition {site.edition.number}"
    safe = shown[world["safe"].reference]
    assert "Zofia Abacka" in safe
    assert edition in safe
    assert "New" in safe
    assert "Online" in safe
    assert "Safe contact: read first" in safe
    offered = shown[world["offered"].reference]
    with translation.override("en"):
        day = formats.date_format(
            timezone.localtime(world["offered"].place_offered_at), "SHORT_DATE_FORMAT"
        )
    assert f"Place offered {day}" in offered
    assert "Phone" in offered
    assert "Safe contact" not in offered
    removed = shown[world["removed"].reference]
    assert "— (data removed)" in removed
    assert "Withdrawn" in removed


def test_the_reference_opens_the_application(coordinator_client, world):
    markup = list_page(coordinator_client)
    inspect = reverse("enrolment_application:inspect", args=[world["safe"].pk])
    assert re.search(rf'<a href="{inspect}"[^>]*>\s*{world["safe"].reference}\s*</a>', markup)


def test_the_safe_contact_mark_is_words_and_an_icon_not_a_colour(coordinator_client, world):
    markup = list_page(coordinator_client)
    cell = markup.split("Safe contact: read first", 1)[0].rsplit("<td", 1)[1]
    assert "<svg" in cell


def test_a_status_after_the_offer_still_says_when_the_place_was_offered(coordinator_client, world):
    Application.objects.filter(pk=world["offered"].pk).update(status="contacted")
    with translation.override("en"):
        day = formats.date_format(
            timezone.localtime(world["offered"].place_offered_at), "SHORT_DATE_FORMAT"
        )
    row = rows(list_page(coordinator_client))[world["offered"].reference]
    assert f"Contacted place offered on {day}" in row


def test_a_safe_contact_answer_on_a_programme_that_is_not_sensitive_gets_no_mark(
    coordinator_client, world, site
):
    site.programme.is_sensitive = False
    site.programme.save()
    assert "Safe contact: read first" not in list_page(coordinator_client)


def test_a_coordinator_of_one_team_is_not_shown_the_team_on_every_row(coordinator_client, world):
    assert (
        world["safe"].team.short_name
        not in rows(list_page(coordinator_client))[world["safe"].reference]
    )


# Sorting.


@pytest.mark.parametrize(
    "ordering, expected",
    [
        # As typed, first name first: Barbara Cebula before Zofia Abacka; no name last.
        ("applicant_name", ["offered", "safe", "removed"]),
        ("-applicant_name", ["safe", "offered", "removed"]),
        ("submit_time", ["removed", "offered", "safe"]),
        ("-submit_time", ["safe", "offered", "removed"]),
        ("status", ["safe", "offered", "removed"]),
        ("-status", ["removed", "offered", "safe"]),
        ("channel", ["safe", "removed", "offered"]),
        ("-channel", ["offered", "safe", "removed"]),
        ("-has_safe_contact", ["safe", "offered", "removed"]),
        ("has_safe_contact", ["offered", "removed", "safe"]),
    ],
)
def test_every_column_sorts_the_list(coordinator_client, world, ordering, expected):
    assert listed(coordinator_client, ordering=ordering) == references(
        *[world[key] for key in expected]
    )


def test_the_edition_column_sorts_by_programme_then_edition(coordinator, client, site, world):
    second = another_edition(site.programme, team=world["safe"].team)
    later = make_application(second, form_data={"applicant_name": "Ewa Druga"})
    client.force_login(coordinator)
    order = listed(client, ordering="programme")
    assert order.index(world["safe"].reference) < order.index(later.reference)
    order = listed(client, ordering="-programme")
    assert order.index(later.reference) < order.index(world["safe"].reference)


def test_every_column_heading_offers_to_sort(coordinator_client, world):
    markup = list_page(coordinator_client)
    for key in (
        "reference",
        "applicant_name",
        "programme",
        "status",
        "channel",
        "submit_time",
        "has_safe_contact",
        "has_undelivered_notifications",
    ):
        assert f"ordering={key}" in markup or f"ordering=-{key}" in markup, key


# Filters.


@pytest.fixture
def undelivered(world):
    return Notification.objects.create(application=world["offered"], kind=NotificationKind.TEAM)


@pytest.mark.parametrize(
    "params, expected",
    [
        ({"status": "place_offered"}, ["offered"]),
        ({"channel": "phone"}, ["offered"]),
        ({"channel": "online"}, ["safe", "removed"]),
        ({"safe_contact": "yes"}, ["safe"]),
        ({"safe_contact": "no"}, ["offered", "removed"]),
        ({"notification": "undelivered"}, ["offered"]),
        ({"notification": "delivered"}, ["safe", "removed"]),
        ({"submit_time_from": "{30 days ago}"}, ["safe", "offered"]),
        ({"submit_time_to": "{10 days ago}"}, ["offered", "removed"]),
        ({"submit_time_from": "{30 days ago}", "submit_time_to": "{10 days ago}"}, ["offered"]),
    ],
)
def test_every_fact_filters_the_list(coordinator_client, world, undelivered, params, expected):
    params = {key: _day(value) for key, value in params.items()}
    assert listed(coordinator_client, **params) == references(*[world[key] for key in expected])


def _day(value):
    if match := re.fullmatch(r"\{(\d+) days ago\}", value):
        return (timezone.localdate() - datetime.timedelta(days=int(match[1]))).isoformat()
    return value


def test_the_programme_edition_and_team_filters_narrow_the_list(coordinator, client, site, world):
    second = another_edition(site.programme, team=world["safe"].team)
    later = make_application(second, form_data={"applicant_name": "Ewa Druga"})
    client.force_login(coordinator)
    assert listed(client, edition=second.pk) == [later.reference]
    assert set(listed(client, programme=site.programme.pk)) == {
        *references(world["safe"], world["offered"], world["removed"]),
        later.reference,
    }
    assert len(listed(client, team=world["safe"].team_id)) == 4


def test_the_filters_offer_only_the_coordinators_own_programmes_and_editions(
    coordinator_client, world, site
):
    markup = list_page(coordinator_client)
    assert f"{site.programme.title}, edition {site.edition.number}" in markup
    assert not leaks(world, markup)


def test_nothing_of_another_team_shows_whatever_the_filters_sort_or_search(
    coordinator_client, world
):
    other = world["other"]
    for params in (
        {},
        {"team": other.team_id},
        {"edition": other.edition_id},
        {"programme": other.programme_id},
        {"safe_contact": "yes"},
        {"q": OTHER_NAME},
        {"q": other.reference},
        {"ordering": "applicant_name"},
    ):
        markup = list_page(coordinator_client, **params)
        if "q" in params:
            # The search box shows what the coordinator typed; the list finds nothing.
            markup = markup.replace(html.escape(params["q"]), "").replace(params["q"], "")
        assert not leaks(world, markup), params
        assert other.reference not in listed(coordinator_client, **params)


# Search.


def test_a_coordinator_finds_an_application_by_part_of_the_name_or_the_reference(
    coordinator_client, world
):
    assert listed(coordinator_client, q="cebul") == references(world["offered"])
    assert listed(coordinator_client, q=world["safe"].reference) == references(world["safe"])


# Downloads.


def export_links(markup):
    return {
        export_format: [
            html.unescape(href)
            for href in re.findall(rf'href="([^"]*export={export_format}[^"]*)"', markup)
        ]
        for export_format in ("csv", "xlsx")
    }


def test_the_downloads_sit_in_the_header_and_keep_the_filters(coordinator_client, world):
    markup = list_page(coordinator_client, status="place_offered")
    header = markup.split("<header", 1)[1].split("</header>", 1)[0]
    links = export_links(header)
    assert len(links["csv"]) == len(links["xlsx"]) == 1
    # Once, as buttons, not again under "More".
    assert markup.count("Download CSV") == markup.count("Download XLSX") == 1
    for export_format, (link,) in links.items():
        assert "status=place_offered" in link
        response = coordinator_client.get(link)
        assert response.status_code == 200
        assert response["Content-Disposition"].endswith(f'.{export_format}"')


@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
def test_a_download_names_the_applicant_and_the_channel_and_holds_only_the_teams_rows(
    coordinator_client, world, export_format
):
    heading, *data = export_rows(coordinator_client, export_format)
    by_reference = {row[0]: dict(zip(heading, row, strict=True)) for row in data}
    assert set(by_reference) == set(references(world["safe"], world["offered"], world["removed"]))
    assert by_reference[world["offered"].reference]["Name"] == "Barbara Cebula"
    assert by_reference[world["offered"].reference]["Channel"] == "Phone"
    assert by_reference[world["safe"].reference]["Channel"] == "Online"
    assert heading.count("Name") == 1
    flat = repr(data)
    assert OTHER_NAME not in flat and OTHER_PROGRAMME not in flat


def test_a_coordinator_without_the_export_permission_sees_no_download(coordinator_client, world):
    team = world["safe"].team
    team.refresh_from_db()
    team.coordinators_group.permissions.remove(
        Permission.objects.get(codename="export_application")
    )
    markup = list_page(coordinator_client)
    assert world["safe"].reference in markup
    assert export_links(markup) == {"csv": [], "xlsx": []}
    assert "Download CSV" not in markup


# Empty lists.


@pytest.fixture
def lonely_team(site):
    return make_team()


def coordinator_of(team, client):
    user = make_coordinator(team)
    set_admin_language(user, "en")
    client.force_login(user)
    return client


def test_a_team_without_applications_is_told_where_they_come_from_and_whose_enrolment_is_open(
    client, site, lonely_team
):
    edition = EditionFactory(programme=site.programme, responsible_person__team=lonely_team)
    text = visible_text(list_page(coordinator_of(lonely_team, client)))
    assert "Your teams have no applications yet." in text
    assert (
        "Applications sent through the website and those you record by phone or in person appear"
        in text
    )
    with translation.override("en"):
        until = formats.date_format(edition.enrolment_closes_on, "DATE_FORMAT")
    assert f"{site.programme.title}, edition {edition.number}: until {until}" in text
    assert "There are no" not in text


def test_a_team_whose_enrolment_opens_later_is_told_the_day(client, site, lonely_team):
    opens = timezone.localdate() + datetime.timedelta(days=12)
    edition = EditionFactory(
        programme=site.programme,
        responsible_person__team=lonely_team,
        enrolment_opens_on=opens,
        enrolment_closes_on=opens + datetime.timedelta(days=20),
    )
    text = visible_text(list_page(coordinator_of(lonely_team, client)))
    with translation.override("en"):
        day = formats.date_format(opens, "DATE_FORMAT")
    assert f"Enrolment to {site.programme.title}, edition {edition.number} opens on {day}." in text


def test_a_team_with_no_enrolment_ahead_is_told_who_sets_the_dates(client, site, lonely_team):
    EditionFactory(
        programme=site.programme,
        responsible_person__team=lonely_team,
        enrolment_opens_on=None,
        enrolment_closes_on=None,
    )
    text = visible_text(list_page(coordinator_of(lonely_team, client)))
    assert (
        "None of your teams' editions takes applications now: editors set the enrolment dates "
        "on the programme page." in text
    )


def test_a_filter_that_matches_nothing_offers_to_clear_the_filters(coordinator_client, world):
    markup = list_page(coordinator_client, status="rejected")
    assert "No application matches these filters." in visible_text(markup)
    assert re.search(rf'<a href="{APPLICATIONS_URL}">\s*Clear the filters\s*</a>', markup)
    assert "There are no" not in markup


def test_a_search_that_matches_nothing_offers_to_clear_the_search(coordinator_client, world):
    markup = list_page(coordinator_client, q="Nikt Taki")
    assert "No application matches “Nikt Taki”." in visible_text(markup)
    assert re.search(rf'<a href="{APPLICATIONS_URL}">\s*Clear the search\s*</a>', markup)


# The number of queries.


def test_the_list_costs_the_same_queries_for_three_rows_as_for_thirty(
    coordinator_client, world, site
):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            list_page(coordinator_client)
        return len(captured)

    few = queries()
    for number in range(27):
        application = make_application(
            site.edition,
            form_data={"applicant_name": f"Osoba {number}", "safe_contact": "SMS"},
            status="place_offered" if number % 2 else "new",
            place_offered_at=timezone.now() if number % 2 else None,
        )
        Notification.objects.create(application=application, kind=NotificationKind.TEAM)
    assert len(rows(list_page(coordinator_client))) == 30
    assert queries() == few


# In Polish, as coordinators use the admin.


def test_an_empty_list_in_polish_says_what_comes_next(client, site, lonely_team):
    edition = EditionFactory(programme=site.programme, responsible_person__team=lonely_team)
    user = make_coordinator(lonely_team)
    set_admin_language(user, "pl")
    client.force_login(user)
    text = visible_text(list_page(client))
    with translation.override("pl"):
        until = formats.date_format(edition.enrolment_closes_on, "DATE_FORMAT")
    assert "Do Twoich zespołów nie wpłynęło jeszcze żadne zgłoszenie." in text
    assert "Pojawią się tu zgłoszenia wysłane przez stronę internetową" in text
    assert f"Nabór trwa teraz: {site.programme.title}, edycja {edition.number}: do {until}" in text
    assert "zgłoszenia to display" not in text and "There are no" not in text


def test_the_list_in_polish_names_its_columns_and_the_empty_filter_result(
    client, coordinator, world
):
    set_admin_language(coordinator, "pl")
    client.force_login(coordinator)
    text = visible_text(list_page(client))
    for heading in ("Imię i nazwisko", "Program i edycja", "Sposób zgłoszenia", "Data wpływu"):
        assert heading in text
    assert "Bezpieczny kontakt: przeczytaj najpierw" in text
    assert "Pobierz CSV" in text and "Pobierz XLSX" in text
    text = visible_text(list_page(client, status="rejected"))
    assert "Żadne zgłoszenie nie spełnia tych warunków filtrowania. Wyczyść filtry" in text


# The detail view.


def inspect_text(client, application):
    response = client.get(reverse("enrolment_application:inspect", args=[application.pk]))
    assert response.status_code == 200
    main = response.content.decode().split("<main", 1)[1]
    return visible_text(main)


def test_the_detail_view_leads_with_the_safe_contact_instructions_then_who_to_reach(
    coordinator_client, world
):
    text = inspect_text(coordinator_client, world["safe"])
    box = text.index("Safe contact: read before you call or write")
    instructions = text.index(SAFE_CONTACT)
    name = text.index("Zofia Abacka")
    phone = text.index("600 111 222")
    reference = text.index("Reference number")
    assert box < instructions < name < phone < reference
    # Said once, first: not again among the answers.
    assert text.count(SAFE_CONTACT) == 1


def test_the_detail_view_warns_when_a_sensitive_programmes_applicant_gave_no_instructions(
    coordinator_client, world
):
    text = inspect_text(coordinator_client, world["offered"])
    assert text.index("Safe contact: read before you call or write") < text.index("Barbara Cebula")
    assert "The applicant gave no instructions." in text


def test_the_detail_view_of_another_programme_has_no_safe_contact_box(
    coordinator_client, world, site
):
    site.programme.is_sensitive = False
    site.programme.save()
    text = inspect_text(coordinator_client, world["offered"])
    assert "Safe contact" not in text
    assert text.index("Barbara Cebula") < text.index("Reference number")
    assert "b.cebula@example.org" in text


def test_the_detail_view_of_an_anonymised_application_shows_no_contact(coordinator_client, world):
    text = inspect_text(coordinator_client, world["removed"])
    assert "Safe contact" not in text
    assert "personal data was removed" in text
